/**
 * Editor features through Langium's LSP services and the langium/test helpers: completion, hover,
 * quick fixes, formatting, outline, folding, semantic tokens and inlay hints.
 */
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
    clearDocuments, expectCompletion, expectFoldings, expectFormatting, expectHover, expectSymbols, parseHelper,
} from 'langium/test';
import { CompletionItemKind, SymbolKind, type CompletionItem } from 'vscode-languageserver';
import type { Report } from '../src/language/generated/ast.js';
import { examplesDir, fixturesDir, read } from './support/helpers.js';
import { expectFix, lspServices } from './support/lsp-services.js';

const { Xxgk } = lspServices();
const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));
const yanshi = read(path.join(examplesDir, 'yanshi-2020.xxgk'));

afterEach(() => clearDocuments(Xxgk));

/** Puts the cursor marker <|> into a text at a position found by a search string (+ offset). */
function cursorAt(text: string, search: string, delta = 0): string {
    const at = text.indexOf(search);
    expect(at, search).toBeGreaterThanOrEqual(0);
    return `${text.slice(0, at + delta)}<|>${text.slice(at + delta)}`;
}

describe('completion', () => {
    const tableWithGaps = longgang
        .replace(/    3\.危及[^\n]*\n/, '    3.危\n')
        .replace(/  （四）无法提供\n/, '')
        .replace(/    2\.重复申请[^\n]*\n/, '');

    it('offers the rows a table lacks, in template order, while a row is half typed', async () => {
        let items: CompletionItem[] = [];
        await expectCompletion(Xxgk)({
            text: cursorAt(tableWithGaps, '    3.危', 7), index: 0,
            assert: completion => { items = completion.items; },
        });
        expect(items.map(i => i.label)).toEqual(['3.危及“三安全一稳定”']);
        expect(items[0].kind).toBe(CompletionItemKind.EnumMember);
        expect(items[0].textEdit).toMatchObject({ newText: '3.危及“三安全一稳定” | 0 | 0 | 0 | 0 | 0 | 0 | 0' });
        expect((items[0].documentation as { value: string }).value).toContain('国家安全、公共安全、经济安全、社会稳定');
    });

    it('offers every missing row on an empty line of the table, groups included', async () => {
        const text = tableWithGaps.replace('    3.危\n', '\n');
        await expectCompletion(Xxgk)({
            text: cursorAt(text, '\n\n    4.保护', 1), index: 0,
            expectedItems: ['3.危及“三安全一稳定”', '（四）无法提供', '2.重复申请'],
        });
    });

    it('filters by a CJK prefix in either punctuation width', async () => {
        const text = tableWithGaps.replace('    3.危\n', '    (四\n');
        await expectCompletion(Xxgk)({ text: cursorAt(text, '    (四', 6), index: 0, expectedItems: ['（四）无法提供'] });
    });

    it('offers the formats after 格式：', async () => {
        await expectCompletion(Xxgk)({ text: cursorAt(longgang, '格式：2021', 3), index: 0, expectedItems: ['2019', '2021', '2019-湖北'] });
    });

    it('offers the metadata keys and sections not yet written', async () => {
        const text = '标题：某局2024年政府信息公开工作年度报告\n\n';
        await expectCompletion(Xxgk)({
            text: `${text}<|>`, index: 0,
            assert: completion => {
                const labels = completion.items.map(i => i.label);
                expect(labels.slice(0, 6)).toEqual(['机关：', '机关层级：', '年度：', '格式：', '发布日期：', '统计期限：']);
                expect(labels).toContain('一、总体情况');
                expect(labels).toContain('六、其他需要报告的事项');
            },
        });
    });

    it('offers a whole table with zeros where one is missing', async () => {
        const text = longgang.replace(/第二十条第（八）项\n[^\n]*\n[^\n]*\n/, '');
        await expectCompletion(Xxgk)({
            text: cursorAt(text, '\n三、收到和处理', 0), index: 0,
            assert: completion => {
                const scaffold = completion.items.find(i => i.label === '第二十条第（八）项');
                expect(scaffold?.kind).toBe(CompletionItemKind.Struct);
                expect(scaffold?.textEdit?.newText).toBe('第二十条第（八）项\n信息内容       | 本年收费金额（单位：万元）\n行政事业性收费 |                          0');
            },
        });
    });

    it('offers the whole report skeleton in an empty file', async () => {
        await expectCompletion(Xxgk)({
            text: '<|>', index: 0,
            assert: completion => {
                expect(completion.items.map(i => i.label)).toEqual(['年报骨架（2019 格式）', '年报骨架（2021 格式）']);
                const snippet = completion.items[1].textEdit!.newText;
                expect(snippet).toContain('机关：${1:某某局}');
                expect(snippet).toContain('第二十条第（八）项');
            },
        });
    });

    it('offers the computed value in a total cell', async () => {
        const text = longgang.replace(/(（一）予以公开 +\|[^\n]*\| +)3\n/, '$1\n');
        const line = text.split('\n').find(l => l.includes('（一）予以公开'))!;
        await expectCompletion(Xxgk)({ text: cursorAt(text, line, line.length), index: 0, expectedItems: ['3'] });
    });

    it('offers nothing inside prose', async () => {
        await expectCompletion(Xxgk)({ text: cursorAt(longgang, '本年报根据', 2), index: 0, expectedItems: [] });
    });
});

