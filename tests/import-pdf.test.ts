/**
 * The PDF reader on a real WPS-made report (hzq2023.pdf: every one of its 186 table values at its
 * printed row × column label), on the pieces it is made of (the path decoder against pdf.js's
 * operator list of a committed PDF, normalisation, page furniture), on a borderless table, and
 * on hostile input generated here (500 pages, 50 MB, truncated, encrypted, scanned, a page of
 * 100,000 paths): a clear message or a result, never a crash or a hang.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../src/import/errors.js';
import { readPdf } from '../src/import/read-pdf.js';
import { loadPdfJs } from '../src/import/pdf/load.js';
import { collectGraphics, decodePath, IDENTITY, type FontInfo, type Matrix, type PaintOps } from '../src/import/pdf/paths.js';
import { normalizeText } from '../src/import/pdf/text.js';
import { isPageNumber } from '../src/import/pdf/layout.js';
import { expandGrid } from '../src/import/source.js';
import { findValue, labelKey, tablesOf } from './support/source-grid.js';

const fixtures = path.join(__dirname, 'fixtures', 'import', 'pdf');
const hzqBytes = () => new Uint8Array(readFileSync(path.join(fixtures, 'hzq2023.pdf')));
const truth = JSON.parse(readFileSync(path.join(fixtures, 'hzq2023.truth.json'), 'utf8')) as Record<string, unknown>;

/** Truth keys use official labels; the PDF prints these differently (truth `notes`). */
const PRINTED: Record<string, string> = { '2.其他法律行政法规禁止公开': '2.其他法律行政止公开' };

function pdfBytes(build: (doc: PDFKit.PDFDocument) => void, options: PDFKit.PDFDocumentOptions = {}): Promise<Uint8Array> {
    return new Promise((resolve, reject) => {
        const doc = new PDFDocument({ compress: true, ...options });
        const chunks: Buffer[] = [];
        doc.on('data', (c: Buffer) => chunks.push(c));
        doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
        doc.on('error', reject);
        build(doc);
        doc.end();
    });
}

