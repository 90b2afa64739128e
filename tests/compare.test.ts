/**
 * Year over year (§4 of issue 10): the comparison of two reports (changes, spikes, cross-year
 * findings on their cells), its HTML, XLSX and DOCX read back, the whole-area comparison (sortable
 * HTML with a chart, XLSX), and `xxgk compare` as a real process.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { parseHTML } from 'linkedom';
import { afterAll, describe, expect, it } from 'vitest';
import { areaComparison } from '../src/compare/area.js';
import { renderAreaStandalone } from '../src/compare/area-html.js';
import { exportAreaXlsx } from '../src/compare/area-xlsx.js';
import { change, compareReports } from '../src/compare/compare.js';
import { exportCompareDocx } from '../src/compare/docx.js';
import { renderCompareStandalone } from '../src/compare/html.js';
import { tablesOf, type CompareView } from '../src/compare/view.js';
import { exportCompareXlsx } from '../src/compare/xlsx.js';
import { renderTable } from '../src/render/html.js';
import { reportFigures } from '../src/rules/figures.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { check, fixturesDir, read, root } from './support/helpers.js';
import { cellByRef } from './support/view.js';
import { report, setRow } from './support/years.js';

const crossYear = (name: string) => read(path.join(fixturesDir, 'cross-year', name));

function compare(last: string, current: string): CompareView {
    return compareReports(check(last), check(current), { registry: nationalRegistry, lastSource: 'last.xxgk' });
}

/** Changes as `table ref last→this delta [spike]`. */
const changesOf = (view: CompareView) => view.changes.map(c => `${c.table} ${c.ref} ${c.last}→${c.this} ${c.delta}${c.spike ? ` ${c.spike}` : ''}`);

const table = (view: CompareView, side: 'last' | 'this', id: string) => tablesOf(view[side]).get(id)!.table;

/** Findings' codes on a cell of one side. */
function codesOn(view: CompareView, side: 'last' | 'this', tableId: string, ref: string): string[] {
    return (cellByRef(table(view, side, tableId), ref).findings ?? []).map(i => view[side].findings[i].code);
}

// Last year: 10 new applications from 自然人 (this year 58: a spike), 99 部分公开 (this year 16: a spike down), no 复议 (this year 1).
const spiky = (() => {
    let last = report(2023);
    last = setRow(last, '一、本年新收政府信息公开申请数量', ['10', '7', '0', '0', '1', '0', '18']);
    last = setRow(last, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ['99', '1', '0', '0', '0', '0', '99']);
    return compare(last, report(2024));
})();

