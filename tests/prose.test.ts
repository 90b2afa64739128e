/**
 * R24, prose ↔ tables, on the 2021 example: its 总体情况 paragraph （二） is replaced by the sentence
 * under test. The example's tables: 新收 66, 上年结转 2, 予以公开 3, 部分公开 17, 不予公开 1,
 * 无法提供 29 + 3 + 2, 不予处理 7, （七）总计 64, 结转 4; 行政复议 1 (维持), 诉讼 1 (直接起诉, 尚未审结).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../src/model/build.js';
import type { Report } from '../src/language/generated/ast.js';
import { evaluateProse, readNumber } from '../src/rules/prose.js';
import { check, examplesDir, read, root, services } from './support/helpers.js';

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
        expect(finding.message).toBe('正文写「收到政府信息公开申请60件」，与表格不符：正文为 60，表格中「一、本年新收」总计 = 66');
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

    it('reads 上年结转 also as 上年转结', () => {
        expect(proseFindings('上年转结2件。')).toEqual([]);
        expect(proseFindings('上年转结3件。').map(f => [f.at, f.data.fact, f.data.computed])).toEqual([['3', 'carried-in', 2]]);
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

    it('counts a blank cell as 0, and a blank total as the sum of its row, and says so', () => {
        const blankTotal = example.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$1 ');
        expect(blankTotal).not.toBe(example);
        expect(proseFindings('予以公开3件。', blankTotal)).toEqual([]);
        const [total] = proseFindings('予以公开5件。', blankTotal);
        expect(total.data).toMatchObject({ computed: 3, reported: 5, row: 'disclosed', column: 'total' });
        expect(total.message).toBe('正文写「予以公开5件」，与表格不符：正文为 5，表格中「（一）予以公开」总计 = 3（「（一）予以公开」总计为空，按本行各项之和 3 计）');
        // A blank cell among the sub-rows of a group counts as 0.
        const blankLeaf = example.replace(/(2\.没有现成信息需要另行制作 +\|[^\n]*\| +)3$/m, '$1 ');
        expect(blankLeaf).not.toBe(example);
        expect(proseFindings('无法提供34件。', blankLeaf)).toEqual([]);
        const blankCell = example.replace(/(（一）予以公开 +\| +)2( +\|[^\n]*\| +)3$/m, '$1 $2 ');
        expect(proseFindings('予以公开3件。', blankCell).map(f => [f.at, f.data.computed])).toEqual([['3', 1]]);
    });

    it('reads the numbers of table 二 in both formats', () => {
        expect(proseFindings('本年度制发行政规范性文件5件，废止1件，现行有效行政规范性文件25件。')).toEqual([]);
        const wrong = proseFindings('本年度制发行政规范性文件6件，废止2件，现行有效26件；作出行政许可决定3件，行政处罚2件。');
        expect(wrong.map(f => [f.at, f.data.fact, f.data.computed])).toEqual([
            ['6', 'normative-issued', 5], ['2', 'normative-repealed', 1], ['26', 'normative-in-force', 25], ['3', 'licensing', 0], ['2', 'penalty', 0],
        ]);
        expect(wrong[0].data.cells).toEqual([{ table: 'item1', row: 'normative', column: 'issued', value: 5 }]);
        expect(proseFindings('本年行政事业性收费0万元，收取信息处理费0.5万元。')).toEqual([]);
        expect(proseFindings('本年行政事业性收费金额为1.25万元。').map(f => [f.at, f.data.computed, f.data.reported])).toEqual([['1.25', 0, 1.25]]);
        // Two kinds of decisions in one clause: the number may be either's.
        expect(proseFindings('作出行政许可和行政处罚决定3件。')).toEqual([]);
        // 2019: 本年新制作 / 本年新公开 (or the total); decisions, or item counts.
        const yanshi = read(path.join(examplesDir, 'yanshi-2020.xxgk'));
        const check2019 = (sentence: string) => check(yanshi.replace(/\(一\) 政务信息[^\n]*/, `(一) ${sentence}`)).findings
            .filter(f => f.rule === 'R24').map(f => [f.data.fact, f.data.computed, f.data.reported]);
        expect(check2019('本年制发规范性文件7件。')).toEqual([['normative-made', 0, 7]]);
        expect(check2019('公开规范性文件0件，办理行政许可0件。')).toEqual([]);
    });

    it('matches across a line wrapped inside a sentence, not across a blank line or a new paragraph', () => {
        const wrapped = proseFindings('其中予以公开及部\n分公开 57 件。');
        expect(wrapped.map(f => [f.at, f.data.computed])).toEqual([['57', 20]]);
        const crlf = proseFindings('全年新收政府信息公开申请\r\n60件。');
        expect(crlf.map(f => f.at)).toEqual(['60']);
        expect(proseFindings('其中予以公开\n\n57件。')).toEqual([]);
        expect(proseFindings('（二）予以公开\n（三）57件不予公开。')).toEqual([]);
    });

    it('does not read a sentence denying corrections or lost suits as 「no reviews or suits」', () => {
        expect(proseFindings('全年未发生被行政复议纠错或行政诉讼败诉的情形。')).toEqual([]);
        expect(proseFindings('未发生行政复议被撤销、行政诉讼败诉的情况。')).toEqual([]);
        expect(proseFindings('全年未发生行政复议。').map(f => f.data.fact)).toEqual(['review-none']);
    });
});

