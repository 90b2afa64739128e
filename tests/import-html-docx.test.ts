/** Web pages and Word files as real sites and offices make them, and inputs that must fail cleanly or fast. */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportError, importBytes } from '../src/import/import.js';
import { readHtml } from '../src/import/read-html.js';
import { expandGrid } from '../src/import/source.js';
import { imported } from './support/import.js';

function cell(model: Awaited<ReturnType<typeof imported>>['model'], table: string, row: string, column: string): string | undefined {
    const c = model.tables.get(table)?.rowsById.get(row)?.byColumn.get(column);
    return c && c.state !== 'missing' ? c.text : undefined;
}

const GB = (text: string) => {
    // GB18030 bytes for a text, written with the platform's encoder table (TextDecoder knows gb18030; build the reverse).
    const map = new Map<string, number[]>();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
        for (let lo = 0x40; lo <= 0xfe; lo++) {
            if (lo === 0x7f) continue;
            const ch = dec.decode(new Uint8Array([hi, lo]));
            if (ch.length === 1 && !map.has(ch)) map.set(ch, [hi, lo]);
        }
    }
    const out: number[] = [];
    for (const ch of text) out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : map.get(ch) ?? [0x3f]));
    return new Uint8Array(out);
};

const cmsPage = (charset: string) => `<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>某某局2024年政府信息公开工作年度报告_某某市人民政府</title><meta name="PubDate" content="2025-01-18 09:30">
<script>var nav = "一、总体情况";</script><style>p{}</style></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a>政务公开</a></div>
<div class="article"><h1>某某局2024年政府信息公开工作年度报告</h1>
<div class="content">
<p>　　一、总体情况</p><p>　　本年度<b>依法</b>公开政府信息，<span>做到应公开尽公开</span>。</p>
<p>二、主动公开政府信息情况</p>
<table border="1"><tbody>
<tr><td colspan="9">第二十条第（一）项</td></tr>
<tr><td>信息内容</td><td><p>本年制发</p><p>件数</p></td><td>本年废止件数</td><td>现行有效件数</td></tr>
<tr><td>规章</td><td>0</td><td>&nbsp;</td><td>0</td></tr>
<tr><td>行政规范性文件</td><td><span>5</span></td><td>1</td><td>25</td></tr>
</tbody></table>
<p>三、收到和处理政府信息公开申请情况</p>
<table><tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td rowspan="0">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
</table>
<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>
</div></div>
<div class="footer">版权所有：某某市人民政府 网站标识码 1234</div></body></html>`;

describe('HTML', () => {
    it('a CMS page: article found, navigation/scripts/footer left out, spans, blanks, nested markup, PubDate, title', async () => {
        const { model, report, text } = await imported(cmsPage('utf-8'), { name: 'page.html' });
        expect(model.meta.title?.text).toBe('某某局2024年政府信息公开工作年度报告');
        expect(model.meta.agency?.text).toBe('某某局');
        expect(model.meta.published?.text).toBe('2025-01-18');
        expect(cell(model, 'item1', 'rules', 'repealed')).toBe('');
        expect(cell(model, 'item1', 'normative', 'issued')).toBe('5');
        expect(cell(model, 'applications', 'received', 'business')).toBe('1');
        expect(cell(model, 'applications', 'disclosed', 'total')).toBe('5');
        expect(cell(model, 'applications', 'prohibited', 'person')).toBe('0');
        expect(text).toContain('本年度依法公开政府信息，做到应公开尽公开。');
        expect(text).not.toContain('版权所有');
        expect(text).not.toContain('首页');
        expect(text).not.toContain('var nav');
        expect(report.cells.unreadable).toBe(0);
        expect(report.conversions.some(c => c.kind === 'page-furniture')).toBe(true);
    });

    it('charset: the declaration, GBK bytes, and a declaration the bytes contradict', async () => {
        const gbk = await importBytes(GB(cmsPage('gb2312')), { name: 'p.html' });
        expect(gbk.text).toContain('行政规范性文件 |');
        expect(gbk.report.conversions[0].detail).toContain('GB18030');
        // Declared UTF-8, sent as GBK: decoded as GB18030 and said so.
        const wrong = await importBytes(GB(cmsPage('utf-8')), { name: 'p.html' });
        expect(wrong.report.conversions[0].detail).toContain('不是有效的 UTF-8');
        expect(wrong.report.cells.read).toBe(gbk.report.cells.read);
        // Declared GBK, sent as UTF-8.
        const utf = await importBytes(new TextEncoder().encode(cmsPage('gbk')), { name: 'p.html' });
        expect(utf.report.conversions[0].detail).toContain('有效的 UTF-8');
        expect(utf.report.cells.read).toBe(gbk.report.cells.read);
    });

    it('the HTML table model: rowspan=0 to the end of the row group, spans clamped, unclosed cells closed', () => {
        const doc = readHtml('<table><tr><td rowspan="0">a</td><td colspan="2000">b<tr><td>c</td></tr><tr><td rowspan="99">d</td></tr></table>');
        const table = doc.blocks.find(b => b.kind === 'table')!;
        expect(table.kind).toBe('table');
        if (table.kind !== 'table') return;
        expect(table.rows[0][0].rowSpan).toBe(3);
        expect(table.rows[0][1].colSpan).toBe(1000);
        const grid = expandGrid(table);
        expect(grid[2][0].text).toBe('a');
        expect(grid[1][1].text).toBe('c');
        expect(grid.length).toBe(3);
    });
});

