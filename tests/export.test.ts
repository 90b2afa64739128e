/**
 * Every export written to a real file and read back: the DOCX unzipped, the XLSX re-opened with
 * exceljs (its formulas evaluated), the PDF with pdf.js (tests/support/pdf.ts): its text, pages and
 * fonts. Needs no system font: without one, the PDF embeds xxgk's fallback (Noto Serif SC).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportError, outputPath, renderExport, writeExport } from '../src/export/export.js';
import { describeFonts, fallbackFonts, findFonts, FontError } from '../src/export/fonts.js';
import type { ReportView } from '../src/render/view-model.js';
import { examplesDir, read } from './support/helpers.js';
import { flatText, readPdf } from './support/pdf.js';
import { tableOf, viewOf } from './support/view.js';
import { rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';

const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));
const yanshi = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
const wrongTotal = longgang.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$14');

async function written(view: ReportView, format: 'html' | 'docx' | 'xlsx' | 'pdf', name: string): Promise<string> {
    const file = path.join(dir, `${name}.${format}`);
    writeExport(file, await renderExport(view, format));
    return file;
}

describe('DOCX', () => {
    let xml: string;
    let zip: JSZip;

    it('is a Word package with the report text and the merged cells of the tables', async () => {
        zip = await JSZip.loadAsync(readFileSync(await written(viewOf(longgang), 'docx', 'longgang')));
        xml = await zip.file('word/document.xml')!.async('string');
        const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map(m => m[1]).join('');
        for (const s of ['深圳市龙岗区某局2024年政府信息公开工作年度报告', '统计期限：2024年1月1日至2024年12月31日', '一、总体情况',
            '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '法人或其他组织', '未经复议直接起诉',
            '本年度未收取信息处理费。']) expect(text).toContain(s);
        expect(xml).toMatch(/<w:gridSpan w:val="7"\/>/); // 申请人情况
        expect(xml).toMatch(/<w:gridSpan w:val="5"\/>/); // 法人或其他组织, 行政复议 …
        expect(xml).toMatch(/<w:gridSpan w:val="10"\/>/); // 行政诉讼
        // 三: the corner, 自然人, 总计, 三、 and its four groups; 四: 行政复议.
        expect((xml.match(/<w:vMerge w:val="restart"\/>/g) ?? []).length).toBe(9);
        expect((xml.match(/<w:vMerge(?: w:val="continue")?\/>/g) ?? []).length).toBeGreaterThan(40);
        expect(xml).toContain('<w:tblHeader/>');
    });

    it('names the East-Asian font on every run, body 仿宋 and headings 黑体', async () => {
        const footer = Object.keys(zip.files).find(f => /^word\/footer\d*\.xml$/.test(f))!;
        const all = xml + await zip.file(footer)!.async('string');
        const runs = [...all.matchAll(/<w:r>([\s\S]*?)<\/w:r>/g)].map(m => m[1]);
        expect(runs.length).toBeGreaterThan(300);
        for (const r of runs) expect(r).toMatch(/<w:rFonts [^>]*w:eastAsia="[^"]+"/);
        expect(xml).toMatch(/w:eastAsia="仿宋_GB2312"/);
        expect(xml).toMatch(/w:eastAsia="黑体"/);
        expect(xml).toMatch(/w:eastAsia="楷体_GB2312"/);
        expect(xml).toMatch(/w:eastAsia="方正小标宋简体"/);
        const fonts = await zip.file('word/fontTable.xml')!.async('string');
        expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
        expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
    });

    it('is A4 with the GB/T 9704 margins and page numbers', async () => {
        expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
        expect(xml).toMatch(/<w:pgMar [^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
        const footer = Object.keys(zip.files).find(f => /^word\/footer\d*\.xml$/.test(f))!;
        expect(await zip.file(footer)!.async('string')).toMatch(/PAGE/);
    });
});

/** A cell's number, or a formula's cached result (exceljs reads a cached 0 back as no result). */
function cached(v: ExcelJS.CellValue): number {
    if (typeof v === 'number') return v;
    if (v && typeof v === 'object' && 'formula' in v) return Number(v.result ?? 0);
    throw new Error(`not a number: ${JSON.stringify(v)}`);
}

