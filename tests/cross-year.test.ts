/**
 * Cross-year rules R14–R17: the pure evaluation on report summaries, and `xxgk check` on a folder
 * as a real process (reports of the same 机关 in consecutive years, also on different worker threads).
 * The fixtures in tests/fixtures/cross-year carry their expected findings as //! comments.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crossYearFindings, crossYearInstances, crossYearTargets, reportSummary, type ReportSummary } from '../src/rules/cross-year.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { check, expectationsIn, fixturesDir, read, root, xxgkFiles } from './support/helpers.js';

const dir = path.join(fixturesDir, 'cross-year');
const relDir = path.relative(root, dir);
const cli = path.join(root, 'out/cli/main.cjs');

function xxgk(args: string[]) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function summaryOf(file: string): ReportSummary {
    return reportSummary(check(read(path.join(dir, file))).model, nationalRegistry)!;
}

interface JsonFinding {
    code: string;
    severity: string;
    message: string;
    range: { start: { line: number; column: number; offset: number }; end: { offset: number } };
    data: Record<string, unknown>;
    related?: { range: { start: { line: number; column: number } }; message: string; path?: string }[];
}

describe('cross-year rules on report summaries', () => {
    const last = summaryOf('longgang-2023.xxgk');
    const current = summaryOf('longgang-2024.xxgk');

    it('summarises 机关 (width- and space-insensitive), 年度, 格式 and the cells the rules read', () => {
        expect(last).toMatchObject({ agency: '深圳市龙岗区 某局', agencyKey: '深圳市龙岗区某局', year: 2023, template: '2021' });
        expect(current.agencyKey).toBe(last.agencyKey);
        expect(Object.keys(current.cells)).toContain('applications/carriedIn/person');
        expect(Object.keys(current.cells)).toContain('item1/normative/inForce');
        expect(Object.keys(current.cells)).not.toContain('applications/disclosed/person');
        expect(current.cells['item1/normative/inForce']).toMatchObject({ value: 25, range: { start: { line: 30 } } });
    });

    it('is serialisable: a summary sent between threads gives the same findings', () => {
        const copy = (s: ReportSummary) => JSON.parse(JSON.stringify(s)) as ReportSummary;
        const direct = crossYearFindings(current, last, nationalRegistry, 'last.xxgk');
        expect(direct.map(f => f.code)).toEqual(['xxgk/carried-in', 'xxgk/carried-in', 'xxgk/in-force-roll']);
        expect(crossYearFindings(copy(current), copy(last), nationalRegistry, 'last.xxgk')).toEqual(direct);
    });

    it('reports on this year\'s cell, the computed value in data, last year\'s cells as related information', () => {
        const [person] = crossYearFindings(current, last, nationalRegistry, 'file:///last.xxgk');
        expect(person.message).toBe('自然人列：二、上年结转应为 1（2023 年度报告的「四、结转下年度继续办理」），实际为 2');
        expect(person.span).toEqual(current.cells['applications/carriedIn/person'].span);
        expect(person.data).toMatchObject({ code: 'xxgk/carried-in', computed: 1, reported: 2, row: 'carriedIn', column: 'person', lastYear: 2023 });
        expect(person.related).toEqual([{
            span: last.cells['applications/carriedOver/person'].span, range: last.cells['applications/carriedOver/person'].range,
            source: 'file:///last.xxgk', message: '2023 年度报告：四、结转下年度 = 1',
        }]);
    });

    it('compares only the same 机关 in consecutive years', () => {
        expect(crossYearInstances(current, { ...last, agencyKey: '别的局' }, nationalRegistry)).toEqual([]);
        expect(crossYearInstances(current, { ...last, year: 2022 }, nationalRegistry)).toEqual([]);
        expect(crossYearInstances(last, current, nationalRegistry)).toEqual([]);
    });

    it('skips a rule whose terms last year\'s format does not have (2020 → 2021)', () => {
        const instances = crossYearInstances(summaryOf('yanshi-2021.xxgk'), summaryOf('yanshi-2020.xxgk'), nationalRegistry);
        expect(new Set(instances.map(i => i.rule.code))).toEqual(new Set(['xxgk/carried-in']));
        expect(instances.every(i => i.holds)).toBe(true);
    });

    it('R17 is an inequality: the bound travels in data', () => {
        const found = crossYearFindings(summaryOf('yanshi-2020.xxgk'), summaryOf('yanshi-2019.xxgk'), nationalRegistry, 'y2019');
        const r17 = found.find(f => f.code === 'xxgk/published-total-decrease')!;
        expect(r17.severity).toBe('info');
        expect(r17.data).toMatchObject({ reported: 0, expected: 5, op: '>=' });
        expect(r17.data.computed).toBeUndefined();
    });

    it('leads go-to-definition from this year\'s cell or row label to last year\'s', () => {
        const cell = current.cells['applications/carriedIn/total'];
        expect(crossYearTargets(current, last, nationalRegistry, cell.span.start)?.targets)
            .toEqual([last.cells['applications/carriedOver/total']]);
        const label = current.rows['applications/carriedIn'];
        expect(crossYearTargets(current, last, nationalRegistry, label.span.start + 2)?.targets).toEqual([last.rows['applications/carriedOver']]);
        const elsewhere = current.cells['item1/normative/issued'];
        expect(crossYearTargets(current, last, nationalRegistry, elsewhere.span.start)).toBeUndefined();
    });

    it('has no summary without 机关 or 年度', () => {
        const text = read(path.join(dir, 'longgang-2024.xxgk')).replace(/^年度：.*\n/m, '');
        expect(reportSummary(check(text).model, nationalRegistry)).toBeUndefined();
    });
});

describe('cross-year rules on bad input', () => {
    it('never throw on mutated reports, and keep their spans inside the texts', () => {
        const texts = ['longgang-2023.xxgk', 'longgang-2024.xxgk', 'yanshi-2019.xxgk', 'yanshi-2020.xxgk'].map(f => read(path.join(dir, f)));
        const fragment = fc.constantFrom('|', '\n', '年度：2023', '年度：2024', '机关：深圳市龙岗区某局', '二、上年结转政府信息公开申请数量', '-', 'x', '12', '"""');
        const mutated = fc.tuple(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 30 }), fragment), { minLength: 1, maxLength: 6 }))
            .map(([i, edits]) => edits.reduce((t, [at, length, insert]) => {
                const start = at % (t.length + 1);
                return t.slice(0, start) + insert + t.slice(Math.min(t.length, start + length));
            }, texts[i]));
        let compared = 0;
        fc.assert(fc.property(mutated, mutated, (a, b) => {
            const [sa, sb] = [a, b].map(t => reportSummary(check(t).model, nationalRegistry));
            if (!sa || !sb) return;
            for (const [current, previous, text, other] of [[sa, sb, a, b], [sb, sa, b, a]] as const) {
                const asLast = { ...previous, agencyKey: current.agencyKey, year: current.year - 1 };
                for (const f of crossYearFindings(current, asLast, nationalRegistry, 'other')) {
                    compared++;
                    expect(f.span.end).toBeLessThanOrEqual(text.length);
                    for (const r of f.related ?? []) expect(r.span.end).toBeLessThanOrEqual((r.source ? other : text).length);
                }
                for (const offset of [0, 500, 3000]) crossYearTargets(current, asLast, nationalRegistry, offset);
            }
        }), { numRuns: 150 });
        expect(compared).toBeGreaterThan(0);
    });
});

describe('xxgk check on a folder of several years', () => {
    it('reports exactly the //! expectations of every file, with related information in the other file', () => {
        const r = xxgk(['check', '--format', 'json', relDir]);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout) as { files: { path: string; findings: JsonFinding[] }[] };
        const schema = JSON.parse(readFileSync(path.join(root, 'docs/check-result.schema.json'), 'utf8'));
        const validate = new Ajv({ allErrors: true }).compile(schema);
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
        expect(json.files.map(f => path.basename(f.path))).toEqual(xxgkFiles(dir).map(f => path.basename(f)));
        for (const file of json.files) {
            const expected = expectationsIn(read(path.join(root, file.path)));
            const actual = file.findings.map(f => `${String(f.range.start.line).padStart(4, '0')} ${f.severity} ${f.code}`).sort();
            expect(actual, file.path).toEqual(expected);
            const offsets = file.findings.map(f => f.range.start.offset);
            expect(offsets, 'in document order').toEqual([...offsets].sort((a, b) => a - b));
        }
        const r14 = json.files[1].findings.find(f => f.code === 'xxgk/carried-in')!;
        expect(r14.related).toEqual([{
            path: path.join(relDir, 'longgang-2023.xxgk'), message: '2023 年度报告：四、结转下年度 = 1',
            range: expect.objectContaining({ start: expect.objectContaining({ line: 78 }) }),
        }]);
        const lastYear = read(path.join(dir, 'longgang-2023.xxgk')).split('\n')[77];
        expect(lastYear.startsWith('四、结转下年度继续办理')).toBe(true);
        expect(lastYear[r14.related![0].range.start.column - 1]).toBe('1');
    });

    it('gives the same output when the files are checked on different worker threads', () => {
        const one = xxgk(['check', '--jobs', '1', relDir]);
        const two = xxgk(['check', '--jobs', '2', relDir]);
        expect(two.stdout).toBe(one.stdout);
        expect(one.stdout.trim().split('\n').at(-1)).toBe('检查了 6 个文件：0 个错误，4 个警告，1 条提示');
    });

    it('compares nothing when last year\'s report is not among the files checked', () => {
        const r = xxgk(['check', path.join(relDir, 'longgang-2024.xxgk'), path.join(relDir, 'yanshi-2020.xxgk')]);
        expect(r.stdout.trim()).toBe('检查了 2 个文件：0 个错误，0 个警告，0 条提示');
    });

    it('compares by 机关 and 年度, not by file name or folder', () => {
        const tmp = mkdtempSync(path.join(tmpdir(), 'xxgk-years-'));
        copyFileSync(path.join(dir, 'longgang-2023.xxgk'), path.join(tmp, 'b.xxgk'));
        copyFileSync(path.join(dir, 'longgang-2024.xxgk'), path.join(tmp, 'a.xxgk'));
        const r = xxgk(['check', tmp]);
        expect(r.stdout.split('\n').filter(l => l.includes('xxgk/carried-in')).map(l => l.split(':')[0]))
            .toEqual([path.join(tmp, 'a.xxgk'), path.join(tmp, 'a.xxgk')]);
    });

    it('points SARIF related locations at last year\'s file', () => {
        const sarif = JSON.parse(xxgk(['check', '--format', 'sarif', relDir]).stdout);
        const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'xxgk/items-roll');
        expect(result.locations[0].physicalLocation.artifactLocation.uri).toMatch(/yanshi-2020\.xxgk$/);
        expect(result.relatedLocations.map((l: { physicalLocation: { artifactLocation: { uri: string } } }) => l.physicalLocation.artifactLocation.uri))
            .toEqual([expect.stringMatching(/yanshi-2019\.xxgk$/), expect.stringMatching(/yanshi-2019\.xxgk$/)]);
        const ids = sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);
        expect(ids).toEqual(expect.arrayContaining(['xxgk/carried-in', 'xxgk/in-force-roll', 'xxgk/items-roll', 'xxgk/published-total-decrease']));
    });
});
