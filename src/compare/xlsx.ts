/**
 * The comparison as an Excel workbook: one sheet per table with last year's table and this year's
 * side by side, laid out as printed by the report's writer (src/export/xlsx.ts placeTable: merged
 * headers, totals as formulas); each of this year's changed cells carries a note with last year's
 * value and the change, spikes filled orange. The sheet 变化 lists every changed cell as numbers,
 * with a filter, so it sorts by the change or the ratio.
 */
import ExcelJS from 'exceljs';
import { placeTable, sheetName, TABLE_FONT } from '../export/xlsx.js';
import { renderStrings as R } from '../render/strings.js';
import type { ViewTable } from '../render/view-model.js';
import { tablesOf, type CompareView } from './view.js';
import { compareStrings as S } from './strings.js';

const SPIKE_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFFFE0B2' } };

export async function exportCompareXlsx(view: CompareView): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'xxgk';
    wb.title = view.title;
    wb.calcProperties.fullCalcOnLoad = true;
    const used = new Set<string>();
    const lastTables = tablesOf(view.last);
    const thisTables = tablesOf(view.this);
    const addressOf = new Map<string, { sheet: string; address: string; value: number }>();
    for (const t of view.tables) {
        const before = lastTables.get(t.id)?.table;
        const after = thisTables.get(t.id)?.table;
        const heads = [before, after].filter((x): x is ViewTable => Boolean(x)).map(x => x.head.length);
        const ws = wb.addWorksheet(sheetName(`${t.numeral} ${t.name}`, used), {
            views: [{ state: 'frozen', ySplit: 1 + Math.max(...heads) }],
            pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
        });
        let left = 0;
        if (before) {
            placeTable(ws, `${S.yearHeading(view.lastYear, 'last')}　${t.heading}`, before, addressOf, { key: `last:${t.id}` });
            left = before.columnCount + 1;
        }
        if (after) {
            placeTable(ws, `${S.yearHeading(view.year, 'this')}　${t.heading}`, after, addressOf, {
                left, key: `this:${t.id}`,
                decorate: (cell, c) => {
                    if (!c.change || c.change.delta === '0') return;
                    const ratio = c.change.ratio !== undefined ? ` ${R.ratio(c.change.ratio)}` : '';
                    const spike = c.change.spike ? `；${R.spike[c.change.spike]}` : '';
                    cell.note = `${S.lastYearWas(view.lastYear, String(c.change.last))}；${c.change.delta}${ratio}${spike}`;
                    if (c.change.spike) cell.fill = SPIKE_FILL;
                },
            });
        }
    }
    writeChanges(wb, sheetName(S.changesSheet, used), view);
    return Buffer.from(await wb.xlsx.writeBuffer());
}

function writeChanges(wb: ExcelJS.Workbook, name: string, view: CompareView): void {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...S.changesHeader]);
    ws.getRow(1).font = { ...TABLE_FONT, bold: true };
    for (const c of view.changes) {
        const row = ws.addRow([c.tableName, c.row, c.column, c.last, c.this, Number(c.delta), c.ratio ?? null, c.spike ? R.spike[c.spike] : null]);
        row.font = TABLE_FONT;
        row.getCell(7).numFmt = '0.00';
        if (c.spike) row.getCell(8).fill = SPIKE_FILL;
    }
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, view.changes.length + 1), column: S.changesHeader.length } };
    [28, 36, 14, 8, 8, 8, 8, 8].forEach((w, i) => {
        ws.getColumn(i + 1).width = w;
    });
}
