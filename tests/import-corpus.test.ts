/**
 * Real published reports (tests/fixtures/import/corpus, copied from the shared corpus; the seed is the
 * tab-separated one) import with the cells written by hand in expected.json: every printed value in
 * its place, every value the copy does not place unreadable (？, never a number), nothing invented.
 * The accuracy over the corpus (cells imported with their printed value / printed cells) is printed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { indexOf } from '../src/templates/template-index.js';
import { fixturesDir } from './support/helpers.js';
import { imported } from './support/import.js';

const dir = path.join(fixturesDir, 'import', 'corpus');
interface Expected {
    format: string;
    year?: number;
    agency?: string;
    published?: string;
    conversion?: string;
    tables: Record<string, Record<string, (string | null)[]>>;
}
const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
const files = readdirSync(dir).filter(f => f.endsWith('.txt')).sort();

/** A corpus file starts with four lines about the copy (source, year, format, partial): not part of the report. */
function reportText(file: string): string {
    const text = readFileSync(path.join(dir, file), 'utf8');
    return file.startsWith('seed') ? text : text.split('\n').slice(4).join('\n');
}

const tally = { printed: 0, right: 0, unreadable: 0, wrong: 0 };

describe('the real reports of the corpus', () => {
    it('has an expectation for every file', () => {
        expect(files.map(f => f.replace(/\.txt$/, '')).sort()).toEqual(Object.keys(expected).filter(k => !k.startsWith('_')).sort());
    });

    for (const file of files) {
        const name = file.replace(/\.txt$/, '');
        it(`${name} imports with the printed values`, async () => {
            const want = expected[name];
            const { model, report } = await imported(reportText(file), { name: file });
            expect(model.template.id).toBe(want.format);
            expect(model.meta.year?.value).toBe(want.year);
            expect(model.meta.agency?.value).toBe(want.agency);
            if (want.published) expect(model.meta.published?.text).toBe(want.published);
            if (want.conversion) expect(report.conversions.map(c => c.kind)).toContain(want.conversion);
            const wrong: string[] = [];
            let unreadable = 0;
            for (const [tableId, rows] of Object.entries(want.tables)) {
                const table = model.tables.get(tableId);
                const columns = indexOf(model.template).tables.get(tableId)!.def.columns;
                for (const [rowId, values] of Object.entries(rows)) {
                    const row = table?.rowsById.get(rowId);
                    values.forEach((value, i) => {
                        const cell = row?.byColumn.get(columns[i].id);
                        const got = !cell || cell.state === 'missing' ? null : cell.text;
                        const where = `${tableId}/${rowId}/${columns[i].id}`;
                        if (value === '?') {
                            // Where the copy does not say, the cell is unreadable — never a value.
                            if (got !== '？') wrong.push(`${where}: expected ？, got ${got}`);
                            else unreadable++;
                            tally.printed++;
                            tally.unreadable++;
                            return;
                        }
                        if (value !== null) tally.printed++;
                        if (got === value) {
                            if (value !== null) tally.right++;
                        } else {
                            wrong.push(`${where}: expected ${value}, got ${got}`);
                            if (value !== null) tally.wrong++;
                        }
                    });
                }
            }
            expect(wrong).toEqual([]);
            expect(report.cells.unreadable).toBe(unreadable);
        });
    }

    afterAll(() => {
        const pct = (n: number) => `${(100 * n / tally.printed).toFixed(1)} %`;
        console.log(`corpus accuracy: ${tally.right}/${tally.printed} printed cells imported with their printed value (${pct(tally.right)}); ` +
            `${tally.unreadable} unreadable (${pct(tally.unreadable)}), ${tally.wrong} wrong`);
    });
});
