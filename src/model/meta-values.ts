/** Reading the values of 年度, 发布日期 and 统计期限 in the ways reports write them. */
import type { DateValue } from './types.js';

const YEAR = /^(\d{4})\s*(?:年度?)?$/;
const DATE = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?/y;
const MONTH_DAY = /(\d{1,2})\s*月\s*(\d{1,2})\s*日?/y;
const RANGE_SEPARATOR = /\s*(?:至|到|~|～|—+|–|-|－)\s*/y;

export function parseYear(text: string): number | undefined {
    const m = YEAR.exec(text.normalize('NFKC').trim());
    const year = m ? Number(m[1]) : NaN;
    return year >= 2008 && year <= 2100 ? year : undefined;
}

function readDate(text: string, at: number, defaultYear?: number): { date: DateValue; end: number } | undefined {
    DATE.lastIndex = at;
    const m = DATE.exec(text);
    if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]), DATE.lastIndex);
    if (defaultYear === undefined) return undefined;
    MONTH_DAY.lastIndex = at;
    const md = MONTH_DAY.exec(text);
    return md ? validDate(defaultYear, Number(md[1]), Number(md[2]), MONTH_DAY.lastIndex) : undefined;
}

function validDate(year: number, month: number, day: number, end: number) {
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
    return { date: { year, month, day }, end };
}

export function parseDate(text: string): DateValue | undefined {
    const t = text.normalize('NFKC').trim();
    const r = readDate(t, 0);
    return r && r.end === t.length ? r.date : undefined;
}

/** "2024-01-01 至 2024-12-31", "2024年1月1日至12月31日", … */
export function parsePeriod(text: string): { from: DateValue; to: DateValue } | undefined {
    const t = text.normalize('NFKC').trim();
    const from = readDate(t, 0);
    if (!from) return undefined;
    RANGE_SEPARATOR.lastIndex = from.end;
    if (!RANGE_SEPARATOR.exec(t)) return undefined;
    const to = readDate(t, RANGE_SEPARATOR.lastIndex, from.date.year);
    return to && to.end === t.length ? { from: from.date, to: to.date } : undefined;
}

export function formatDate(date: DateValue): string {
    return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
