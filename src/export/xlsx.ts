/**
 * The view model as an Excel workbook (exceljs): one sheet per table laid out as printed (merged
 * headers, group rows, 四 as one row of 15 cells), header rows frozen, column widths counted in
 * display width (a CJK character is two), numbers as numbers (shown as written through their number
 * format: decimals, a sign, a note such as 12（其中修订3件）), blank cells empty and 「-」「/」 as text, and
 * every total as a formula with its cached value — also a total the report left blank, and a blank the
 * checks read as another value than 0 holds that value: both marked with a note. A 核对 sheet holds the other relations (一 + 二 = 三（七）+ 四 …) as formulas, so the
 * workbook keeps checking itself when someone edits it.
 */
import ExcelJS from 'exceljs';
import type { ReportView, ViewCell, ViewCheck, ViewTable, ViewTotal } from '../render/view-model.js';
import { displayWidth } from '../util/text.js';
import { exportStrings as S } from './strings.js';
import { placeCells } from './table-widths.js';

export const TABLE_FONT = { name: '宋体', size: 10.5 } as const;
const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export async function exportXlsx(view: ReportView): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'xxgk';
    wb.title = view.title.text;
    wb.subject = view.format.citation;
    if (view.agency) wb.company = view.agency;
    wb.calcProperties.fullCalcOnLoad = true;

    const addressOf = new Map<string, { sheet: string; address: string; value: number }>();
    const checks: { check: ViewCheck; table: ViewTable }[] = [];
    const usedNames = new Set<string>();
    for (const section of view.sections) {
        for (const block of section.blocks) {
            if (block.kind !== 'table') continue;
            const name = sheetName(`${section.numeral} ${block.name}`, usedNames);
            // Row 1: the section heading (a table of 二 prints its caption in its own first header row).
            writeTable(wb, name, section.heading, block, addressOf);
            for (const check of block.checks) checks.push({ check, table: block });
            // A cell can hold one formula: a second total on the same cell (（七）总计 in the 总计 column) is checked instead.
            const seen = new Set<string>();
            for (const total of block.totals) {
                if (!seen.has(total.target)) seen.add(total.target);
                else checks.push({ check: { code: total.code, title: total.title, at: total.at, lhs: [total.target], op: '=', rhs: total.terms }, table: block });
            }
        }
    }
    if (checks.length) writeChecks(wb, sheetName(S.checksSheet, usedNames), checks, addressOf);
    return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sheetName(wanted: string, used: Set<string>): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, '').slice(0, 31).trim() || 'Sheet';
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base.slice(0, 28)}(${i})`;
    used.add(name);
    return name;
}

function quoteSheet(name: string): string {
    return `'${name.replace(/'/g, "''")}'`;
}

