/**
 * Roll-up (§3 of issue 10) through the built CLI on the fixture county (tests/fixtures/office/county):
 * `xxgk check --registry` evaluates the roll-up rule on the county government's report (001, whose
 * 2024 汇总 is off by one in 行政许可), and `xxgk sum` writes the 汇总 from the children's reports —
 * compared cell by cell with the fixture's own 汇总, which the generator made by adding up the
 * children's values (tests/support/county.ts), not with xxgk.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFigures } from '../src/rules/figures.js';
import { countyDir } from './support/county-expected.js';
import { check, root } from './support/helpers.js';

const cli = path.join(root, 'out/cli/main.cjs');
const temp = mkdtempSync(path.join(tmpdir(), 'xxgk-rollup-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const registry = path.join(countyDir, '单位名单.csv');
const government = (year: number) => path.join(countyDir, String(year), '001-青溪县人民政府.xxgk');

function xxgk(...args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: temp, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const figuresOf = (text: string) => reportFigures(check(text).model).cells;

/** The cells where two reports differ: key → [a, b]. */
function differences(a: string, b: string): Record<string, unknown> {
    const x = figuresOf(a);
    const y = figuresOf(b);
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) if (x[key] !== y[key]) out[key] = [x[key], y[key]];
    return out;
}

interface JsonFinding { code: string; severity: string; range: { start: { line: number; column: number } }; data: Record<string, unknown> }

describe('xxgk check --registry: the roll-up rule', () => {
    const run = xxgk('check', '--format', 'json', '--registry', registry, countyDir);
    const files = (JSON.parse(run.stdout) as { files: { path: string; findings: JsonFinding[] }[] }).files;
    const rollups = files.flatMap(f => f.findings.filter(x => x.code === 'xxgk/rollup').map(x => ({ file: path.relative(countyDir, f.path), ...x })));

    it('finds the one cell the county government\'s 2024 汇总 has wrong, with reported and computed values and the child that has not filed', () => {
        expect(run.code).toBe(0); // a warning
        expect(rollups.map(f => [f.file, f.severity, f.data.table, f.data.row, f.data.column])).toEqual([
            [path.join('2024', '001-青溪县人民政府.xxgk'), 'warning', 'item5', 'licensing', 'decisions'],
        ]);
        const [finding] = rollups;
        const text = readFileSync(government(2024), 'utf8');
        const written = /^行政许可 +\| +(\d+)/m.exec(text)!;
        const line = text.slice(0, written.index).split('\n').length;
        expect(finding.range.start).toMatchObject({ line, column: written[0].length - written[1].length + 1 });
        expect(finding.data).toMatchObject({
            reported: Number(written[1]), computed: Number(written[1]) - 1, missing: ['青溪县桃源镇人民政府'], blank: [], unitId: '001', year: 2024,
        });
    });

    it('2022 and 2023 add up (a unit that ended, a unit that started, an empty filing, a renamed unit under its former name)', () => {
        expect(rollups.filter(f => !f.file.startsWith('2024'))).toEqual([]);
    });
});

describe('xxgk check --registry: suppression comments', () => {
    it('apply to the registry findings too: the roll-up finding under `xxgk-disable-next-line xxgk/rollup` is listed as suppressed', () => {
        const county = path.join(temp, 'county-suppressed');
        cpSync(countyDir, county, { recursive: true });
        const file = path.join(county, '2024', '001-青溪县人民政府.xxgk');
        writeFileSync(file, readFileSync(file, 'utf8').replace(/^行政许可 +\|/m, m => `// xxgk-disable-next-line xxgk/rollup 桃源镇未报送，按上报数汇总\n${m}`));
        const run = xxgk('check', '--format', 'json', '--registry', path.join(county, '单位名单.csv'), county);
        const files = JSON.parse(run.stdout).files as { path: string; findings: JsonFinding[]; suppressed?: (JsonFinding & { suppression: { justification: string } })[] }[];
        const government_ = files.find(f => f.path.endsWith('001-青溪县人民政府.xxgk') && f.path.includes('2024'))!;
        expect(government_.findings.map(f => f.code)).not.toContain('xxgk/rollup');
        expect(government_.findings.map(f => f.code)).not.toContain('xxgk/unused-suppression');
        expect(government_.suppressed?.map(f => [f.code, f.suppression.justification])).toEqual([['xxgk/rollup', '桃源镇未报送，按上报数汇总']]);
    });
});

