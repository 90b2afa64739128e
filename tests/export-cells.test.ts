/**
 * Cells are printed as written in the preview and every export (issue 8 §1, §4): a blank prints
 * blank, 「-」「—」「/」「／」 print as written, an annotated number prints with its note and still
 * counts as its number, an amount keeps its decimals. DOCX, XLSX and PDF are written to files and
 * read back (JSZip, exceljs, pdf.js with xxgk's fallback font: no system font needed); the HTML is the renderer's.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { renderExport, writeExport } from '../src/export/export.js';
import { findFonts } from '../src/export/fonts.js';
import { numberFormat } from '../src/export/xlsx.js';
import { renderPage, renderPreviewContent } from '../src/render/html.js';
import { fixturesDir, read } from './support/helpers.js';
import { readPdf } from './support/pdf.js';
import { cellByRef, tableOf, viewOf } from './support/view.js';

const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = read(path.join(fixturesDir, 'export', 'as-written.xxgk'));
const view = viewOf(text);

/** The cells as written, by ref. */
const asWritten: Record<string, Record<string, string>> = {
    item1: {
        'rules.issued': '/', 'rules.repealed': '／', 'rules.inForce': '/',
        'normative.issued': '12（其中修订3件）', 'normative.repealed': '—', 'normative.inForce': '40(含自然失效9件)',
    },
    item6: { 'penalty.decisions': '-' },
    item8: { 'fees.amount': '8316.204517' },
    applications: { 'disclosed.person': '80（含当场答复12件）', 'partly.business': '', 'prohibited.total': '' },
    review: { 'adminReview.otherOutcome': '-', 'adminReview.pending': '／', 'directSuit.total': '', 'suitAfterReview.corrected': '' },
};

describe('the view model', () => {
    it('keeps blank, -, —, /, ／ and annotated numbers apart, as written', () => {
        for (const [table, cells] of Object.entries(asWritten)) {
            for (const [ref, written] of Object.entries(cells)) expect(cellByRef(tableOf(view, table), ref).text, ref).toBe(written);
        }
        const item1 = tableOf(view, 'item1');
        expect(cellByRef(item1, 'rules.issued')).toMatchObject({ state: 'slash', value: 0 });
        expect(cellByRef(item1, 'normative.repealed')).toMatchObject({ state: 'dash', value: 0 });
        expect(cellByRef(item1, 'normative.issued')).toMatchObject({ state: 'number', value: 12, note: '其中修订3件' });
        expect(cellByRef(tableOf(view, 'applications'), 'partly.business')).toMatchObject({ state: 'blank', value: 0, computed: 4 });
        expect(cellByRef(tableOf(view, 'review'), 'directSuit.total')).toMatchObject({ state: 'missing', computed: 1 });
    });
});

describe('HTML (preview and export)', () => {
    it('prints each cell as written; an annotated number says how it counts on hover', () => {
        for (const html of [renderPage(view, { preview: false }), renderPreviewContent(view)]) {
            for (const [, cells] of Object.entries(asWritten)) {
                for (const [ref, written] of Object.entries(cells)) {
                    const m = new RegExp(`<td [^>]*data-ref="${ref}"[^>]*>([^<]*)`).exec(html);
                    expect(m?.[1], ref).toBe(written.replace(/&/g, '&amp;'));
                }
            }
            expect(html).toMatch(/<td [^>]*title="按 12 计入合计；括号内为注释：其中修订3件[^"]*"[^>]*data-ref="normative\.issued"/);
        }
    });
});

