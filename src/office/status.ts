/**
 * Who has filed (报送情况) for a year: every unit of the registry with its status, grouped under its
 * parent, with counts; the reports no unit claims; the units whose report repeats last year's
 * (内容雷同); and the daily count of filings up to the deadline (most units file in the last days).
 *
 * One pure function, `computeStatus`, for the CLI (`xxgk status`) and the language server (the
 * 「年报报送情况」 view). It reads filings (filing.ts), never reports.
 */
import { formatDate } from '../model/meta-values.js';
import type { DateValue } from '../model/types.js';
import { dateOfDay, dayNumber, deadlineOf, nationalDeadline, type DeadlineFn } from './deadline.js';
import type { Filing } from './filing.js';
import { FilingIndex } from './filings.js';
import { levelOf, type Unit, type UnitMatch, type UnitRegistry } from './registry.js';
import { MIN_COMPARED_LENGTH, similarity } from './similarity.js';

export type StatusCode = 'filed' | 'filed-empty' | 'late' | 'missing' | 'exempt';

export const STATUS_LABELS: Readonly<Record<StatusCode, string>> = {
    filed: '已报送', 'filed-empty': '已报送（空表）', late: '逾期', missing: '未报送', exempt: '无需报送',
};

export const STATUS_ORDER: readonly StatusCode[] = ['filed', 'filed-empty', 'late', 'missing', 'exempt'];

export interface StatusCounts extends Record<StatusCode, number> {
    /** Units counted. */
    total: number;
    /** Units that must file (total − exempt). */
    required: number;
}

export interface UnitStatus {
    id: string;
    name: string;
    parentId?: string;
    /** 0 for a unit without a parent. */
    depth: number;
    /** 机关层级 as written in the registry's vocabulary (部门, 县, …), from the registry or the report. */
    level?: string;
    status: StatusCode;
    label: string;
    /** YYYY-MM-DD; for units that must file. */
    deadline?: string;
    /** The report's 发布日期, YYYY-MM-DD. */
    published?: string;
    /** Days after the deadline (逾期). */
    daysLate?: number;
    /** The report that counts (a path or uri). */
    source?: string;
    errors?: number;
    warnings?: number;
    /** Similarity (0–1) of the prose with the unit's report of the year before. */
    similarity?: number;
    /** At or above the threshold, or the tables identical with non-zero values. */
    similar?: 'prose' | 'tables';
    previousSource?: string;
    /** Remarks in Chinese: why 无需报送, an undated report, other reports of the same unit … */
    notes: string[];
    /** Counts over the unit's direct children, when it has any. */
    children?: StatusCounts;
}

export interface UnmatchedFiling {
    source: string;
    agency?: string;
    unitId?: string;
    year?: number;
    kind: Exclude<UnitMatch, { kind: 'unit' }>['kind'];
    candidates: { id: string; name: string }[];
}

export interface SimilarFiling {
    id: string;
    name: string;
    kind: 'prose' | 'tables';
    /** 1 for identical tables. */
    similarity: number;
    source: string;
    previousSource: string;
}

export interface DailyCount {
    date: string;
    /** Filings published that day. */
    filed: number;
    cumulative: number;
}

export interface FilingCurve {
    from: string;
    to: string;
    /** Units that must file. */
    required: number;
    /** The deadlines of those units, each once, ascending. */
    deadlines: string[];
    days: DailyCount[];
    /** Filings without a 发布日期 (counted as filed, not on the curve). */
    undated: number;
}

export interface StatusReport {
    schema: 'xxgk-status/1';
    year: number;
    asOf?: string;
    /** The similarity threshold used (0–1). */
    threshold: number;
    counts: StatusCounts;
    /** Every unit of the registry, parents before children, siblings in registry order. */
    units: UnitStatus[];
    unmatched: UnmatchedFiling[];
    similar: SimilarFiling[];
    curve: FilingCurve;
}