/** Evaluates SUM(A1,B2:B5,…) over a sheet the way a spreadsheet would. */
function evaluateSum(ws: ExcelJS.Worksheet, formula: string): number {
    const m = /^SUM\((.*)\)$/.exec(formula);
    if (!m) throw new Error(`not a SUM: ${formula}`);
    let sum = 0;
    for (const part of m[1].split(',')) {
        const [from, to = from] = part.split(':');
        const a = ws.getCell(from);
        const b = ws.getCell(to);
        for (let r = Number(a.row); r <= Number(b.row); r++) {
            for (let c = Number(a.col); c <= Number(b.col); c++) {
                const v = ws.getCell(r, c).value;
                const n = typeof v === 'number' || (v && typeof v === 'object' && 'formula' in v) ? cached(v) : 0;
                sum += Number.isFinite(n) ? n : 0;
            }
        }
    }
    return sum;
}

describe('XLSX', () => {
    it('has one sheet per table, merged headers, frozen header rows and CJK-aware widths', async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(await written(viewOf(longgang), 'xlsx', 'longgang'));
        expect(wb.worksheets.map(w => w.name)).toEqual([
            '二 第二十条第（一）项', '二 第二十条第（五）项', '二 第二十条第（六）项', '二 第二十条第（八）项',
            '三 收到和处理政府信息公开申请情况表', '四 行政复议、行政诉讼情况表', '核对',
        ]);
        const ws = wb.getWorksheet('三 收到和处理政府信息公开申请情况表')!;
        expect(ws.getCell('A2').value).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
        expect(ws.getCell('D2').value).toBe('申请人情况');
        const merges = (ws.model as unknown as { merges: string[] }).merges;
        expect(merges).toEqual(expect.arrayContaining(['A2:C4', 'D2:J2', 'D3:D4', 'E3:I3', 'J3:J4', 'A5:C5', 'A7:A28']));
        expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4, xSplit: 3 });
        expect(ws.getCell('A5').value).toBe('一、本年新收政府信息公开申请数量');
        expect(ws.getCell('D5').value).toBe(58);
        // A label column is as wide as its longest label in display width (CJK counts two), capped.
        expect(ws.getColumn(3).width).toBeGreaterThanOrEqual(36);
        expect(ws.getColumn(4).width).toBeLessThan(20);
        const review = wb.getWorksheet('四 行政复议、行政诉讼情况表')!;
        expect((review.model as unknown as { merges: string[] }).merges).toEqual(expect.arrayContaining(['A2:E3', 'F2:O2', 'F3:J3', 'K3:O3']));
        const values = (review.getRow(5).values as ExcelJS.CellValue[]).slice(1).map(cached);
        expect(values).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
    });

    it('writes every total as a formula whose cached value is what the formula computes', async () => {
        const view = viewOf(longgang);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(await written(view, 'xlsx', 'totals'));
        let formulas = 0;
        for (const ws of wb.worksheets.filter(w => w.name !== '核对')) {
            ws.eachRow(row => row.eachCell(cell => {
                const v = cell.value;
                if (v && typeof v === 'object' && 'formula' in v) {
                    formulas++;
                    expect(evaluateSum(ws, v.formula!), `${ws.name}!${cell.address}`).toBe(cached(v));
                }
            }));
        }
        const expected = view.sections.flatMap(s => s.blocks).reduce((n, b) => n + (b.kind === 'table' ? new Set(b.totals.map(t => t.target)).size : 0), 0);
        expect(formulas).toBe(expected);
        expect(formulas).toBe(25 + 7 + 3 - 1); // （七）总计 × 总计 is both a row and a column total
        const checks = wb.getWorksheet('核对')!;
        const second: unknown[] = [];
        checks.eachRow(row => {
            if (row.getCell(1).value === '（七）总计 = （一）至（六）之和') second.push(row.getCell(2).value);
        });
        expect(second).toEqual(['收到和处理政府信息公开申请情况表：总计']);
        // Every formula in the package carries its cached value (<v>), 0 included.
        const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'totals.xlsx')));
        for (const name of Object.keys(zip.files).filter(f => /^xl\/worksheets\/sheet\d+\.xml$/.test(f))) {
            const sheet = await zip.file(name)!.async('string');
            const cells = [...sheet.matchAll(/<c [^>]*>(<f>[^<]*<\/f>)(<v>[^<]*<\/v>)?<\/c>/g)];
            for (const c of cells) expect(c[2], `${name}: ${c[0]}`).toMatch(/^<v>(-?\d|成立|不成立)/);
        }
        const ws = wb.getWorksheet('三 收到和处理政府信息公开申请情况表')!;
        expect(ws.getCell('J5').value).toEqual({ formula: 'SUM(D5:I5)', result: 66 });
        expect((ws.getCell('D28').value as { formula: string }).formula).toBe('SUM(D7:D27)'); // （七）总计, 自然人
    });

    it('keeps a 核对 sheet with 一 + 二 = 三（七）+ 四 per column, and marks a wrong total', async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(await written(viewOf(wrongTotal), 'xlsx', 'wrong'));
        const checks = wb.getWorksheet('核对')!;
        expect(checks.getRow(1).values).toEqual([undefined, '规则', '核对对象', '左边', '关系', '右边', '是否成立']);
        const balance: number[] = [];
        checks.eachRow((row, n) => {
            if (n > 1 && row.getCell(1).value === '一 + 二 = 三（七）+ 四') balance.push(n);
        });
        expect(balance).toHaveLength(7);
        const first = checks.getRow(balance[0]);
        expect(first.getCell(2).value).toBe('收到和处理政府信息公开申请情况表：自然人');
        expect((first.getCell(3).value as { formula: string }).formula).toMatch(/^SUM\('三 收到和处理政府信息公开申请情况表'!D5,'三 收到和处理政府信息公开申请情况表'!D6\)$/);
        expect(first.getCell(6).value).toMatchObject({ formula: `IF(C${balance[0]}=E${balance[0]},"成立","不成立")`, result: '成立' });
        const ws = wb.getWorksheet('三 收到和处理政府信息公开申请情况表')!;
        const cell = ws.getCell('J7'); // （一）予以公开, 总计: written 4, the sum is 3
        expect(cell.value).toEqual({ formula: 'SUM(D7:I7)', result: 3 });
        expect(String((cell.note as { texts?: { text: string }[] })?.texts?.map(t => t.text).join('') ?? cell.note)).toContain('报告中填写为 4');
    });
});