describe('DOCX', () => {
    it('prints each cell as written, a blank cell without any text', async () => {
        const file = path.join(dir, 'cells.docx');
        writeExport(file, await renderExport(view, 'docx'));
        const xml = await (await JSZip.loadAsync(readFileSync(file))).file('word/document.xml')!.async('string');
        // Each table row as the texts of its cells.
        const rows = [...xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(tr => [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)]
            .map(tc => [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(t => t[1]).join('')));
        const row = (label: string) => rows.find(r => r[0] === label || r.includes(label))!;
        expect(row('规章')).toEqual(['规章', '/', '／', '/']);
        expect(row('行政规范性文件')).toEqual(['行政规范性文件', '12（其中修订3件）', '—', '40(含自然失效9件)']);
        expect(row('行政处罚')).toEqual(['行政处罚', '-']);
        expect(row('行政事业性收费')).toEqual(['行政事业性收费', '8316.204517']);
        expect(row('（二）部分公开（区分处理的，只计这一情形，不计其他情形）').slice(-7)).toEqual(['90', '', '0', '0', '2', '0', '96']);
        expect(row('2.其他法律行政法规禁止公开').slice(-7)).toEqual(['1', '0', '0', '0', '0', '0', '']);
        // 四 is printed as one row of 15 cells.
        expect(rows.filter(r => r.length === 15).pop()).toEqual(['1', '1', '-', '／', '2', '0', '0', '0', '1', '', '0', '', '0', '0', '0']);
    });
});

describe('PDF', () => {
    it('prints each cell as written', async () => {
        const file = path.join(dir, 'cells.pdf');
        const empty = mkdtempSync(path.join(dir, 'nofonts-'));
        writeExport(file, await renderExport(view, 'pdf', { fonts: findFonts({ dirs: [empty] }) }));
        const lines = (await readPdf(file)).pages.flatMap(p => p.text.split('\n')).map(l => l.replace(/\s+/g, ' ').trim());
        const text = lines.join('\n');
        for (const written of ['12（其中修订3件）', '40(含自然失效9件)', '80（含当场答复12件）', '8316.204517', '／', '—']) {
            expect(text.replace(/\s+/g, ''), written).toContain(written);
        }
        // The cells of a row in order: 规章 / ／ /.
        expect(text.replace(/\s+/g, '')).toContain('规章/／/');
        expect(text.replace(/\s+/g, '')).toContain('行政处罚-');
    });
});

describe('XLSX', () => {
    async function workbook(): Promise<ExcelJS.Workbook> {
        const file = path.join(dir, 'cells.xlsx');
        writeExport(file, await renderExport(view, 'xlsx'));
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        return wb;
    }
    const noteOf = (cell: ExcelJS.Cell) => {
        const note = cell.note as string | { texts?: { text: string }[] } | undefined;
        return typeof note === 'string' ? note : note?.texts?.map(t => t.text).join('') ?? '';
    };
    const rowOf = (ws: ExcelJS.Worksheet, label: string) => {
        let found: ExcelJS.Row | undefined;
        ws.eachRow(r => { if ((r.values as ExcelJS.CellValue[]).some(v => v === label)) found ??= r; });
        return found!;
    };

    it('keeps a dash or slash as text, numbers as numbers, an annotated number a number shown with its note', async () => {
        const wb = await workbook();
        const item1 = wb.getWorksheet('二 第二十条第（一）项')!;
        const rules = rowOf(item1, '规章');
        expect([2, 3, 4].map(c => rules.getCell(c).value)).toEqual(['/', '／', '/']);
        const normative = rowOf(item1, '行政规范性文件');
        expect(normative.getCell(2).value).toBe(12);
        expect(normative.getCell(2).numFmt).toBe('0"（其中修订3件）";0"（其中修订3件）"');
        expect(noteOf(normative.getCell(2))).toBe('按 12 计入合计；括号内为注释：其中修订3件');
        expect(normative.getCell(3).value).toBe('—');
        expect(normative.getCell(4).value).toBe(40);
        expect(normative.getCell(4).numFmt).toBe('0"(含自然失效9件)";0"(含自然失效9件)"');
        const fees = rowOf(wb.getWorksheet('二 第二十条第（八）项')!, '行政事业性收费');
        expect(fees.getCell(2).value).toBe(8316.204517);
        expect(fees.getCell(2).numFmt).toBe('0.000000');
        const apps = wb.getWorksheet('三 收到和处理政府信息公开申请情况表')!;
        const partly = rowOf(apps, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
        // 商业企业 is blank, and the checks read it as 4 (本行总计 96): the workbook holds 4, marked, so its formulas agree.
        expect(partly.getCell(5).value).toBe(4);
        expect(noteOf(partly.getCell(5))).toBe('报告中此格为空；核对时按 4 计');
    });

    it('sums an annotated number in the formulas; a total the report left blank holds its formula and says it was blank', async () => {
        const wb = await workbook();
        const apps = wb.getWorksheet('三 收到和处理政府信息公开申请情况表')!;
        const disclosed = rowOf(apps, '（一）予以公开');
        expect(disclosed.getCell(4).value).toBe(80);
        expect(disclosed.getCell(4).numFmt).toBe('0"（含当场答复12件）";0"（含当场答复12件）"');
        expect(disclosed.getCell(10).value).toMatchObject({ formula: `SUM(D${disclosed.number}:I${disclosed.number})`, result: 89 });
        const prohibited = rowOf(apps, '2.其他法律行政法规禁止公开');
        expect(prohibited.getCell(10).value).toMatchObject({ formula: `SUM(D${prohibited.number}:I${prohibited.number})`, result: 1 });
        expect(noteOf(prohibited.getCell(10))).toBe('报告中此格为空；按公式计为 1');
        // （七）总计 adds the formulas, blank one included: the correct 408 stays 408.
        const total = rowOf(apps, '（七）总计');
        expect((total.getCell(10).value as { result: number }).result).toBe(408);
        const review = wb.getWorksheet('四 行政复议、行政诉讼情况表')!;
        const values = (review.getRow(5).values as ExcelJS.CellValue[]).slice(1);
        expect(values.slice(0, 4)).toEqual([1, 1, '-', '／']);
        expect(values[9]).toMatchObject({ formula: 'SUM(F5:I5)', result: 1 });
        // A blank counted as 0 stays an empty cell.
        expect(values[11]).toBeUndefined();
        expect(review.getCell('L5').value).toBeNull();
    });

    it('shows numbers as written through their number format', () => {
        expect(numberFormat('12', false)).toBeUndefined();
        expect(numberFormat('75.9260', true)).toBe('0.0000');
        expect(numberFormat('0', true)).toBe('0');
        expect(numberFormat('+2', false)).toBe('"+"0;"+"0');
        expect(numberFormat('减4', false)).toBe('"减"0;"减"0');
        expect(numberFormat('12.5万元', true)).toBe('0.0"万元";0.0"万元"');
        expect(numberFormat('12（注"引号"）', false)).toBe('0"（注＂引号＂）";0"（注＂引号＂）"');
    });
});