describe('prose phrases as data', () => {
    it('name keywords that every match contains (the pre-filter never hides a match)', async () => {
        const { proseRules2019, proseRules2021 } = await import('../src/templates/prose.js');
        const { readdirSync, readFileSync } = await import('node:fs');
        const pathModule = await import('node:path');
        const dirs = ['examples', 'tests/fixtures/rules', 'tests/fixtures/clean', 'tests/fixtures/cross-year'].map(d => pathModule.join(root, d));
        const texts = dirs.flatMap(d => readdirSync(d).filter(f => f.endsWith('.xxgk')).map(f => readFileSync(pathModule.join(d, f), 'utf8')));
        const placeholders: Record<string, string> = {
            n: '(?<n>[0-9０-９]+|[零〇一二两三四五六七八九十百]+)', amount: '(?<n>[0-9０-９]+(?:[.．][0-9０-９]+)?)\\s*万元',
            unit: '\\s*(?:件|条|宗|起|个|份|例|次|项|案)', gap: '[^，,；;。！？!?：:、\\n0-9０-９]{0,8}?',
        };
        let matches = 0;
        for (const fact of [...proseRules2019.facts, ...proseRules2021.facts]) {
            expect(fact.keywords.length, fact.id).toBeGreaterThan(0);
            const pattern = new RegExp(fact.pattern.replace(/\{(n|amount|unit|gap)\}/g, (_: string, name: string) => placeholders[name]), 'g');
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

describe('prose checking time', () => {
    /**
     * The characters R24's regular expressions scan on a text: a global expression from its lastIndex
     * to the end of its match (or of the input), any other the whole input (test and match go through exec too).
     */
    function regexWork(text: string): number {
        const model = buildModel(services().Xxgk.parser.LangiumParser.parse<Report>(text).value, text);
        const exec = RegExp.prototype.exec;
        let chars = 0;
        RegExp.prototype.exec = function (this: RegExp, input: string) {
            const from = this.global || this.sticky ? this.lastIndex : 0;
            const m = exec.call(this, input);
            chars += (m && (this.global || this.sticky) ? this.lastIndex : input.length) - from;
            return m;
        };
        try {
            evaluateProse(model);
        } finally {
            RegExp.prototype.exec = exec;
        }
        return chars;
    }
    /** One prose line of about `kb` KB: the 依申请公开 paragraph repeated, without punctuation (one clause) or with it. */
    const longLine = (kb: number, bare: boolean) => {
        const sentence = '全年新收政府信息公开申请66件，办结64件，其中予以公开3件、部分公开17件；被申请行政复议1件，均获维持；行政诉讼1件。';
        const unit = bare ? sentence.replace(/[，；。、]/g, ' ') : sentence;
        return example.replace('（三）政府信息管理。', `${unit.repeat(Math.ceil(kb * 1024 / Buffer.byteLength(unit)))}（三）政府信息管理。`);
    };

    it('grows linearly with one long prose line, with or without punctuation', () => {
        for (const bare of [true, false]) {
            const small = regexWork(longLine(12, bare));
            const large = regexWork(longLine(24, bare));
            expect(large / small, bare ? 'one clause' : 'punctuated').toBeLessThan(2.5);
        }
    });

    it('grows linearly with many wrapped lines', () => {
        const wrapped = (kb: number) => longLine(kb, false).replace(/(.{37})/g, '$1\n');
        expect(regexWork(wrapped(24)) / regexWork(wrapped(12))).toBeLessThan(2.5);
    });
});