/** A font without Chinese glyphs (pdf.js ships it). */
const latinFont = path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts', 'LiberationSans-Regular.ttf');

/** A TrueType collection (.ttc) of some font files: a header, then each font's table directory and tables. */
function fontCollection(files: string[]): Buffer {
    const fonts = files.map(f => readFileSync(f));
    const parts: Buffer[] = [];
    const header = Buffer.alloc(12 + 4 * fonts.length);
    header.write('ttcf', 0, 'latin1');
    header.writeUInt16BE(1, 4);
    header.writeUInt32BE(fonts.length, 8);
    let at = header.length;
    fonts.forEach((font, i) => {
        header.writeUInt32BE(at, 12 + 4 * i);
        const count = font.readUInt16BE(4);
        const dir = Buffer.from(font.subarray(0, 12 + 16 * count));
        at += dir.length;
        const tables: Buffer[] = [];
        for (let t = 0; t < count; t++) {
            const offset = font.readUInt32BE(12 + 16 * t + 8);
            const length = font.readUInt32BE(12 + 16 * t + 12);
            dir.writeUInt32BE(at, 12 + 16 * t + 8);
            const padded = Buffer.alloc((length + 3) & ~3);
            font.copy(padded, 0, offset, offset + length);
            tables.push(padded);
            at += padded.length;
        }
        parts.push(dir, ...tables);
    });
    return Buffer.concat([header, ...parts]);
}

/** A folder without fonts: the machine as a fresh container has it. */
const noFonts = () => mkdtempSync(path.join(dir, 'nofonts-'));

