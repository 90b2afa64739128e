/**
 * R21, the publication deadline (条例第四十九条): a report for year Y is published by 31 January of
 * Y+1, or by 31 March when it is the own report of a county-level-or-higher people's government —
 * which one is data of the 机关层级 (src/templates/levels.ts, `publishBy`). A local rule may set an
 * earlier date (the setting xxgk.validation.deadline, `xxgk check --deadline`).
 *
 * `deadlineFor` is pure and knows no report: the county office's view of who filed late uses it too.
 */
import { formatDate, parseDate } from '../model/meta-values.js';
import type { DateValue, Finding, ReportModel, Span } from '../model/types.js';
import { levels, type LevelDef } from '../templates/levels.js';
import { fillTemplate } from '../util/text.js';
import { catalogEntry, type CatalogCode } from './catalog.js';

/** A local deadline: a day of the year after the report year (MM-DD), or one fixed date for every report. */
export type DeadlineOverride = { kind: 'day'; month: number; day: number } | { kind: 'date'; date: DateValue };

/** The statutory deadline of a report without 机关层级: the latest one (a government's own report). */
const LATEST = levels.reduce((latest, l) => (l.publishBy > latest ? l.publishBy : latest), '01-31');

/** `MM-DD` (or `M月D日`) or a date `YYYY-MM-DD`; undefined when the text is neither. */
export function parseDeadline(text: string): DeadlineOverride | undefined {
    const t = text.normalize('NFKC').trim();
    const md = /^(\d{1,2})\s*(?:-|\/|\.|月)\s*(\d{1,2})\s*日?$/.exec(t);
    if (md) {
        const month = Number(md[1]);
        const day = Number(md[2]);
        // Valid in a leap year (02-29 is then the 28th in the others: see dayIn).
        const probe = new Date(Date.UTC(2024, month - 1, day));
        return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day ? { kind: 'day', month, day } : undefined;
    }
    const date = parseDate(t);
    return date && { kind: 'date', date };
}

export function formatDeadline(override: DeadlineOverride): string {
    return override.kind === 'date' ? formatDate(override.date) : `${String(override.month).padStart(2, '0')}-${String(override.day).padStart(2, '0')}`;
}

export interface Deadline {
    /** The last day the report may be published. */
    date: DateValue;
    /** Why: the 机关层级's statutory deadline, the latest statutory one (no level), or a local rule. */
    basis: 'level' | 'latest' | 'local';
    level?: LevelDef;
}

/** The day `month-day` in `year`; 02-29 is the 28th outside leap years. */
function dayIn(year: number, month: number, day: number): DateValue {
    const d = new Date(Date.UTC(year, month - 1, day));
    return d.getUTCMonth() === month - 1 ? { year, month, day } : { year, month, day: day - 1 };
}

/** The deadline of the report of `year` written by an agency of `level` (undefined: not declared). */
export function deadlineFor(level: LevelDef | undefined, year: number, override?: DeadlineOverride): Deadline {
    if (override?.kind === 'date') return { date: override.date, basis: 'local', level };
    if (override) return { date: dayIn(year + 1, override.month, override.day), basis: 'local', level };
    const [month, day] = (level?.publishBy ?? LATEST).split('-').map(Number);
    return { date: dayIn(year + 1, month, day), basis: level ? 'level' : 'latest', level };
}

const compare = (a: DateValue, b: DateValue) => a.year - b.year || a.month - b.month || a.day - b.day;

function basisText(deadline: Deadline, levelText: string | undefined): string {
    const date = `${deadline.date.month} 月 ${deadline.date.day} 日`;
    switch (deadline.basis) {
        case 'local': return '本地规定的期限';
        case 'latest': return `未声明机关层级，按最晚的法定期限（县级以上人民政府的年度报告，次年 ${date}前）`;
        case 'level': return deadline.level!.publishBy === LATEST
            ? `机关层级「${levelText}」：县级以上人民政府的年度报告于次年 ${date}前公布（条例第四十九条）`
            : `机关层级「${levelText}」：于次年 ${date}前公布（条例第四十九条）`;
    }
}

/** R21 on a report: late, before the year ended, or no 发布日期 to check. */
export function evaluateDeadline(model: ReportModel, override?: DeadlineOverride): Finding[] {
    const year = model.meta.year?.value;
    if (year === undefined) return [];
    const entry = model.meta.published;
    const deadline = deadlineFor(model.meta.level?.value, year, override);
    const basis = basisText(deadline, model.meta.level?.text);
    const finding = (code: CatalogCode, span: Span, params: Record<string, unknown>): Finding[] => {
        const def = catalogEntry(code);
        return [{
            code, severity: def.severity, rule: def.domainRule, span, message: fillTemplate(def.message, params),
            data: { code, deadline: formatDate(deadline.date), basis: deadline.basis },
        }];
    };
    if (!entry) {
        const firstBreak = model.text.search(/\r?\n/);
        return finding('xxgk/published-missing', { start: 0, end: firstBreak < 0 ? model.text.length : firstBreak }, { deadline: formatDate(deadline.date), basis });
    }
    const date = entry.value;
    if (!date) return []; // an unreadable date has its own finding
    if (compare(date, { year, month: 12, day: 31 }) <= 0) {
        return finding('xxgk/published-early', entry.valueSpan, { date: formatDate(date), year });
    }
    if (compare(date, deadline.date) > 0) {
        return finding('xxgk/published-late', entry.valueSpan, { date: formatDate(date), deadline: formatDate(deadline.date), basis });
    }
    return [];
}
