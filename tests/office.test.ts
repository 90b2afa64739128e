/**
 * src/office without a process: reading registries (CSV quirks, encodings, XLSX, bad rows with their
 * row numbers), matching reports to units, the similarity measure, and status on small inputs.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { officeFindings } from '../src/office/checks.js';
import { decodeText, parseCsv, UTF8_BOM, writeCsv } from '../src/office/csv.js';
import { draftRegistry } from '../src/office/draft.js';
import { filingSummary, type Filing } from '../src/office/filing.js';
import { FilingIndex } from '../src/office/filings.js';
import { parseRegistryFile } from '../src/office/registry-file.js';
import { readRegistry } from '../src/office/registry.js';
import { normaliseProse, similarity, sketchProse, SKETCH_SIZE } from '../src/office/similarity.js';
import { computeStatus } from '../src/office/status.js';
import { curveText, statusText } from '../src/office/status-text.js';
import { countyDir } from './support/county-expected.js';
import { encodeGbk } from './support/gbk.js';
import { check, fixturesDir } from './support/helpers.js';

const HEADER = '编号,名称,别名,机关层级,上级编号,起始年度,终止年度,须报送,截止日期';
const registryOf = (...rows: string[]) => readRegistry(parseCsv([HEADER, ...rows].join('\n')).records);
const codesAndRows = (read: ReturnType<typeof registryOf>) => read.problems.map(p => [p.code, p.row]);

describe('CSV as Excel and editors write it', () => {
    it('reads quotes, embedded commas, quotes and line breaks, and keeps row and line numbers apart', () => {
        const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\n last ,z';
        const { records, unclosedQuoteRow } = parseCsv(text);
        expect(unclosedQuoteRow).toBeUndefined();
        expect(records.map(r => r.cells)).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines'], ['', '', ''], [' last ', 'z']]);
        expect(records.map(r => [r.row, r.line])).toEqual([[1, 1], [2, 2], [3, 4], [4, 5]]);
        expect(text.slice(records[3].offset)).toBe(' last ,z');
        expect(parseCsv(writeCsv(records.map(r => r.cells))).records.map(r => r.cells)).toEqual(records.map(r => r.cells));
    });

    it('says where a quote is never closed', () => {
        expect(parseCsv('a,b\n1,"open\n2,3').unclosedQuoteRow).toBe(2);
    });

    it('decodes UTF-8 with and without a BOM, GBK (GB18030) and UTF-16 with a BOM', () => {
        const text = '编号,名称\n001,青溪县财政局\n';
        expect(decodeText(new TextEncoder().encode(UTF8_BOM + text))).toEqual({ text, encoding: 'utf-8' });
        expect(decodeText(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
        expect(decodeText(encodeGbk(text))).toEqual({ text, encoding: 'gb18030' });
        const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from(text).flatMap(c => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
        expect(decodeText(utf16)).toEqual({ text, encoding: 'utf-16le' });
        expect(parseCsv('编号\t名称\n001\t某局').records[1].cells).toEqual(['001', '某局']);
    });
});

describe('the unit registry', () => {
    it('reads units, parents, years, 须报送 and 截止日期, with width-insensitive headers and values', () => {
        const { registry, problems } = registryOf(
            '001,青溪县人民政府,,县,,,,,',
            '002,青溪县财政局,青溪县财政局（旧）；青溪财政;老名称,部门,001,２０２２,2024,是,1月20日',
            '003,青溪县档案馆,,部门,001,,,否,',
        );
        expect(problems).toEqual([]);
        const finance = registry.get('002')!;
        expect(finance).toMatchObject({ name: '青溪县财政局', aliases: ['青溪县财政局（旧）', '青溪财政', '老名称'], parentId: '001', from: 2022, to: 2024, mustFile: true, deadline: { month: 1, day: 20 } });
        expect(finance.level?.id).toBe('department');
        expect(registry.get('003')!.mustFile).toBe(false);
        expect(registry.childrenOf('001').map(u => u.id)).toEqual(['002', '003']);
        expect(registry.childrenOf('001', 2021).map(u => u.id)).toEqual(['003']);
        expect(registry.mustFileIn(finance, 2025)).toBe(false);
        expect(registry.ancestorsOf('002').map(u => u.id)).toEqual(['001']);
        expect(registry.tree().map(t => [t.unit.id, t.depth])).toEqual([['001', 0], ['002', 1], ['003', 1]]);
    });

    it('finds the header below a title row and accepts other names for the columns', () => {
        const { registry, problems } = readRegistry(parseCsv('青溪县单位名单,,\n单位编号,单位名称,上级单位编号（可空）\nA1,某局,\nA2,某科,A1').records);
        expect(problems).toEqual([]);
        expect(registry.units.map(u => [u.id, u.row, u.parentId])).toEqual([['A1', 3, undefined], ['A2', 4, 'A1']]);
    });

    it('reports bad rows with the row number Excel shows, and keeps the rest', () => {
        const read = registryOf(
            '001,县政府,,县,,,,,',
            ',无编号单位,,部门,001,,,,',
            '002,,,部门,001,,,,',
            '003,某局,,某级,001,20x3,2021,也许,2月30日',
            '001,重复的县政府,,县,,,,,',
            '004,某科,,部门,009,,,,',
            '005,甲,,部门,006,,,,',
            '006,乙,,部门,005,,,,',
            '007,丙,,部门,007,2024,2023,,',
        );
        expect(codesAndRows(read)).toEqual([
            ['xxgk/registry-missing', 3], ['xxgk/registry-missing', 4],
            ['xxgk/registry-value', 5], ['xxgk/registry-value', 5], ['xxgk/registry-value', 5], ['xxgk/registry-value', 5],
            ['xxgk/registry-duplicate', 6], ['xxgk/registry-parent', 7], ['xxgk/registry-cycle', 8],
            ['xxgk/registry-years', 10], ['xxgk/registry-cycle', 10],
        ]);
        expect(read.problems.find(p => p.code === 'xxgk/registry-duplicate')!.message).toBe('第 6 行：编号「001」重复（第一次在第 2 行）；本行未读入');
        expect(read.problems.find(p => p.code === 'xxgk/registry-cycle')!.message).toBe('第 8 行：上级关系成环：甲（005） → 乙（006） → 甲（005）；本单位暂按没有上级处理');
        expect(read.problems.find(p => p.code === 'xxgk/registry-parent')!.data).toMatchObject({ id: '004', parent: '009' });
        expect(read.registry.units.map(u => u.id)).toEqual(['001', '003', '004', '005', '006', '007']);
        const bad = read.registry.get('003')!;
        expect([bad.level, bad.from, bad.to, bad.mustFile, bad.deadline]).toEqual([undefined, undefined, 2021, true, undefined]);
        // Cycles and unknown parents are cut: every unit is reachable from a root.
        expect(read.registry.tree()).toHaveLength(6);
    });

    it('warns when two units that exist in the same year share a name', () => {
        const read = registryOf('001,县财政局,,部门,,,2022,,', '002,县财政局,,部门,,2023,,,', '003,县 财政局,,部门,,2024,,,');
        expect(read.problems.map(p => [p.code, p.row, p.data.other])).toEqual([['xxgk/registry-name-shared', 4, '002']]);
        expect(read.problems[0].message).toContain('2024 年度起两者都在名单中');
    });

    it('says which column is missing when there is no header row', () => {
        expect(codesAndRows(readRegistry(parseCsv('名称,上级\n某局,').records))).toEqual([['xxgk/registry-header', 1]]);
    });

    it('matches reports by 单位编号, else by name or alias after NFKC and without spaces, narrowed by year', () => {
        const { registry } = registryOf(
            '001,青溪县（城关）财政局,青溪县国库局,部门,,,,,',
            '002,桃源镇人民政府,,乡,,,2022,,',
            '003,桃源镇人民政府,,乡,,2023,,,',
            '004,白沙乡人民政府,,乡,,,,,',
            '005,白沙乡人民政府,,乡,,,,,',
        );
        expect(registry.unitFor({ agency: '青溪县(城关) 财政局' })).toMatchObject({ kind: 'unit', unit: { id: '001' }, by: 'name' });
        expect(registry.unitFor({ agency: '青溪县国库局' })).toMatchObject({ kind: 'unit', unit: { id: '001' }, by: 'alias' });
        expect(registry.unitFor({ agency: '桃源镇人民政府', year: 2022 })).toMatchObject({ kind: 'unit', unit: { id: '002' } });
        expect(registry.unitFor({ agency: '桃源镇人民政府', year: 2024 })).toMatchObject({ kind: 'unit', unit: { id: '003' } });
        const ambiguous = registry.unitFor({ agency: '白沙乡人民政府', year: 2024 });
        expect(ambiguous.kind === 'ambiguous' && ambiguous.candidates.map(u => u.id)).toEqual(['004', '005']);
        expect(registry.unitFor({ agency: '白沙乡人民政府', unitId: '005' })).toMatchObject({ kind: 'unit', unit: { id: '005' }, by: 'id' });
        const unknown = registry.unitFor({ agency: '白沙乡人民政府', unitId: '006' });
        expect(unknown.kind === 'unknown-id' && unknown.candidates.map(u => u.id)).toEqual(['001', '002', '003']); // one edit away
        const unmatched = registry.unitFor({ agency: '青溪县城关财政局' });
        expect(unmatched.kind === 'unmatched' && unmatched.candidates.map(u => u.id)).toEqual(['001']);
        expect(registry.unitFor({})).toEqual({ kind: 'none' });
    });

    it('reads the fixture registry from CSV (UTF-8 with a BOM, GBK) and from XLSX (a title row, numbers and a date cell) alike', async () => {
        const utf8 = await parseRegistryFile(readFileSync(path.join(countyDir, '单位名单.csv')), '单位名单.csv');
        const gbk = await parseRegistryFile(readFileSync(path.join(fixturesDir, 'office', '单位名单-gbk.csv')), '单位名单-gbk.csv');
        const xlsx = await parseRegistryFile(readFileSync(path.join(fixturesDir, 'office', '单位名单.xlsx')), '单位名单.xlsx');
        for (const read of [utf8, gbk, xlsx]) expect(read.problems).toEqual([]);
        const plain = (units: typeof utf8.registry.units) => units.map(({ row: _row, line: _line, offset: _offset, ...u }) => u);
        expect(plain(gbk.registry.units)).toEqual(plain(utf8.registry.units));
        expect(plain(xlsx.registry.units)).toEqual(plain(utf8.registry.units));
        expect(utf8.registry.units).toHaveLength(30);
        expect(xlsx.registry.get('030')!.row).toBe(32); // a title row, the header, then 30 units
    });

    it('reports an XLSX file it cannot read, and an old .xls', async () => {
        expect((await parseRegistryFile(new Uint8Array([0x50, 0x4b, 3, 4, 0]), 'x.xlsx')).problems.map(p => p.code)).toEqual(['xxgk/registry-unreadable']);
        expect((await parseRegistryFile(new Uint8Array([0xd0, 0xcf]), 'x.xls')).problems[0].message).toContain('.xls');
        const wb = new ExcelJS.Workbook();
        wb.addWorksheet('其他').addRow(['无关']);
        wb.addWorksheet('单位名单').addRows([['编号', '名称'], [7, '某局']]);
        const read = await parseRegistryFile(new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), 'r.xlsx');
        expect(read.registry.units.map(u => [u.id, u.name, u.row])).toEqual([['7', '某局', 2]]);
    });
});

describe('similarity of prose', () => {
    const base = '本年度，本局坚持以公开为常态、不公开为例外，全年发布政务信息123条，召开专题会议5次，组织培训3场，覆盖干部职工200人次。';
    it('ignores numbers, spacing and punctuation; is exact for short texts', () => {
        expect(normaliseProse('发布 信息１２３条，共 5 次。')).toBe('发布信息#条共#次');
        expect(similarity(sketchProse(base), sketchProse(base.replace(/\d+/g, '9').replace(/，/g, ', ')))).toBe(1);
        const a = sketchProse('甲乙丙丁戊己庚');
        const b = sketchProse('甲乙丙丁戊己辛');
        // Shingles of 5: {甲乙丙丁戊, 乙丙丁戊己, 丙丁戊己庚} and {…, 丙丁戊己辛}: 2 shared of 4.
        expect(similarity(a, b)).toBe(0.5);
        expect(similarity(sketchProse(base), sketchProse('完全不同的另一段文字，讲的是别的事情，没有任何相同的内容可言。'))).toBe(0);
    });

    it('estimates long texts from sketches of K hashes, close to the exact Jaccard index', () => {
        let state = 7;
        const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const chars = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质';
        const texts = Array.from({ length: 4 }, () => Array.from({ length: 3000 }, () => chars[Math.floor(rand() * chars.length)]).join(''));
        const edited = texts[0].slice(0, 2700) + texts[1].slice(0, 300); // 10 % replaced
        const exact = (x: string, y: string) => {
            const set = (t: string) => {
                const n = normaliseProse(t);
                return new Set(Array.from({ length: n.length - 4 }, (_, i) => n.slice(i, i + 5)));
            };
            const [p, q] = [set(x), set(y)];
            const both = [...p].filter(s => q.has(s)).length;
            return both / (p.size + q.size - both);
        };
        const sketch = sketchProse(texts[0]);
        expect(sketch.hashes).toHaveLength(SKETCH_SIZE);
        expect(Math.abs(similarity(sketch, sketchProse(edited)) - exact(texts[0], edited))).toBeLessThan(0.05);
        expect(similarity(sketch, sketchProse(texts[2]))).toBeLessThan(0.1);
    });
});

describe('status on a small area', () => {
    const { registry } = registryOf(
        '100,某县人民政府,,县,,,,,',
        '101,某县甲局,,部门,100,,,,',
        '102,某县乙局,,部门,100,,,,1-10',
        '103,某县丙局,,部门,100,2025,,,',
        '104,某县丁局,,部门,100,,,,',
    );
    const filing = (over: Partial<Filing> & { agency: string; year: number }): Filing => {
        const text = `机关：${over.agency}\n年度：${over.year}\n一、总体情况\n"""\n${'本年度工作情况良好，各项制度落实到位。'.repeat(10)}\n"""\n`;
        return { ...filingSummary(check(text).model), source: `${over.agency}-${over.year}.xxgk`, errors: 0, warnings: 0, ...over };
    };
    const filings = [
        filing({ agency: '某县人民政府', year: 2024, published: { year: 2025, month: 3, day: 30 }, empty: false }),
        filing({ agency: '某县甲局', year: 2024, published: { year: 2025, month: 1, day: 20 }, empty: false }),
        filing({ agency: '某县甲局', year: 2023, published: { year: 2024, month: 1, day: 20 } }),
        filing({ agency: '某县乙局', year: 2024, published: { year: 2025, month: 1, day: 12 }, empty: true }),
        filing({ agency: '某县丙局', year: 2024, published: { year: 2025, month: 1, day: 5 } }),
        filing({ agency: '某县戊局', year: 2024 }),
    ];

    it('gives every unit its status, its deadline (registry over national) and its similarity with last year', () => {
        const report = computeStatus(registry, filings, { year: 2024 });
        expect(report.units.map(u => [u.id, u.status, u.deadline])).toEqual([
            ['100', 'filed', '2025-03-31'], ['101', 'filed', '2025-01-31'], ['102', 'late', '2025-01-10'],
            ['103', 'exempt', undefined], ['104', 'missing', '2025-01-31'],
        ]);
        expect(report.units[2]).toMatchObject({ daysLate: 2, notes: ['逾期 2 天', '各表均为空或 0'] });
        expect(report.units[3].notes).toEqual(['2025 年度起设立', '但有报告']);
        expect(report.units[1]).toMatchObject({ similarity: 1, similar: 'prose', previousSource: '某县甲局-2023.xxgk' });
        expect(report.counts).toEqual({ total: 5, required: 4, filed: 2, 'filed-empty': 0, late: 1, missing: 1, exempt: 1 });
        expect(report.units[0].children).toEqual({ total: 4, required: 3, filed: 1, 'filed-empty': 0, late: 1, missing: 1, exempt: 1 });
        expect(report.unmatched).toEqual([{ source: '某县戊局-2024.xxgk', agency: '某县戊局', year: 2024, kind: 'unmatched', candidates: expect.any(Array) }]);
        expect(report.similar).toEqual([{ id: '101', name: '某县甲局', kind: 'prose', similarity: 1, source: '某县甲局-2024.xxgk', previousSource: '某县甲局-2023.xxgk' }]);
    });

    it('as of a day: later reports are not filed yet, and the curve counts each day', () => {
        const report = computeStatus(registry, filings, { year: 2024, asOf: { year: 2025, month: 1, day: 15 }, threshold: 1.01 });
        expect(report.units.map(u => u.status)).toEqual(['missing', 'missing', 'late', 'exempt', 'missing']);
        expect(report.units[4].notes).toEqual([]);
        expect(report.curve).toMatchObject({ from: '2025-01-01', to: '2025-01-15', required: 4, deadlines: ['2025-01-10', '2025-01-31', '2025-03-31'], undated: 0 });
        expect(report.curve.days).toHaveLength(15);
        expect(report.curve.days.filter(d => d.filed)).toEqual([{ date: '2025-01-12', filed: 1, cumulative: 1 }]);
        expect(report.similar).toEqual([]);
        const text = curveText(report.curve, report.asOf);
        expect(text[0]).toBe('每日报送（2025-01-01 至 2025-01-15，应报送 4）：');
        expect(text.slice(2).map(l => l.trim().split(/\s+/).slice(0, 3))).toEqual([['2025-01-10', '0', '0/4'], ['2025-01-12', '1', '1/4'], ['2025-01-15', '0', '1/4']]);
        const later = computeStatus(registry, filings, { year: 2024, asOf: { year: 2025, month: 2, day: 3 } });
        expect(later.units[4].notes).toEqual(['已过截止日期 3 天']);
        expect(statusText(later)).toContain('合计 5 个单位，应报送 4：已报送 1，已报送（空表） 0，逾期 1，未报送 2；无需报送 1');
    });

    it('gives the registry findings of each report', () => {
        const index = new FilingIndex(registry, [...filings, filing({ agency: '某县甲局', year: 2024 }), filing({ agency: '某县某局', unitId: '101', year: 2024 })]);
        const found = index.filings.map(f => officeFindings(index, f).map(x => x.code));
        expect(found).toEqual([
            [], ['xxgk/unit-duplicate', 'xxgk/content-similar'], [], [], ['xxgk/unit-inactive'], ['xxgk/unit-unmatched'],
            ['xxgk/unit-duplicate', 'xxgk/content-similar'], ['xxgk/unit-id-name', 'xxgk/unit-duplicate', 'xxgk/content-similar'],
        ]);
    });

    it('drafts a registry from reports: one unit per name, the government as the parent', () => {
        const rows = draftRegistry(filings.map(f => ({ ...f, level: f.agency!.endsWith('人民政府') ? 'county' : 'department' })));
        expect(rows[0]).toEqual(['编号', '名称', '别名', '机关层级', '上级编号', '起始年度', '终止年度', '须报送', '截止日期', '备注']);
        expect(rows.slice(1).map(r => [r[0], r[1], r[3], r[4], r[9]])).toEqual([
            ['001', '某县人民政府', '县', '', '有 2024 年度报告'], ['002', '某县甲局', '部门', '001', '有 2023、2024 年度报告'],
            ['003', '某县乙局', '部门', '001', '有 2024 年度报告'], ['004', '某县丙局', '部门', '001', '有 2024 年度报告'],
            ['005', '某县戊局', '部门', '001', '有 2024 年度报告'],
        ]);
        expect(readRegistry(parseCsv(writeCsv(rows)).records).problems).toEqual([]);
    });
});
