/**
 * Next year's report from this year's (§5 of issue 10): `nextYearReport` on the examples and the
 * cross-year fixtures, and `xxgk new --from` as a real process. The new report must check clean but
 * for the cells the writer has to fill — asserted exactly — and pass the cross-year rules against
 * the report it came from.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nextYearReport, NextYearError, type ProseMode } from '../src/format/next-year.js';
import { crossYearFindings, reportSummary } from '../src/rules/cross-year.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { LineIndex } from '../src/util/lines.js';
import { check, examplesDir, fixturesDir, read, root } from './support/helpers.js';

const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));
const yanshi2019 = read(path.join(fixturesDir, 'cross-year', 'yanshi-2019.xxgk'));
const yanshi2020 = read(path.join(fixturesDir, 'cross-year', 'yanshi-2020.xxgk'));

const proseSections = ['一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'].map(s => `warning xxgk/section-empty ${s}`);

/**
 * The findings of a new report but its one `xxgk/published-missing` (an info on the first line: 发布日期
 * is the writer's to fill when the report is published, like the prose).
 */
function toFill(text: string): string[] {
    const all = findings(text);
    expect(all.filter(f => f.startsWith('info xxgk/published-missing '))).toHaveLength(1);
    return all.filter(f => !f.startsWith('info xxgk/published-missing '));
}

function next(text: string, year: number, prose: ProseMode = 'keep') {
    return nextYearReport({ previous: check(text).model, year, registry: nationalRegistry, prose, source: 'last.xxgk' });
}

/** Findings as `severity code table/row/column` (or the line's text for findings that are not on a cell). */
function findings(text: string): string[] {
    const lines = new LineIndex(text);
    return check(text).findings.map(f => {
        const line = lines.position(f.span.start).line;
        const where = f.data.table ? `${f.data.table}/${f.data.row}/${f.data.column}` : text.split('\n')[line];
        return `${f.severity} ${f.code} ${where}${f.data.computed !== undefined ? ` = ${f.data.computed}` : ''}`;
    });
}

/** The cells of a checked report's table as numbers, by "row/column". */
function cells(text: string, table: string): Record<string, number | undefined> {
    const out: Record<string, number | undefined> = {};
    for (const row of check(text).model.tables.get(table)!.rows) {
        for (const [column, cell] of row.byColumn) out[`${row.def!.id}/${column}`] = cell.value;
    }
    return out;
}

