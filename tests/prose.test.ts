/**
 * R24, prose ↔ tables, on the 2021 example: its 总体情况 paragraph （二） is replaced by the sentence
 * under test. The example's tables: 新收 66, 上年结转 2, 予以公开 3, 部分公开 17, 不予公开 1,
 * 无法提供 29 + 3 + 2, 不予处理 7, （七）总计 64, 结转 4; 行政复议 1 (维持), 诉讼 1 (直接起诉, 尚未审结).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNumber } from '../src/rules/prose.js';
import { check, examplesDir, read, root } from './support/helpers.js';

const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));
const paragraph = /（二）依申请公开。[^\n]*/;

function proseFindings(sentence: string, text = example) {
    const changed = text.replace(paragraph, `（二）依申请公开。${sentence}`);
    expect(changed).not.toBe(text);
    return check(changed).findings.filter(f => f.rule === 'R24').map(f => ({
        code: f.code, at: changed.slice(f.span.start, f.span.end), message: f.message, data: f.data, related: f.related,
    }));
}

describe('prose numbers compared with the tables', () => {
    it('accepts what the tables say, in digits, full-width digits and Chinese numerals', () => {
        expect(proseFindings('全年新收政府信息公开申请６６件，予以公开三件，部分公开十七件，不予处理7件，无法提供三十四件。')).toEqual([]);
    });

    it('puts a mismatch on the number, with the computed value and the cells', () => {
        const [finding, ...rest] = proseFindings('全年共收到政府信息公开申请60件。');
        expect(rest).toEqual([]);
        expect(finding.at).toBe('60');
        expect(finding.message).toBe('正文写「收到政府信息公开申请60件」，与表格不符：「一、本年新收」总计 = 66');
        expect(finding.data).toMatchObject({ code: 'xxgk/prose-count', computed: 66, reported: 60, table: 'applications', row: 'received', column: 'total' });
        expect(finding.related?.map(r => r.message)).toEqual(['「一、本年新收」总计 = 66']);
    });

    it('reads Chinese numerals', () => {
        expect(readNumber('十二')).toBe(12);
        expect(readNumber('二十')).toBe(20);
        expect(readNumber('一百零五')).toBe(105);
        expect(readNumber('两')).toBe(2);
        expect(readNumber('２４')).toBe(24);
        expect(readNumber('二三')).toBeUndefined();
        expect(proseFindings('予以公开四件。').map(f => [f.at, f.data.reported])).toEqual([['四', 4]]);
    });

    it('compares a sum for combined phrases, and the including-carried-over count', () => {
        expect(proseFindings('收到政府信息公开申请68件（含上年结转2件），予以公开和部分公开20件。')).toEqual([]);
        const found = proseFindings('收到政府信息公开申请66件（含上年结转2件）。');
        expect(found.map(f => [f.at, f.data.computed])).toEqual([['66', 68]]);
    });

    it('accepts 受理 N 件 counting the carried-over applications too', () => {
        expect(proseFindings('全年共受理政府信息公开申请68件。')).toEqual([]);
        expect(proseFindings('全年共受理政府信息公开申请67件。').map(f => f.at)).toEqual(['67']);
    });

    it('does not compare approximate numbers or numbers of other things', () => {
        expect(proseFindings('予以公开约5件，主动公开政府信息200余条，答复率100%，收到咨询50件，收到申请人补正材料3份。')).toEqual([]);
    });

    it('sees 「不掌握」 called 「不予公开」 as a misnomer, and compares nothing with （三） then', () => {
        const [finding, ...rest] = proseFindings('因本机关不掌握相关政府信息，对其中29件不予公开。');
        expect(rest).toEqual([]); // different clauses: 「不予公开」 is not next to 「不掌握」
        expect(finding).toBeUndefined();
        const found = proseFindings('因本机关不掌握相关政府信息不予公开29件。');
        expect(found.map(f => [f.code, f.at])).toEqual([['xxgk/prose-not-held', '不予公开']]);
        expect(found[0].related?.map(r => r.message)).toEqual(['「1.本机关不掌握相关政府信息」总计 = 29']);
        expect(proseFindings('不予公开1件，本机关不掌握相关政府信息29件。')).toEqual([]);
    });

    it('reads review and litigation counts, results and 「未发生」', () => {
        expect(proseFindings('被申请行政复议1件，被提起行政诉讼1件；行政复议和行政诉讼共2件。')).toEqual([]);
        expect(proseFindings('行政复议、行政诉讼共3件。').map(f => [f.at, f.data.computed])).toEqual([['3', 2]]);
        expect(proseFindings('行政复议和行政诉讼各1件。')).toEqual([]);
        expect(proseFindings('行政复议1件，其中结果维持1件。')).toEqual([]);
        const none = proseFindings('全年未发生因政府信息公开引起的行政复议、行政诉讼。');
        expect(none.map(f => [f.code, f.data.fact, f.data.actual])).toEqual([
            ['xxgk/prose-count', 'review-none', 1],
            ['xxgk/prose-count', 'litigation-none', 1],
        ]);
    });

    it('checks 「均获维持」 against the rows the sentence is about', () => {
        expect(proseFindings('被申请行政复议1件，均获维持。')).toEqual([]);
        const suits = proseFindings('行政诉讼1件，均获维持。');
        expect(suits.map(f => [f.code, f.at, f.data.fact])).toEqual([['xxgk/prose-upheld', '均获维持', 'upheld-litigation']]);
        expect(suits[0].message).toBe('正文说「均获维持」，但表四中「行政诉讼」尚未审结为 1');
        const all = proseFindings('行政复议和行政诉讼案件全部予以维持。');
        expect(all.map(f => f.data.fact)).toEqual(['upheld-all']);
    });

    it('finds the number at its offset in a CRLF document', () => {
        const crlf = example.replace(/\n/g, '\r\n');
        const changed = crlf.replace(paragraph, '（二）依申请公开。\r\n\r\n予以公开5件。');
        const finding = check(changed).findings.find(f => f.code === 'xxgk/prose-count')!;
        expect(changed.slice(finding.span.start, finding.span.end)).toBe('5');
    });

    it('does not compare with cells left blank (they have their own finding)', () => {
        const blank = example.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$1 ');
        expect(blank).not.toBe(example);
        expect(proseFindings('予以公开5件。', blank)).toEqual([]);
    });
});

