/**
 * The hand-written TextMate grammar (the generator drops CJK keywords) tokenised with VS Code's own
 * engine, kept in step with the language: metadata keys, headings, captions, notes, numbers,
 * separators, comments and text blocks get their scopes.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';
import { examplesDir, read, root } from './support/helpers.js';

let grammar: textmate.IGrammar;

beforeAll(async () => {
    const wasm = readFileSync(path.join(root, 'node_modules/vscode-oniguruma/release/onig.wasm')).buffer;
    await oniguruma.loadWASM(wasm);
    const registry = new textmate.Registry({
        onigLib: Promise.resolve({ createOnigScanner: s => new oniguruma.OnigScanner(s), createOnigString: s => new oniguruma.OnigString(s) }),
        loadGrammar: async () => textmate.parseRawGrammar(read(path.join(root, 'syntaxes/xxgk.tmLanguage.json')), 'xxgk.tmLanguage.json'),
    });
    grammar = (await registry.loadGrammar('source.xxgk'))!;
});

/** Each token's text with its innermost scope, line by line. */
function tokenize(text: string): { text: string; scope: string }[][] {
    let state = textmate.INITIAL;
    return text.split('\n').map(line => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map(t => ({ text: line.slice(t.startIndex, t.endIndex), scope: t.scopes[t.scopes.length - 1] }));
    });
}

const scopeOf = (lines: ReturnType<typeof tokenize>, text: string) => lines.flat().find(t => t.text.trim() === text)?.scope;

describe('TextMate grammar', () => {
    it('colours the parts of a report', () => {
        const lines = tokenize(read(path.join(examplesDir, 'longgang-2024.xxgk')));
        expect(scopeOf(lines, '标题')).toBe('keyword.other.metadata.xxgk');
        expect(scopeOf(lines, '机关层级')).toBe('keyword.other.metadata.xxgk');
        expect(scopeOf(lines, '一、总体情况')).toBe('markup.heading.section.xxgk');
        expect(scopeOf(lines, '第二十条第（一）项')).toBe('entity.name.section.table.xxgk');
        expect(scopeOf(lines, '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）')).toBe('comment.block.documentation.note.xxgk');
        expect(scopeOf(lines, '25')).toBe('constant.numeric.xxgk');
        expect(scopeOf(lines, '|')).toBe('punctuation.separator.cell.xxgk');
        expect(lines[0][0].scope).toBe('comment.line.double-slash.xxgk');
    });

    it('keeps text blocks as one string, whatever they contain', () => {
        const lines = tokenize('一、总体情况\n"""\n规章 | 0 | 1\n标题：不是元数据 // 也不是注释\n"""\n规章 | 0 | 1 // 注释');
        expect(lines[2].every(t => t.scope.startsWith('string.quoted.triple.xxgk'))).toBe(true);
        expect(lines[3].every(t => t.scope.startsWith('string.quoted.triple.xxgk'))).toBe(true);
        expect(scopeOf(lines.slice(5), '1')).toBe('constant.numeric.xxgk');
        expect(lines[5].at(-1)!.scope).toBe('comment.line.double-slash.xxgk');
    });

    it('marks signed values, amounts and dashes', () => {
        const lines = tokenize('行政许可 | +2 | 减1 | 75.9260 | - |');
        expect(scopeOf(lines, '+2')).toBe('constant.numeric.xxgk');
        expect(scopeOf(lines, '减1')).toBe('constant.numeric.xxgk');
        expect(scopeOf(lines, '75.9260')).toBe('constant.numeric.xxgk');
        expect(scopeOf(lines, '-')).toBe('constant.language.dash.xxgk');
    });
});