describe('comparing two years of one 机关', () => {
    const view = compare(crossYear('longgang-2023.xxgk'), crossYear('longgang-2024.xxgk'));

    it('pairs the reports (same 机关 up to spaces, consecutive years) and lists every changed cell with its exact change', () => {
        expect(view).toMatchObject({ schema: 'xxgk-compare/1', agency: '深圳市龙岗区某局', lastYear: 2023, year: 2024, paired: true });
        expect(changesOf(view)).toEqual([
            'item1 normative.issued 4→5 +1', 'item1 normative.repealed 0→1 +1', 'item1 normative.inForce 22→25 +3',
            'applications received.person 56→58 +2', 'applications received.total 64→66 +2',
            'applications carriedOver.person 1→3 +2', 'applications carriedOver.total 2→4 +2',
        ]);
        expect(view.counts).toEqual({ changed: 7, spikes: 0 });
        expect(view.changes[0]).toMatchObject({ row: '行政规范性文件', column: '本年制发件数', tableName: '第二十条第（一）项', ratio: 1.25 });
        // The change also sits on this year's printed cell.
        expect(cellByRef(table(view, 'this', 'item1'), 'normative.inForce').change).toEqual({ last: 22, delta: '+3', ratio: 25 / 22 });
    });

    it('shows the cross-year findings (R14, R15) on this year\'s cells and on the cells of last year they compare with', () => {
        expect(view.this.findings.map(f => f.code)).toEqual(['xxgk/in-force-roll', 'xxgk/carried-in', 'xxgk/carried-in']);
        expect(codesOn(view, 'this', 'applications', 'carriedIn.person')).toEqual(['xxgk/carried-in']);
        expect(codesOn(view, 'this', 'applications', 'carriedIn.business')).toEqual(['xxgk/carried-in']);
        expect(codesOn(view, 'this', 'item1', 'normative.inForce')).toEqual(['xxgk/in-force-roll']);
        expect(codesOn(view, 'last', 'applications', 'carriedOver.person')).toEqual(['xxgk/carried-in']);
        expect(codesOn(view, 'last', 'item1', 'normative.inForce')).toEqual(['xxgk/in-force-roll']);
        expect(cellByRef(table(view, 'this', 'item1'), 'normative.inForce').computed).toBe(26);
        // Only cross-year findings: the reports' own findings are not the comparison's business.
        expect(view.last.findings.every(f => ['xxgk/carried-in', 'xxgk/in-force-roll'].includes(f.code))).toBe(true);
    });

    it('marks spikes: × ≥ 5 or ≤ 0.2 where the larger count is at least 10, up from 0 too', () => {
        expect(changesOf(spiky).filter(c => c.includes(' up') || c.includes(' down'))).toEqual([
            'applications received.person 10→58 +48 up', 'applications partly.person 99→16 -83 down', 'applications partly.total 99→17 -82 down',
        ]);
        expect(spiky.counts.spikes).toBe(3);
        expect(change(0, 12, true)).toEqual({ last: 0, delta: '+12', spike: 'up' });
        expect(change(12, 0, true)).toEqual({ last: 12, delta: '-12', ratio: 0, spike: 'down' });
        expect(change(1, 6, true)).toEqual({ last: 1, delta: '+5', ratio: 6 });
        expect(change(2, 10, true).spike).toBe('up'); // × 5, and 10 ≥ 10
        expect(change(2, 9, true).spike).toBeUndefined(); // 9 < 10
        expect(change(10, 2, true).spike).toBe('down');
        expect(change(20, 200, false).spike).toBeUndefined(); // amounts and 本年增/减 never spike
    });

    it('computes amounts\' changes exactly (decimals, no binary drift)', () => {
        expect(change(0.1, 0.3, false).delta).toBe('+0.2');
        expect(change(70.1, 75.926, false).delta).toBe('+5.826');
        expect(change(1.0001, 1, false).delta).toBe('-0.0001');
    });

    it('compares across the change of format: tables of one format only are listed, cells by the same ids only', () => {
        const switched = compare(crossYear('yanshi-2020.xxgk'), crossYear('yanshi-2021.xxgk'));
        expect(switched.paired).toBe(true);
        const only = switched.tables.filter(t => !t.inLast || !t.inThis).map(t => `${t.id} ${t.inLast ? 'last' : 'this'}`);
        expect(only).toEqual(['item9 last']);
        // 2019 and 2021 第（一）项 have other columns: nothing to compare there.
        expect(switched.changes.filter(c => c.table === 'item1')).toEqual([]);
        expect(switched.changes.some(c => c.table === 'applications')).toBe(true);
    });

    it('compares reports of different 机关 without cross-year rules, and says so', () => {
        const other = compare(crossYear('yanshi-2021.xxgk'), crossYear('longgang-2024.xxgk'));
        expect(other.paired).toBe(false);
        expect(other.this.findings).toEqual([]);
    });
});

