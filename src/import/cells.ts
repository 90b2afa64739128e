/**
 * Where a row's printed values go when the copy lost the cell boundaries or some cells.
 *
 * A reading is taken only when it is the only one the table's own equalities allow (the
 * template's `linear` rules with `=` that hold within one row: 总计 = 六类申请人之和, 四 总计 = 四种结果之和);
 * otherwise the cells are unreadable. Nothing here guesses: every candidate reading is enumerated
 * and kept or rejected by the rules.
 */
import type { ColumnDef, LinearRuleDef, TableDef, TemplateDef } from '../templates/types.js';

/** A value as the candidate reading would place it; undefined = blank. */
export type Slot = string | undefined;

/** The row equalities of a table: lists of column ids, `lhs = rhs` sums. */
export interface RowEquality {
    lhs: readonly string[];
    rhs: readonly string[];
}

export function rowEqualities(template: TemplateDef, table: TableDef): RowEquality[] {
    return template.rules
        .filter((r): r is LinearRuleDef => r.kind === 'linear' && r.table === table.id && r.each === 'row' && r.op === '=')
        .map(r => ({ lhs: r.lhs, rhs: r.rhs }));
}

const NUMBER = /^[+\-]?\d+(?:\.\d+)?$/;

function numeric(text: Slot): number | undefined {
    if (text === undefined || text === '') return 0;
    const t = text.normalize('NFKC').replace(/[,，\s]/g, '').replace(/^增/, '+').replace(/^减/, '-').replace(/[−－]/, '-')
        .replace(/(?:万元|万|元|件|个|条|项)$/, '').replace(/[（(].*[)）]$/, '');
    if (/^[-—–/\\]+$/.test(t)) return 0;
    return NUMBER.test(t) ? Number(t) : undefined;
}

/** Whether a reading satisfies every row equality (cells that are not numbers make a rule unknowable: it passes). */
export function satisfies(columns: readonly ColumnDef[], values: readonly Slot[], rules: readonly RowEquality[]): boolean {
    const byId = new Map<string, number | undefined>();
    columns.forEach((c, i) => byId.set(c.id, numeric(values[i])));
    for (const rule of rules) {
        const terms = [...rule.lhs, ...rule.rhs];
        if (terms.some(t => !byId.has(t) || byId.get(t) === undefined)) continue;
        const sum = (ids: readonly string[]) => ids.reduce((s, id) => s + byId.get(id)!, 0);
        if (Math.abs(sum(rule.lhs) - sum(rule.rhs)) > 1e-9) return false;
    }
    return true;
}

/** How many ways to choose k of n (bounded: only small tables reach here). */
function choose(n: number, k: number): number {
    let r = 1;
    for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
    return r;
}

/**
 * Every order-preserving placement of `slots` into `n` columns (the others blank), as arrays of n.
 * Undefined when there would be too many to enumerate.
 */
export function placements(slots: readonly Slot[], n: number, limit = 50_000): Slot[][] | undefined {
    const k = slots.length;
    if (k > n) return [];
    if (choose(n, k) > limit) return undefined;
    const out: Slot[][] = [];
    const pick: number[] = [];
    const walk = (from: number) => {
        if (pick.length === k) {
            const row: Slot[] = new Array(n).fill(undefined);
            pick.forEach((col, i) => (row[col] = slots[i]));
            out.push(row);
            return;
        }
        for (let c = from; c <= n - (k - pick.length); c++) {
            pick.push(c);
            walk(c + 1);
            pick.pop();
        }
    };
    walk(0);
    return out;
}

/**
 * Every way to cut a run of digits glued together into `columns.length` values that each read as
 * their column's kind (no leading zeros, a sign only where the column is signed, one decimal point
 * only in amounts). Undefined when there are too many to enumerate.
 */
export function splits(run: string, columns: readonly ColumnDef[], limit = 100_000): string[][] | undefined {
    const out: string[][] = [];
    let count = 0;
    const parts: string[] = [];
    const valid = (piece: string, column: ColumnDef): boolean => {
        let body = piece;
        if (column.kind === 'signed' && /^[+\-]/.test(body)) body = body.slice(1);
        if (!body) return false;
        if (column.kind === 'amount') {
            if (!/^\d+(?:\.\d+)?$/.test(body)) return false;
            const int = body.split('.')[0];
            return int === '0' || !int.startsWith('0');
        }
        return /^\d+$/.test(body) && (body === '0' || !body.startsWith('0'));
    };
    const walk = (at: number, col: number): boolean => {
        if (col === columns.length) {
            if (at === run.length) {
                out.push([...parts]);
                if (++count > limit) return false;
            }
            return true;
        }
        const left = columns.length - col;
        for (let end = at + 1; end <= run.length - (left - 1); end++) {
            const piece = run.slice(at, end);
            if (!valid(piece, columns[col])) {
                // A longer piece of a count with a leading zero is no better: stop early.
                if (piece.length > 1 && piece.startsWith('0') && columns[col].kind === 'count') break;
                continue;
            }
            parts.push(piece);
            const ok = walk(end, col + 1);
            parts.pop();
            if (!ok) return false;
        }
        return true;
    };
    return walk(0, 0) ? out : undefined;
}
