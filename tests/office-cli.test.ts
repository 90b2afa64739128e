/**
 * `xxgk status`, `xxgk check --registry` and `xxgk units init` as a real process on the fixture
 * county (tests/fixtures/office/county): every status compared with what the county's spec says,
 * the JSON, HTML (parsed) and XLSX (read back) outputs, the daily curve against the 发布日期 lines
 * of the files themselves.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import ExcelJS from 'exceljs';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/office/csv.js';
import { readRegistry } from '../src/office/registry.js';
import { STATUS_LABELS, type StatusReport } from '../src/office/status.js';
import { countyDir, expectedStatus, publishedDates } from './support/county-expected.js';
import { fixturesDir, root } from './support/helpers.js';

const cli = path.join(root, 'out/cli/main.cjs');
const county = path.relative(root, countyDir);
const temp = mkdtempSync(path.join(tmpdir(), 'xxgk-office-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function xxgk(...args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const validate = new Ajv({ allErrors: true }).compile(JSON.parse(readFileSync(path.join(root, 'docs', 'status-result.schema.json'), 'utf8')));

function statusJson(...args: string[]): StatusReport {
    const r = xxgk('status', '--format', 'json', ...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as StatusReport;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    return report;
}

const statuses = (report: StatusReport) => Object.fromEntries(report.units.map(u => [u.id, u.status]));

describe('xxgk status on the fixture county', () => {
    it('gives every unit its status, year by year (JSON)', () => {
        for (const year of [2022, 2023, 2024]) {
            const report = statusJson('--year', String(year), county);
            expect(report.schema).toBe('xxgk-status/1');
            expect(statuses(report)).toEqual(expectedStatus[year]);
            expect(report.units.filter(u => u.parentId === '001')).toHaveLength(29);
        }
        const report = statusJson('--year', '2024', county);
        expect(report.counts).toEqual({ total: 30, required: 28, filed: 25, 'filed-empty': 1, late: 1, missing: 1, exempt: 2 });
        const unit = (id: string) => report.units.find(u => u.id === id)!;
        expect(unit('016')).toMatchObject({ published: '2025-02-05', deadline: '2025-01-31', daysLate: 5 });
        expect(unit('001')).toMatchObject({ deadline: '2025-03-31', children: { total: 29, required: 27, missing: 1, late: 1, 'filed-empty': 1, exempt: 2, filed: 24 } });
        expect(unit('030').deadline).toBe('2025-01-15'); // the registry's 截止日期
        expect(unit('019').source).toBe(path.join(county, '2024', '019-青溪县卫健委.xxgk')); // matched by 单位编号
        expect(unit('011').source).toBe(path.join(county, '2024', '011-青溪县自然资源局.xxgk'));
        expect(unit('025').notes).toEqual(['报告没有写发布日期，无法判断是否逾期']);
        expect(unit('004').notes).toEqual(['2022 年度后撤销']);
        expect(unit('026').notes).toEqual(['名单注明无需报送']);
        expect(report.unmatched).toEqual([{
            source: path.join(county, '2024', '青溪县林业局.xxgk'), agency: '青溪县林业局', year: 2024, kind: 'unmatched', candidates: expect.any(Array),
        }]);
        expect(report.similar.map(s => [s.id, s.kind, s.previousSource])).toEqual([
            ['022', 'tables', path.join(county, '2023', '022-青溪县审计局.xxgk')],
            ['024', 'prose', path.join(county, '2023', '024-青溪县统计局.xxgk')],
        ]);
        expect(unit('024').similarity).toBeGreaterThanOrEqual(0.9);
        // Every other unit's prose is well below the threshold.
        expect(report.units.filter(u => u.id !== '024' && u.similarity !== undefined && u.similarity >= 0.7)).toEqual([]);
        // The renamed unit's 2022 report (under its former name) is its report: 2022 is compared with it.
        expect(statusJson('--year', '2023', county).units.find(u => u.id === '011')!.similarity).toBeTypeOf('number');
    });

    it('prints the table as text, grouped by parent, with the counts', () => {
        const r = xxgk('status', '--year', '2024', county);
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe('2024 年度政府信息公开工作年度报告报送情况');
        const rows = lines.filter(l => /^\d{3} /.test(l));
        expect(rows).toHaveLength(30);
        const labelOf = Object.fromEntries(Object.entries(expectedStatus[2024]).map(([id, s]) => [id, STATUS_LABELS[s]]));
        for (const row of rows) {
            const [id, name, label] = row.split(/\s{2,}/).map(s => s.trim());
            expect(label, `${id} ${name}`).toBe(labelOf[id]);
        }
        expect(rows[1]).toMatch(/^002 {5}青溪县发展和改革局/); // a child, indented under 001
        expect(r.stdout).toContain('合计 30 个单位，应报送 28：已报送 25，已报送（空表） 1，逾期 1，未报送 1；无需报送 2');
        expect(r.stdout).toContain('青溪县人民政府（编号 001）下级 29 个，应报送 27：');
        expect(r.stdout).toContain('未对应到单位的报告（1）：');
        expect(r.stdout).toContain('内容雷同（2）：');
        expect(r.stdout).not.toContain('每日报送');
    });

    it('as of a day: reports published later are not filed yet; the daily counts are those of the files', () => {
        const asOf = '2025-01-25';
        const report = statusJson('--year', '2024', '--as-of', asOf, county);
        const dates = publishedDates(2024);
        const dateOf = (id: string) => [...dates].find(([file]) => file.startsWith(`${id}-`))?.[1];
        for (const u of report.units) {
            const expected = expectedStatus[2024][u.id];
            const date = dateOf(u.id);
            const later = date !== undefined && date > asOf;
            expect(u.status, u.id).toBe(expected === 'exempt' ? 'exempt' : later || expected === 'missing' ? 'missing' : expected);
        }
        expect(report.asOf).toBe(asOf);
        expect(report.curve.from).toBe('2025-01-01');
        expect(report.curve.to).toBe(asOf);
        expect(report.curve.undated).toBe(1);
        // Per day: the reports of units that must file whose 发布日期 is that day.
        const perDay = new Map<string, number>();
        for (const [file, date] of dates) {
            const id = file.slice(0, 3);
            if (date && date <= asOf && expectedStatus[2024][id] && expectedStatus[2024][id] !== 'exempt') perDay.set(date, (perDay.get(date) ?? 0) + 1);
        }
        expect(report.curve.days.filter(d => d.filed).map(d => [d.date, d.filed])).toEqual([...perDay].sort());
        expect(report.curve.days.at(-1)!.cumulative).toBe([...perDay.values()].reduce((a, b) => a + b, 0));
        const text = xxgk('status', '--year', '2024', '--as-of', asOf, county).stdout;
        expect(text).toContain(`每日报送（2025-01-01 至 ${asOf}，应报送 28）：`);
        expect(text).toContain('← 查看日期');
    });

    it('writes HTML that reads back: a row per unit with its status, the counts, an inline chart, nothing fetched', () => {
        const file = path.join(temp, 'status.html');
        const r = xxgk('status', '--year', '2024', '--format', 'html', '-o', file, county);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain(`已写出 ${file}`);
        const html = readFileSync(file, 'utf8');
        const { document } = parseHTML(html);
        const rows = [...document.querySelectorAll('table.status tbody tr')];
        expect(Object.fromEntries(rows.map(tr => [tr.getAttribute('data-id'), tr.getAttribute('data-status')]))).toEqual(expectedStatus[2024]);
        expect(rows.find(tr => tr.getAttribute('data-id') === '016')!.querySelector('td.status')!.textContent).toBe('逾期');
        expect(document.querySelector('.counts li[data-status="missing"]')!.getAttribute('data-count')).toBe('1');
        const bars = [...document.querySelectorAll('svg.curve rect.bar')];
        const report = statusJson('--year', '2024', county);
        expect(bars.map(b => [b.getAttribute('data-date'), Number(b.getAttribute('data-filed'))]))
            .toEqual(report.curve.days.filter(d => d.filed).map(d => [d.date, d.filed]));
        expect(document.querySelectorAll('svg.curve line.deadline')).toHaveLength(3); // 01-15, 01-31, 03-31
        expect([...document.querySelectorAll('table.unmatched tbody tr')].map(tr => tr.getAttribute('data-kind'))).toEqual(['unmatched']);
        expect([...document.querySelectorAll('table.similar tbody tr')].map(tr => tr.getAttribute('data-id'))).toEqual(['022', '024']);
        expect(html).not.toMatch(/<script|<link|src=|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    });

    it('writes an XLSX workbook that reads back: every unit, grouped; the counts; the days; the unmatched and copied reports', async () => {
        const file = path.join(temp, 'status.xlsx');
        expect(xxgk('status', '--year', '2024', '--format', 'xlsx', '-o', file, county).code).toBe(0);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(file);
        expect(wb.worksheets.map(s => s.name)).toEqual(['报送情况', '按上级单位', '每日报送', '未对应到单位的报告', '内容雷同']);
        const sheet = wb.getWorksheet('报送情况')!;
        expect(sheet.getRow(1).values).toEqual([undefined, '编号', '单位', '上级编号', '机关层级', '状态', '发布日期', '截止日期', '逾期天数', '错误', '警告', '与上年相似度', '报告', '备注']);
        const units = new Map<string, { label: string; outline: number; daysLate: unknown }>();
        for (let r = 2; r <= 31; r++) {
            const row = sheet.getRow(r);
            units.set(String(row.getCell(1).value), { label: String(row.getCell(5).value), outline: row.outlineLevel ?? 0, daysLate: row.getCell(8).value });
        }
        expect(Object.fromEntries([...units].map(([id, u]) => [id, u.label]))).toEqual(
            Object.fromEntries(Object.entries(expectedStatus[2024]).map(([id, s]) => [id, STATUS_LABELS[s]])));
        expect(units.get('001')!.outline).toBe(0);
        expect(units.get('002')!.outline).toBe(1);
        expect(units.get('016')!.daysLate).toBe(5);
        const groups = wb.getWorksheet('按上级单位')!.getRow(2).values as unknown[];
        expect(groups.slice(1, 5)).toEqual(['001', '青溪县人民政府', 29, 27]);
        const days = wb.getWorksheet('每日报送')!;
        const report = statusJson('--year', '2024', county);
        expect(days.rowCount - 1).toBe(report.curve.days.length);
        expect(wb.getWorksheet('内容雷同')!.getRow(2).getCell(1).value).toBe('022');
    });

    it('reads the registry in GBK, as Excel saves a CSV on a Chinese Windows, and in XLSX', () => {
        const gbk = statusJson('--year', '2024', '--registry', path.join(fixturesDir, 'office', '单位名单-gbk.csv'), county);
        const xlsx = statusJson('--year', '2024', '--registry', path.join(fixturesDir, 'office', '单位名单.xlsx'), county);
        expect(statuses(gbk)).toEqual(expectedStatus[2024]);
        expect(statuses(xlsx)).toEqual(expectedStatus[2024]);
    });

    it('takes the 内容雷同 threshold from --similarity', () => {
        const measured = statusJson('--year', '2024', county).units.find(u => u.id === '024')!.similarity!;
        const above = String(Math.ceil(measured * 100 + 1));
        const stricter = statusJson('--year', '2024', '--similarity', above, county);
        expect(stricter.threshold).toBe(Number(above) / 100);
        expect(stricter.similar.map(s => s.id)).toEqual(['022']); // identical tables still count
    });

    it('says what is wrong with the arguments, the registry or the folder', () => {
        expect(xxgk('status', county).code).toBe(2);
        expect(xxgk('status', '--year', '2024', '--as-of', '1月', county).stderr).toContain('--as-of 应为日期');
        // The registry above a year folder is found; a folder with none above it says so.
        const above = xxgk('status', '--year', '2024', path.join(county, '2024'));
        expect(above.stderr).not.toContain('没有单位名单');
        expect(above.stdout).toContain('合计 30 个单位');
        const lone = mkdtempSync(path.join(tmpdir(), 'xxgk-status-no-registry-'));
        const none = xxgk('status', '--year', '2024', lone);
        rmSync(lone, { recursive: true, force: true });
        expect(none.code).toBe(2);
        expect(none.stderr).toContain('没有单位名单');
        expect(xxgk('status', '--year', '2024', '--registry', path.join(temp, 'nothing.csv'), county).stderr).toContain('文件不存在');
        const broken = path.join(temp, 'broken.csv');
        writeFileSync(broken, `${readFileSync(path.join(countyDir, '单位名单.csv'), 'utf8')}002,重复,,部门,001,,,,\r\n`);
        const r = xxgk('status', '--year', '2024', '--registry', broken, county);
        expect(r.code).toBe(1); // the table is printed, the registry has an error
        expect(r.stderr.trim()).toBe(`${broken}:32:1: error xxgk/registry-duplicate 第 32 行：编号「002」重复（第一次在第 3 行）；本行未读入`);
        expect(r.stdout).toContain('合计 30 个单位');
    });
});

describe('xxgk check --registry', () => {
    it('adds the registry findings to the reports, and the registry\'s own problems as a file of their own', () => {
        const registry = path.join(county, '单位名单.csv');
        const r = xxgk('check', '--format', 'json', '--registry', registry, county);
        expect(r.code).toBe(0);
        const result = JSON.parse(r.stdout) as { files: { path: string; findings: { code: string; severity: string; data: Record<string, unknown> }[] }[] };
        expect(result.files[0]).toEqual({ path: registry, format: null, year: null, agency: null, findings: [] });
        const found = result.files.flatMap(f => f.findings.map(x => [path.relative(county, f.path), x.code, x.severity]));
        expect(found).toEqual([
            [path.join('2024', '001-青溪县人民政府.xxgk'), 'xxgk/rollup', 'warning'], // its 汇总 is off by one (tests/rollup-cli.test.ts)
            [path.join('2024', '016-青溪县农业农村局.xxgk'), 'xxgk/published-late', 'warning'],
            [path.join('2024', '019-青溪县卫健委.xxgk'), 'xxgk/unit-id-name', 'warning'],
            [path.join('2024', '022-青溪县审计局.xxgk'), 'xxgk/tables-identical', 'info'],
            [path.join('2024', '024-青溪县统计局.xxgk'), 'xxgk/content-similar', 'info'],
            [path.join('2024', '025-青溪县医疗保障局.xxgk'), 'xxgk/published-missing', 'info'],
            [path.join('2024', '青溪县林业局.xxgk'), 'xxgk/unit-unmatched', 'warning'],
        ]);
        // Without the registry the county has only its late report and the one without 发布日期 (R21).
        expect(xxgk('check', county).stdout.trim().split('\n').at(-1)).toBe('检查了 84 个文件：0 个错误，1 个警告，1 条提示');
    });

    it('fails on a registry with errors and names its rows; an unreadable registry is an I/O problem', () => {
        const bad = path.join(temp, 'bad.csv');
        writeFileSync(bad, '编号,名称,上级编号\n1,甲,2\n2,乙,1\n3,丙,9\n');
        const r = xxgk('check', '--registry', bad, path.join(county, '2024', '002-青溪县发展和改革局.xxgk'));
        expect(r.code).toBe(1);
        expect(r.stdout.split('\n').slice(0, 2)).toEqual([
            `${bad}:2:1: error xxgk/registry-cycle 第 2 行：上级关系成环：甲（1） → 乙（2） → 甲（1）；本单位暂按没有上级处理`,
            `${bad}:4:1: error xxgk/registry-parent 第 4 行：上级编号「9」不在单位名单中；本单位暂按没有上级处理`,
        ]);
        expect(r.stdout).toContain('warning xxgk/unit-unmatched');
        expect(xxgk('check', '--registry', path.join(temp, 'missing.xlsx'), county).code).toBe(2);
    });
});

describe('xxgk units init', () => {
    it('drafts a registry from the reports of a folder, which status then reads', () => {
        const folder = path.join(temp, 'draft');
        cpSync(countyDir, folder, { recursive: true });
        rmSync(path.join(folder, '单位名单.csv'));
        const r = xxgk('units', 'init', folder);
        expect(r.code).toBe(0);
        const file = path.join(folder, '单位名单.csv');
        expect(existsSync(file)).toBe(true);
        const bytes = readFileSync(file);
        expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so that Excel reads UTF-8
        const { registry, problems } = readRegistry(parseCsv(bytes.toString('utf8').slice(1)).records);
        expect(problems).toEqual([]);
        const government = registry.units.find(u => u.name === '青溪县人民政府')!;
        expect(government.level?.id).toBe('county');
        expect(registry.units.filter(u => u !== government).every(u => u.parentId === government.id)).toBe(true);
        // 单位编号 written in a report is kept as the unit's id.
        expect(registry.get('019')?.name).toBe('青溪县卫健委');
        expect(registry.units.some(u => u.name === '青溪县国土资源局')).toBe(true); // a former name is a unit until someone merges it
        expect(r.stdout).toContain(`已生成 ${file}：${registry.units.length} 个单位（来自 84 份年报）`);
        expect(xxgk('units', 'init', folder).code).toBe(2); // never over an existing registry
        expect(xxgk('status', '--year', '2024', '--format', 'json', folder).code).toBe(0);
    });
});