describe('next year\'s report (2021 format → 2021 format)', () => {
    const made = next(longgang, 2025);

    it('carries 机关, 机关层级, the new 年度, its 统计期限, the format for the year and the title with the new year', () => {
        const meta = check(made.text).model.meta;
        expect(meta.agency?.value).toBe('深圳市龙岗区某局');
        expect(meta.level?.value?.label).toBe('部门');
        expect(meta.year?.value).toBe(2025);
        expect(meta.format?.value?.id).toBe('2021');
        expect(meta.period?.text).toBe('2025-01-01 至 2025-12-31');
        expect(meta.title?.text).toBe('深圳市龙岗区某局2025年政府信息公开工作年度报告');
        expect(meta.published).toBeUndefined();
    });

    it('fills 二、上年结转 from last year\'s 四、结转下年度继续办理 and 现行有效件数 from last year\'s, from the rule data', () => {
        expect(made.carried.map(c => `${c.rule.domainRule} ${c.table}/${c.row}/${c.column} ${c.value}`)).toEqual([
            'R14 applications/carriedIn/person 3', 'R14 applications/carriedIn/business 1', 'R14 applications/carriedIn/research 0',
            'R14 applications/carriedIn/charity 0', 'R14 applications/carriedIn/legal 0', 'R14 applications/carriedIn/otherOrg 0',
            'R14 applications/carriedIn/total 4', 'R15 item1/rules/inForce 0', 'R15 item1/normative/inForce 25',
        ]);
        expect(made.uncarried).toEqual([]);
        expect(made.dropped).toEqual([]);
        const applications = cells(made.text, 'applications');
        expect(applications['carriedIn/person']).toBe(3);
        expect(applications['carriedIn/business']).toBe(1);
        expect(applications['carriedIn/total']).toBe(4);
        // Every other cell is 0.
        expect(Object.entries(applications).filter(([k, v]) => !k.startsWith('carriedIn/') && v !== 0)).toEqual([]);
        expect(cells(made.text, 'item1')).toEqual({
            'rules/issued': 0, 'rules/repealed': 0, 'rules/inForce': 0, 'normative/issued': 0, 'normative/repealed': 0, 'normative/inForce': 25,
        });
    });

    it('checks clean except the cells the writer must fill: 四、结转下年度 of the columns with carried requests, and the prose', () => {
        expect(toFill(made.text)).toEqual([
            'warning xxgk/section-empty 一、总体情况',
            'error xxgk/balance applications/carriedOver/person = 3',
            'error xxgk/balance applications/carriedOver/business = 1',
            'error xxgk/balance applications/carriedOver/total = 4',
            'warning xxgk/section-empty 五、存在的主要问题及改进情况',
            'warning xxgk/section-empty 六、其他需要报告的事项',
        ]);
    });

    it('passes the cross-year rules against the report it came from (R14, R15)', () => {
        const last = reportSummary(check(longgang).model, nationalRegistry)!;
        const current = reportSummary(check(made.text).model, nationalRegistry)!;
        expect(crossYearFindings(current, last, nationalRegistry, 'last.xxgk')).toEqual([]);
    });

    it('keeps last year\'s prose as comments above each block (nothing lost), or leaves it out', () => {
        const kept = made.text;
        const model = check(longgang).model;
        for (const section of model.sections) {
            for (const block of section.prose) {
                for (const line of block.text.split('\n').filter(Boolean)) expect(kept).toContain(`// ${line}`);
            }
        }
        // The new report's own text blocks are empty: the guide is not part of it.
        expect(check(kept).model.sections.flatMap(s => s.prose.map(p => p.text.trim()))).toEqual(['', '', '']);
        const dropped = next(longgang, 2025, 'drop').text;
        expect(dropped).not.toContain('本年报根据');
        expect(dropped.replace(/^\/\/.*\n/gm, '')).toBe(kept.replace(/^\/\/.*\n/gm, ''));
    });

    it('writes every label officially, whatever last year wrote', () => {
        const variant = longgang.replace('行政规范性文件 |', '规范性文件     |').replace('二、上年结转政府信息公开申请数量', '二、上年转结政府信息公开申请数量');
        expect(check(variant).findings.map(f => f.code)).toContain('xxgk/label-variant');
        const text = next(variant, 2025).text;
        expect(check(text).findings.map(f => f.code)).not.toContain('xxgk/label-variant');
        expect(text).toContain('二、上年结转政府信息公开申请数量');
    });

    it('refuses a year that does not follow last year\'s, and a report without 机关 or 年度', () => {
        expect(() => next(longgang, 2026)).toThrow(new NextYearError('上年报告是 2024 年度，新报告应为 2025 年度，而不是 2026'));
        expect(() => next(longgang.replace(/^机关：.*$/m, ''), 2025)).toThrow(NextYearError);
        expect(() => next(longgang.replace(/^年度：.*$/m, ''), 2025)).toThrow(NextYearError);
    });
});

describe('next year\'s report in the 2019 format (2019 → 2020)', () => {
    const made = next(yanshi2019, 2020);

    it('prepares 上一年项目数量 = last year\'s 上一年项目数量 + 本年增/减 (R16) and 对外公开总数量 from last year\'s (R17)', () => {
        const nonZero = made.carried.filter(c => c.value !== 0).map(c => `${c.rule.domainRule} ${c.table}/${c.row}/${c.column} ${c.value}`);
        expect(nonZero).toEqual(['R16 item5/licensing/lastYearItems 4', 'R17 item1/normative/publishedTotal 5']);
        // 3 + 1 in last year's report.
        expect(cells(yanshi2019, 'item5')).toMatchObject({ 'licensing/lastYearItems': 3, 'licensing/change': 1 });
        expect(cells(made.text, 'item5')['licensing/lastYearItems']).toBe(4);
        expect(made.dropped).toEqual([]);
    });

    it('checks clean except the prose, and passes R14–R17 against last year', () => {
        expect(toFill(made.text)).toEqual(proseSections);
        const last = reportSummary(check(yanshi2019).model, nationalRegistry)!;
        expect(crossYearFindings(reportSummary(check(made.text).model, nationalRegistry)!, last, nationalRegistry, 'x')).toEqual([]);
    });
});

