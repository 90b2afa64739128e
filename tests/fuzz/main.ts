/**
 * npm run fuzz — the fuzz suite with a large budget, against the bundled server:
 *
 *   npm run fuzz -- [--seconds 600] [--documents 10000] [--sequences 1000] [--seed N] [--long] [--json] [--dump folder] [--only 'sequence 3']
 *
 * (also XXGK_FUZZ_SECONDS, XXGK_FUZZ_DOCUMENTS, XXGK_FUZZ_SEQUENCES, XXGK_FUZZ_SEED). Prints what it
 * counted; exits 1 when the server exited, a request failed or a check did not hold.
 */
import '../../src/polyfill.js';
import * as path from 'node:path';
import { formatReport, runFuzz } from './engine.js';

const args = process.argv.slice(2);
const option = (name: string, env: string, fallback: number): number => {
    const at = args.indexOf(`--${name}`);
    const value = at >= 0 ? args[at + 1] : process.env[env];
    const n = Number(value);
    return value !== undefined && Number.isFinite(n) ? n : fallback;
};

async function main(): Promise<void> {
    const root = path.resolve(__dirname, '..', '..');
    const report = await runFuzz({
        root,
        seed: option('seed', 'XXGK_FUZZ_SEED', Date.now() % 100_000),
        seconds: option('seconds', 'XXGK_FUZZ_SECONDS', 600),
        documents: option('documents', 'XXGK_FUZZ_DOCUMENTS', 10_000),
        sequences: option('sequences', 'XXGK_FUZZ_SEQUENCES', 1_000),
        long: args.includes('--long'),
        only: args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined,
        dump: args.includes('--dump') ? args[args.indexOf('--dump') + 1] : process.env.XXGK_FUZZ_DUMP,
        progress: line => console.error(line),
    });
    console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : formatReport(report));
    console.log(`\ntargets: 0 server exits (${report.crashes}), every response ≤ 1 s (${Object.values(report.slow).reduce((a, b) => a + b, 0)} over)`);
    if (report.problems.length) process.exitCode = 1;
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
