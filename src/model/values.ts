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
    problems: CellProblem[];
}

export const kindNames: Record<ValueKind, string> = {
    count: '非负整数',
    signed: '整数（可写 +n、-n）',
    amount: '不小于 0 的金额',
};

const DASH = /^[-－—–−]+$/;
const COUNT = /^\d+$/;
const SIGNED = /^([+\-−]|增|减)?\s*(\d+)$/;
const AMOUNT = /^(\d+(?:\.(\d+))?)\s*(万元|万|元)?$/;

const PLAIN_COUNT = /^[0-9]{1,15}$/;
const NO_PROBLEMS: CellProblem[] = [];

export function parseCell(raw: string, column: ColumnDef): ParsedCell {
    if (column.kind !== 'amount' && PLAIN_COUNT.test(raw)) return { state: 'number', value: Number(raw), problems: NO_PROBLEMS };
    const text = raw.normalize('NFKC').trim();
    if (text === '') return { state: 'blank', value: 0, problems: NO_PROBLEMS };
    if (DASH.test(text)) return { state: 'dash', value: 0, problems: NO_PROBLEMS };
    const invalid = (): ParsedCell => ({
        state: 'invalid',
        problems: [{ code: 'xxgk/value-kind', params: { column: column.short ?? column.label, kind: kindNames[column.kind], text: raw } }],
    });
    switch (column.kind) {
        case 'count':
            return COUNT.test(text) ? { state: 'number', value: Number(text), problems: NO_PROBLEMS } : invalid();
        case 'signed': {
            const m = SIGNED.exec(text);
            if (!m) return invalid();
            const negative = m[1] === '-' || m[1] === '−' || m[1] === '减';
            return { state: 'number', value: negative ? -Number(m[2]) : Number(m[2]), problems: NO_PROBLEMS };
        }
        case 'amount': {
            const m = AMOUNT.exec(text);
            if (!m) return invalid();
            const value = Number(m[1]);
            const problems: CellProblem[] = [];
            const name = column.short ?? column.label;
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

/** An amount with at most four decimals and no trailing zeros. */
export function formatAmount(value: number): string {
    return String(Math.round(value * 10000) / 10000);
}
