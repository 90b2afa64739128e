/**
 * Every fixture under tests/fixtures/rules carries its expected findings as //! comments; the
 * findings must be exactly those (line, severity, code, and the computed value where the fixture
 * states one: `computed=96`). Fixtures under tests/fixtures/clean and
 * the bundled examples must have none.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, examplesDir, expectationsIn, findingsAsExpectations, fixturesDir, read, xxgkFiles } from './support/helpers.js';

describe('rule fixtures', () => {
    for (const file of xxgkFiles(path.join(fixturesDir, 'rules'))) {
        it(path.basename(file), () => {
            const text = read(file);
            const expected = expectationsIn(text);
            expect(expected.length, 'a rule fixture must expect at least one finding').toBeGreaterThan(0);
            expect(findingsAsExpectations(text, check(text), expected)).toEqual(expected);
        });
    }
});

describe('clean documents', () => {
    for (const file of [...xxgkFiles(examplesDir), ...xxgkFiles(path.join(fixturesDir, 'clean'))]) {
        it(path.relative(path.join(fixturesDir, '..', '..'), file), () => {
            const text = read(file);
            expect(findingsAsExpectations(text, check(text))).toEqual([]);
        });
    }
});
