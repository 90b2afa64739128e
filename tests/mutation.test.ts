/**
 * Changing any single number of table 三 in the seed example must produce at least one error on
 * that row or in that column: no number of the applications table escapes the checks.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, examplesDir, read } from './support/helpers.js';
import { LineIndex } from '../src/util/lines.js';

const seed = read(path.join(examplesDir, 'yanshi-2020.xxgk'));

describe('mutating the seed example', () => {
    const { model } = check(seed);
    const table = model.tables.get('applications')!;
    const cells = table.rows.flatMap(row => row.cells.map(cell => ({ row, cell })));

    it('has every number of table 三 to mutate', () => {
        expect(cells).toHaveLength(23 * 7); // 23 rows with numbers (2019: （六） is one row), 7 columns
        expect(cells.every(({ cell }) => cell.state === 'number')).toBe(true);
    });

    for (const delta of [1, 7]) {
        it(`flags every cell of table 三 changed by +${delta}`, () => {
            const escaped: string[] = [];
            for (const { row, cell } of cells) {
                const text = seed.slice(0, cell.span.start) + String(cell.value! + delta) + seed.slice(cell.span.end);
                const lines = new LineIndex(text);
                const line = lines.position(cell.span.start).line;
                const errors = check(text).findings.filter(f => f.severity === 'error');
                const hit = errors.some(f => lines.position(f.span.start).line === line || f.data.column === cell.column!.id);
                if (!hit) escaped.push(`${row.label} / ${cell.column!.label}`);
            }
            expect(escaped).toEqual([]);
        });
    }
});
