/** Generated reports (bench/generate.ts), some cells blank, exported to HTML, DOCX and pasted text, import back with the same cells. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenToText, generateReport } from '../bench/generate.js';
import { exportDocx } from '../src/export/docx.js';
import { buildView } from '../src/render/build-view.js';
import { renderStandalone } from '../src/render/html.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { check } from './support/helpers.js';
import { cellsOf, imported } from './support/import.js';

const templates = [nationalRegistry.get('2019')!, nationalRegistry.get('2021')!];

/** A generated report with some value cells of table 二 blanked (cells whose row has no sum). */
function withBlanks(text: string, blanks: number[]): string {
    const lines = text.split('\n');
    let n = 0;
    return lines.map(line => {
        if (!/^(规章|规范性文件|行政规范性文件|行政许可|行政处罚|行政强制) /.test(line)) return line;
        return line.replace(/\|\s+(\d+)/g, (m: string) => (blanks.includes(n++) ? `|${' '.repeat(m.length - 1)}` : m));
    }).join('\n');
}

describe('generated reports', () => {
    it('HTML, DOCX and text round trips keep every cell', async () => {
        await fc.assert(fc.asyncProperty(fc.nat(10_000), fc.boolean(), fc.uniqueArray(fc.nat(12), { maxLength: 4 }), async (seed, newer, blanks) => {
            const text = withBlanks(generateReport(templates[newer ? 1 : 0], seed, seed % 5 === 0), blanks);
            const original = check(text);
            const view = buildView(original);
            const cells = cellsOf(original.model);
            for (const [data, name] of [[renderStandalone(view), 'r.html'], [new Uint8Array(await exportDocx(view)), 'r.docx'], [flattenToText(view), 'r.txt']] as const) {
                const back = await imported(data, { name });
                expect(cellsOf(back.model), name).toEqual(cells);
                expect(back.report.cells.unreadable, name).toBe(0);
            }
        }), { numRuns: 12 });
    });
});
