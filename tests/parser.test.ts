/**
 * The linear parser (src/language/parser.ts) builds exactly the syntax tree Langium's own parser
 * builds — every node, every hidden token (spaces, comments) in its place — on every example and
 * fixture and on mutated ones. (Its speed is measured by npm run bench, not here.)
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { createLangiumParser, isCompositeCstNode, isLeafCstNode, type CstNode, type LangiumParser } from 'langium';
import { describe, expect, it } from 'vitest';
import { isLinearParser } from '../src/language/parser.js';
import { examplesDir, fixturesDir, read, services, xxgkFiles } from './support/helpers.js';

const files = [examplesDir, path.join(fixturesDir, 'rules'), path.join(fixturesDir, 'clean'), path.join(fixturesDir, 'cross-year')]
    .flatMap(xxgkFiles).map(read);
const ours = services().Xxgk.parser.LangiumParser;
const langiums = createLangiumParser(services().Xxgk);

/** The tree as data: composite nodes with their AST type, leaves with offset, length, token and hidden. */
function shape(parser: LangiumParser, text: string): unknown {
    const result = parser.parse(text);
    const walk = (node: CstNode): unknown => isCompositeCstNode(node)
        ? [node.astNode.$type, node.offset, node.length, node.content.map(walk)]
        : [node.offset, node.length, node.hidden, isLeafCstNode(node) ? node.tokenType.name : '?'];
    return { tree: walk(result.value.$cstNode!), lexer: result.lexerErrors.length, parser: result.parserErrors.length };
}

const edit = fc.tuple(fc.nat(), fc.nat({ max: 20 }), fc.constantFrom('', ' ', '  ', '\t', '\n', '\n  ', '// 注释', ' // x\n', '|', '"""', '年度：', '  （一）', '\r\n'));

describe('the linear parser', () => {
    it('is the one the services use', () => {
        expect(isLinearParser(ours)).toBe(true);
        expect(isLinearParser(langiums)).toBe(false);
    });

    it('builds Langium\'s tree for every example and fixture', () => {
        for (const text of files) expect(shape(ours, text)).toEqual(shape(langiums, text));
    });

    it('builds Langium\'s tree for mutated reports, also starting or ending with spaces and comments', () => {
        fc.assert(fc.property(fc.constantFrom(...files), fc.array(edit, { maxLength: 10 }), (base, edits) => {
            const text = edits.reduce((t, [at, length, insert]) => {
                const start = at % (t.length + 1);
                return t.slice(0, start) + insert + t.slice(start + length);
            }, base);
            for (const t of [text, `  // 开头\n ${text}`, `${text} // 结尾  `]) expect(shape(ours, t)).toEqual(shape(langiums, t));
        }), { numRuns: 60, seed: 11 });
    });
});