export interface StatusOptions {
    year: number;
    /** The state on this day: reports published later are not yet filed. */
    asOf?: DateValue;
    /** The national deadline by level (the registry's 截止日期 overrides it). */
    deadline?: DeadlineFn;
    /** 内容雷同 at or above this similarity (0–1); default 0.9. */
    threshold?: number;
}

export const DEFAULT_SIMILARITY_THRESHOLD = 0.9;

export function emptyCounts(): StatusCounts {
    return { total: 0, required: 0, filed: 0, 'filed-empty': 0, late: 0, missing: 0, exempt: 0 };
}

function count(counts: StatusCounts, status: StatusCode): void {
    counts.total++;
    counts[status]++;
    if (status !== 'exempt') counts.required++;
}

/** The similarity of a filing with the unit's filing of the year before, if they can be compared. */
export function compareWithLastYear(current: Filing, previous: Filing | undefined, threshold: number):
    { similarity?: number; similar?: 'prose' | 'tables' } {
    if (!previous) return {};
    const out: { similarity?: number; similar?: 'prose' | 'tables' } = {};
    if (current.prose.length >= MIN_COMPARED_LENGTH && previous.prose.length >= MIN_COMPARED_LENGTH) {
        out.similarity = Math.round(similarity(current.prose, previous.prose) * 1000) / 1000;
        if (out.similarity >= threshold) out.similar = 'prose';
    }
    if (!out.similar && current.tables !== undefined && current.tables === previous.tables) out.similar = 'tables';
    return out;
}

export function computeStatus(registry: UnitRegistry, filings: readonly Filing[] | FilingIndex, options: StatusOptions): StatusReport {
    const { year } = options;
    const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
    const national = options.deadline ?? nationalDeadline;
    const index = filings instanceof FilingIndex ? filings : new FilingIndex(registry, filings);
    const asOf = options.asOf ? dayNumber(options.asOf) : undefined;
    const counts = emptyCounts();
    const units: UnitStatus[] = [];
    const similar: SimilarFiling[] = [];
    const byId = new Map<string, UnitStatus>();
    /** Filed units' days of publication (undefined: undated), for the curve. */
    const filedDays: (number | undefined)[] = [];
    const deadlines = new Set<number>();

    for (const { unit, depth } of registry.tree()) {
        const filing = index.get(unit, year);
        const level = unit.level ?? levelOf(filing?.level);
        const row: UnitStatus = { id: unit.id, name: unit.name, depth, status: 'missing', label: '', notes: [] };
        if (unit.parentId !== undefined) row.parentId = unit.parentId;
        if (level) row.level = level.label;
        const others = index.all(unit, year).slice(1);
        if (others.length) row.notes.push(`另有报告：${others.map(f => f.source).join('、')}`);
        if (filing) {
            row.source = filing.source;
            row.errors = filing.errors;
            row.warnings = filing.warnings;
            if (filing.published) row.published = formatDate(filing.published);
        }
        if (!registry.mustFileIn(unit, year)) {
            row.status = 'exempt';
            row.notes.unshift(exemptReason(unit, year));
            if (filing) row.notes.push('但有报告');
        } else {
            const deadline = deadlineOf(level === unit.level ? unit : { ...unit, level }, year, national);
            const due = dayNumber(deadline);
            deadlines.add(due);
            row.deadline = formatDate(deadline);
            const day = filing?.published ? dayNumber(filing.published) : undefined;
            if (!filing || (asOf !== undefined && day !== undefined && day > asOf)) {
                row.status = 'missing';
                if (filing) row.notes.push(`报告的发布日期 ${row.published} 晚于 ${formatDate(options.asOf!)}`);
                if (asOf !== undefined && asOf > due) row.notes.push(`已过截止日期 ${asOf - due} 天`);
            } else {
                filedDays.push(day);
                if (day === undefined) row.notes.push('报告没有写发布日期，无法判断是否逾期');
                if (day !== undefined && day > due) {
                    row.status = 'late';
                    row.daysLate = day - due;
                    row.notes.push(`逾期 ${row.daysLate} 天`);
                    if (filing.empty) row.notes.push('各表均为空或 0');
                } else {
                    row.status = filing.empty ? 'filed-empty' : 'filed';
                }
            }
        }
        if (filing) {
            const previous = index.get(unit, year - 1);
            const compared = compareWithLastYear(filing, previous, threshold);
            if (compared.similarity !== undefined) row.similarity = compared.similarity;
            if (compared.similar && previous) {
                row.similar = compared.similar;
                row.previousSource = previous.source;
                row.notes.push(compared.similar === 'prose'
                    ? `内容雷同：正文与上年报告相似度 ${percent(compared.similarity!)}%`
                    : '内容雷同：各表数字与上年报告完全相同');
                similar.push({
                    id: unit.id, name: unit.name, kind: compared.similar, similarity: compared.similar === 'prose' ? compared.similarity! : 1,
                    source: filing.source, previousSource: previous.source,
                });
            }
        }
        row.label = STATUS_LABELS[row.status];
        count(counts, row.status);
        units.push(row);
        byId.set(unit.id, row);
    }
    for (const row of units) {
        if (row.parentId === undefined) continue;
        const parent = byId.get(row.parentId)!;
        count(parent.children ??= emptyCounts(), row.status);
    }
    const unmatched: UnmatchedFiling[] = index.unmatched(year).map(({ filing, match }) => {
        const out: UnmatchedFiling = {
            source: filing.source, kind: match.kind,
            candidates: 'candidates' in match ? match.candidates.map(u => ({ id: u.id, name: u.name })) : [],
        };
        if (filing.agency !== undefined) out.agency = filing.agency;
        if (filing.unitId !== undefined) out.unitId = filing.unitId;
        if (filing.year !== undefined) out.year = filing.year;
        return out;
    });
    const report: StatusReport = {
        schema: 'xxgk-status/1', year, threshold, counts, units, unmatched, similar,
        curve: filingCurve(year, filedDays, [...deadlines].sort((a, b) => a - b), counts.required, asOf),
    };
    if (options.asOf) report.asOf = formatDate(options.asOf);
    return report;
}