describe('xxgk sum', () => {
    it('writes the county government\'s 汇总 from its children: every cell the fixture\'s own 汇总 has, but the one it got wrong', () => {
        const out = path.join(temp, 'sum-2024.xxgk');
        const r = xxgk('sum', '--year', '2024', '--unit', '001', '-o', out, countyDir);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^已生成 .*sum-2024\.xxgk（\d+ 个下级单位的报告相加；未报送、未计入：青溪县桃源镇人民政府；正文待写）\n$/);
        const made = readFileSync(out, 'utf8');
        const fixture = readFileSync(government(2024), 'utf8');
        const licences = Number(/^行政许可 +\| +(\d+)/m.exec(fixture)![1]);
        expect(differences(made, fixture)).toEqual({ 'item5/licensing/decisions': [licences - 1, licences] });
        const { model } = check(made);
        expect([model.meta.agency?.value, model.meta.year?.value, model.meta.unitId?.value, model.meta.level?.value?.id]).toEqual(['青溪县人民政府', 2024, '001', 'county']);
        expect(made).toContain('// 未报送（未计入）：青溪县桃源镇人民政府');
        // 2023 adds up to the fixture's 汇总 exactly.
        const out2023 = path.join(temp, 'sum-2023.xxgk');
        expect(xxgk('sum', '--year', '2023', '--unit', '001', '--registry', registry, '-o', out2023, countyDir).code).toBe(0);
        expect(differences(readFileSync(out2023, 'utf8'), readFileSync(government(2023), 'utf8'))).toEqual({});
    });

    it('the 汇总 it writes passes the roll-up rule in place of the county government\'s report', () => {
        const folder = path.join(temp, 'county');
        cpSync(countyDir, folder, { recursive: true });
        const target = path.join(folder, '2024', '001-青溪县人民政府.xxgk');
        expect(xxgk('sum', '--year', '2024', '--unit', '001', '-o', target, '--force', folder).code).toBe(0);
        const r = xxgk('check', '--format', 'json', '--registry', path.join(folder, '单位名单.csv'), path.join(folder, '2024'));
        const codes = (JSON.parse(r.stdout) as { files: { findings: JsonFinding[] }[] }).files.flatMap(f => f.findings.map(x => x.code));
        expect(codes).not.toContain('xxgk/rollup');
        expect(codes.filter(c => c === 'xxgk/section-empty').length).toBeGreaterThan(0); // the prose is the writer's
    });

    it('never writes over an existing report without --force; -o - writes to stdout', () => {
        const out = path.join(temp, 'kept.xxgk');
        writeFileSync(out, '// 已写的内容\n');
        const r = xxgk('sum', '--year', '2024', '--unit', '001', '-o', out, countyDir);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('已存在');
        expect(readFileSync(out, 'utf8')).toBe('// 已写的内容\n');
        expect(xxgk('sum', '--year', '2024', '--unit', '001', '-o', out, '--force', countyDir).code).toBe(0);
        expect(readFileSync(out, 'utf8')).toContain('机关：青溪县人民政府');
        const stdout = xxgk('sum', '--year', '2024', '--unit', '001', '-o', '-', countyDir);
        expect(stdout.code).toBe(0);
        expect(stdout.stdout).toBe(readFileSync(out, 'utf8'));
        // The default name is 机关名称-年度.xxgk in the current folder.
        expect(xxgk('sum', '--year', '2023', '--unit', '001', countyDir).code).toBe(0);
        expect(existsSync(path.join(temp, '青溪县人民政府-2023.xxgk'))).toBe(true);
    });

    it('finds the registry in a folder above the reports given (one registry above the year folders)', () => {
        const files = ['002-青溪县发展和改革局.xxgk', '003-青溪县教育局.xxgk'].map(f => path.join(countyDir, '2024', f));
        const year = path.join(countyDir, '2024');
        for (const given of [[year], files]) {
            const r = xxgk('sum', '--year', '2024', '--unit', '001', '-o', '-', ...given);
            expect(r.stderr).not.toMatch(/单位名单/);
            expect(r.code).toBe(0);
            expect(r.stdout).toMatch(/^机关：青溪县人民政府/m);
        }
    });

    const lone = mkdtempSync(path.join(tmpdir(), 'xxgk-no-registry-'));
    const other = path.join(temp, 'other-county');
    cpSync(path.join(countyDir, '单位名单.csv'), path.join(other, '单位名单.csv'));
    afterAll(() => rmSync(lone, { recursive: true, force: true }));

    it('usage problems are one-line messages with exit code 2', () => {
        const cases: [string[], RegExp][] = [
            [['--unit', '001', countyDir], /--year/],
            [['--year', '二〇二四', '--unit', '001', countyDir], /--year 应为四位年份/],
            [['--year', '2024', countyDir], /--unit/],
            [['--year', '2024', '--unit', '001'], /目录/],
            [['--year', '2024', '--unit', '999', countyDir], /没有编号为「999」/],
            [['--year', '2024', '--unit', '002', countyDir], /没有下级单位/],
            [['--year', '2024', '--unit', '004', countyDir], /2024 年度不存在/],
            [['--year', '2024', '--unit', '001', lone], /没有单位名单/],
            [['--year', '2024', '--unit', '001', countyDir, other], /不止一份单位名单/],
        ];
        for (const [args, message] of cases) {
            const r = xxgk('sum', ...args);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr, args.join(' ')).toMatch(message);
            expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        }
    });
});
