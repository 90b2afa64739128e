/**
 * Plausibility rules R8–R12 beyond the fixtures: when they stay silent, what their findings carry,
 * and that their generic kinds (coincidence, capability) work for a made-up format too.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleInstances } from '../src/rules/engine.js';
import { createNationalRegistry, TemplateRegistry } from '../src/templates/registry.js';
import type { TemplateDef } from '../src/templates/types.js';
import { check, examplesDir, read } from './support/helpers.js';

const yanshi = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));

function setRow(text: string, label: string, cells: (string | number)[]): string {
    const re = new RegExp(`^(${label} +\\|)[^\\n]*$`, 'm');
    expect(re.test(text), label).toBe(true);
    return text.replace(re, `$1 ${cells.join(' | ')}`);
}

const codes = (text: string, registry?: TemplateRegistry) => check(text, registry).findings.map(f => f.code);

describe('R11: 处理决定数量 equal to the item count on every non-zero row', () => {
    const misread = setRow(setRow(yanshi, '行政许可', [12, '+3', 15]), '行政处罚', [5, '-1', 4]);

    it('warns on every such row', () => {
        expect(codes(misread)).toEqual(['xxgk/decisions-as-items', 'xxgk/decisions-as-items']);
    });

    it('is silent when one non-zero row breaks the identity', () => {
        expect(codes(setRow(misread, '行政强制', [2, 0, 7]))).toEqual([]);
    });

    it('is silent when the only non-zero cells are outside the identity', () => {
        expect(codes(setRow(yanshi, '行政事业性收费', [4, 1]))).toEqual([]);
    });

    it('keeps every evaluated row as an instance, holding or not', () => {
        const { model } = check(setRow(misread, '行政强制', [2, 0, 7]));
        const rows = ruleInstances(model).filter(i => i.rule.code === 'xxgk/decisions-as-items');
        expect(rows.map(i => i.where.row)).toEqual(['licensing', 'otherServices', 'penalty', 'coercion']);
        expect(rows.every(i => i.holds)).toBe(true);
    });
});

describe('R12: 规章 only from levels that make 规章', () => {
    const withRules = setRow(longgang, '规章', [1, 0, 3]);

    it('is silent for a 市, when the level is not declared, and for zeros', () => {
        const r12 = (text: string) => check(text).findings.filter(f => f.rule === 'R12').map(f => f.code);
        expect(r12(withRules.replace('机关层级：部门', '机关层级：设区的市'))).toEqual([]);
        expect(r12(withRules.replace('机关层级：部门\n', ''))).toEqual([]);
        expect(r12(longgang.replace('机关层级：部门', '机关层级：乡镇'))).toEqual([]);
    });

    it('warns per non-zero cell, with the expected 0 and the 机关层级 line as related information', () => {
        const { findings } = check(withRules.replace('机关层级：部门', '机关层级：开发区'));
        expect(findings.map(f => f.data.column)).toEqual(['issued', 'inForce']);
        expect(findings[1].message).toBe('机关层级为「开发区」，不能制定规章（可以制定规章的是：国务院部门、省、市）；「规章」的现行有效件数应为 0，实际为 3');
        expect(findings[1].data).toMatchObject({ code: 'xxgk/regulations-level', expected: 0, op: '=', reported: 3 });
        expect(findings[1].related?.map(r => r.message)).toEqual(['机关层级：开发区']);
    });
});

describe('R8–R10 carry the bound the cell should meet', () => {
    it('R8: 现行有效件数 ≥ 本年制发件数', () => {
        const finding = check(setRow(longgang, '行政规范性文件', [5, 1, 3])).findings.find(f => f.rule === 'R8')!;
        expect(finding.data).toMatchObject({ code: 'xxgk/in-force', reported: 3, expected: 5, op: '>=' });
        expect(finding.data.computed).toBeUndefined();
    });

    it('R9: a target on the right of ≥ reads ≤', () => {
        const found = check(setRow(yanshi, '规范性文件', [2, 3, 3])).findings;
        expect(found.map(f => [f.code, f.data.expected, f.data.op])).toEqual([['xxgk/published-made', 2, '<=']]);
    });

    it('R9 (total ≥ made) applies to 规章 and 规范性文件, not to Hubei\'s 其他主动公开文件', () => {
        const hubei = yanshi.replace('格式：2019', '格式：2019-湖北').replace(/(规范性文件 +\|[^\n]*\n)/, '$1其他主动公开文件 | 56 | 45 | 45\n');
        expect(codes(hubei)).toEqual([]);
    });

    it('R10: a negative item count, written 减n', () => {
        expect(codes(setRow(yanshi, '行政事业性收费', [1, '减1']))).toEqual([]);
        expect(codes(setRow(yanshi, '行政事业性收费', [1, '减2']))).toEqual(['xxgk/items-negative']);
    });
});

/** The generic kinds on a made-up format: nothing in the engine knows 第（五）项 or 规章. */
const toy: TemplateDef = {
    id: '2030-试点', name: '试点格式', citation: '试点通知', aliases: [], years: { from: 2030 },
    sections: [{
        id: 'counts', numeral: '一', label: '一、数据', kind: 'tables', tables: [{
            id: 'stock', title: '存量表', corner: [{ label: '项目' }],
            columns: [
                { id: 'before', label: '期初', kind: 'count' },
                { id: 'delta', label: '增减', kind: 'signed' },
                { id: 'handled', label: '办件', kind: 'count' },
            ],
            rows: [{ id: 'a', label: '甲' }, { id: 'b', label: '乙' }, { id: 'special', label: '特许' }],
        }],
    }],
    rules: [
        {
            kind: 'coincidence', code: 'xxgk/toy-coincidence', domainRule: 'R11', severity: 'warning', title: '办件疑似填成存量',
            tables: ['stock'], lhs: ['handled'], rhs: ['before', 'delta'], target: 'handled', message: '{at}：办件 {reported} = {rhsTerms}（{rows} 行）',
        },
        {
            kind: 'capability', code: 'xxgk/toy-capability', domainRule: 'R12', severity: 'warning', title: '特许',
            table: 'stock', rows: ['special'], columns: ['handled'], capability: 'makesRegulations', message: '{level}：{row}{column}应为 0',
        },
    ],
};