describe('hover', () => {
    it('explains a row label with its counting rule and format', async () => {
        await expectHover(Xxgk)({
            text: cursorAt(longgang, '（二）部分公开', 3), index: 0,
            hover: /只计入「部分公开」[\s\S]*2021 格式（国办公开办函〔2021〕30号）/,
        });
    });

    it('explains who may issue 规章 and what 处理决定数量 counts', async () => {
        await expectHover(Xxgk)({ text: cursorAt(longgang, '规章           |', 1), index: 0, hover: /国务院部门、省级人民政府和设区的市、自治州人民政府/ });
        await expectHover(Xxgk)({ text: cursorAt(yanshi, '处理决定数量', 2), index: 0, hover: /本年度作出的处理决定（办件）数量，不是现有事项数/ });
    });

    it('shows the computed sum and its terms on a total', async () => {
        const text = longgang.replace(/(（一）予以公开 +\|[^\n]*\| +)3\n/, '$14\n');
        const line = text.split('\n').find(l => l.includes('（一）予以公开'))!;
        await expectHover(Xxgk)({
            text: cursorAt(text, line, line.length - 1), index: 0,
            hover: /计算值：\*\*3\*\*（行总计 = 六类申请人之和），填写值 4[\s\S]*自然人 2 \+ 商业企业 1/,
        });
    });

    it('lists the rules that count a number', async () => {
        const line = longgang.split('\n').find(l => l.includes('5.属于三类内部事务信息'))!;
        await expectHover(Xxgk)({
            text: cursorAt(longgang, line, line.indexOf('|') + 8), index: 0,
            hover: /R2 行总计[\s\S]*R3 （七）总计 = （一）至（六）之和（自然人）[\s\S]*（三）不予公开 1/,
        });
    });
});

describe('quick fixes', () => {

    const rowTotal = read(path.join(fixturesDir, 'rules', 'r2-row-total.xxgk'));

    it('sets a total to its computed value', async () => {
        await expectFix(rowTotal, 'xxgk/row-total', rowTotal.replace(/(（一）予以公开 +\|[^\n]*\| +)4/, '$13'));
    });

    it('replaces a variant label with the official one', async () => {
        const text = longgang.replace('本年制发件数', '本年发件');
        await expectFix(text, 'xxgk/label-variant', longgang.replace('本年制发件数', '本年制发件数'));
    });

    it('turns a dash into 0', async () => {
        const text = longgang.replace(/(规章 +\| +)0/, '$1-');
        await expectFix(text, 'xxgk/blank-cell', text.replace(/(规章 +\| +)-/, '$10'));
    });

    it('adds a missing row with zeros at its template place', async () => {
        const text = longgang.replace(/    7\.属于行政执法案卷[^\n]*\n/, '');
        await expectFix(text, 'xxgk/row-missing',
            text.replace('    8.属于行政查询事项', '    7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0\n    8.属于行政查询事项'));
    });

    it('sets 格式 to match 年度', async () => {
        const text = read(path.join(fixturesDir, 'rules', 'r19-format-year.xxgk'));
        await expectFix(text, 'xxgk/format-year', text.replace('格式：2019', '格式：2021'));
    });

    it('adds a missing colon', async () => {
        const text = longgang.replace('年度：2024', '年度2024');
        await expectFix(text, 'xxgk/meta-colon', longgang);
    });
});