describe('DOCX', () => {
    const tc = (text: string, extra: Record<string, unknown> = {}) => new TableCell({ children: [new Paragraph({ children: [new TextRun(text)] })], ...extra });
    async function wordFile(): Promise<Uint8Array> {
        const doc = new Document({
            sections: [{
                children: [
                    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun('某某镇2024年政府信息公开工作年度报告')] }),
                    new Paragraph('一、总体情况'), new Paragraph('全年工作正常。'), new Paragraph('二、主动公开政府信息情况'),
                    new Table({
                        rows: [
                            new TableRow({ children: [tc('第二十条第（一）项', { columnSpan: 4 })] }),
                            new TableRow({ children: [tc('信息内容'), tc('本年制发件数'), tc('本年废止件数'), tc('现行有效件数')] }),
                            new TableRow({ children: [tc('规章'), tc('0'), tc(''), tc('0')] }),
                            new TableRow({ children: [tc('行政规范性文件'), tc('12（其中修订3件）'), tc('1'), tc('40（含自然失效9件）')] }),
                        ],
                    }),
                    new Paragraph('四、政府信息公开行政复议、行政诉讼情况'),
                    new Table({
                        rows: [
                            new TableRow({ children: [tc('行政复议', { columnSpan: 5, verticalMerge: VerticalMergeType.RESTART }), tc('行政诉讼', { columnSpan: 10 })] }),
                            new TableRow({ children: [tc('', { columnSpan: 5, verticalMerge: VerticalMergeType.CONTINUE }), tc('未经复议直接起诉', { columnSpan: 5 }), tc('复议后起诉', { columnSpan: 5 })] }),
                            new TableRow({ children: ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].flatMap(h => [h]).concat(...Array(2).fill(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'])).map(h => tc(h)) }),
                            new TableRow({ children: ['1', '0', '0', '1', '2', '0', '0', '0', '0', '0', '0', '0', '1', '0', '1'].map(v => tc(v)) }),
                        ],
                    }),
                ],
            }],
        });
        return new Uint8Array(await Packer.toBuffer(doc));
    }

    it('gridSpan/vMerge, blanks kept blank, annotated cells verbatim, the transposed table 四', async () => {
        const { model, report, text } = await imported(await wordFile(), { name: 'r.docx' });
        expect(model.meta.title?.text).toBe('某某镇2024年政府信息公开工作年度报告');
        expect(cell(model, 'item1', 'rules', 'repealed')).toBe('');
        expect(cell(model, 'item1', 'normative', 'issued')).toBe('12（其中修订3件）');
        expect(text).toContain('40（含自然失效9件）');
        expect(cell(model, 'review', 'adminReview', 'pending')).toBe('1');
        expect(cell(model, 'review', 'adminReview', 'total')).toBe('2');
        expect(cell(model, 'review', 'suitAfterReview', 'otherOutcome')).toBe('1');
        expect(cell(model, 'review', 'suitAfterReview', 'total')).toBe('1');
        expect(report.cells.unreadable).toBe(0);
    });

    it('legacy .doc, broken zips and a ZIP that is no Word file: one clear message each', async () => {
        const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
        await expect(importBytes(ole, { name: 'old.doc' })).rejects.toThrow(/另存为 \.docx/);
        const good = await wordFile();
        await expect(importBytes(good.slice(0, good.length / 2), { name: 'cut.docx' })).rejects.toBeInstanceOf(ImportError);
        const junk = new Uint8Array(good);
        for (let i = 100; i < junk.length - 100; i += 7) junk[i] ^= 0x5a;
        await expect(importBytes(junk, { name: 'junk.docx' })).rejects.toBeInstanceOf(ImportError);
        const zip = new JSZip();
        zip.file('hello.txt', 'hi');
        await expect(importBytes(new Uint8Array(await zip.generateAsync({ type: 'uint8array' })), { name: 'x.docx' })).rejects.toThrow(/word\/document\.xml/);
    });
});

describe('hostile input', () => {
    it('10,000 nested tables: a result, no stack overflow', async () => {
        const html = `<html><body><p>一、总体情况</p>${'<table><tr><td>'.repeat(10_000)}正文${'</td></tr></table>'.repeat(10_000)}</body></html>`;
        const { report, text } = await importBytes(new TextEncoder().encode(html), { name: 'deep.html' });
        expect(text).toContain('正文');
        expect(report.cells.total).toBe(0);
    });

    it('a huge file is refused before it is read; binary data and empty files get a message', async () => {
        await expect(importBytes(new Uint8Array(65 * 1024 * 1024), { name: 'big.txt' })).rejects.toThrow(/超过/);
        await expect(importBytes(new Uint8Array(0), { name: 'empty.txt' })).rejects.toThrow(/空/);
        const binary = new Uint8Array(4096).map((_, i) => (i * 37) % 256);
        await expect(importBytes(binary, { name: 'blob' })).rejects.toBeInstanceOf(ImportError);
        await expect(importBytes(new TextEncoder().encode('%PDF-1.7\n'), { name: 'r.pdf' })).rejects.toBeInstanceOf(ImportError);
    });

    it('a large text paste of many tables imports', async () => {
        const row = '一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n';
        const text = `三、收到和处理政府信息公开申请情况\n${row.repeat(20_000)}`;
        const { report } = await importBytes(new TextEncoder().encode(text), { name: 'long.txt' });
        expect(report.cells.read).toBeGreaterThan(0);
    });
});
