/**
 * The committed fixture county is what its spec makes: tests/support/county-fixture.ts through
 * tests/support/county.ts (the generator scripts/office-fixture.ts runs). A change to either shows
 * here until `npm run fixtures:office` writes the files again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UTF8_BOM, writeCsv } from '../src/office/csv.js';
import { generateArea } from './support/county.js';
import { countySpec } from './support/county-fixture.js';
import { countyDir } from './support/county-expected.js';
import { encodeGbk } from './support/gbk.js';
import { fixturesDir } from './support/helpers.js';

describe('the fixture county', () => {
    const area = generateArea(countySpec);

    it('has the registry and every report its spec makes, byte for byte', () => {
        expect(readFileSync(path.join(countyDir, '单位名单.csv'), 'utf8')).toBe(UTF8_BOM + writeCsv(area.registry));
        expect([...readFileSync(path.join(fixturesDir, 'office', '单位名单-gbk.csv'))]).toEqual([...encodeGbk(writeCsv(area.registry))]);
        const files = readdirSync(countyDir, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('.xxgk')).map(f => f.split(path.sep).join('/')).sort();
        expect(files).toEqual([...area.files.keys()]);
        for (const [file, text] of area.files) expect(readFileSync(path.join(countyDir, file), 'utf8'), file).toBe(text);
    });

    it('has 30 units over 2022–2024 and a report for every unit that must file, but the missing one', () => {
        expect(area.registry).toHaveLength(31);
        const years = [...area.files.keys()].map(f => f.slice(0, 4));
        expect([2022, 2023, 2024].map(y => years.filter(x => x === String(y)).length)).toEqual([28, 28, 28]);
    });
});
