/**
 * What the fixture county (county-fixture.ts) should give, worked out by hand from its spec: the
 * status of every unit per year. Tests compare the CLI's and the server's answers with these.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { StatusCode } from '../../src/office/status.js';
import { fixturesDir } from './helpers.js';

export const countyDir = path.join(fixturesDir, 'office', 'county');

const ids = Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(3, '0'));
const all = (status: StatusCode, except: Record<string, StatusCode>) => Object.fromEntries(ids.map(id => [id, except[id] ?? status]));

export const expectedStatus: Record<number, Record<string, StatusCode>> = {
    2022: all('filed', { '020': 'exempt', '026': 'exempt' }),
    2023: all('filed', { '004': 'exempt', '026': 'exempt', '030': 'late' }),
    2024: all('filed', { '004': 'exempt', '016': 'late', '026': 'exempt', '028': 'missing', '029': 'filed-empty' }),
};

/** The 发布日期 of every report of a year in the fixture, read from the files with a regular expression (not with xxgk). */
export function publishedDates(year: number): Map<string, string | undefined> {
    const dir = path.join(countyDir, String(year));
    const out = new Map<string, string | undefined>();
    for (const file of readdirSync(dir)) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        out.set(file, /^发布日期：(\S+)$/m.exec(text)?.[1]);
    }
    return out;
}
