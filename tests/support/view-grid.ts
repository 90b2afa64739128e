/** The tables of a report's view model as source grids (the HTML model both share), to compare with a reader's. */
import type { ReportView, ViewTable } from '../../src/render/view-model.js';
import { expandGrid, type SourceTable } from '../../src/import/source.js';

export function viewTables(view: ReportView): ViewTable[] {
    return view.sections.flatMap(s => s.blocks.filter((b): b is ViewTable => b.kind === 'table'));
}

export function asSource(table: ViewTable): SourceTable {
    return {
        kind: 'table', at: {},
        rows: [...table.head, ...table.body].map(row => row.map(c => ({ text: c.text, rowSpan: c.rowSpan ?? 1, colSpan: c.colSpan ?? 1, at: {} }))),
    };
}

/** Each grid position as `text` plus where its cell starts (so merged cells must match too). */
export function gridShape(table: SourceTable): string[][] {
    const grid = expandGrid(table);
    return grid.map((row, r) => row.map((cell, c) => {
        let r0 = r, c0 = c;
        while (r0 > 0 && grid[r0 - 1][c] === cell) r0--;
        while (c0 > 0 && grid[r][c0 - 1] === cell) c0--;
        return r0 === r && c0 === c ? cell.text.replace(/\s+/g, '') : `↖${r - r0},${c - c0}`;
    }));
}
