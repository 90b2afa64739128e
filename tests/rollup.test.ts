/**
 * Roll-up (§3 of issue 10), the pure part: the roll-up rule of the formats evaluated over report
 * figures — a parent's cells against the exact sum of its children's, the children missing and
 * blank listed apart — and the 汇总 report written from the children.
 */
import { describe, expect, it } from 'vitest';
import { rollupCells, rollupFindings, type RollupChild } from '../src/office/rollup.js';
import { sumReport } from '../src/office/sum.js';
import { reportFigures } from '../src/rules/figures.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { LineIndex } from '../src/util/lines.js';
import { check } from './support/helpers.js';
import { report } from './support/years.js';

const format2021 = nationalRegistry.get('2021')!;
const figures = (text: string, positions = false) => {
    const { model } = check(text);
    return reportFigures(model, undefined, positions ? new LineIndex(text) : undefined);
};
const child = (name: string, text?: string): RollupChild => ({ name, figures: text ? figures(text) : undefined });

/** A unit's report: the 2021 example (its tables consistent) with its 行政许可 decisions and its fee (万元, as written). */
function unit(name: string, licences: string, fee = '0'): string {
    return report(2024, name)
        .replace(/^(行政许可 +\| +)0$/m, `$1${licences}`)
        .replace(/^(行政事业性收费 +\| +)0$/m, `$1${fee}`);
}

describe('the roll-up rule over figures', () => {
    const children = [child('甲局', unit('甲局', '10', '0.1')), child('乙局', unit('乙局', '20', '0.2')), child('丙局')];

    it('sums every cell of 二, 三 and 四 exactly, 金额 as decimals (0.1 + 0.2 = 0.3)', () => {
        const cells = rollupCells(format2021, figures(unit('某县', '30', '0.3')), children);
        const at = (key: string) => cells.find(c => c.key === key)!;
        expect(at('item5/licensing/decisions')).toMatchObject({ reported: 30, count: 2, missing: ['丙局'], blank: [], holds: true });
        expect(at('item8/fees/amount')).toMatchObject({ reported: '0.3', holds: true });
        expect(at('item8/fees/amount').computed).toEqual({ units: 3n, scale: 1 });
        expect(at('applications/received/person')).toMatchObject({ reported: 58, holds: false });
        expect(at('applications/received/person').computed).toEqual({ units: 116n, scale: 0 });
        // Every value cell of the format's tables: 二 (2 × 3 + 1 + 2 + 1), 三 (25 rows × 7), 四 (3 × 5).
        expect(new Set(cells.map(c => c.table))).toEqual(new Set(['item1', 'item5', 'item6', 'item8', 'applications', 'review']));
        expect(cells).toHaveLength(10 + 25 * 7 + 15);
    });

    it('a parent off by one cell gets one finding there: reported and computed, the missing and the blank children apart', () => {
        const blankChild = child('丁局', unit('丁局', '5').replace(/^(行政事业性收费 +\| +)0$/m, '$1'));
        const all = [...children, blankChild];
        // The parent's report as xxgk sum writes it, with one cell off by one.
        const summed = sumReport({ template: format2021, agency: '某县', year: 2024, children: all }).text;
        expect(rollupFindings(format2021, figures(summed, true), all)).toEqual([]);
        const parentText = summed.replace(/^(行政许可 +\| +)35$/m, '$136');
        const found = rollupFindings(format2021, figures(parentText, true), all);
        expect(found.map(f => `${f.data.table}/${f.data.row}/${f.data.column} ${f.data.reported} → ${f.data.computedText}`)).toEqual(['item5/licensing/decisions 36 → 35']);
        const [finding] = found;
        expect(finding).toMatchObject({ code: 'xxgk/rollup', severity: 'warning', rule: 'R26' });
        expect(finding.data).toMatchObject({ computed: 35, reported: 36, count: 3, missing: ['丙局'], blank: [] });
        expect(parentText.slice(finding.span.start, finding.span.end)).toBe('36');
        expect(finding.message).toBe('第二十条第（五）项「行政许可」本年处理决定数量：汇总应为 35（3 个下级单位报告之和），实际为 36；未报送：丙局');
        // A blank cell in a child's report is named apart from the missing children.
        const fee = rollupFindings(format2021, figures(summed.replace(/^(行政事业性收费 +\| +)0.3$/m, '$10.4'), true), all)[0];
        expect(fee.data).toMatchObject({ computedText: '0.3', reported: 0.4, blank: ['丁局'], missing: ['丙局'] });
        expect(fee.message).toMatch(/实际为 0.4；未报送：丙局；该格空白：丁局$/);
    });

    it('nothing to add up when no child has a report', () => {
        expect(rollupCells(format2021, figures(unit('某县', '30')), [child('丙局')])).toEqual([]);
    });
});

describe('the 汇总 report from the children (xxgk sum)', () => {
    const children = [child('甲局', unit('甲局', '10', '0.1')), child('乙局', unit('乙局', '20', '0.2')), child('丙局')];
    const made = sumReport({ template: format2021, agency: '某县', year: 2024, level: '县', children });

    it('writes every table as the sum of the children, and passes the roll-up rule against them', () => {
        const { model } = check(made.text);
        expect(model.meta.agency?.value).toBe('某县');
        expect(model.meta.year?.value).toBe(2024);
        const cell = (table: string, row: string, column: string) => model.tables.get(table)!.rowsById.get(row)!.byColumn.get(column)!;
        expect(cell('item5', 'licensing', 'decisions').value).toBe(30);
        expect(cell('applications', 'received', 'person').value).toBe(116);
        expect(cell('applications', 'received', 'total').value).toBe(132);
        expect(cell('item8', 'fees', 'amount').text).toBe('0.3');
        expect(rollupFindings(format2021, reportFigures(model, undefined, new LineIndex(made.text)), children)).toEqual([]);
        expect(made).toMatchObject({ included: ['甲局', '乙局'], missing: ['丙局'] });
    });

    it('leaves the prose to the writer, with the children included and missing listed; its tables check clean', () => {
        expect(made.text).toContain('// 已汇总：甲局、乙局');
        expect(made.text).toContain('// 未报送（未计入）：丙局');
        const codes = check(made.text).findings.map(f => f.code);
        // What the writer fills: the prose, and 发布日期 when it is published (an info).
        expect([...new Set(codes)].sort()).toEqual(['xxgk/published-missing', 'xxgk/section-empty']);
    });
});
