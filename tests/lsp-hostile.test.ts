/**
 * Hostile text through the real language server over stdio: CR-only, mixed and CRLF documents get
 * the diagnostics of the LF document at the same positions (no English lexer message), a huge number
 * is an invalid value, and user text in hover Markdown comes back escaped.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, HoverRequest, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { markdownText } from '../src/editor/describe.js';
import { listed, MAX_DIAGNOSTICS } from '../src/language/xxgk-validator.js';
import type { Finding } from '../src/model/types.js';
import { examplesDir, fixturesDir, read } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const server = useServer();

async function open(uri: string, text: string): Promise<Diagnostic[]> {
    const next = server.nextDiagnostics(uri);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
    return (await next).diagnostics;
}

const shown = (diagnostics: Diagnostic[]) => diagnostics
    .map(d => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`).sort();

describe('line ends over stdio', () => {
    const lf = read(path.join(fixturesDir, 'rules', 'r2-row-total.xxgk')).replace(/\r\n?/g, '\n');
    let i = 0;
    const variants = {
        cr: lf.replace(/\n/g, '\r'),
        crlf: lf.replace(/\n/g, '\r\n'),
        mixed: lf.replace(/\n/g, () => ['\r\n', '\n', '\r'][i++ % 3]),
    };
    let expected: string[] = [];

    it('the LF document', async () => {
        expected = shown(await open('file:///work/lsp-hostile/lf.xxgk', lf));
        expect(expected).toHaveLength(3);
    });

    for (const [name, text] of Object.entries(variants)) {
        it(`${name}: the same diagnostics at the same positions, nothing in English`, async () => {
            const uri = `file:///work/lsp-hostile/${name}.xxgk`;
            const diagnostics = await open(uri, text);
            expect(shown(diagnostics)).toEqual(expected);
            // The positions point at the same text as in the client's own document.
            const document = TextDocument.create(uri, 'xxgk', 1, text);
            const rowTotal = diagnostics.find(d => d.code === 'xxgk/row-total')!;
            expect(document.getText(rowTotal.range)).toBe('4');
            for (const d of diagnostics) expect(d.message).not.toMatch(/[\r\n]|unexpected|character/);
        });
    }
});

describe('huge numbers and user text in hover, over stdio', () => {
    const uri = 'file:///work/lsp-hostile/hover.xxgk';
    const inCell = '![img](x.png)[点此修正](command)**粗**<b>&amp;';
    const text = read(path.join(examplesDir, 'longgang-2024.xxgk'))
        .replace(/(行政许可 +\| +)0/, `$1${inCell}`)
        .replace(/(行政处罚 +\| +)0/, '$199999999999999999999')
        .replace('行政强制 |', `${inCell} |`);
    const document = TextDocument.create(uri, 'xxgk', 1, text);

    it('a huge count is an invalid value (R5), not 1e+20', async () => {
        const diagnostics = await open(uri, text);
        const huge = diagnostics.filter(d => d.code === 'xxgk/value-kind' && document.getText(d.range) === '99999999999999999999');
        expect(huge).toHaveLength(1);
        expect(huge[0].message).toContain('超出可核对的范围');
    });

    it('the hover of an invalid cell shows its text escaped', async () => {
        const hover = await server.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri }, position: document.positionAt(text.indexOf(inCell) + 2),
        }) as Hover;
        const markdown = (hover.contents as { kind: string; value: string });
        expect(markdown.kind).toBe('markdown');
        expect(markdown.value).toContain(`无法读取「${markdownText(inCell)}」`);
        expect(markdown.value).not.toContain('](');
    });

    it('the hover of a cell in an unknown row shows the label escaped', async () => {
        const row = text.lastIndexOf(inCell);
        const hover = await server.connection.sendRequest(HoverRequest.type, {
            textDocument: { uri }, position: document.positionAt(text.indexOf('0', text.indexOf('|', row))),
        }) as Hover;
        const value = (hover.contents as { value: string }).value;
        expect(value).toContain(`**${markdownText(inCell)} · `);
        expect(value).not.toContain('](');
        expect(value).not.toContain('<b>');
    });
});

describe('a document of thousands of findings, over stdio', () => {
    it('lists at most MAX_DIAGNOSTICS: errors first, with one finding saying how many there are', async () => {
        const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));
        const row = example.split('\n').find(l => /^行政规范性文件 /.test(l))!;
        const text = example.replace(row, `${row}\n`.repeat(1501) + row);
        const diagnostics = await open('file:///work/lsp-hostile/many.xxgk', text);
        expect(diagnostics).toHaveLength(MAX_DIAGNOSTICS);
        const [summary, ...rest] = diagnostics;
        expect(summary.code).toBe('xxgk/too-many-findings');
        expect(summary.message).toContain('1,501'); // the row written 1,502 times
        expect(summary.range.start).toEqual({ line: 0, character: 0 });
        expect(rest.every(d => d.code === 'xxgk/row-duplicate' && d.severity === 1)).toBe(true);
        // In position order: the first repeated rows.
        const lines = rest.map(d => d.range.start.line);
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
        expect(lines[0]).toBe(example.split('\n').indexOf(row) + 1);
    });

    it('keeps the errors when warnings come first', () => {
        const finding = (i: number, severity: Finding['severity']): Finding => ({ code: 'x', severity, message: String(i), span: { start: i, end: i }, data: { code: 'x' } });
        const findings = [...Array.from({ length: 1500 }, (_, i) => finding(i, i % 3 ? 'info' : 'warning')), ...Array.from({ length: 600 }, (_, i) => finding(1500 + i, 'error'))];
        const [summary, ...rest] = listed(findings);
        expect(summary.code).toBe('xxgk/too-many-findings');
        expect(rest).toHaveLength(MAX_DIAGNOSTICS - 1);
        expect(rest.filter(f => f.severity === 'error')).toHaveLength(600);
        expect(rest.filter(f => f.severity === 'warning')).toHaveLength(MAX_DIAGNOSTICS - 1 - 600);
        expect(rest.map(f => f.span.start)).toEqual(rest.map(f => f.span.start).sort((a, b) => a - b));
        expect(listed(findings.slice(0, MAX_DIAGNOSTICS))).toHaveLength(MAX_DIAGNOSTICS);
    });
});