describe('PDF', () => {
    const expectReadable = async (file: string, fontNames: RegExp) => {
        const pdf = await readPdf(file);
        const flat = flatText(pdf);
        for (const s of ['深圳市龙岗区某局2024年政府信息公开工作年度报告', '统计期限：2024年1月1日至2024年12月31日', '申请人情况',
            '法人或其他组织', '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '未经复议直接起诉', '复议后起诉',
            '（一）主动公开。本年度制发行政规范性文件5件，废止1件，现行有效25件，均已在门户网站公开。', '本年度未收取信息处理费。', '—1—']) {
            expect(flat).toContain(s);
        }
        expect(pdf.fonts.length).toBeGreaterThanOrEqual(1);
        for (const font of pdf.fonts) {
            expect(font, font.name).toMatchObject({ embedded: true, subset: true, unicodeMap: true });
            expect(font.name).toMatch(fontNames);
        }
        for (const page of pdf.pages) expect([page.width, page.height]).toEqual([595.28, 841.89]); // A4
        return pdf;
    };

    it('embeds CJK fonts as subsets with Unicode maps, and the Chinese text comes back out', async () => {
        const file = await written(viewOf(longgang), 'pdf', 'longgang');
        await expectReadable(file, /CJK|Hei|Song|Fang|Kai|Ming|WenQuanYi|NotoSerifSC/i);
    });

    it('without any font on the machine, embeds xxgk\'s fallback (Noto Serif SC) as a small subset', async () => {
        const fonts = findFonts({ dirs: [noFonts()] });
        expect(Object.values(fonts).map(f => f.source)).toEqual(['fallback', 'fallback', 'fallback', 'fallback', 'fallback']);
        expect(fonts.body.postscriptName).toBe('NotoSerifSC-Regular');
        expect(fonts.title.postscriptName).toBe('NotoSerifSC-Bold');
        expect(describeFonts(fonts)).toMatch(/^字体：NotoSerifSC-Bold（标题、一级标题）、NotoSerifSC-Regular（二级标题、正文、表格）（本机未找到中文字体/);
        const file = path.join(dir, 'fallback.pdf');
        writeExport(file, await renderExport(viewOf(longgang), 'pdf', { fonts }));
        const pdf = await expectReadable(file, /^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/);
        expect(pdf.fonts.map(f => f.name.slice(7)).sort()).toEqual(['NotoSerifSC-Bold', 'NotoSerifSC-Regular']);
        // The font files are 14.8 MB each; only the glyphs the report uses go in.
        expect(readFileSync(file).length).toBeLessThan(1_000_000);
    });

    it('prints the 2019 table set, tables spanning pages with their header repeated', async () => {
        const file = await written(viewOf(yanshi), 'pdf', 'yanshi');
        const pages = (await readPdf(file)).pages.map(p => p.text.replace(/\s+/g, '')).filter(Boolean);
        expect(pages.length).toBeGreaterThanOrEqual(4);
        expect(pages.filter(p => p.includes('申请人情况')).length).toBeGreaterThanOrEqual(2);
        expect(pages.join('')).toContain('第二十条第（九）项');
    });

    it('says clearly when no CJK font can be found, and does not crash', async () => {
        const empty = noFonts();
        expect(() => findFonts({ dirs: [empty], fallback: false })).toThrowError(FontError);
        expect(() => findFonts({ dirs: [empty], fallback: false })).toThrowError(/未找到可用的中文字体.*fonts-noto-cjk.*xxgk\.export\.fontPath/);
        await expect(renderExport(viewOf(longgang), 'pdf', { fontPath: path.join(empty, 'missing.ttf') })).rejects.toThrowError(ExportError);
        await expect(renderExport(viewOf(longgang), 'pdf', { fontPath: path.join(empty, 'missing.ttf') })).rejects.toThrowError(/字体文件不存在/);
        const junk = path.join(empty, 'junk.ttf');
        writeFileSync(junk, 'not a font');
        expect(() => findFonts({ fontPath: junk })).toThrowError(/无法读取字体文件/);
    });

    it('system fonts win over the fallback; each platform\'s: Windows 仿宋/黑体, macOS 宋体', () => {
        // Stand-ins for the system's fonts: links named as Windows and macOS name theirs, to the fallback's files.
        const fallback = fallbackFonts()!;
        const fake = (files: Record<string, string>) => {
            const d = mkdtempSync(path.join(dir, 'fonts-'));
            for (const [name, target] of Object.entries(files)) symlinkSync(target, path.join(d, name));
            return d;
        };
        const windows = fake({ 'simfang.ttf': fallback.body.path, 'SIMHEI.TTF': fallback.heading.path, 'unrelated.ttf': fallback.title.path });
        const win = findFonts({ platform: 'win32', dirs: [windows] });
        expect(path.basename(win.body.path)).toBe('simfang.ttf');
        expect(win.body.source).toBe('system');
        expect(path.basename(win.heading.path)).toBe('SIMHEI.TTF');
        expect(path.basename(win.title.path)).toBe('SIMHEI.TTF'); // no 小标宋, no 宋体: the heading face
        expect(path.basename(win.subheading.path)).toBe('simfang.ttf'); // no 楷体: the body face
        const linux = findFonts({ platform: 'linux', dirs: [fake({ 'NotoSansCJK-Regular.ttc': fallback.body.path })] });
        expect(Object.values(linux).map(f => path.basename(f.path))).toEqual(Array(5).fill('NotoSansCJK-Regular.ttc'));
        // A collection whose first face has no Chinese: its Simplified-Chinese face is chosen.
        const collection = path.join(dir, 'collection.ttc');
        writeFileSync(collection, fontCollection([latinFont, fallback.title.path, fallback.body.path]));
        const mac = findFonts({ platform: 'darwin', dirs: [fake({ 'Songti.ttc': collection })] });
        expect(path.basename(mac.body.path)).toBe('Songti.ttc');
        expect(mac.body.source).toBe('system');
        expect(mac.body.face).toBe('NotoSerifSC-Bold'); // STSongti-SC-Regular is not in this collection: its first Chinese face
    });

    it('uses the font named by xxgk.export.fontPath for everything', async () => {
        const chosen = fallbackFonts()!.heading;
        const file = path.join(dir, 'one-font.pdf');
        writeExport(file, await renderExport(viewOf(longgang), 'pdf', { fontPath: chosen.path }));
        const fonts = (await readPdf(file)).fonts;
        expect(fonts).toHaveLength(1);
        expect(fonts[0].name).toContain(chosen.postscriptName);
    });
});