describe('across the change of format (2020, 2019 format → 2021, 2021 format)', () => {
    const made = next(yanshi2020, 2021);

    it('writes the 2021 format, carries 上年结转 (R14) and says what cannot be carried', () => {
        expect(made.template.id).toBe('2021');
        expect(made.carried.map(c => c.rule.domainRule)).toEqual(Array(7).fill('R14'));
        // R15 needs last year's 现行有效件数: the 2019 format has none.
        expect(made.uncarried.map(u => `${u.rule.domainRule} ${u.table}/${u.row}/${u.column} ← ${u.missing.map(m => m.column).join()}`))
            .toEqual(['R15 item1/rules/inForce ← inForce', 'R15 item1/normative/inForce ← inForce']);
        // The 2019 running counts end: 上一年项目数量 (R16) and 对外公开总数量 (R17) have no cell in 2021.
        expect(made.dropped.map(d => `${d.rule.domainRule} ${d.table}/${d.row}/${d.column}`)).toEqual([
            'R16 item5/licensing/lastYearItems', 'R16 item5/otherServices/lastYearItems', 'R16 item6/penalty/lastYearItems',
            'R16 item6/coercion/lastYearItems', 'R16 item8/fees/lastYearItems', 'R17 item1/rules/publishedTotal', 'R17 item1/normative/publishedTotal',
        ]);
        expect(made.notes.filter(n => n.startsWith('未结转'))).toHaveLength(3);
        expect(made.text.split('\n').filter(l => l.startsWith('// 未结转'))).toHaveLength(3);
    });

    it('checks clean except the cells the writer must fill (the requests carried in: 2 of 自然人) and the prose', () => {
        expect(toFill(made.text)).toEqual([
            proseSections[0], 'error xxgk/balance applications/carriedOver/person = 2', 'error xxgk/balance applications/carriedOver/total = 2',
            ...proseSections.slice(1),
        ]);
    });
});

describe('xxgk new --from (the real CLI)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-next-year-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const last = path.join(dir, 'longgang-2024.xxgk');
    copyFileSync(path.join(examplesDir, 'longgang-2024.xxgk'), last);
    const xxgk = (...args: string[]) => {
        const r = spawnSync(process.execPath, [path.join(root, 'out/cli/main.cjs'), ...args], { encoding: 'utf8', cwd: dir });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };

    it('writes next year\'s report beside last year\'s, the same text as nextYearReport, and says what was carried', () => {
        const r = xxgk('new', '--from', last, '--year', '2025');
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const target = path.join(dir, '深圳市龙岗区某局-2025.xxgk');
        expect(r.stdout.split('\n')[0]).toBe(`已生成 ${target}（2021 格式，国办公开办函〔2021〕30号）`);
        expect(r.stdout).toMatch(/已结转（R14 [^\n]*自然人 3，商业企业 1，总计 4/);
        const expected = nextYearReport({ previous: check(longgang).model, year: 2025, registry: nationalRegistry, prose: 'keep', source: 'longgang-2024.xxgk' });
        expect(readFileSync(target, 'utf8')).toBe(expected.text);
        // Checked together with last year's report: no cross-year finding.
        const checked = xxgk('check', '--format', 'json', last, target);
        const files = JSON.parse(checked.stdout).files as { path: string; findings: { code: string }[] }[];
        expect(files.find(f => f.path === target)!.findings.map(f => f.code).sort()).toEqual([
            'xxgk/balance', 'xxgk/balance', 'xxgk/balance', 'xxgk/published-missing', 'xxgk/section-empty', 'xxgk/section-empty', 'xxgk/section-empty',
        ]);
    });

    it('takes the year after last year\'s when --year is left out; --prose drop; -o -', () => {
        const r = xxgk('new', '--from', last, '--prose', 'drop', '-o', '-');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('年度：2025');
        expect(r.stdout).not.toContain('本年报根据');
    });

    it('never writes over an existing report without --force', () => {
        const target = path.join(dir, 'existing.xxgk');
        writeFileSync(target, 'mine');
        const r = xxgk('new', '--from', last, '-o', target);
        expect(r.code).toBe(2);
        expect(readFileSync(target, 'utf8')).toBe('mine');
        expect(xxgk('new', '--from', last, '-o', target, '--force').code).toBe(0);
    });

    it('usage problems are one-line messages with exit code 2', () => {
        expect(xxgk('new', '--from', last, '--prose', 'maybe').stderr).toMatch(/^xxgk: --prose 只能是 keep.*而不是「maybe」；运行 xxgk new --help 查看用法\n$/);
        expect(xxgk('new', '--from', last, '--agency', '某局').stderr).toMatch(/--agency 不能和 --from 一起使用/);
        expect(xxgk('new', '--agency', '某局', '--year', '2024', '--prose', 'drop').stderr).toMatch(/--prose 只和 --from 一起使用/);
        const wrong = xxgk('new', '--from', last, '--year', '2027');
        expect(wrong.code).toBe(2);
        expect(wrong.stderr).toBe(`xxgk: ${last}: 上年报告是 2024 年度，新报告应为 2025 年度，而不是 2027\n`);
        const missing = xxgk('new', '--from', path.join(dir, 'nope.xxgk'));
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/nope\.xxgk: 无法读取：文件不存在/);
        expect(existsSync(path.join(dir, '深圳市龙岗区某局-2027.xxgk'))).toBe(false);
    });
});