describe('hzq2023.pdf (WPS)', async () => {
    const doc = await readPdf(hzqBytes(), { name: 'hzq2023.pdf' });
    const tables = tablesOf(doc);

    it('has its three tables, each continued across a page joined into one', () => {
        expect(tables.map(t => t.at.page)).toEqual([2, 3, 4]);
        expect(tables.map(t => t.rows.length)).toEqual([14, 26, 4]);
        expect(doc.conversions.find(c => c.kind === 'other')?.count).toBe(2);
        expect(doc.issues).toEqual([]);
        expect(doc.meta.title).toBe('洪泽区人民政府2023年政府信息公开工作年度报告');
    });

    it('reads all 186 table values at their printed row and column labels', () => {
        let checked = 0;
        const wrong: string[] = [];
        for (const [key, index] of [['table2', 0], ['table3', 1], ['table4', 2]] as const) {
            for (const [rowKey, columns] of Object.entries(truth[key] as Record<string, Record<string, number>>)) {
                const parts = rowKey.split('/').map(p => PRINTED[p] ?? p);
                for (const [column, value] of Object.entries(columns)) {
                    const found = findValue(tables[index], parts, column);
                    checked++;
                    if (found.length !== 1 || Number(found[0].cell.text) !== value) {
                        wrong.push(`${key} ${rowKey} × ${column}: ${found.map(f => f.cell.text).join(',') || 'none'} ≠ ${value}`);
                    }
                }
            }
        }
        expect(wrong).toEqual([]);
        expect(checked).toBe(186);
    });

    it('rebuilds merged cells: spanning headers, row groups, the group cut by a page break', () => {
        const three = expandGrid(tables[1]);
        const at = (r: number, c: number) => three[r][c];
        // The vertical row-group label, whole (pdf.js's getTextContent loses all after 三、本年).
        expect(at(5, 0).text).toBe('三、本年度办理结果');
        expect(at(5, 0).rowSpan).toBe(20); // （一） … （七）总计
        expect(at(0, 3).text).toBe('申请人情况');
        expect(at(0, 3).colSpan).toBe(7);
        expect(at(1, 4).text).toBe('法人或其他组织');
        expect(at(1, 4).colSpan).toBe(5);
        expect(at(2, 4).text).toBe('商业企业'); // printed on two lines in the cell
        // （四）无法提供 spans its two rows on page 3 and the one on page 4.
        const four = three.findIndex(row => row[1].text === '（四）无法提供');
        expect(at(four, 1).rowSpan).toBe(3);
        expect(at(four + 2, 2).text).toBe('3.补正后申请内容仍不明确');
        expect(at(four + 2, 2).at.page).toBe(4);
        expect(at(four + 2, 1)).toBe(at(four, 1));
        expect(labelKey(at(6, 1).text)).toBe(labelKey('（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
        // Table 四: 行政诉讼 over 未经复议直接起诉 and 复议后起诉, five columns each.
        const last = expandGrid(tables[2]);
        expect(last[0][5].text).toBe('行政诉讼');
        expect(last[0][5].colSpan).toBe(10);
        expect(last[3].map(c => c.text).join(' ')).toBe('10 1 0 0 0 0 0 0 0 0 5 0 0 0 0');
    });

    it('places every cell: page, position, table, row and column', () => {
        const cell = findValue(tables[1], ['（七）总计'], '自然人')[0].cell;
        expect(cell.text).toBe('21');
        expect(cell.at).toMatchObject({ page: 4, table: 2, row: 25, column: 4 });
        expect(cell.at.x).toBeGreaterThan(300);
        expect(cell.at.y).toBeGreaterThan(100);
    });

    it('joins line wraps inside paragraphs, across a page break too, and drops the page numbers', () => {
        const paragraphs = doc.blocks.filter(b => b.kind === 'paragraph').map(b => b.kind === 'paragraph' ? b.text : '');
        expect(paragraphs).toContain('（三）政府信息管理情况。');
        expect(paragraphs.some(p => p.includes('严格执行“分级审核、先审后发”程序，落实“三审三校”制度'))).toBe(true);
        expect(paragraphs.some(p => p.startsWith('本报告由淮安市洪泽区人民政府办公室根据《中华人民共和国政府信息公开条例》（国令第711号）'))).toBe(true);
        expect(paragraphs.some(p => /^\s*-?\s*\d\s*-?\s*$/.test(p))).toBe(false);
        expect(paragraphs).toContain('五、存在的主要问题及改进情况');
        expect(doc.conversions.find(c => c.kind === 'page-furniture')?.count).toBe(5);
        expect(doc.conversions.find(c => c.kind === 'line-join')?.count).toBeGreaterThan(30);
        // Justified lines: spaces pdf.js puts between CJK characters are not text.
        expect(paragraphs.some(p => p.includes('邮编：223100，电话：0517-87222589，电子邮箱：hzzwgk@126.com'))).toBe(true);
    });

    it('is deterministic: the same bytes give the same document', async () => {
        expect(JSON.stringify(await readPdf(hzqBytes()))).toBe(JSON.stringify(doc));
    });
});

describe('the path decoder against pdf.js 5.4', () => {
    it('reads constructPath as [paintOp, [flat draw ops], minMax] in the committed PDF', async () => {
        const pdfjs = await loadPdfJs();
        const pdf = await pdfjs.getDocument({ data: hzqBytes(), verbosity: 0, isEvalSupported: false }).promise;
        try {
            const page = await pdf.getPage(2);
            const ops = await page.getOperatorList();
            const paths = ops.fnArray.flatMap((fn, k) => (fn === pdfjs.OPS.constructPath ? [ops.argsArray[k]] : []));
            expect(paths.length).toBeGreaterThan(20);
            const strokes = paths.filter(a => a[0] === pdfjs.OPS.stroke);
            expect(strokes.length).toBeGreaterThan(10);
            for (const [, data, minMax] of strokes) {
                expect(Array.isArray(data)).toBe(true);
                expect(data[0]).toBeInstanceOf(Float32Array);
                expect(data[0][0]).toBe(0); // moveTo
                expect(minMax).toHaveLength(4);
            }
            const viewport = page.getViewport({ scale: 1 }).transform as Matrix;
            const g = collectGraphics(ops.fnArray, ops.argsArray, pdfjs.OPS as unknown as PaintOps, viewport, 1e6);
            expect(g.formatError).toBeUndefined();
            // The top rule of table 二 and its left border (top-left origin, points).
            const top = g.rules.find(r => r.horizontal && Math.abs(r.y0 - 459.1) < 0.5);
            expect(top).toBeDefined();
            expect(top!.x0).toBeCloseTo(75.2, 0);
            expect(top!.x1).toBeCloseTo(517.6, 0);
            expect(g.rules.some(r => !r.horizontal && Math.abs(r.x0 - 75.65) < 0.5 && r.y1 - r.y0 > 300)).toBe(true);
            expect(g.rules.filter(r => r.horizontal).length).toBe(9);
        } finally {
            await pdf.destroy();
        }
    });

    it('places the text of showText glyphs where pdf.js getTextContent puts it', async () => {
        const pdfjs = await loadPdfJs();
        const pdf = await pdfjs.getDocument({ data: hzqBytes(), verbosity: 0, isEvalSupported: false }).promise;
        try {
            const page = await pdf.getPage(3);
            const viewport = page.getViewport({ scale: 1 });
            const ops = await page.getOperatorList();
            const g = collectGraphics(ops.fnArray, ops.argsArray, pdfjs.OPS as unknown as PaintOps, viewport.transform as Matrix, 1e6,
                name => page.commonObjs.get(name) as FontInfo);
            const items = (await page.getTextContent()).items.filter(i => 'str' in i && i.str.trim() && i.dir === 'ltr');
            expect(items.length).toBeGreaterThan(100);
            for (const item of items) {
                if (!('str' in item)) continue;
                const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
                const run = g.runs.find(r => Math.abs(r.x0 - x) < 1 && r.y0 < y && r.y1 > y - 1 && r.text.startsWith(item.str.trim()[0]));
                expect(run, item.str).toBeDefined();
            }
        } finally {
            await pdf.destroy();
        }
    });

    it('decodes move, line, curve and close; refuses what is not that layout', () => {
        const paths = decodePath([0, 1, 2, 1, 5, 2, 2, 1, 1, 2, 2, 3, 3, 3, 0, 10, 10, 1, 20, 10], IDENTITY);
        expect(paths).toHaveLength(2);
        expect(paths[0]).toEqual({ points: [[1, 2], [5, 2], [3, 3]], closed: true, curved: true });
        expect(paths[1].points).toEqual([[10, 10], [20, 10]]);
        const flip: Matrix = [1, 0, 0, -1, 0, 100];
        expect(decodePath([0, 1, 2], flip)[0].points).toEqual([[1, 98]]);
        expect(() => decodePath([4, 0, 0], IDENTITY)).toThrow();
        expect(() => decodePath([1, 0, 0], IDENTITY)).toThrow();
    });
});

describe('text', () => {
    it('maps Kangxi radicals and compatibility ideographs back, keeps full-width punctuation', () => {
        const counter = { compat: 0 };
        expect(normalizeText('⼀、⼈⺠政府（⼆）：１２', counter)).toBe('一、人民政府（二）：１２');
        expect(counter.compat).toBe(4);
        expect(normalizeText('a\u00a0b\u200b', counter)).toBe('a b');
        // Chromium's text layer with Noto CJK: the Kangxi radical ⼾ for 户 (NFKC gives 戶).
        expect(normalizeText('门\u2f3e网站', counter)).toBe('门户网站');
    });

    it('knows page numbers', () => {
        for (const s of ['— 1 —', '-2-', '- 12 -', '第 1 页', '第3页 共5页', '3 / 5', '7']) expect(isPageNumber(s)).toBe(true);
        for (const s of ['一、总体情况', '2023年', '-1- 二、']) expect(isPageNumber(s)).toBe(false);
    });
});

describe('generated PDFs', () => {
    it('reads a table without rules from the text positions', async () => {
        const bytes = await pdfBytes(doc => {
            doc.font('Helvetica').fontSize(11);
            const rows = [['Item', 'Made', 'Repealed', 'In force'], ['Rules', '3', '0', '12'], ['Normative documents', '10', '2', '145'], ['Licences', '', '7', '1,203.5']];
            rows.forEach((row, r) => row.forEach((text, c) => { if (text) doc.text(text, 72 + [0, 200, 280, 380][c], 200 + r * 20, { lineBreak: false }); }));
            doc.text('A paragraph after the table.', 72, 320);
        });
        const doc = await readPdf(bytes);
        const [table] = tablesOf(doc);
        expect(table).toBeDefined();
        const grid = expandGrid(table).map(row => row.map(c => c.text));
        expect(grid).toEqual([['Item', 'Made', 'Repealed', 'In force'], ['Rules', '3', '0', '12'], ['Normative documents', '10', '2', '145'], ['Licences', '', '7', '1,203.5']]);
        expect(doc.issues.map(i => i.severity)).toEqual(['info']);
        expect(doc.blocks.some(b => b.kind === 'paragraph' && b.text === 'A paragraph after the table.')).toBe(true);
    });

    it('a page of images and no text: one message, no OCR', async () => {
        const icon = readFileSync(path.join(__dirname, '..', 'media', 'icon.png'));
        await expect(readPdf(await pdfBytes(d => { d.image(icon, 50, 50, { width: 400 }); }))).rejects.toThrow(ImportError);
        await expect(readPdf(await pdfBytes(d => { d.image(icon, 50, 50, { width: 400 }); }))).rejects.toThrow(/扫描件.*OCR/);
    });

    it('an encrypted PDF: a clear message', async () => {
        const bytes = await pdfBytes(d => { d.text('secret'); }, { userPassword: 'x', ownerPassword: 'y', pdfVersion: '1.7' });
        await expect(readPdf(bytes)).rejects.toThrow(/加密/);
    });

    it('broken files: not a PDF, empty, truncated, garbage after the header', async () => {
        const good = await pdfBytes(d => { d.text('Hello'); });
        const cases: [Uint8Array, RegExp][] = [
            [new TextEncoder().encode('<html>not a pdf</html>'), /不是 PDF/],
            [new Uint8Array(0), /不是 PDF/],
            [good.subarray(0, Math.floor(good.length / 3)), /损坏|没有可读取的文字/],
            [new Uint8Array([...new TextEncoder().encode('%PDF-1.7\n'), ...Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)]), /损坏/],
        ];
        for (const [bytes, message] of cases) {
            const error = await readPdf(bytes).then(() => undefined, (e: unknown) => e);
            expect(error).toBeInstanceOf(ImportError);
            expect((error as Error).message).toMatch(message);
        }
        // Cut at the end only (no trailer): pdf.js rebuilds the cross-reference table, the text survives.
        const cut = await readPdf(good.subarray(0, good.length - 40));
        expect(cut.blocks.map(b => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['Hello']);
    });

    it('500 pages: the first 100 read, the rest refused with a message, within seconds', async () => {
        const bytes = await pdfBytes(d => {
            for (let p = 1; p <= 500; p++) {
                if (p > 1) d.addPage();
                d.text(`Page body ${p}`, 72, 300);
            }
        });
        const doc = await readPdf(bytes);
        expect(doc.issues.some(i => i.severity === 'error' && i.message.includes('500') && i.message.includes('100'))).toBe(true);
        expect(doc.blocks.filter(b => b.kind === 'paragraph')).toHaveLength(100);
    }, 60_000);

    it('a 50 MB PDF: read (its text) or refused with a message, never a crash', async () => {
        // Incompressible padding in a stream object nobody references, then one page of text.
        const pad = new Uint8Array(50 * 1024 * 1024);
        let x = 12345;
        for (let i = 0; i < pad.length; i++) { x = (x * 1103515245 + 12345) >>> 0; pad[i] = x >>> 24; }
        const bytes = await pdfBytes(d => {
            const ref = d.ref({ Length: pad.length });
            ref.write(Buffer.from(pad.buffer));
            ref.end(Buffer.alloc(0));
            d.text('Fifty megabytes', 72, 72);
        }, { compress: false });
        expect(bytes.length).toBeGreaterThan(50 * 1024 * 1024);
        const doc = await readPdf(bytes);
        expect(doc.blocks.map(b => (b.kind === 'paragraph' ? b.text : ''))).toEqual(['Fifty megabytes']);
        await expect(readPdf(bytes, { maxBytes: 10 * 1024 * 1024 })).rejects.toThrow(/MB/);
    }, 60_000);

    it('a page of 100,000 paths and a time limit: a result with a message, never a hang', async () => {
        const bytes = await pdfBytes(d => {
            d.text('Dense page', 72, 40);
            for (let i = 0; i < 100_000; i++) d.moveTo(72 + (i % 400), 100 + (i % 600)).lineTo(73 + (i % 400), 100 + (i % 600));
            d.stroke();
        });
        const doc = await readPdf(bytes);
        expect(doc.blocks.some(b => b.kind === 'paragraph' && b.text === 'Dense page')).toBe(true);
        // Out of time while opening (ImportError) or between pages (an error in issues): a message either way.
        const slow = await readPdf(bytes, { timeLimitMs: 1 }).then(d => d.issues.map(i => `${i.severity} ${i.message}`).join('\n'), (e: Error) => `error ${e.message}`);
        expect(slow).toMatch(/^error .*超时/m);
    }, 60_000);
});
