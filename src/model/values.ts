/** Reading one cell by its column's value kind (R5, R6, R7). */
import type { CatalogCode } from '../rules/catalog.js';
import type { ColumnDef, ValueKind } from '../templates/types.js';
import type { CellState } from './types.js';

export interface CellProblem {
    code: CatalogCode;
    params: Record<string, string | number>;
}

export interface ParsedCell {
    state: CellState;
    value?: number;
    /** A parenthesised note after the number, as written without its parentheses: 12（其中修订3件） → 其中修订3件. */
    note?: string;
    problems: CellProblem[];
}

export const kindNames: Record<ValueKind, string> = {
    count: '非负整数',
    signed: '整数（可写 +n、-n）',
    amount: '不小于 0 的金额',
};

const DASH = /^[-－—–−]+$/;
const SLASH = /^[/／]$/;
const COUNT = /^\d+$/;
const SIGNED = /^([+\-−]|增|减)?\s*(\d+)$/;
const AMOUNT = /^(\d+(?:\.(\d+))?)\s*(万元|万|元)?$/;
/** A number followed by a counting word (12件): read as the number, with a warning. */
const COUNTING_WORD = /^(\d+)\s*(件|条|个|次|项|起|人|份|家|宗|例|笔)$/;
/** A value followed by a note in parentheses, full- or half-width: 12（其中修订3件）, 40(含自然失效9件). */
const ANNOTATED = /^(.*?\S)\s*[（(]([^()（）]*\S[^()（）]*)[）)]$/;

/**
 * The largest value a cell may hold (12 digits): far above any real count or amount in 万元, and low
 * enough that every sum of up to 9,000 cells is still an exact integer in a double (below 2^53), so a
 * total is never rounded. A larger number is an invalid value (R5), not a silently rounded one.
 */
export const MAX_CELL_VALUE = 999_999_999_999;
const PLAIN_COUNT = /^[0-9]{1,12}$/;
const NO_PROBLEMS: CellProblem[] = [];

/** A cell's text as a message quotes it: up to 80 characters as written, a longer one cut to 40. */
function quoted(raw: string): string {
    if (raw.length <= 80) return raw;
    const points = [...raw];
    return points.length <= 80 ? raw : `${points.slice(0, 40).join('')}…（共 ${points.length} 个字符）`;
}

/** Sums of cells (amounts: 万元 to the fen, six decimals) without binary noise; integers stay exact. */
export function roundSum(value: number): number {
    return Number.isInteger(value) ? value : Math.round(value * 1e6) / 1e6;
}

export function parseCell(raw: string, column: ColumnDef): ParsedCell {
    if (column.kind !== 'amount' && PLAIN_COUNT.test(raw)) return { state: 'number', value: Number(raw), problems: NO_PROBLEMS };
    const text = raw.normalize('NFKC').trim();
    if (text === '') return { state: 'blank', value: 0, problems: NO_PROBLEMS };
    if (DASH.test(text)) return { state: 'dash', value: 0, problems: NO_PROBLEMS };
    if (SLASH.test(text)) return { state: 'slash', value: 0, problems: NO_PROBLEMS };
    const annotated = ANNOTATED.exec(raw.trim());
    if (annotated) {
        // The value before the note is read as a cell of its own; the note is kept as written.
        const inner = parseValue(annotated[1], annotated[1].normalize('NFKC').trim(), column);
        if (inner.state === 'number') return { ...inner, note: annotated[2].trim() };
        return inner.problems[0]?.params.limit !== undefined ? inner : invalid(raw, column);
    }
    return parseValue(raw, text, column);
}

function invalid(raw: string, column: ColumnDef, tooLarge = false): ParsedCell {
    const params: Record<string, string | number> = { column: column.short ?? column.label, kind: kindNames[column.kind], text: quoted(raw) };
    if (tooLarge) params.limit = MAX_CELL_VALUE;
    return { state: 'invalid', problems: [{ code: 'xxgk/value-kind', params }] };
}

function parseValue(raw: string, text: string, column: ColumnDef): ParsedCell {
    const name = column.short ?? column.label;
    switch (column.kind) {
        case 'count': {
            let digits = text;
            let problems = NO_PROBLEMS;
            if (!COUNT.test(text)) {
                const word = COUNTING_WORD.exec(text);
                if (!word) return invalid(raw, column);
                digits = word[1];
                problems = [{ code: 'xxgk/value-suffix', params: { column: name, text: quoted(raw), value: word[1], word: word[2] } }];
            }
            const value = Number(digits);
            return value <= MAX_CELL_VALUE ? { state: 'number', value, problems } : invalid(raw, column, true);
        }
        case 'signed': {
            const m = SIGNED.exec(text);
            if (!m) return invalid(raw, column);
            const negative = m[1] === '-' || m[1] === '−' || m[1] === '减';
            const value = Number(m[2]);
            if (!(value <= MAX_CELL_VALUE)) return invalid(raw, column, true);
            return { state: 'number', value: negative ? -value : value, problems: NO_PROBLEMS };
        }
        case 'amount': {
            const m = AMOUNT.exec(text);
            if (!m) return invalid(raw, column);
            const value = Number(m[1]);
            if (!(value <= MAX_CELL_VALUE)) return invalid(raw, column, true);
            const problems: CellProblem[] = [];
            const decimals = m[2]?.length ?? 0;
            if (column.maxDecimals !== undefined && decimals > column.maxDecimals) {
                problems.push({ code: 'xxgk/amount-decimals', params: { column: name, max: column.maxDecimals, text: raw, decimals } });
            }
            if (m[3] === '元' && column.unit === '万元') {
                problems.push({ code: 'xxgk/amount-unit', params: { column: name, text: raw, converted: formatAmount(value / 10000) } });
            } else if (column.suspiciousFrom !== undefined && value >= column.suspiciousFrom) {
                problems.push({ code: 'xxgk/amount-unit', params: { column: name, text: raw, hint: `${raw} 万元数额偏大，疑似按元填写` } });
            }
            return { state: 'number', value, problems };
        }
    }
}

/** An amount without binary noise and without trailing zeros (up to six decimals: 万元 to the fen). */
export function formatAmount(value: number): string {
    return String(Math.round(value * 1e6) / 1e6);
}
