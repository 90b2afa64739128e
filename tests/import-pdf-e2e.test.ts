/**
 * PDF import end to end, through the importer core (src/import/import.ts): the real hzq2023.pdf
 * becomes a .xxgk whose check finds its two table-四 total
 * errors (行政复议 总计 printed 0 for 10 + 1, 复议后起诉 总计 0 for 5) and nothing read wrong;
 * the producer PDFs of our own reports import back with every cell of the report.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from './support/helpers.js';

import { importBytes } from '../src/import/import.js';
import { cellsOf } from './support/import.js';

const fixtures = path.join(__dirname, 'fixtures', 'import', 'pdf');

describe('PDF import end to end', () => {
    it('hzq2023.pdf: 186 cells read, the check finds its two table-四 total errors', async () => {
        const result = await importBytes(new Uint8Array(readFileSync(path.join(fixtures, 'hzq2023.pdf'))), { name: 'hzq2023.pdf' });
        expect(result.report.cells).toMatchObject({ total: 186, read: 186, unreadable: 0 });
        const errors = check(result.text).findings.filter(f => f.severity === 'error');
        const totals = errors.filter(f => f.code === 'xxgk/review-total').map(f => [f.data?.reported, f.data?.computed]);
        expect(totals).toEqual([[0, 11], [0, 5]]);
        // No other error: the label the PDF prints without 法规禁 is written as printed, and the checker
        // reads it as a variant of 2.其他法律行政法规禁止公开 (a warning naming the official label).
        expect(errors.filter(f => f.code !== 'xxgk/review-total').map(f => f.code)).toEqual([]);
        expect(result.text).toMatch(/^ *2\.其他法律行政止公开 *\|/m);
        const variant = check(result.text).findings.find(f => f.code === 'xxgk/label-variant' && f.message.includes('2.其他法律行政止公开'));
        expect(variant?.message).toContain('2.其他法律行政法规禁止公开');
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
            const original = cellsOf(check(readFileSync(path.join(__dirname, '..', report), 'utf8')).model);
            const result = await importBytes(bytes, { name: path.basename(file) });
            expect(cellsOf(check(result.text).model), `${producer}/${report}`).toEqual(original);
        }
    });
});
