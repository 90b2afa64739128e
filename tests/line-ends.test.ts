/**
 * Old Mac line ends (a lone CR), mixed and CRLF files read like LF files everywhere: findings,
 * preview view model, formatter, fixes, cursor context. The lexer's and parser's messages are
 * Chinese with the characters escaped, and no message shows a raw control character.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHelper } from 'langium/test';
import type { Report } from '../src/language/generated/ast.js';
import { cursorContext } from '../src/editor/context.js';
import { applyEdits, fixAllTotals, fixesFor } from '../src/editor/fixes.js';
import { formatText } from '../src/format/formatter.js';
import { buildView } from '../src/render/build-view.js';
import { syntaxFindings } from '../src/rules/check.js';
import { breakBefore, lineEndAt, lineRanges, lineStartAt, LineIndex } from '../src/util/lines.js';
import { visibleText } from '../src/util/text.js';
import { check, examplesDir, fixturesDir, read, services } from './support/helpers.js';

const lf = read(path.join(fixturesDir, 'rules', 'r2-row-total.xxgk')).replace(/\r\n?/g, '\n');
const endings = {
    cr: (t: string) => t.replace(/\n/g, '\r'),
    crlf: (t: string) => t.replace(/\n/g, '\r\n'),
    // Every kind of break, in turn.
    mixed: (t: string) => {
        let i = 0;
        return t.replace(/\n/g, () => ['\r\n', '\n', '\r'][i++ % 3]); // never \r then \n (that is one CRLF)
    },
};

/** Findings as line/column/code/message: what a user sees, independent of the break characters. */
function seen(text: string) {
    const lines = new LineIndex(text);
    return check(text).findings.map(f => {
        const start = lines.position(f.span.start);
        const end = lines.position(f.span.end);
        return [start.line, start.character, end.line, end.character, f.code, f.message];
    });
}

describe('line ends: a lone CR, CRLF and LF are one line break everywhere', () => {
    const expected = seen(lf);

    for (const [name, convert] of Object.entries(endings)) {
        it(`${name}: the same findings at the same lines and columns`, () => {
            const text = convert(lf);
            expect(seen(text)).toEqual(expected);
            expect(check(text).findings.map(f => f.code)).not.toContain('xxgk/syntax');
        });

        it(`${name}: the same preview view model (ranges, paragraphs, findings)`, () => {
            const view = (t: string) => JSON.stringify(buildView(check(t)));
            expect(view(convert(lf))).toBe(view(lf));
        });

        it(`${name}: the formatter changes the same cells and keeps every break`, () => {
            const messy = lf.replace(/ +\| +/g, '|');
            const formatted = formatText(check(convert(messy)).model);
            expect(formatted).toBe(convert(formatText(check(messy).model)));
        });

        it(`${name}: fixing every total and inserting a missing row give the LF result, breaks kept`, () => {
            const reanalyze = (t: string) => check(t);
            const text = convert(lf);
            expect(applyEdits(text, fixAllTotals(text, reanalyze))).toBe(convert(applyEdits(lf, fixAllTotals(lf, reanalyze))));
            const withoutRow = (t: string) => t.replace(/ {4}3\.要求提供公开出版物[^\r\n]*(\r\n|\r|\n)/, '');
            const rowFix = (t: string) => {
                const analysis = check(t);
                const finding = analysis.findings.find(f => f.code === 'xxgk/row-missing')!;
                expect(finding).toBeDefined();
                const fix = fixesFor(analysis, [finding], reanalyze)[0];
                return applyEdits(t, fix.edits);
            };
            const fixed = rowFix(withoutRow(text));
            expect(seen(fixed).filter(f => f[4] === 'xxgk/row-missing')).toEqual([]);
            // The same row as in an LF file, inserted with the file's first break; no other break changed.
            expect(fixed.replace(/\r\n|\r|\n/g, '\n')).toBe(rowFix(withoutRow(lf)));
            const first = /\r\n|\r|\n/.exec(text)![0];
            expect(fixed.length - withoutRow(text).length).toBe(rowFix(withoutRow(lf)).length - withoutRow(lf).length + first.length - 1);
        });

        it(`${name}: the cursor's line and cell are the same`, () => {
            const text = convert(lf);
            const at = text.indexOf('（一）予以公开') + 30;
            const a = cursorContext(check(text).model, at);
            const b = cursorContext(check(lf).model, lf.indexOf('（一）予以公开') + 30);
            expect([a.before, a.after, a.cellIndex, a.lineEnd - a.lineStart]).toEqual([b.before, b.after, b.cellIndex, b.lineEnd - b.lineStart]);
        });
    }

    it('line helpers count \\r, \\n and \\r\\n as one break each', () => {
        const text = 'a\rb\r\nc\nd';
        expect(lineRanges(text).map(l => text.slice(l.start, l.end))).toEqual(['a', 'b', 'c', 'd']);
        expect(lineStartAt(text, 2)).toBe(2);
        expect(lineEndAt(text, 2)).toBe(3);
        expect(breakBefore(text, 5)).toBe(2);
        expect(new LineIndex(text).position(5)).toEqual({ line: 2, character: 0 });
    });

    it('the formatter empties a blank line between a lone CR and an LF without joining the two breaks', () => {
        const text = '标题：甲  \r    \n机关：乙\n';
        const formatted = formatText(check(text).model);
        expect(lineRanges(formatted)).toHaveLength(lineRanges(text).length);
        expect(formatted).toBe('标题：甲\n\n机关：乙\n');
    });
});

describe('lexer and parser messages', () => {
    it('are Chinese findings with the offending characters escaped', () => {
        const text = 'a\rb';
        const findings = syntaxFindings(text, {
            lexerErrors: [{ offset: 1, length: 1 }],
            parserErrors: [{ token: { startOffset: 2, endOffset: 2, image: '§', tokenType: { name: 'CELL' } } }, { token: { startOffset: NaN, image: '', tokenType: { name: 'EOF' } } }],
        });
        expect(findings.map(f => [f.code, f.span.start, f.span.end])).toEqual([['xxgk/syntax', 1, 2], ['xxgk/syntax', 2, 3], ['xxgk/syntax', 3, 3]]);
        expect(findings.map(f => f.message)).toEqual([
            '语法错误：无法识别的字符U+000D', '语法错误：此处不应出现「§」（U+00A7）', '语法错误：文件在此处意外结束',
        ]);
    });

    it('reach Langium diagnostics in Chinese, never its English lexer message', async () => {
        const { Xxgk } = services();
        const document = await parseHelper<Report>(Xxgk)('标题：x\r年度：2024');
        document.parseResult.lexerErrors.push({ offset: 4, length: 1, line: 1, column: 5, message: 'unexpected character: ->\r<- at offset: 4' });
        const diagnostics = await Xxgk.validation.DocumentValidator.validateDocument(document);
        const syntax = diagnostics.filter(d => d.code === 'xxgk/syntax');
        expect(syntax.map(d => [d.message, d.range.start])).toEqual([['语法错误：无法识别的字符U+000D', { line: 0, character: 4 }]]);
        for (const d of diagnostics) expect(d.message).not.toMatch(/unexpected|[\r\n]/);
    });

    it('no message shows a raw control character', () => {
        const text = read(path.join(examplesDir, 'longgang-2024.xxgk')).replace(/(行政许可 +\| +)0/, '$1a\tb\u0007\u202e');
        const finding = check(text).findings.find(f => f.code === 'xxgk/value-kind')!;
        expect(finding.message).toContain('aU+0009bU+0007U+202E');
        expect(visibleText('x\u2028y')).toBe('xU+2028y');
    });
});
