/**
 * The parsers (src/language/parser.ts): the hand-written line parser that parses whole reports, and
 * Langium's Chevrotain parser made linear, which stays for grammars the line parser does not know.
 * Both build exactly the tree Langium's own parser builds — every node with its grammar element,
 * its position as Chevrotain counts it, every hidden token in its place, the AST with its containers
 * — on every example and fixture, on mutated ones and on random text of the characters that matter.
 * (Their speed is measured by npm run bench, not here.)
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { createLangiumParser, isCompositeCstNode, isLeafCstNode, type AstNode, type CstNode, type LangiumParser } from 'langium';
import { describe, expect, it } from 'vitest';
import { isLinearParser, parseWithChevrotain, usesLineParser } from '../src/language/parser.js';
import { examplesDir, fixturesDir, read, services, xxgkFiles } from './support/helpers.js';

const files = [examplesDir, path.join(fixturesDir, 'rules'), path.join(fixturesDir, 'clean'), path.join(fixturesDir, 'cross-year')]
    .flatMap(xxgkFiles).map(read);
const ours = services().Xxgk.parser.LangiumParser;
const langiums = createLangiumParser(services().Xxgk);

/** Names for the grammar's elements (both parsers refer to the one grammar of the services). */
const elementIds = new Map<unknown, number>();
const elementId = (element: unknown) => {
    if (element === undefined) return undefined;
    if (!elementIds.has(element)) elementIds.set(element, elementIds.size);
    return elementIds.get(element);
};

/** The parse as data: every CST node with its grammar element, range and AST node; the AST's lines. */
function shape(parse: (text: string) => ReturnType<LangiumParser['parse']>, text: string): unknown {
    const result = parse(text);
    const walk = (node: CstNode): unknown => {
        const common = [node.offset, node.length, node.end, node.hidden, elementId(node.grammarSource), node.range, node.astNode.$type];
        return isCompositeCstNode(node)
            ? [...common, node.content.map(child => (child.container === node ? walk(child) : 'wrong container'))]
            : [...common, isLeafCstNode(node) ? node.tokenType.name : '?'];
    };
    const report = result.value as AstNode & { lines: Array<AstNode & Record<string, unknown>> };
    return {
        tree: walk(report.$cstNode!),
        root: report.$cstNode!.astNode === report && report.$cstNode!.root.fullText === text,
        lines: report.lines.map(line => [
            Object.keys(line), line.$type, line.key, line.text, line.$container === report, line.$containerProperty, line.$containerIndex,
            line.$cstNode?.astNode === line,
        ]),
        lexer: result.lexerErrors.length, parser: result.parserErrors.length, report: result.lexerReport,
    };
}

const ourShape = (text: string) => shape(t => ours.parse(t), text);
const langiumShape = (text: string) => shape(t => langiums.parse(t), text);

const edit = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom('', ' ', '  ', '\t', '\n', '\n  ', '// 注释', ' // x\n', '|', '"""', '年度：', '  （一）', '\r\n', '\r', '机关', '机关层级'));

/** Text of the characters the lexer tells apart: keys, pipes, colons, quotes, slashes, every line end and odd space. */
const hostileText = fc.array(fc.constantFrom(
    '标题', '机关', '机关层级', '年度', '格式', '发布日期', '统计期限', '单位编号', '机关名称', '|', '｜', ':', '：', '"', '""', '"""', '/', '//',
    ' ', '\t', '\u3000', '\u00a0', '\u2028', '\u2029', '\u0085', '\v', '\f', '\ufeff', '\n', '\r', '\r\n', 'a', '行政许可', '12', '𠀀', '\ud800',
), { maxLength: 60 }).map(parts => parts.join(''));

describe('the parsers', () => {
    it('are the ones the services use', () => {
        expect(usesLineParser(ours)).toBe(true);
        expect(isLinearParser(ours)).toBe(true);
        expect(isLinearParser(langiums)).toBe(false);
    });

    it('build Langium\'s tree for every example and fixture', () => {
        for (const text of files) {
            const expected = langiumShape(text);
            expect(ourShape(text)).toEqual(expected);
            expect(shape(t => parseWithChevrotain(ours, t), text)).toEqual(expected);
        }
    });

    it('build Langium\'s tree for mutated reports, also starting or ending with spaces and comments', () => {
        fc.assert(fc.property(fc.constantFrom(...files), fc.array(edit, { maxLength: 10 }), (base, edits) => {
            const text = edits.reduce((t, [at, length, insert]) => {
                const start = at % (t.length + 1);
                return t.slice(0, start) + insert + t.slice(start + length);
            }, base);
            for (const t of [text, `  // 开头\n ${text}`, `${text} // 结尾  `]) {
                const expected = langiumShape(t);
                expect(ourShape(t)).toEqual(expected);
                expect(shape(u => parseWithChevrotain(ours, u), t)).toEqual(expected);
            }
        }), { numRuns: 60, seed: 11 });
    });

    it('build Langium\'s tree for random text of keys, pipes, quotes, slashes, line ends and odd spaces', () => {
        expect(ourShape('')).toEqual(langiumShape(''));
        fc.assert(fc.property(hostileText, text => {
            expect(ourShape(text)).toEqual(langiumShape(text));
        }), { numRuns: 400, seed: 5 });
    });
});
