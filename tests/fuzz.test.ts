/**
 * The fuzz suite with a small budget (a few seconds; XXGK_FUZZ_SECONDS and XXGK_FUZZ_SEED change it):
 * random and mutated documents, random requests and edit sequences over stdio against the real
 * server. No server exit, no request error, formatting only changes whitespace and is idempotent,
 * and every edit sequence ends in the state of a fresh server. `npm run fuzz` runs it for longer.
 */
import { describe, expect, it } from 'vitest';
import { formatReport, runFuzz } from './fuzz/engine.js';
import { root } from './support/helpers.js';

const seconds = Number(process.env.XXGK_FUZZ_SECONDS ?? 6);
const seed = Number(process.env.XXGK_FUZZ_SEED ?? 20_261_201);

describe('fuzzing the language server', () => {
    it(`survives ${seconds} s of random documents, requests and edits (seed ${seed})`, async () => {
        const report = await runFuzz({ root, seed, seconds, requestsPerDocument: 8 });
        console.log(formatReport(report));
        expect(report.documents).toBeGreaterThan(0);
        expect(report.sequences).toBeGreaterThan(0);
        expect(report.problems).toEqual([]);
        expect(report.crashes).toBe(0);
        expect(report.requestErrors).toBe(0);
    }, (seconds + 120) * 1000);
});
