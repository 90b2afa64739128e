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

const PLAIN_COUNT = /^[0-9]{1,15}$/;
const NO_PROBLEMS: CellProblem[] = [];

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
        return invalid(raw, column);
    }
    return parseValue(raw, text, column);
}

function invalid(raw: string, column: ColumnDef): ParsedCell {
    return {
        state: 'invalid',
        problems: [{ code: 'xxgk/value-kind', params: { column: column.short ?? column.label, kind: kindNames[column.kind], text: raw } }],
    };
}

function parseValue(raw: string, text: string, column: ColumnDef): ParsedCell {
    const name = column.short ?? column.label;
    switch (column.kind) {
        case 'count': {
            if (COUNT.test(text)) return { state: 'number', value: Number(text), problems: NO_PROBLEMS };
            const word = COUNTING_WORD.exec(text);
            if (word) {
                return { state: 'number', value: Number(word[1]), problems: [{ code: 'xxgk/value-suffix', params: { column: name, text: raw, value: word[1], word: word[2] } }] };
            }
            return invalid(raw, column);
        }
        case 'signed': {
            const m = SIGNED.exec(text);
            if (!m) return invalid(raw, column);
            const negative = m[1] === '-' || m[1] === '−' || m[1] === '减';
            return { state: 'number', value: negative ? -Number(m[2]) : Number(m[2]), problems: NO_PROBLEMS };
        }
        case 'amount': {
            const m = AMOUNT.exec(text);
            if (!m) return invalid(raw, column);
            const value = Number(m[1]);
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
