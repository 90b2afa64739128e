/**
 * The whole-area comparison as an Excel sheet: a unit per row, each figure's two years and change as
 * numbers (shares as percentages), headings merged over their three columns, a filter on the second
 * heading row so Excel sorts by any column, the first column and the headings frozen.
 */
import ExcelJS from 'exceljs';
import { TABLE_FONT } from '../export/xlsx.js';
import type { AreaView } from './area.js';
import { compareStrings as S } from './strings.js';

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function exportAreaXlsx(view: AreaView): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'xxgk';
    wb.title = S.areaTitle(view.year);
    const ws = wb.addWorksheet(S.areaSheet, { views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }] });
    const columns = 1 + view.metrics.length * 3;
    ws.getCell(1, 1).value = S.unit;
    ws.mergeCells(1, 1, 2, 1);
    view.metrics.forEach((m, i) => {
        const col = 2 + i * 3;
        ws.getCell(1, col).value = m.label;
        ws.getCell(1, col).note = m.doc;
        ws.mergeCells(1, col, 1, col + 2);
        ws.getCell(2, col).value = Number(S.areaLast(view.year));
        ws.getCell(2, col + 1).value = Number(S.areaThis(view.year));
        ws.getCell(2, col + 2).value = S.areaChange;
    });
    view.units.forEach((u, r) => {
        const row = ws.getRow(3 + r);
        row.getCell(1).value = u.agency;
        view.metrics.forEach((m, i) => {
            const share = view.shares.includes(m.id);
            const f = u.figures[m.id];
            const col = 2 + i * 3;
            const put = (offset: number, value: number | undefined, missing: boolean, format: string) => {
                const cell = row.getCell(col + offset);
                cell.value = value ?? (missing ? S.missing : null);
                if (value !== undefined) cell.numFmt = format;
            };
            put(0, f.last, !u.lastPath, share ? '0.0%' : '0');
            put(1, f.this, !u.thisPath, share ? '0.0%' : '0');
            put(2, f.change, false, share ? '+0.0%;-0.0%;0.0%' : '+0;-0;0');
        });
    });
    for (let r = 1; r <= 2 + view.units.length; r++) {
        for (let c = 1; c <= columns; c++) {
            const cell = ws.getCell(r, c);
            cell.font = r <= 2 ? { ...TABLE_FONT, bold: true } : TABLE_FONT;
            cell.border = BORDER;
            cell.alignment = { vertical: 'middle', horizontal: c === 1 ? 'left' : r <= 2 ? 'center' : 'right' };
        }
    }
    ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + view.units.length, column: columns } };
    ws.getColumn(1).width = 30;
    for (let c = 2; c <= columns; c++) ws.getColumn(c).width = 10;
    return Buffer.from(await wb.xlsx.writeBuffer());
}
