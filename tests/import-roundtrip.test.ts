/**
 * Round trip through xxgk's own exports: every example and every valid fixture exported to HTML,
 * DOCX and XLSX and imported back gives the same cells (and, for HTML and DOCX, the same prose and
 * metadata).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportDocx } from '../src/export/docx.js';
import { exportXlsx } from '../src/export/xlsx.js';
import { buildView } from '../src/render/build-view.js';
import { renderStandalone } from '../src/render/html.js';
import { check, examplesDir, fixturesDir, read, xxgkFiles } from './support/helpers.js';
import { cellsOf, imported, proseOf } from './support/import.js';

/**
 * The examples, the clean fixtures and the rules fixtures whose structure is complete: a row,
 * column, table or section the file lacks is printed as empty cells, so it cannot come back absent.
 */
const STRUCTURAL = /missing|unknown|duplicate|order|outside|group-as-leaf|caption|header|column-|meta-|format-year|row-|section-|table-missing|syntax|text-unclosed|title-year|xxgk\/period/;
const sources = [
    ...xxgkFiles(examplesDir), ...xxgkFiles(path.join(fixturesDir, 'clean')), ...xxgkFiles(path.join(fixturesDir, 'cross-year')),
    ...xxgkFiles(path.join(fixturesDir, 'rules')).filter(f => !check(read(f)).findings.some(x => STRUCTURAL.test(x.code) && x.code !== 'xxgk/meta-recommended')),
];

/**
 * XLSX stores numbers, not their printed text: +1 is 1 there, 减2 and −2 are -2, 75.9260 is 75.926, 12.5万元 is
 * 12.5 and 4件 is 4; an annotated number comes back from its note as 40（含自然失效9件）, whatever brackets it had.
 */
function numeric(cells: Map<string, string>): Map<string, string> {
    return new Map([...cells].map(([k, written]) => {
        const v = written.replace(/^(\S+?)\s*[(（](.*)[)）]$/, '$1（$2）');
        const bare = v.replace(/(万?元|件)$/, '').replace(/^[减−]/, '-').replace(/^增/, '+');
        return [k, /^[+-]?\d+(\.\d+)?$/.test(bare) ? String(Number(bare)) : v];
    }));
}

describe('round trip through our exports', () => {
    for (const file of sources) {
        const name = path.relative(fixturesDir, file).startsWith('..') ? path.basename(file) : path.relative(fixturesDir, file);
        const text = read(file);
        const original = check(text);
        const view = buildView(original);
        const cells = cellsOf(original.model);
        const prose = proseOf(original.model);

        it(`${name} → HTML → .xxgk`, async () => {
            const html = renderStandalone(view);
            const back = await imported(html, { name: 'report.html' });
            expect(cellsOf(back.model)).toEqual(cells);
            expect(proseOf(back.model)).toEqual(prose);
            expect(back.model.template.id).toBe(original.model.template.id);
            for (const key of ['title', 'agency', 'year', 'published'] as const) {
                expect(back.model.meta[key]?.text, key).toBe(original.model.meta[key]?.text.replace(/\s*$/, ''));
            }
            // The printed period line: as written, or the calendar year the preview prints when none is written.
            const year = original.model.meta.year?.value;
            expect(back.model.meta.period?.text).toBe(original.model.meta.period?.text ?? `${year}-01-01 至 ${year}-12-31`);
            expect(back.report.cells.unreadable).toBe(0);
        });

        it(`${name} → DOCX → .xxgk`, async () => {
            const docx = await exportDocx(view);
            const back = await imported(new Uint8Array(docx), { name: 'report.docx' });
            expect(cellsOf(back.model)).toEqual(cells);
            expect(proseOf(back.model)).toEqual(prose);
            expect(back.report.cells.unreadable).toBe(0);
        });

        // The XLSX export writes every total as a formula with its computed value; where that is not what the
        // report printed (a blank or wrong total), the cell's note says what was, and the reader reads that.
        it(`${name} → XLSX → .xxgk (cells)`, async () => {
            const xlsx = await exportXlsx(view);
            const back = await imported(new Uint8Array(xlsx), { name: 'report.xlsx' });
            expect(numeric(cellsOf(back.model))).toEqual(numeric(cells));
            expect(back.report.cells.unreadable).toBe(0);
        });
    }
});