function writeTable(wb: ExcelJS.Workbook, name: string, heading: string, t: ViewTable,
    addressOf: Map<string, { sheet: string; address: string; value: number }>): void {
    const ws = wb.addWorksheet(name, {
        views: [{ state: 'frozen', xSplit: t.labelColumns, ySplit: 1 + t.head.length }],
        pageSetup: { paperSize: 9, orientation: t.columnCount > 10 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    placeTable(ws, heading, t, addressOf);
}

/**
 * A table laid out on a sheet as printed, its heading in the first row, from column `left + 1`
 * (a comparison puts two years' tables side by side); `key` tells tables of the same id apart in
 * `addressOf` (default: the table's id). `decorate` may add to each value cell (a comparison's change).
 */
export function placeTable(ws: ExcelJS.Worksheet, heading: string, t: ViewTable,
    addressOf: Map<string, { sheet: string; address: string; value: number }>,
    { left = 0, key = t.id, decorate }: { left?: number; key?: string; decorate?: (cell: ExcelJS.Cell, c: ViewCell) => void } = {}): void {
    const top = 2; // row 1: the heading
    const name = ws.name;
    ws.getCell(1, left + 1).value = heading;
    ws.getCell(1, left + 1).font = { name: '黑体', size: 12 };
    if (t.columnCount > 1) ws.mergeCells(1, left + 1, 1, left + t.columnCount);

    const head = placeCells(t.head, t.columnCount).map(p => ({ ...p, row: p.row + top, col: p.col + left }));
    const body = placeCells(t.body, t.columnCount).map(p => ({ ...p, row: p.row + top + t.head.length, col: p.col + left }));
    const cellsByRef = new Map<string, ViewCell>();
    for (const p of body) {
        if (p.cell.ref) {
            cellsByRef.set(p.cell.ref, p.cell);
            const value = determinedBlank(p.cell) ?? p.cell.value ?? 0;
            addressOf.set(p.cell.ref + '@' + key, { sheet: name, address: ws.getCell(p.row, p.col + 1).address, value });
        }
    }
    const totals = new Map<string, ViewTotal>();
    for (const total of t.totals) if (!totals.has(total.target)) totals.set(total.target, total);
    const widths = new Array(left + t.columnCount).fill(4);
    for (const p of [...head, ...body]) {
        const c = p.cell;
        const cell = ws.getCell(p.row, p.col + 1);
        const total = c.ref ? totals.get(c.ref) : undefined;
        if (total) {
            // Every total is a formula, also one the report left blank (so the totals built on it keep working).
            const terms = total.terms.map(ref => addressOf.get(ref + '@' + key)!);
            const result = Math.round(terms.reduce((s, a) => s + a.value, 0) * 1e6) / 1e6;
            cell.value = { formula: sumFormula(terms.map(a => a.address)), result };
            addressOf.get(c.ref + '@' + key)!.value = result;
            if (c.state === 'number' && c.value !== result) {
                cell.note = S.reportedWas(c.text, String(result));
                cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE0DC' } };
            } else if (c.state === 'number' && c.note !== undefined) {
                cell.note = S.annotated(String(c.value), c.note);
            } else if (c.state !== 'number' && c.state !== 'absent') {
                cell.note = S.reportedBlank(c.text, String(result));
                cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF5CC' } };
            }
        } else if (c.kind === 'value') {
            // As written: a number stays a number (summed by the formulas), a blank stays empty, 「-」「/」 stay text —
            // except a blank the checks read as another value than 0: that value, marked, so the formulas agree with the checks.
            const determined = determinedBlank(c);
            cell.value = determined ?? (c.state === 'number' ? c.value! : c.text || null);
            if (determined !== undefined) {
                cell.note = S.blankDetermined(c.text, String(determined));
                cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF5CC' } };
            }
        } else {
            cell.value = c.text;
        }
        cell.font = c.kind === 'caption' ? { ...TABLE_FONT, bold: true } : TABLE_FONT;
        cell.alignment = { vertical: 'middle', horizontal: c.kind === 'label' ? 'left' : 'center', wrapText: true };
        if (c.kind === 'caption') cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
        if (c.kind === 'value' && c.state === 'number' && !total) {
            const format = numberFormat(c.text, c.valueKind === 'amount');
            if (format) cell.numFmt = format;
            if (c.note !== undefined) cell.note = S.annotated(String(c.value), c.note);
        }
        if (c.kind === 'value') decorate?.(cell, c);
        const rs = c.rowSpan ?? 1;
        const cs = c.colSpan ?? 1;
        if (rs > 1 || cs > 1) ws.mergeCells(p.row, p.col + 1, p.row + rs - 1, p.col + cs);
        // Borders on every cell the merge covers, so the merged cell is boxed in every viewer.
        for (let r = p.row; r < p.row + rs; r++) for (let k = p.col; k < p.col + cs; k++) ws.getCell(r, k + 1).border = BORDER;
        if (cs === 1) {
            const cap = c.kind === 'label' ? 40 : c.kind === 'value' ? 16 : 12;
            widths[p.col] = Math.max(widths[p.col], Math.min(displayWidth(c.text), cap));
        }
    }
    widths.forEach((w, i) => {
        if (i >= left) ws.getColumn(i + 1).width = w + 2;
    });
}

/** The value the checks read for a cell that states no number, when it is not 0 (a rule determined it). */
function determinedBlank(c: ViewCell): number | undefined {
    const placeholder = c.state === 'blank' || c.state === 'dash' || c.state === 'slash' || c.state === 'missing';
    return placeholder && c.computed ? c.computed : undefined;
}

/**
 * A number format that shows a number cell as written while it stays a number: the decimals written
 * (75.9260, 8316.204517), and what stands around the digits as literal text — a sign or 增/减, a
 * unit, an annotation: 12（其中修订3件） is the number 12 shown as 「12（其中修订3件）」.
 */
export function numberFormat(text: string, amount: boolean): string | undefined {
    const m = /^([^0-9０-９]*)([0-9０-９]+(?:[.．]([0-9０-９]+))?)([\s\S]*)$/.exec(text.trim());
    if (!m) return undefined;
    const [, prefix, , decimals, suffix] = m;
    const digits = decimals ? `0.${'0'.repeat(decimals.length)}` : '0';
    if (!prefix && !suffix) return amount || decimals ? digits : undefined;
    const literal = (s: string) => (s ? `"${s.replace(/"/g, '＂')}"` : '');
    const section = `${literal(prefix)}${digits}${literal(suffix)}`;
    // The same section for negative numbers (shown without Excel's own minus: the prefix says it).
    return `${section};${section}`;
}

/** SUM over some cells, with runs of adjacent cells in one column or row written as ranges. */
export function sumFormula(addresses: readonly string[]): string {
    const parsed = addresses.map(a => {
        const m = /^([A-Z]+)(\d+)$/.exec(a)!;
        return { col: m[1], row: Number(m[2]), colNo: colNumber(m[1]) };
    });
    const parts: string[] = [];
    for (let i = 0; i < parsed.length;) {
        let j = i;
        while (j + 1 < parsed.length && parsed[j + 1].col === parsed[i].col && parsed[j + 1].row === parsed[j].row + 1) j++;
        if (j === i) {
            while (j + 1 < parsed.length && parsed[j + 1].row === parsed[i].row && parsed[j + 1].colNo === parsed[j].colNo + 1) j++;
        }
        const a = parsed[i];
        const b = parsed[j];
        parts.push(i === j ? `${a.col}${a.row}` : `${a.col}${a.row}:${b.col}${b.row}`);
        i = j + 1;
    }
    return `SUM(${parts.join(',')})`;
}

function colNumber(col: string): number {
    return [...col].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

function writeChecks(wb: ExcelJS.Workbook, name: string, checks: { check: ViewCheck; table: ViewTable }[],
    addressOf: Map<string, { sheet: string; address: string; value: number }>): void {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow([...S.checksHeader]);
    ws.getRow(1).font = { ...TABLE_FONT, bold: true };
    checks.forEach(({ check, table }, i) => {
        const r = i + 2;
        const side = (refs: readonly string[]) => {
            const cells = refs.map(ref => addressOf.get(ref + '@' + table.id)!);
            const bySheet = cells.map(c => `${quoteSheet(c.sheet)}!${c.address}`);
            return { formula: `SUM(${bySheet.join(',')})`, result: Math.round(cells.reduce((s, c) => s + c.value, 0) * 1e6) / 1e6 };
        };
        const lhs = side(check.lhs);
        const rhs = side(check.rhs);
        const holds = check.op === '=' ? lhs.result === rhs.result : check.op === '>=' ? lhs.result >= rhs.result : lhs.result <= rhs.result;
        const row = ws.getRow(r);
        row.getCell(1).value = check.title;
        row.getCell(2).value = `${table.name}：${check.at}`;
        row.getCell(3).value = lhs;
        row.getCell(4).value = check.op;
        row.getCell(5).value = rhs;
        row.getCell(6).value = { formula: `IF(C${r}${check.op}E${r},"${S.checkHolds}","${S.checkFails}")`, result: holds ? S.checkHolds : S.checkFails };
        row.font = TABLE_FONT;
    });
    [24, 36, 10, 6, 10, 10].forEach((w, i) => {
        ws.getColumn(i + 1).width = w;
    });
}
