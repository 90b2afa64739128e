/**
 * PDF import end to end, through the importer core (src/import/import.ts, from the import
 * helper's branch): the real hzq2023.pdf becomes a .xxgk whose check finds its two table-四 total
 * errors (行政复议 总计 printed 0 for 10 + 1, 复议后起诉 总计 0 for 5) and nothing read wrong;
 * the producer PDFs of our own reports import back with every cell of the report.
 *
 * Skipped until the core is merged (this branch has only the PDF reader): it is loaded by a
 * computed path so this file type-checks without it.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from './support/helpers.js';

type ImportBytes = (data: Uint8Array, options?: { name?: string }) => Promise<{ text: string; report: { cells: { total: number; read: number; unreadable: number } } }>;
type CellsOf = (model: unknown) => Map<string, string>;
const core = await import(/* @vite-ignore */ ['..', 'src', 'import', 'import.js'].join('/')).catch(() => undefined) as { importBytes: ImportBytes } | undefined;
const support = await import(/* @vite-ignore */ ['.', 'support', 'import.js'].join('/')).catch(() => undefined) as { cellsOf: CellsOf } | undefined;

const fixtures = path.join(__dirname, 'fixtures', 'import', 'pdf');

describe.skipIf(!core || !support)('PDF import end to end', () => {
    it('hzq2023.pdf: 186 cells read, the check finds its two table-四 total errors', async () => {
        const result = await core!.importBytes(new Uint8Array(readFileSync(path.join(fixtures, 'hzq2023.pdf'))), { name: 'hzq2023.pdf' });
        expect(result.report.cells).toMatchObject({ total: 186, read: 186, unreadable: 0 });
        const errors = check(result.text).findings.filter(f => f.severity === 'error');
        const totals = errors.filter(f => f.code === 'xxgk/review-total').map(f => [f.data?.reported, f.data?.computed]);
        expect(totals).toEqual([[0, 11], [0, 5]]);
        // The only other error: the label printed without 法规禁 (kept as printed, the checker names it).
        expect(errors.filter(f => f.code !== 'xxgk/review-total').map(f => f.code)).toEqual(['xxgk/row-unknown']);
    });

    it.each(['libreoffice', 'chromium', 'xxgk'])('%s PDFs of our reports import back with every cell', async producer => {
        for (const report of ['examples/longgang-2024.xxgk', 'examples/yanshi-2020.xxgk', 'tests/fixtures/rules/r7-blank.xxgk', 'tests/fixtures/clean/amount-with-unit.xxgk']) {
            const file = path.join(fixtures, 'producers', producer, `${path.basename(report, '.xxgk')}.pdf`);
            let bytes: Uint8Array;
            try {
                bytes = new Uint8Array(readFileSync(file));
            } catch {
                continue; // only two of our own exports are committed
            }
            const original = support!.cellsOf(check(readFileSync(path.join(__dirname, '..', report), 'utf8')).model);
            const result = await core!.importBytes(bytes, { name: path.basename(file) });
            expect(support!.cellsOf(check(result.text).model), `${producer}/${report}`).toEqual(original);
        }
    });
});
