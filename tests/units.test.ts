/** Small pieces: reading cells and metadata values, label matching, text helpers. */
import { describe, expect, it } from 'vitest';
import { parseDate, parsePeriod, parseYear } from '../src/model/meta-values.js';
import { parseCell } from '../src/model/values.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { plainFileName } from '../src/util/report-files.js';
import type { ColumnDef } from '../src/templates/types.js';
import { Vocabulary } from '../src/templates/vocabulary.js';
import { displayWidth, editDistance, fillTemplate, looseKey, stripAnnotation, widthKey } from '../src/util/text.js';
import { LineIndex } from '../src/util/lines.js';

const count: ColumnDef = { id: 'c', label: '件数', kind: 'count' };
const signed: ColumnDef = { id: 's', label: '本年增/减', kind: 'signed' };
const amount: ColumnDef = { id: 'a', label: '金额', kind: 'amount', unit: '万元', maxDecimals: 4, suspiciousFrom: 100000 };

describe('cell values', () => {
    it('reads counts', () => {
        expect(parseCell('12', count)).toMatchObject({ state: 'number', value: 12, problems: [] });
        expect(parseCell('１２', count)).toMatchObject({ state: 'number', value: 12 });
        expect(parseCell('', count)).toMatchObject({ state: 'blank', value: 0 });
        expect(parseCell('-', count)).toMatchObject({ state: 'dash', value: 0 });
        expect(parseCell('—', count)).toMatchObject({ state: 'dash', value: 0 });
        for (const bad of ['-1', '+1', '1.0', '一', '1 2', '1e3']) {
            expect(parseCell(bad, count).state, bad).toBe('invalid');
            expect(parseCell(bad, count).problems[0].code).toBe('xxgk/value-kind');
        }
    });

    it('reads 「/」 as a placeholder like 「-」, keeping what was written apart', () => {
        expect(parseCell('/', count)).toMatchObject({ state: 'slash', value: 0, problems: [] });
        expect(parseCell('／', count)).toMatchObject({ state: 'slash', value: 0, problems: [] });
        expect(parseCell('-', count).state).toBe('dash');
        expect(parseCell('0', count).state).toBe('number');
        expect(parseCell('//', count).state).toBe('invalid');
    });

    it('reads an annotated number as the number with a note; a counting word as the number with a warning; 约12 not at all', () => {
        expect(parseCell('12（其中修订3件）', count)).toEqual({ state: 'number', value: 12, note: '其中修订3件', problems: [] });
        expect(parseCell('40(含自然失效9件)', count)).toEqual({ state: 'number', value: 40, note: '含自然失效9件', problems: [] });
        expect(parseCell('3 （含查封扣押2件）', count)).toMatchObject({ value: 3, note: '含查封扣押2件' });
        expect(parseCell('+2（新增事项）', signed)).toMatchObject({ value: 2, note: '新增事项' });
        expect(parseCell('75.9260（含退费）', amount)).toMatchObject({ value: 75.926, note: '含退费', problems: [] });
        expect(parseCell('12件', count)).toMatchObject({ state: 'number', value: 12, problems: [{ code: 'xxgk/value-suffix' }] });
        for (const bad of ['约12', '12左右', '（其中3件）', '12（）', '12（3）（4）', '约12（其中3件）', '十二']) {
            expect(parseCell(bad, count).state, bad).toBe('invalid');
        }
    });

    it('reads signed changes in every way reports write them', () => {
        const values = ['+2', '-1', '−1', '增3', '减4', '0', '5', '- 2'].map(t => parseCell(t, signed).value);
        expect(values).toEqual([2, -1, -1, 3, -4, 0, 5, -2]);
        expect(parseCell('1.5', signed).state).toBe('invalid');
    });

    it('reads amounts in 万元 and warns about 元, decimals and magnitude', () => {
        expect(parseCell('75.9260', amount)).toMatchObject({ state: 'number', value: 75.926, problems: [] });
        expect(parseCell('12.5万元', amount).problems).toEqual([]);
        expect(parseCell('0.57万', amount).value).toBe(0.57);
        expect(parseCell('3000元', amount).problems.map(p => [p.code, p.params.converted])).toEqual([['xxgk/amount-unit', '0.3']]);
        expect(parseCell('1.23456', amount).problems.map(p => [p.code, p.params.decimals])).toEqual([['xxgk/amount-decimals', 5]]);
        expect(parseCell('200000', amount).problems.map(p => p.code)).toEqual(['xxgk/amount-unit']);
        expect(parseCell('-1', amount).state).toBe('invalid');
    });
});

describe('metadata values', () => {
    it('reads years, dates and periods', () => {
        expect(['2024', '2024年', '2024 年度', '２０２４'].map(parseYear)).toEqual([2024, 2024, 2024, 2024]);
        expect(['24', '1999', 'abc'].map(parseYear)).toEqual([undefined, undefined, undefined]);
        expect(parseDate('2025-01-20')).toEqual({ year: 2025, month: 1, day: 20 });
        expect(parseDate('2025年1月20日')).toEqual({ year: 2025, month: 1, day: 20 });
        expect(parseDate('2025/1/2')).toEqual({ year: 2025, month: 1, day: 2 });
        expect(parseDate('2025-02-30')).toBeUndefined();
        expect(parseDate('2025-01-20 上午')).toBeUndefined();
        const year = { from: { year: 2024, month: 1, day: 1 }, to: { year: 2024, month: 12, day: 31 } };
        for (const text of ['2024-01-01 至 2024-12-31', '2024年1月1日至2024年12月31日', '2024年1月1日至12月31日', '2024.1.1-2024.12.31', '2024-01-01～2024-12-31']) {
            expect(parsePeriod(text), text).toEqual(year);
        }
        expect(parsePeriod('2024年全年')).toBeUndefined();
    });
});

