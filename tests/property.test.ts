/** Random and mutated documents never make the parser, the model, the rules or Langium's validation throw. */
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHelper } from 'langium/test';
import type { Report } from '../src/language/generated/ast.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { flattenRows } from '../src/templates/template-index.js';
import { check, examplesDir, read, services, xxgkFiles } from './support/helpers.js';

const labels = nationalRegistry.all().flatMap(t => t.sections.flatMap(s => [
    s.label, ...s.tables.flatMap(table => [
        table.caption?.label ?? '', table.note?.label ?? '', ...table.columns.map(c => c.label),
        ...flattenRows(table.rows).map(r => r.def.label),
    ]),
])).filter(Boolean);

const fragment = fc.oneof(
    fc.constantFrom(...labels),
    fc.constantFrom('|', '｜', ':', '：', ' ', '\n', '\n\n', '"""', '"', '//', '// 注释\n', '/', '-', '+', '减', '元', '万元', '（', ')', '\t', '\r\n', '\r'),
    fc.constantFrom('标题', '机关', '机关层级', '年度', '格式', '发布日期', '统计期限', '标题：', '格式：2019', '格式：2021', '年度：2020', '年度：2024'),
    fc.integer({ min: -5, max: 100000 }).map(String),
    fc.double({ min: 0, max: 1e6, noNaN: true }).map(n => n.toFixed(5)),
    fc.string({ unit: 'grapheme', maxLength: 6 }),
    fc.string({ unit: 'binary', maxLength: 4 }),
);

const randomDocument = fc.array(fragment, { maxLength: 120 }).map(parts => parts.join(''));

const examples = xxgkFiles(examplesDir).map(read);
const mutatedExample = fc.tuple(
    fc.constantFrom(...examples),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fragment), { minLength: 1, maxLength: 8 }),
).map(([text, edits]) => edits.reduce((t, [at, length, insert]) => {
    const start = at % (t.length + 1);
    return t.slice(0, start) + insert + t.slice(Math.min(t.length, start + length));
}, text));

function assertSound(text: string): void {
    const { findings, model } = check(text);
    for (const f of findings) {
        expect(f.code).toMatch(/^xxgk\/[a-z0-9-]+$/);
        expect(f.message.length).toBeGreaterThan(0);
        // No raw control character (a lone CR, a tab, an escape) reaches a message: they are shown as U+XXXX.
        expect(f.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
        expect(f.span.start).toBeGreaterThanOrEqual(0);
        expect(f.span.end).toBeGreaterThanOrEqual(f.span.start);
        expect(f.span.end).toBeLessThanOrEqual(text.length);
        expect(['error', 'warning', 'info']).toContain(f.severity);
    }
    expect(model.template).toBeDefined();
}

describe('robustness', () => {
    it('random documents', () => {
        fc.assert(fc.property(randomDocument, assertSound), { numRuns: 400 });
    });

    it('mutated examples', () => {
        fc.assert(fc.property(mutatedExample, assertSound), { numRuns: 400 });
    });

    it('Langium validation of mutated examples', async () => {
        const parse = parseHelper<Report>(services().Xxgk);
        await fc.assert(fc.asyncProperty(mutatedExample, async text => {
            const document = await parse(text, { validation: true });
            expect(document.diagnostics).toBeDefined();
            for (const d of document.diagnostics!) expect(d.range.start.line).toBeGreaterThanOrEqual(0);
        }), { numRuns: 60 });
    });

    it('an example cut at every line still checks', () => {
        const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));
        const lines = text.split('\n');
        for (let i = 0; i <= lines.length; i++) assertSound(lines.slice(0, i).join('\n'));
    });
});
