/**
 * Column widths of a printed table, shared by the PDF, DOCX and XLSX exports: value columns get an
 * equal share; label columns split the rest by the widest label each holds alone (group columns,
 * whose labels may wrap, are kept narrow). Text width is estimated by display width (a CJK
 * character is one em, a Latin one half).
 */
import type { ViewCell, ViewTable } from '../render/view-model.js';
import { displayWidth } from '../util/text.js';

export interface PlacedCell {
    cell: ViewCell;
    row: number;
    col: number;
}

/** Every cell of some grid rows with the grid row and column it starts at. */
export function placeCells(rows: readonly ViewCell[][], columns: number): PlacedCell[] {
    const taken: boolean[][] = rows.map(() => new Array(columns).fill(false));
    const out: PlacedCell[] = [];
    rows.forEach((row, r) => {
        let col = 0;
        for (const cell of row) {
            while (col < columns && taken[r][col]) col++;
            const rs = cell.rowSpan ?? 1;
            const cs = cell.colSpan ?? 1;
            for (let i = r; i < Math.min(rows.length, r + rs); i++) for (let j = col; j < Math.min(columns, col + cs); j++) taken[i][j] = true;
            out.push({ cell, row: r, col });
            col += cs;
        }
    });
    return out;
}

/** Ems a text takes on one line (CJK characters 1, Latin 0.5). */
export function ems(text: string): number {
    return displayWidth(text) / 2;
}

/** Widths (in the unit of `total`) of the table's grid columns. `em` is one character in that unit. */
export function columnWidths(table: ViewTable, total: number, em: number): number[] {
    const n = table.columnCount;
    const labels = table.labelColumns;
    const values = n - labels;
    if (!labels) return new Array(n).fill(total / n);
    const share = labels > 1 ? 0.5 : 0.6;
    const valueWidth = Math.max(2.8 * em, Math.min(11 * em, (total * share) / values));
    const labelTotal = total - valueWidth * values;
    const natural = new Array(labels).fill(3 * em);
    for (const p of placeCells(table.body, n)) {
        if (p.cell.kind !== 'label' || (p.cell.colSpan ?? 1) !== 1 || p.col >= labels) continue;
        // Outer label columns hold group names, which may wrap; the last one holds the rows' own labels.
        const cap = p.col === labels - 1 ? 14 : 5;
        natural[p.col] = Math.max(natural[p.col], Math.min(ems(p.cell.text), cap) * em);
    }
    const sum = natural.reduce((a, b) => a + b, 0);
    return [...natural.map(w => (w / sum) * labelTotal), ...new Array(values).fill(valueWidth)];
}