describe('label matching', () => {
    const rows = new Vocabulary([
        { label: '（一）予以公开' },
        { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', aliases: ['（二）部分公开'] },
        { label: '1.属于国家秘密' },
        { label: '2.其他法律行政法规禁止公开', variants: ['2.其他法律法规禁止公开'] },
        { label: '本年制发件数', variants: ['本年发件'] },
    ]);
    const q = (text: string) => { const m = rows.lookup(text); return m && [m.item.label, m.quality]; };

    it('treats punctuation width as the same label', () => {
        expect(q('(一)予以公开')).toEqual(['（一）予以公开', 'exact']);
        expect(q('(二)部分公开(区分处理的,只计这一情形,不计其他情形)')?.[1]).toBe('exact');
        expect(q('（二）部分公开')?.[1]).toBe('exact');
    });

    it('accepts variants with a warning', () => {
        expect(q('(一) 予以公开')).toEqual(['（一）予以公开', 'variant']);
        expect(q('属于国家秘密')).toEqual(['1.属于国家秘密', 'variant']);
        expect(q('2.其他法律法规禁止公开')).toEqual(['2.其他法律行政法规禁止公开', 'variant']);
        expect(q('本年发件')).toEqual(['本年制发件数', 'variant']);
        expect(q('本 年 制 发 件 数')).toEqual(['本年制发件数', 'variant']);
    });

    it('suggests what a typo meant', () => {
        expect(q('（一）予以公布')).toBeUndefined();
        expect(rows.suggest('（一）予以公布')).toMatchObject({ item: { label: '（一）予以公开' }, close: true });
        expect(rows.suggest('完全无关的文字')).toBeUndefined();
    });

    it('resolves formats by id and notice number', () => {
        expect(nationalRegistry.resolve('2021')?.id).toBe('2021');
        expect(nationalRegistry.resolve('国办公开办函〔2019〕60号')?.id).toBe('2019');
        expect(nationalRegistry.resolve('国办公开办函[2021]30号')?.id).toBe('2021');
        expect(nationalRegistry.forYear(2020)?.id).toBe('2019');
        expect(nationalRegistry.forYear(2025)?.id).toBe('2021');
        expect(nationalRegistry.forYear(2018)).toBeUndefined();
    });
});

describe('text helpers', () => {
    it('measures display width: CJK takes two columns', () => {
        expect(displayWidth('abc')).toBe(3);
        expect(displayWidth('自然人')).toBe(6);
        expect(displayWidth('（一）予以公开')).toBe(14);
        expect(displayWidth('1.属于国家秘密')).toBe(14);
    });

    it('normalises keys', () => {
        expect(widthKey('（一）：，〔2019〕“三”')).toBe('(一):,[2019]"三"');
        expect(looseKey('(本列数据的钩稽关系为: 第一项)')).toBe('(本列数据的勾稽关系为:第一项)');
        expect(stripAnnotation('规章(设区的市(含自治州)应提供)')).toBe('规章');
        expect(editDistance('重复申请', '重复的申请')).toBe(1);
    });

    it('fills message templates, dropping optional parts with missing values', () => {
        expect(fillTemplate('总计应为 {computed}[，实际为 {reported}]', { computed: 3, reported: 4 })).toBe('总计应为 3，实际为 4');
        expect(fillTemplate('总计应为 {computed}[，实际为 {reported}]', { computed: 3 })).toBe('总计应为 3');
        expect(fillTemplate('{a}', { a: '{b}', b: 'x' })).toBe('{b}');
        // Every part filled the same way on each use (templates are cut once and kept).
        for (let i = 0; i < 2; i++) {
            expect(fillTemplate('第 {line} 行[（{note}）]：{missing}[、{a}{b}]末', { line: 3, a: 1 })).toBe('第 3 行：{missing}末');
            expect(fillTemplate('[{x}]{y}{y}[{x}]', { x: 'a\u0000', y: 0 })).toBe('aU+000000aU+0000');
            expect(fillTemplate('', {})).toBe('');
            expect(fillTemplate('[', { x: 1 })).toBe('[');
        }
    });

    it('maps offsets to lines, with CRLF', () => {
        const lines = new LineIndex('ab\r\ncd\ne');
        expect(lines.position(4)).toEqual({ line: 1, character: 0 });
        expect(lines.position(8)).toEqual({ line: 2, character: 1 });
        expect(lines.offset({ line: 1, character: 1 })).toBe(5);
        expect(lines.lineEnd(0)).toBe(2);
    });
});

describe('file names from free text', () => {
    it('are plain names: no separators, no .., no control or reserved characters, not too long', () => {
        expect(plainFileName('../x', '年报')).toBe('x');
        expect(plainFileName('某市/某局', '年报')).toBe('某市_某局');
        expect(plainFileName('a\\b:c*d?"e"<f>|g', '年报')).toBe('a_b_c_d_e_f_g');
        expect(plainFileName('..', '年报')).toBe('年报');
        expect(plainFileName('a\nb\u0000', '年报')).toBe('a_b');
        expect([...plainFileName('局'.repeat(300), '年报')]).toHaveLength(60);
    });
});
