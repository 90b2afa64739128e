/**
 * Large reports are read in steps (src/util/steps.ts): the line parser and the model yield between
 * steps of lines, so the language server reads its messages in between and builds a small report
 * changed meanwhile first (server/documents.ts); a step interrupted goes on where it stopped. The
 * steps give exactly what the one-step functions give. (The times are in npm run bench: robust.ts.)
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DidOpenTextDocumentNotification, type Diagnostic } from 'vscode-languageserver-protocol';
import type { Report } from '../src/language/generated/ast.js';
import { LINES_PER_STEP as PARSE_STEP } from '../src/language/line-parser.js';
import { parseInSteps } from '../src/language/parser.js';
import { MAX_DIAGNOSTICS } from '../src/language/xxgk-validator.js';
import { buildModel, buildModelInSteps, LINES_PER_STEP as MODEL_STEP } from '../src/model/build.js';
import { analyze, analyzeCached, prepareAnalysis } from '../src/rules/check.js';
import { LARGE_DOCUMENT } from '../server/documents.js';
import { examplesDir, read, services } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));
const row = example.split('\n').find(l => /^行政规范性文件 /.test(l))!;
/** The example with a row of table 二 written `times` more times (each a duplicate), and a prose line after. */
const grown = (times: number) => example.replace(row, `${row}\n`.repeat(times) + row);
const parser = services().Xxgk.parser.LangiumParser;

function drive<T>(steps: Generator<void, T>, most = Infinity): { yields: number; value?: T } {
    let yields = 0;
    for (;;) {
        const next = steps.next();
        if (next.done) return { yields, value: next.value };
        if (++yields >= most) return { yields };
    }
}

describe('steps', () => {
    const text = grown(3 * Math.max(PARSE_STEP, MODEL_STEP));
    const whole = parser.parse<Report>(text);

    it('the parse in steps yields between steps of lines and builds the same tree', () => {
        const { yields, value } = drive(parseInSteps(parser, text));
        expect(yields).toBeGreaterThanOrEqual(3);
        const lines = (r: Report) => r.lines.map(l => [l.$type, l.$cstNode!.offset, l.$cstNode!.length]);
        expect(lines(value!.value as Report)).toEqual(lines(whole.value));
        expect(drive(parseInSteps(parser, example)).yields).toBe(0);
    });

    it('the model in steps is the model', () => {
        const { yields, value } = drive(buildModelInSteps(whole.value, text));
        expect(yields).toBeGreaterThanOrEqual(3);
        const model = buildModel(whole.value, text);
        expect(value!.findings).toEqual(model.findings);
        expect(value!.findings.filter(f => f.code === 'xxgk/row-duplicate')).toHaveLength(3 * Math.max(PARSE_STEP, MODEL_STEP));
    });

    it('an analysis prepared in steps, interrupted, goes on where it stopped and is the one analyzeCached gives', () => {
        const report = parser.parse<Report>(text).value;
        const all = drive(prepareAnalysis(parser.parse<Report>(text).value, text)).yields;
        const first = drive(prepareAnalysis(report, text), 2);
        expect(first.yields).toBe(2);
        const rest = drive(prepareAnalysis(report, text));
        expect(first.yields + rest.yields).toBe(all); // resumed, not started again
        const cached = analyzeCached(report, text);
        expect(drive(prepareAnalysis(report, text)).yields).toBe(0); // remembered
        expect(analyzeCached(report, text)).toBe(cached);
        expect(cached.findings).toEqual(analyze(report, text).findings);
        // Other settings: a new analysis.
        expect(drive(prepareAnalysis(report, text, undefined, { suppress: false })).yields).toBe(all);
    });
});

describe('a large report and a small one in the server, over stdio', () => {
    const server = useServer();

    async function open(uri: string, text: string): Promise<Diagnostic[]> {
        const next = server.nextDiagnostics(uri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
        return (await next).diagnostics;
    }

    it('both checked right when the small one is opened while the large one is built', async () => {
        const large = grown(Math.ceil(LARGE_DOCUMENT / row.length) + 10);
        expect(large.length).toBeGreaterThan(LARGE_DOCUMENT);
        const small = grown(1);
        const [big, little] = await Promise.all([open('file:///work/large/big.xxgk', large), open('file:///work/large/small.xxgk', small)]);
        const expected = analyze(parser.parse<Report>(small).value, small).findings.map(f => f.code).sort();
        expect(little.map(d => d.code).sort()).toEqual(expected);
        expect(expected.length).toBeGreaterThan(0);
        expect(big).toHaveLength(MAX_DIAGNOSTICS);
        expect(big[0].code).toBe('xxgk/too-many-findings');
        const duplicates = analyze(parser.parse<Report>(large).value, large).findings.filter(f => f.code === 'xxgk/row-duplicate').length;
        expect(big[0].message).toContain(duplicates.toLocaleString('en-US'));
    });
});