describe('the comparison\'s files', () => {
    const view = spiky;

    it('HTML: both years side by side, printed by the report renderer, changes and spikes and findings on the cells, no script', () => {
        const html = renderCompareStandalone(view);
        const { document } = parseHTML(html);
        expect(document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toMatch(/^default-src 'none'/);
        expect(document.querySelectorAll('script')).toHaveLength(0);
        const pair = document.querySelector('.xxgk-pair[data-table="applications"]')!;
        const sides = [...pair.querySelectorAll('.xxgk-side')].map(s => s.getAttribute('data-side'));
        expect(sides).toEqual(['last', 'this']);
        const thisTable = pair.querySelector('[data-side="this"] table')!;
        // One renderer: the table is what the report renderer prints for this year's view.
        const rendered = renderTable(view.this, table(view, 'this', 'applications'), { preview: false, marks: true });
        expect(parseHTML(`<div>${rendered}</div>`).document.querySelector('table')!.outerHTML).toBe(thisTable.outerHTML);
        const person = thisTable.querySelector('[data-ref="received.person"]')!;
        expect(person.querySelector('.change')?.textContent).toBe('+48 ×5.8');
        expect(person.querySelector('.change')?.classList.contains('spike')).toBe(true);
        expect(person.querySelector('.change')?.getAttribute('title')).toBe('上年：10；突增');
        expect(pair.querySelector('[data-side="last"] [data-ref="received.person"] .change')).toBeNull();
        // Unchanged cells print no change.
        expect(thisTable.querySelector('[data-ref="received.business"] .change')).toBeNull();
        expect(document.querySelector('.xxgk-compare-summary')?.textContent).toBe('变化 4 格，其中突变 3 格；跨年度核对问题 4 个');
        // Not a preview: no source positions in the file.
        expect(document.querySelector('[data-range]')).toBeNull();
    });

    it('HTML marks the cross-year findings on their cells in both years', () => {
        const { document } = parseHTML(renderCompareStandalone(compare(crossYear('longgang-2023.xxgk'), crossYear('longgang-2024.xxgk'))));
        const cell = (side: string, ref: string) => document.querySelector(`.xxgk-pair[data-table="applications"] [data-side="${side}"] [data-ref="${ref}"]`)!;
        expect(cell('this', 'carriedIn.person').classList.contains('f-warning')).toBe(true);
        expect(cell('this', 'carriedIn.person').getAttribute('title')).toMatch(/^警告：自然人列：二、上年结转应为 1/);
        expect(cell('last', 'carriedOver.person').classList.contains('f-warning')).toBe(true);
        expect(cell('this', 'received.person').classList.contains('f-warning')).toBe(false);
    });

    it('XLSX: a sheet per table with both years side by side, notes with last year\'s value, spikes filled, a sortable list of changes', async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(await exportCompareXlsx(view) as unknown as ArrayBuffer);
        const names = wb.worksheets.map(w => w.name);
        expect(names).toContain('三 收到和处理政府信息公开申请情况表');
        expect(names.at(-1)).toBe('变化');
        const ws = wb.getWorksheet('三 收到和处理政府信息公开申请情况表')!;
        const applications = table(view, 'this', 'applications');
        expect(ws.getCell(1, 1).value).toBe('2023 年度　三、收到和处理政府信息公开申请情况');
        expect(ws.getCell(1, applications.columnCount + 2).value).toBe('2024 年度　三、收到和处理政府信息公开申请情况');
        // Find this year's 一、本年新收 自然人 (the first value cell right of the labels in this year's grid).
        let hit: ExcelJS.Cell | undefined;
        ws.eachRow(row => row.eachCell(cell => {
            if (!hit && cell.note && String((cell.note as { texts?: { text: string }[] }).texts?.map(t => t.text).join('') ?? cell.note).startsWith('2023 年度：10')) hit = cell;
        }));
        expect(hit?.value).toBe(58);
        expect((hit!.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFE0B2');
        const changes = wb.getWorksheet('变化')!;
        expect(changes.rowCount).toBe(view.changes.length + 1);
        expect(changes.getRow(1).values).toEqual([undefined, '表格', '行', '列', '上年', '本年', '增减', '倍数', '突变']);
        const first = changes.getRow(2).values as unknown[];
        expect(first.slice(1, 7)).toEqual(['收到和处理政府信息公开申请情况表', '一、本年新收', '自然人', 10, 58, 48]);
        expect(changes.autoFilter).toBeTruthy();
    });

    it('DOCX: landscape, both years\' tables, this year\'s changed cells with their change', async () => {
        const zip = await JSZip.loadAsync(await exportCompareDocx(view));
        const body = (await zip.file('word/document.xml')!.async('string'));
        expect(body).toMatch(/w:orient="landscape"/);
        expect(body).toContain('深圳市龙岗区某局：2023 年度与 2024 年度对比');
        expect(body).toContain('58（+48 ×5.8 突增）');
        expect(body).toContain('16（-83 ×0.2 突降）');
        expect((body.match(/<w:tbl>/g) ?? []).length).toBe(2 * view.tables.filter(t => t.inLast && t.inThis).length);
    });
});

describe('the whole-area comparison', () => {
    const reports = [
        { path: 'a-2023.xxgk', text: report(2023, '某县甲局') },
        { path: 'a-2024.xxgk', text: setRow(report(2024, '某县甲局'), '一、本年新收政府信息公开申请数量', ['80', '7', '0', '0', '1', '0', '88']) },
        { path: 'b-2024.xxgk', text: setRow(report(2024, '某县乙局'), '（一）予以公开', ['8', '1', '0', '0', '0', '0', '9']) },
        { path: 'c-2023.xxgk', text: report(2023, '某县丙局') },
        { path: 'old.xxgk', text: report(2019, '某县丁局') },
    ].map(r => ({ path: r.path, figures: reportFigures(check(r.text).model) }));
    const view = areaComparison(reports, 2024);

    it('per unit: new applications, 予以公开 share, 复议 and 诉讼, both years and the change; units sorted by this year\'s applications', () => {
        expect(view.units.map(u => u.agency)).toEqual(['某县甲局', '某县乙局', '某县丙局']);
        const [a, b, c] = view.units;
        expect(a.figures.received).toEqual({ last: 66, this: 88, change: 22 });
        expect(a.figures.disclosedShare).toEqual({ last: 3 / 64, this: 3 / 64, change: 0 });
        expect(a.figures.review).toEqual({ last: 1, this: 1, change: 0 });
        expect(a.figures.litigation).toEqual({ last: 1, this: 1, change: 0 });
        expect(b).toMatchObject({ thisPath: 'b-2024.xxgk', figures: { received: { this: 66 }, disclosedShare: { this: 9 / 64 } } });
        expect(b.lastPath).toBeUndefined();
        expect(c.figures.received).toEqual({ last: 66 });
    });

    it('HTML: a chart of the units (inline SVG) and a table that sorts by a click on a heading', () => {
        const html = renderAreaStandalone(view);
        const { document, window } = parseHTML(html);
        const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')!.getAttribute('content')!;
        const nonce = /script-src 'nonce-([0-9a-f]+)'/.exec(csp)![1];
        expect(csp).toMatch(/^default-src 'none'/);
        const bars = document.querySelectorAll('svg.xxgk-chart g[data-unit]');
        expect([...bars].map(g => g.getAttribute('data-unit'))).toEqual(['某县甲局', '某县乙局', '某县丙局']);
        expect(document.querySelectorAll('svg.xxgk-chart rect title')).toHaveLength(4);
        const script = document.querySelector('script')!;
        expect(script.getAttribute('nonce')).toBe(nonce);
        // Run the page's own script on the parsed page, click 「2024」 under 予以公开占比: descending, then ascending.
        new Function('document', script.textContent!)(document);
        const units = () => [...document.querySelectorAll('tbody tr')].map(tr => tr.querySelector('td')!.textContent);
        const heading = document.querySelector('th[data-sort-key="disclosedShare.this"]')!;
        heading.dispatchEvent(new window.Event('click'));
        expect(units()).toEqual(['某县乙局', '某县甲局', '某县丙局']);
        expect(heading.getAttribute('aria-sort')).toBe('descending');
        heading.dispatchEvent(new window.Event('click'));
        expect(units()).toEqual(['某县甲局', '某县乙局', '某县丙局']); // ascending; 丙局 has none this year: last
        document.querySelector('th[data-sort-key="unit"]')!.dispatchEvent(new window.Event('click'));
        expect(units()).toHaveLength(3);
    });

    it('XLSX: a unit per row, numbers and percentages, a filter to sort by', async () => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(await exportAreaXlsx(view) as unknown as ArrayBuffer);
        const ws = wb.getWorksheet('各单位对比')!;
        expect(ws.getCell(1, 2).value).toBe('本年新收申请');
        expect([ws.getCell(2, 2).value, ws.getCell(2, 3).value, ws.getCell(2, 4).value]).toEqual([2023, 2024, '增减']);
        expect([3, 4, 5].map(r => ws.getCell(r, 1).value)).toEqual(['某县甲局', '某县乙局', '某县丙局']);
        expect([ws.getCell(3, 2).value, ws.getCell(3, 3).value, ws.getCell(3, 4).value]).toEqual([66, 88, 22]);
        expect(ws.getCell(4, 2).value).toBe('无报告');
        expect(ws.getCell(4, 6).value).toBeCloseTo(9 / 64, 12);
        expect(ws.getCell(4, 6).numFmt).toBe('0.0%');
        expect(ws.autoFilter).toBeTruthy();
    });
});

describe('xxgk compare (the real CLI)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-compare-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const last = path.join(dir, 'longgang-2023.xxgk');
    const current = path.join(dir, 'longgang-2024.xxgk');
    writeFileSync(last, crossYear('longgang-2023.xxgk'));
    writeFileSync(current, crossYear('longgang-2024.xxgk'));
    const xxgk = (...args: string[]) => {
        const r = spawnSync(process.execPath, [path.join(root, 'out/cli/main.cjs'), ...args], { encoding: 'utf8', cwd: dir });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it('prints the changed cells and the cross-year findings, in either order of the files', () => {
        const r = xxgk('compare', last, current);
        expect(r.code).toBe(0);
        const lines = r.stdout.split('\n');
        expect(lines[0]).toBe('深圳市龙岗区某局：2023 年度与 2024 年度对比');
        expect(lines).toContain('  一、本年新收 自然人：56 → 58  +2  ×1.0');
        expect(lines.filter(l => l.startsWith(`${current}:`)).map(l => l.split(' ').slice(1, 3).join(' '))).toEqual([
            'warning xxgk/in-force-roll', 'warning xxgk/carried-in', 'warning xxgk/carried-in',
        ]);
        const swapped = xxgk('compare', current, last);
        expect(swapped.stdout).toBe(r.stdout);
        expect(swapped.stderr).toBe(`xxgk: 按年度先后比较：${last} 是上年，${current} 是本年\n`);
    });

    it('writes HTML, XLSX and DOCX beside this year\'s report; JSON to stdout', () => {
        for (const format of ['html', 'xlsx', 'docx']) {
            const r = xxgk('compare', last, current, '--format', format);
            const target = path.join(dir, `longgang-2024-与上年对比.${format}`);
            expect(r.stdout).toBe(`已写入 ${target}\n`);
            expect(readFileSync(target).subarray(0, 2).toString('latin1')).toBe(format === 'html' ? '<!' : 'PK');
        }
        const json = JSON.parse(xxgk('compare', last, current, '--format', 'json').stdout) as CompareView;
        expect(json.counts).toEqual({ changed: 7, spikes: 0 });
    });

    it('compares every unit of a folder for a year', () => {
        writeFileSync(path.join(dir, 'other-2024.xxgk'), report(2024, '深圳市龙岗区另一局'));
        const r = xxgk('compare', '--year', '2024', dir);
        expect(r.code).toBe(0);
        expect(r.stdout.split('\n').slice(0, 2)).toEqual(['2024 年度与 2023 年度各单位年报对比', '2 个单位，其中 1 个两年都有报告']);
        const written = xxgk('compare', '--year', '2024', dir, '--format', 'html');
        expect(written.stdout).toBe(`已写入 ${path.join(dir, '年报对比-2024.html')}\n`);
        const { document } = parseHTML(readFileSync(path.join(dir, '年报对比-2024.html'), 'utf8'));
        expect(document.querySelectorAll('tbody tr')).toHaveLength(2);
    });

    it('usage problems are one-line messages with exit code 2', () => {
        expect(xxgk('compare', last).stderr).toMatch(/^xxgk: 请给出两份年报.*；运行 xxgk compare --help 查看用法\n$/);
        expect(xxgk('compare', last, current, '--format', 'pdf').stderr).toMatch(/--format 只能是 text、json、html、xlsx、docx，而不是「pdf」/);
        expect(xxgk('compare', '--year', '24', dir).stderr).toMatch(/--year 应为四位年份/);
        expect(xxgk('compare', '--year', '2024', dir, '--format', 'docx').code).toBe(2);
        expect(xxgk('compare', '--year', '2030', dir).stderr).toBe('xxgk: 没有找到 2030 或 2029 年度的报告\n');
        expect(xxgk('compare', last, current, '-o', path.join(dir, 'x.xxgk')).code).toBe(2);
    });
});
