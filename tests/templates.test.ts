/**
 * Formats are data: a provincial variant and a made-up third format work through the same model
 * builder and rule engine, registered as data only.
 */
import { describe, expect, it } from 'vitest';
import { deriveTemplate } from '../src/templates/derive.js';
import { format2019 } from '../src/templates/format-2019.js';
import { createNationalRegistry, TemplateRegistry } from '../src/templates/registry.js';
import type { TemplateDef } from '../src/templates/types.js';
import { check, examplesDir, findingsAsExpectations, read } from './support/helpers.js';
import * as path from 'node:path';

const yanshi = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
const withOtherDocs = yanshi.replace(/(规范性文件 +\|[^\n]*\n)/, '$1其他主动公开文件 | 56 | 45 | 45\n');

describe('the Hubei variant (shipped as data)', () => {
    it('accepts 其他主动公开文件 and Hubei\'s annotated labels', () => {
        const text = withOtherDocs.replace('格式：2019', '格式：2019-湖北').replace(/^规章 /m, '规章(设区的市、自治州人民政府应提供相关数据) ');
        const { model, findings } = check(text);
        expect(model.template.id).toBe('2019-湖北');
        expect(findings).toEqual([]);
        const row = model.tables.get('item1')!.rowsById.get('otherDocs')!;
        expect(row.cells.map(c => c.value)).toEqual([56, 45, 45]);
    });

    it('is optional in the variant, and unknown in the national format', () => {
        expect(check(yanshi.replace('格式：2019', '格式：湖北2019')).findings).toEqual([]);
        const national = check(withOtherDocs);
        expect(national.findings.map(f => f.code)).toEqual(['xxgk/row-unknown']);
        expect(national.findings[0].message).toBe('「其他主动公开文件」不是表格「第二十条第（一）项」的行（该行属于 2019-湖北 格式（国办公开办函〔2019〕60号（湖北省版）））' +
            '；本行的数字未参与核对：56、45、45');
        expect(national.findings[0]).toMatchObject({ severity: 'error', data: { dropped: ['56', '45', '45'] } });
    });
});

/** A made-up format: one prose section, one table, one sum rule — nothing else. */
const toy: TemplateDef = {
    id: '2030-试点', name: '试点格式', citation: '试点通知', aliases: ['试点'], years: { from: 2030 },
    sections: [
        { id: 'summary', numeral: '一', label: '一、概况', kind: 'prose', tables: [] },
        {
            id: 'counts', numeral: '二', label: '二、数据', kind: 'tables', tables: [{
                id: 'counts', title: '数据表', corner: [{ label: '项目' }],
                columns: [
                    { id: 'a', label: '线上', kind: 'count' },
                    { id: 'b', label: '线下', kind: 'count' },
                    { id: 'sum', label: '合计', kind: 'count' },
                ],
                rows: [
                    { id: 'x', label: '咨询' },
                    { id: 'y', label: '投诉', aliases: ['投诉件'] },
                    { id: 'z', label: '合计', short: '合计行' },
                ],
            }],
        },
    ],
    rules: [
        {
            kind: 'linear', code: 'xxgk/toy-sum', domainRule: 'R2', severity: 'error', title: '合计',
            table: 'counts', each: 'row', lhs: ['sum'], op: '=', rhs: ['a', 'b'], target: 'sum',
            message: '{at}：合计应为 {computed}（{rhsTerms}），实际为 {reported}',
        },
        {
            kind: 'linear', code: 'xxgk/toy-column', domainRule: 'R3', severity: 'warning', title: '合计行',
            table: 'counts', each: 'column', lhs: ['z'], op: '>=', rhs: ['x', 'y'],
            message: '{at}列：合计行 {lhs} 小于 {rhsTerms}',
        },
    ],
};

const toyReport = `标题：试点报告
机关：某局
年度：2031
格式：试点
发布日期：2032-01-15

一、概况
"""
概况。
"""

二、数据
项目 | 线上 | 线下 | 合计
咨询 | 1 | 2 | 3
投诉件 | 4 | 5 | 10
合计 | 5 | 6 | 11
`;

describe('which format a report is checked against', () => {
    const message = (text: string) => check(text).findings.find(f => f.code === 'xxgk/meta-recommended' && f.message.includes('「格式」'))?.message;

    it('is the newest national format when neither 年度 nor 格式 names one, never a variant', () => {
        expect(createNationalRegistry().latest()?.id).toBe('2021'); // the Hubei variant is registered last
        expect(check('').model.template.id).toBe('2021');
        expect(message('')).toBe('缺少元数据「格式」，按现行的 2021 格式（国办公开办函〔2021〕30号）检查');
    });

    it('follows 年度 when 格式 is left out, and says so', () => {
        const text = yanshi.replace(/^格式：.*\n/m, '');
        expect(check(text).model.template.id).toBe('2019');
        expect(message(text)).toBe('缺少元数据「格式」，按年度推定为 2019 格式（国办公开办函〔2019〕60号）检查');
    });
});

describe('a third format registered as data', () => {
    const registry = new TemplateRegistry([...createNationalRegistry().all(), toy]);

    it('is resolved from 格式 and checked by the generic engine', () => {
        const result = check(toyReport, registry);
        expect(result.model.template.id).toBe('2030-试点');
        expect(findingsAsExpectations(toyReport, result)).toEqual([
            '0015 error xxgk/toy-sum',
            '0016 warning xxgk/toy-column',
            '0016 warning xxgk/toy-column',
        ]);
        expect(result.findings[0].message).toBe('投诉：合计应为 9（线上 4 + 线下 5），实际为 10');
        expect(result.findings[0].data).toMatchObject({ computed: 9, reported: 10, row: 'y', column: 'sum' });
        expect(result.findings.slice(1).map(f => f.message)).toEqual([
            '线下列：合计行 6 小于 咨询 2 + 投诉 5',
            '合计列：合计行 11 小于 咨询 3 + 投诉 10',
        ]);
    });

    it('reports structure against its own data', () => {
        const text = toyReport.replace('咨询 | 1 | 2 | 3\n', '').replace('二、数据', '二、数据\n').replace('线下 | 合计', '线下 | 总和');
        const codes = check(text, registry).findings.map(f => f.code);
        expect(codes).toContain('xxgk/row-missing');
        expect(codes).toContain('xxgk/column-unknown');
        expect(codes).toContain('xxgk/column-missing');
    });

    it('rejects malformed data when registered', () => {
        const broken: TemplateDef = { ...toy, id: 'broken', rules: [{ ...toy.rules[0], rhs: ['a', 'nope'] } as TemplateDef['rules'][number]] };
        expect(() => new TemplateRegistry([broken])).toThrow('rule xxgk/toy-sum: unknown column nope');
        expect(() => new TemplateRegistry([toy, toy])).toThrow('already registered');
    });

    it('derives variants without code', () => {
        const variant = deriveTemplate(format2019, {
            id: 'x', name: 'x', addRows: [{ table: 'item8', row: { id: 'extra', label: '其他收费' } }],
        });
        expect(variant.sections[1].tables[3].rows.map(r => r.label)).toEqual(['行政事业性收费', '其他收费']);
        expect(format2019.sections[1].tables[3].rows).toHaveLength(1);
    });
});