describe('formatting', () => {
    it('aligns a table by display width and normalises spacing', async () => {
        const before = '标题 ： 测试\n信息内容|本年制发件数|本年废止件数|现行有效件数\n规章|0|0|0   // 注\n行政规范性文件 | 12|1|3|\n';
        await expectFormatting(Xxgk)({
            before: longgang.replace(/第二十条第（一）项\n[^\n]*\n[^\n]*\n[^\n]*\n/, `第二十条第（一）项\n${before.split('\n').slice(1).join('\n')}`),
            after: longgang.replace(/第二十条第（一）项\n[^\n]*\n[^\n]*\n[^\n]*\n/,
                '第二十条第（一）项\n信息内容       | 本年制发件数 | 本年废止件数 | 现行有效件数\n' +
                '规章           |            0 |            0 |            0 // 注\n' +
                '行政规范性文件 |           12 |            1 |            3\n'),
        });
    });
});

describe('structure', () => {
    it('lists sections, tables and rows in the outline', async () => {
        await expectSymbols(Xxgk)({
            text: yanshi,
            assert: symbols => {
                expect(symbols.map(s => s.name)).toEqual(['元数据', '一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
                    '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
                const tables = symbols[2].children!;
                expect(tables.map(t => t.name)).toEqual(['第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项', '第二十条第（九）项']);
                const applications = symbols[3].children![0];
                expect(applications.kind).toBe(SymbolKind.Struct);
                const results = applications.children!.find(c => c.name === '三、本年度办理结果')!;
                expect(results.children!.map(c => c.name)).toContain('（三）不予公开');
                expect(results.children!.find(c => c.name === '（三）不予公开')!.children).toHaveLength(8);
            },
        });
    });

    it('folds sections, tables, groups and text blocks', async () => {
        await expectFoldings(Xxgk)({
            text: yanshi,
            assert: foldings => {
                const starts = foldings.map(f => f.startLine);
                const lines = yanshi.split('\n');
                expect(starts).toContain(lines.indexOf('一、总体情况'));
                expect(starts).toContain(lines.indexOf('一、总体情况') + 1);
                expect(starts).toContain(lines.indexOf('三、本年度办理结果'));
                expect(starts).toContain(lines.findIndex(l => l.startsWith('第二十条第（五）项')));
            },
        });
    });

    it('marks labels, numbers and invalid cells with semantic tokens', async () => {
        const text = longgang.replace(/(规章 +\| +)0/, '$1x');
        const document = await parseHelper<Report>(Xxgk)(text, { validation: true });
        const tokens = await Xxgk.lsp.SemanticTokenProvider!.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
        const legend = Xxgk.lsp.SemanticTokenProvider!.semanticTokensOptions.legend;
        const decoded: { line: number; char: number; length: number; type: string; modifiers: number }[] = [];
        let line = 0;
        let char = 0;
        for (let i = 0; i < tokens.data.length; i += 5) {
            line += tokens.data[i];
            char = tokens.data[i] ? tokens.data[i + 1] : char + tokens.data[i + 1];
            decoded.push({ line, char, length: tokens.data[i + 2], type: legend.tokenTypes[tokens.data[i + 3]], modifiers: tokens.data[i + 4] });
        }
        const lines = text.split('\n');
        const textOf = (t: typeof decoded[number]) => lines[t.line].slice(t.char, t.char + t.length);
        const invalidBit = 1 << legend.tokenModifiers.indexOf('invalid');
        expect(decoded.filter(t => t.type === 'keyword').map(textOf)).toEqual(['标题', '机关', '机关层级', '年度', '格式', '发布日期', '统计期限']);
        expect(decoded.find(t => t.type === 'namespace')).toBeDefined();
        expect(decoded.filter(t => t.modifiers & invalidBit).map(textOf)).toEqual(['x']);
        expect(decoded.filter(t => t.type === 'number').length).toBeGreaterThan(100);
    });

    it('shows the computed value of a wrong total as an inlay hint', async () => {
        const text = read(path.join(fixturesDir, 'rules', 'r2-row-total.xxgk'));
        const document = await parseHelper<Report>(Xxgk)(text, { validation: true });
        const hints = await Xxgk.lsp.InlayHintProvider!.getInlayHints(document, {
            textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
        });
        expect(hints?.map(h => [h.position.line + 1, h.label])).toEqual([[52, '应为 3'], [77, '应为 65']]);
    });
});