function exemptReason(unit: Unit, year: number): string {
    if (unit.from !== undefined && year < unit.from) return `${unit.from} 年度起设立`;
    if (unit.to !== undefined && year > unit.to) return `${unit.to} 年度后撤销`;
    return '名单注明无需报送';
}

export function percent(ratio: number): string {
    return (Math.floor(ratio * 1000 + 1e-9) / 10).toFixed(1).replace(/\.0$/, '');
}

/** Longest curve shown: two years of days. */
const MAX_CURVE_DAYS = 731;

function filingCurve(year: number, filedDays: readonly (number | undefined)[], deadlines: number[], required: number, asOf?: number): FilingCurve {
    const dated = filedDays.filter((d): d is number => d !== undefined);
    const yearEnd = dayNumber({ year: year + 1, month: 1, day: 1 });
    let from = Math.min(yearEnd, ...dated);
    let to = asOf ?? Math.max(deadlines.at(-1) ?? yearEnd, ...dated);
    if (to - from + 1 > MAX_CURVE_DAYS) from = to - MAX_CURVE_DAYS + 1;
    if (to < from) to = from - 1; // as of a day before any filing: no days
    const perDay = new Map<number, number>();
    for (const d of dated) perDay.set(d, (perDay.get(d) ?? 0) + 1);
    let cumulative = dated.filter(d => d < from).length;
    const days: DailyCount[] = [];
    for (let d = from; d <= to; d++) {
        const filed = perDay.get(d) ?? 0;
        cumulative += filed;
        days.push({ date: formatDate(dateOfDay(d)), filed, cumulative });
    }
    return {
        from: formatDate(dateOfDay(from)), to: formatDate(dateOfDay(Math.max(from, to))), required,
        deadlines: deadlines.map(d => formatDate(dateOfDay(d))), days, undated: filedDays.length - dated.length,
    };
}
