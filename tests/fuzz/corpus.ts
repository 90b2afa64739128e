/**
 * What the fuzz suite feeds the server, as fast-check arbitraries: the project's examples and
 * fixtures mutated line by line and character by character (deleted, duplicated and swapped lines;
 * CJK, ASCII and control characters; lone CR; pipes; text-block quotes; huge numbers; labels of the
 * templates), documents made of random fragments, edit sequences with ranges past the end, and
 * requests at random positions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { URI } from 'vscode-uri';
import { nationalRegistry } from '../../src/templates/registry.js';
import { flattenRows } from '../../src/templates/template-index.js';

/** The examples and every fixture of the project (never ../shared: a fresh clone has these only). */
export function loadCorpus(root: string): { name: string; text: string }[] {
    const dirs = ['examples', ...['rules', 'clean', 'cross-year', 'preview'].map(d => path.join('tests', 'fixtures', d))];
    return dirs.flatMap(dir => readdirSync(path.join(root, dir)).filter(f => f.endsWith('.xxgk')).sort()
        .map(f => ({ name: path.join(dir, f), text: readFileSync(path.join(root, dir, f), 'utf8') })));
}

export const labels: string[] = nationalRegistry.all().flatMap(t => t.sections.flatMap(s => [
    s.label, ...s.tables.flatMap(table => [
        table.caption?.label ?? '', table.note?.label ?? '', ...table.columns.map(c => c.label), ...flattenRows(table.rows).map(r => r.def.label),
    ]),
])).filter(Boolean);

const metaKeys = ['标题', '机关', '机关层级', '年度', '格式', '发布日期', '统计期限'];
const cjk = fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map(c => String.fromCharCode(c)), minLength: 1, maxLength: 12 });
const control = fc.string({
    unit: fc.constantFrom('\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u00a0', '\u200b',
        '\u2028', '\u2029', '\u3000', '\ufeff', '\ufffd', '\ud800', '\udfff', '😀', 'e\u0301'),
    minLength: 1, maxLength: 4,
});

/** A huge number; `long` allows the 100,000-digit kind (the large budget only). */
const hugeNumber = (long: boolean) => fc.oneof(
    fc.constantFrom('99999999999999999999', '9007199254740993', '1e309', '-0', '0x10', '１２３', '1,234,567', '3.14159265358979323846', 'NaN', 'Infinity', '-1'),
    fc.integer({ min: 16, max: long ? 100_000 : 400 }).map(n => '9'.repeat(n)),
);

/** A piece of text to insert. */
export const fragment = (long = false) => fc.oneof(
    { arbitrary: fc.constantFrom(...labels), weight: 3 },
    { arbitrary: fc.constantFrom('|', '｜', ' | ', '||', ':', '：', '"""', '"""\n', '\n"""', '"', '//', ' // 注释', '\r', '\r\n', '\n', '\n\n', '\t', '    '), weight: 4 },
    { arbitrary: fc.constantFrom(...metaKeys).chain(k => fc.constantFrom(k, `${k}：`, `${k}:`, `\n${k}：`)), weight: 1 },
    { arbitrary: hugeNumber(long), weight: 2 },
    { arbitrary: fc.integer({ min: -5, max: 100_000 }).map(String), weight: 2 },
    { arbitrary: cjk, weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 8 }), weight: 2 },
    { arbitrary: control, weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 4 }), weight: 1 },
);

type Mutation = (text: string) => string;

const lineMutation = (f: (lines: string[], i: number, j: number) => void) => fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => text => {
    const lines = text.split('\n');
    f(lines, a % lines.length, b % lines.length);
    return lines.join('\n');
});

const mutation = (long: boolean): fc.Arbitrary<Mutation> => fc.oneof(
    lineMutation((lines, i) => lines.splice(i, 1)), // delete a line
    lineMutation((lines, i) => lines.splice(i, 0, lines[i])), // duplicate a line
    lineMutation((lines, i, j) => { [lines[i], lines[j]] = [lines[j], lines[i]]; }), // swap two lines
    lineMutation((lines, i, j) => { lines.splice(j, 0, ...lines.splice(i, 1)); }), // move a line
    fc.tuple(fc.nat(), fc.nat({ max: 40 }), fragment(long)).map(([at, length, insert]): Mutation => text => {
        const start = at % (text.length + 1);
        return text.slice(0, start) + insert + text.slice(Math.min(text.length, start + length));
    }),
    fc.nat().map((at): Mutation => text => text.slice(0, at % (text.length + 1))), // cut off
    fc.constantFrom<Mutation>(t => t.replace(/\n/g, '\r\n'), t => t.replace(/\n/g, '\r'), t => t.replace(/\|/g, '｜'), t => t.replace(/ +/g, ''),
        t => t.replace(/\d+/g, '99999999999999999999')),
    ...(long ? [fc.tuple(fc.nat(), fc.nat({ max: 2_000 })).map(([at, times]): Mutation => text => { // grow: repeat a line
        const lines = text.split('\n');
        const i = at % lines.length;
        lines.splice(i, 0, ...Array<string>(times).fill(lines[i]));
        return lines.join('\n');
    })] : []),
);