describe('the generic kinds in a made-up format', () => {
    const registry = new TemplateRegistry([...createNationalRegistry().all(), toy]);
    const report = (level: string, special: string) => `标题：试点\n机关：某局\n机关层级：${level}\n年度：2031\n格式：2030-试点\n发布日期：2032-01-15\n\n一、数据\n` +
        `项目 | 期初 | 增减 | 办件\n甲 | 3 | +1 | 4\n乙 | 0 | 0 | 0\n特许 | ${special}\n`;

    it('flags the coincidence and the capability', () => {
        const { findings } = check(report('县', '1 | 1 | 2'), registry);
        expect(findings.map(f => [f.code, f.message])).toEqual([
            ['xxgk/toy-coincidence', '甲：办件 4 = 期初 3 + 增减 1（2 行）'],
            ['xxgk/toy-capability', '县：特许办件应为 0'],
            ['xxgk/toy-coincidence', '特许：办件 2 = 期初 1 + 增减 1（2 行）'],
        ]);
        expect(check(report('省', '1 | 1 | 5'), registry).findings).toEqual([]);
    });

    it('rejects rules that name unknown cells', () => {
        const broken: TemplateDef = { ...toy, id: 'broken', rules: [{ ...toy.rules[1], rows: ['nope'] } as TemplateDef['rules'][number]] };
        expect(() => new TemplateRegistry([broken])).toThrow('rule xxgk/toy-capability: unknown row nope');
    });
});
