/**
 * Large documents (npm run bench): work that must grow linearly (or n log n) with the document,
 * measured as the ratio between a document and one four times its size in the same run (4 for
 * linear; a quadratic path gives 16):
 *  - semantic tokens of a 5 MB report (every token was tested against every finding: 155 s);
 *  - the view model and the HTML export with 20,000 findings (findings were placed against every
 *    printed element, and looked up per cell: 41 s).
 *
 *   npm run bench, or: npm run build && node --expose-gc out/bench/large.cjs [--rounds N] [--mb 5] [--findings 20000] [--only tokens|view|export] [--json]
 */
import '../src/polyfill.js';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { semanticTokens } from '../src/editor/structure.js';
import { renderExport } from '../src/export/export.js';
import { createXxgkCoreServices } from '../src/language/xxgk-module.js';
import { buildView } from '../src/render/build-view.js';
import { checkText, type Analysis } from '../src/rules/check.js';

const root = path.resolve(__dirname, '..', '..');
const asJson = process.argv.includes('--json');
/** Each measurement is the fastest of this many runs. */
const rounds = process.argv.includes('--rounds') ? Number(process.argv[process.argv.indexOf('--rounds') + 1]) : 3;
/** `--mb N`: the size of the large report (default 5); `--findings N`: of the view's (default 20,000). */
const option = (name: string, fallback: number) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const megabytes = option('--mb', 5);
const findingsWanted = option('--findings', 20_000);
/** `--only tokens|view|export`: one part (for a profile). */
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const { Xxgk } = createXxgkCoreServices();

/**
 * The 2024 example followed by `copies` more copies of its sections with every number in a table
 * off by one: about 4 KB and 96 findings (90 errors) a copy.
 */
function largeReport(copies: number): string {
    const base = readFileSync(path.join(root, 'examples', 'longgang-2024.xxgk'), 'utf8');
    const body = base.slice(base.indexOf('一、总体情况'));
    const wrong = body.replace(/\| +(\d+) *$/gm, (m, d: string) => m.replace(d, String(Number(d) + 1)));
    return base + `\n${wrong}`.repeat(copies);
}

function copiesFor(test: (copies: number) => boolean): number {
    let copies = 1;
    while (!test(copies)) copies *= 2;
    let lo = copies / 2;
    let hi = copies;
    while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (test(mid)) hi = mid;
        else lo = mid;
    }
    return hi;
}

/** The fastest of `rounds` runs, in ms. */
async function best(fn: () => unknown, rounds: number): Promise<number> {
    let min = Infinity;
    for (let r = 0; r < rounds; r++) {
        globalThis.gc?.();
        const t0 = performance.now();
        await fn();
        min = Math.min(min, performance.now() - t0);
    }
    return min;
}

interface Row { name: string; value: string; target?: string; ok?: boolean }
const rows: Row[] = [];
const report = (name: string, value: string, target?: string, ok?: boolean) => {
    rows.push({ name, value, target, ok });
    if (!asJson) console.log(`${ok === undefined ? ' ' : ok ? '✓' : '✗'} ${name.padEnd(58)} ${value}${target ? `   (target ${target})` : ''}`);
};

async function main() {
    if (!asJson) console.log('# large documents (bench/large.ts)');
    const bytes = (copies: number) => Buffer.byteLength(largeReport(copies));
    const fiveMb = copiesFor(c => bytes(c) >= megabytes * 1024 * 1024);
    const checked = new Map<number, Analysis>();
    const analysis = (copies: number) => {
        if (!checked.has(copies)) checked.set(copies, checkText(largeReport(copies), Xxgk));
        return checked.get(copies)!;
    };

    // Semantic tokens: the 5 MB report and one a quarter of its size.
    if (!only || only === 'tokens') await tokensPart(fiveMb, analysis, bytes);
    checked.clear();
    if (!only || only === 'view' || only === 'export') await viewPart(analysis, bytes);
    if (asJson) console.log(JSON.stringify(rows, null, 2));
}

async function tokensPart(fiveMb: number, analysis: (copies: number) => Analysis, bytes: (copies: number) => number) {
    const quarter = Math.round(fiveMb / 4);
    const big = analysis(fiveMb);
    const small = analysis(quarter);
    const tokens = semanticTokens(big.model, big.findings).length;
    const tBig = await best(() => semanticTokens(big.model, big.findings), rounds);
    const tSmall = await best(() => semanticTokens(small.model, small.findings), rounds);
    report(`semantic tokens, ${(bytes(fiveMb) / 1048576).toFixed(1)} MB (${tokens} tokens, ${big.findings.length} findings)`, `${tBig.toFixed(0)} ms`, '≤ 1000 ms', tBig <= 1000);
    report('  its time ÷ the time for a quarter of it', (tBig / tSmall).toFixed(1), '≤ 6 (linear: 4)', tBig / tSmall <= 6);
}

async function viewPart(analysis: (copies: number) => Analysis, bytes: (copies: number) => number) {
    // The view model and a DOCX export with 20,000 findings, and with a quarter of them.
    const many = copiesFor(c => analysis(c).findings.length >= findingsWanted);
    const few = Math.round(many / 4);
    const a = analysis(many);
    const b = analysis(few);
    if (only !== 'export') {
        const vBig = await best(() => buildView(a), rounds);
        const vSmall = await best(() => buildView(b), rounds);
        report(`view model, ${a.findings.length} findings (${(bytes(many) / 1048576).toFixed(1)} MB)`, `${vBig.toFixed(0)} ms`, '≤ 2000 ms', vBig <= 2000);
        report('  its time ÷ the time for a quarter of the findings', (vBig / vSmall).toFixed(1), '≤ 6 (linear: 4)', vBig / vSmall <= 6);
    }
    if (only === 'view') return;
    // The HTML export (the preview's renderer) from the checked text: view model and page. (A DOCX of
    // this 1.4 MB report takes about a minute, linear too: the docx library's XML and zip.)
    const xBig = await best(() => renderExport(buildView(a), 'html'), rounds);
    const xSmall = await best(() => renderExport(buildView(b), 'html'), rounds);
    report(`HTML export, ${a.findings.length} findings`, `${xBig.toFixed(0)} ms`, '≤ 3000 ms', xBig <= 3000);
    report('  its time ÷ the time for a quarter of the findings', (xBig / xSmall).toFixed(1), '≤ 6 (linear: 4)', xBig / xSmall <= 6);
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