describe('prose phrases as data', () => {
    it('name keywords that every match contains (the pre-filter never hides a match)', async () => {
        const { proseRules } = await import('../src/templates/prose.js');
        const { readdirSync, readFileSync } = await import('node:fs');
        const pathModule = await import('node:path');
        const dirs = ['examples', 'tests/fixtures/rules', 'tests/fixtures/clean', 'tests/fixtures/cross-year'].map(d => pathModule.join(root, d));
        const texts = dirs.flatMap(d => readdirSync(d).filter(f => f.endsWith('.xxgk')).map(f => readFileSync(pathModule.join(d, f), 'utf8')));
        const placeholders: Record<string, string> = {
            n: '(?<n>[0-9０-９]+|[零〇一二两三四五六七八九十百]+)', unit: '\\s*(?:件|条|宗|起|个|份|例|次|项|案)', gap: '[^，,；;。！？!?：:、\\n0-9０-９]{0,8}?',
        };
        let matches = 0;
        for (const fact of proseRules.facts) {
            expect(fact.keywords.length, fact.id).toBeGreaterThan(0);
            const pattern = new RegExp(fact.pattern.replace(/\{(n|unit|gap)\}/g, (_: string, name: string) => placeholders[name]), 'g');
            for (const text of texts) {
                for (const m of text.matchAll(pattern)) {
                    matches++;
                    expect(fact.keywords.some(k => m[0].includes(k)), `${fact.id}: ${m[0]}`).toBe(true);
                }
            }
        }
        expect(matches).toBeGreaterThan(20);
    });
});
