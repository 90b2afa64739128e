/**
 * The quick fixes of a report with wrong totals re-check the text after each step of "fix all"
 * (src/editor/fixes.ts); the server's re-checker (server/lsp/analysis.ts) checks each text once per
 * request: the fixes of one table and of the whole report take the same first steps.
 */
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { fixesFor } from '../src/editor/fixes.js';
import { checkText } from '../src/rules/check.js';
import { reanalyzer } from '../server/lsp/analysis.js';
import { createXxgkServices } from '../server/xxgk-services.js';
import { examplesDir, read } from './support/helpers.js';

describe('re-checks of a quick-fix request', () => {
    const { Xxgk } = createXxgkServices(EmptyFileSystem);
    // The example with the last number of every table line off by one: wrong totals in several tables.
    const text = read(path.join(examplesDir, 'longgang-2024.xxgk')).replace(/\| +(\d+) *$/gm, (m, d: string) => m.replace(d, String(Number(d) + 1)));

    it('check each text once and give the same fixes', () => {
        const reanalyze = reanalyzer(Xxgk);
        expect(reanalyze(text)).toBe(reanalyze(text));
        const analysis = checkText(text, Xxgk);
        const texts: string[] = [];
        const counting = reanalyzer(Xxgk);
        const fixes = fixesFor(analysis, analysis.findings, t => {
            texts.push(t);
            return counting(t);
        });
        const plain = fixesFor(analysis, analysis.findings, t => checkText(t, Xxgk));
        expect(fixes.map(f => [f.title, f.edits])).toEqual(plain.map(f => [f.title, f.edits]));
        expect(fixes.some(f => f.title.includes('全文的全部总计') || f.title.includes('本表的全部总计'))).toBe(true);
        expect(new Set(texts).size).toBeLessThan(texts.length); // the same steps, checked once
    });
});
