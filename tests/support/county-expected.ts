/** Where the fixture county is, and what its files say (read without xxgk). Its expected statuses: county-fixture.ts. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from './helpers.js';

export { expectedStatus } from './county-fixture.js';

export const countyDir = path.join(fixturesDir, 'office', 'county');

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