describe('where exports go', () => {
    const source = path.join(examplesDir, 'longgang-2024.xxgk');

    it('beside the report by default, inside a folder when given one', () => {
        expect(outputPath(source, 'docx')).toBe(path.join(examplesDir, 'longgang-2024.docx'));
        expect(outputPath(source, 'pdf', dir)).toBe(path.join(dir, 'longgang-2024.pdf'));
        expect(outputPath(source, 'pdf', path.join(dir, 'new-folder') + path.sep)).toBe(path.join(dir, 'new-folder', 'longgang-2024.pdf'));
    });

    it('never onto the report or another .xxgk file', () => {
        expect(() => outputPath(source, 'html', source)).toThrowError(/为免覆盖/);
        expect(() => outputPath(source, 'html', path.join(dir, 'other.xxgk'))).toThrowError(/\.xxgk/);
        expect(read(source)).toBe(longgang);
    });

    it('writes nothing when the folder cannot be written', () => {
        const blocker = path.join(dir, 'a-file');
        writeFileSync(blocker, 'x');
        expect(() => writeExport(path.join(blocker, 'x.html'), Buffer.from('x'))).toThrowError(/无法写入/);
    });

    it('HTML: the same file the renderer makes', async () => {
        const file = await written(viewOf(longgang), 'html', 'longgang');
        expect(readFileSync(file, 'utf8')).toMatch(/^<!DOCTYPE html>/);
        expect(tableOf(viewOf(longgang), 'review').columnCount).toBe(15);
    });
});