export interface FuzzDocument {
    text: string;
    /** How it was made, to reproduce it by hand. */
    how: string;
    uri: string;
}

let uriCounter = 0;
/** Where a document is, as VS Code writes uris: files that do not exist, untitled ones, odd names. */
const uriOf = fc.constantFrom('/fuzz/n/{n}.xxgk', 'untitled:Untitled-{n}', '/fuzz/UPPER/{n}.XXGK', '/fuzz/空格 目录/报告{n}.xxgk')
    .map(pattern => {
        const name = pattern.replace('{n}', String(++uriCounter));
        return name.startsWith('/') ? URI.file(name).toString() : name;
    });

/** A mutated fixture or example, or a document of random fragments. */
export function documentArbitrary(corpus: { name: string; text: string }[], long = false): fc.Arbitrary<FuzzDocument> {
    const mutated = fc.tuple(fc.constantFrom(...corpus), fc.array(mutation(long), { minLength: 1, maxLength: long ? 12 : 6 }))
        .map(([base, ms]) => ({ text: ms.reduce((t, m) => m(t), base.text), how: `${base.name} with ${ms.length} mutations` }));
    const random = fc.array(fragment(long), { maxLength: long ? 400 : 120 }).map(parts => ({ text: parts.join(''), how: `${parts.length} random fragments` }));
    return fc.tuple(fc.oneof({ arbitrary: mutated, weight: 4 }, { arbitrary: random, weight: 1 }), uriOf).map(([d, uri]) => ({ ...d, uri }));
}

export interface Position { line: number; character: number }

/** A position anywhere in or past the text (a few lines and many characters past the end). */
export const position = (lines: number): fc.Arbitrary<Position> => fc.record({
    line: fc.oneof({ arbitrary: fc.nat({ max: Math.max(0, lines - 1) }), weight: 9 }, { arbitrary: fc.integer({ min: lines, max: lines + 5 }), weight: 1 }),
    character: fc.oneof({ arbitrary: fc.nat({ max: 60 }), weight: 9 }, { arbitrary: fc.nat({ max: 5_000 }), weight: 1 }),
});

export const range = (lines: number) => fc.tuple(position(lines), position(lines)).map(([start, end]) => ({ start, end }));

/** An edit as the client sends it: a range (in or past the text, sometimes backwards) and its new text. */
export const edit = (lines: number) => fc.oneof(
    { arbitrary: fc.record({ range: range(lines), text: fragment() }), weight: 12 },
    { arbitrary: fc.record({ range: range(lines), text: fc.constant('') }), weight: 4 },
    { arbitrary: fc.record({ text: fragment() }), weight: 1 }, // the whole text replaced
);

export const requestKinds = [
    'hover', 'completion', 'codeAction', 'formatting', 'rangeFormatting', 'documentSymbol', 'semanticTokens', 'semanticTokensRange',
    'foldingRange', 'inlayHint', 'definition', 'references', 'documentHighlight', 'prepareRename', 'rename', 'workspaceSymbol',
    'render', 'export', 'import',
] as const;
export type RequestKind = (typeof requestKinds)[number];

export interface FuzzRequest {
    kind: RequestKind;
    position: Position;
    range: { start: Position; end: Position };
    format: 'html' | 'docx' | 'xlsx';
}

export const request = (lines: number): fc.Arbitrary<FuzzRequest> => fc.record({
    kind: fc.constantFrom(...requestKinds),
    position: position(lines),
    range: range(lines),
    format: fc.constantFrom<FuzzRequest['format']>('html', 'html', 'html', 'docx', 'xlsx'),
});

/** One sample of an arbitrary, reproducible from its seed. */
export function sample<T>(arbitrary: fc.Arbitrary<T>, seed: number): T {
    return fc.sample(arbitrary, { seed, numRuns: 1 })[0];
}
