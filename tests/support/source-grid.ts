/**
 * Finding values in the table grids a reader produced, by printed labels: the value cell whose
 * row (the cells left of it) or column headers hold every part of the row label, and whose column
 * headers hold the column label. Used to check readers against truth files listed by label.
 */
import { expandGrid, type SourceCell, type SourceDocument, type SourceTable } from '../../src/import/source.js';

/** Labels compared without spaces, with full-width and half-width forms alike. */
export function labelKey(s: string): string {
    return s.normalize('NFKC').replace(/\s+/g, '');
}

const isValue = (text: string) => /^-?\d+(\.\d+)?$/.test(text.trim());

export function tablesOf(doc: SourceDocument): SourceTable[] {
    return doc.blocks.filter((b): b is SourceTable => b.kind === 'table');
}

/** The header rows above row r: the rows without values directly above r's block of value rows. */
function headerRows(grid: SourceCell[][], r: number): number[] {
    const numeric = (i: number) => grid[i].some(c => isValue(c.text));
    let i = r - 1;
    while (i >= 0 && numeric(i)) i--;
    const rows: number[] = [];
    while (i >= 0 && !numeric(i)) rows.push(i--);
    return rows;
}

export interface Found {
    cell: SourceCell;
    row: number;
    column: number;
}

/** Every value cell of `table` at row label `rowParts` × column label `column`. */
export function findValue(table: SourceTable, rowParts: string[], column: string): Found[] {
    const grid = expandGrid(table);
    const out: Found[] = [];
    const want = rowParts.map(labelKey), col = labelKey(column);
    grid.forEach((row, r) => row.forEach((cell, c) => {
        if (!isValue(cell.text) || row.indexOf(cell) !== c) return;
        const heads = new Set(headerRows(grid, r).map(h => labelKey(grid[h][c]?.text ?? '')));
        const left = new Set(row.slice(0, c).map(x => labelKey(x.text)));
        if (!heads.has(col)) return;
        if (want.every(p => left.has(p) || heads.has(p))) out.push({ cell, row: r, column: c });
    }));
    return out;
}
