/**
 * npm run bench (import part) — import time per report for pasted text, HTML and DOCX (target
 * ≤ 20 ms a report), and `xxgk import` of a folder of 1,000 files with 1 and 2 workers. Times are
 * the fastest of several rounds (the machine is shared).
 */
import '../src/polyfill.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportDocx } from '../src/export/docx.js';
import { importBytes } from '../src/import/import.js';
import { createXxgkCoreServices } from '../src/language/xxgk-module.js';
import { buildView } from '../src/render/build-view.js';
import { renderStandalone } from '../src/render/html.js';
import { checkText } from '../src/rules/check.js';
import { nationalRegistry } from '../src/templates/registry.js';
import { flattenToText, generateReport } from './generate.js';

const root = path.resolve(__dirname, '../..');
const { Xxgk } = createXxgkCoreServices();
const templates = [nationalRegistry.get('2019')!, nationalRegistry.get('2021')!];

const line = (name: string, value: string, target?: string, ok?: boolean) =>
    console.log(`${ok === undefined ? ' ' : ok ? '✓' : '✗'} ${name.padEnd(58)} ${value}${target ? `   (target ${target})` : ''}`);

async function inputs(count: number) {
    const out: { text: Uint8Array; html: Uint8Array; docx: Uint8Array }[] = [];
    for (let i = 0; i < count; i++) {
        const view = buildView(checkText(generateReport(templates[i % 2], i, false), Xxgk));
        out.push({
            text: new TextEncoder().encode(flattenToText(view)),
            html: new TextEncoder().encode(renderStandalone(view)),
            docx: new Uint8Array(await exportDocx(view)),
        });
    }
    return out;
}

/** Fastest round's time per import in ms. */
async function timeImports(files: Uint8Array[], name: string, rounds = 7): Promise<number> {
    for (const f of files) await importBytes(f, { name }); // warm up
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
        const start = performance.now();
        for (const f of files) await importBytes(f, { name });
        best = Math.min(best, (performance.now() - start) / files.length);
    }
    return best;
}

function runCli(dir: string, out: string, jobs: number): number {
    rmSync(out, { recursive: true, force: true });
    const start = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, 'out/cli/main.cjs'), 'import', '--jobs', String(jobs), '-o', out, dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
    const elapsed = (performance.now() - start) / 1000;
    if (r.status !== 0) throw new Error(`xxgk import --jobs ${jobs} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    return elapsed;
}

async function main(): Promise<void> {
    console.log('import');
    const sample = await inputs(20);
    for (const kind of ['text', 'html', 'docx'] as const) {
        const ms = await timeImports(sample.map(s => s[kind]), `r.${kind === 'text' ? 'txt' : kind}`);
        const kb = sample.reduce((n, s) => n + s[kind].length, 0) / sample.length / 1024;
        line(`import ${kind} (per report, ${kb.toFixed(1)} KB)`, `${ms.toFixed(2)} ms`, '≤ 20 ms', ms <= 20);
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-bench-import-'));
    try {
        const src = path.join(dir, 'in');
        mkdirSync(src);
        const files = await inputs(30);
        for (let i = 0; i < 1000; i++) {
            const s = files[i % files.length];
            const kind = (['text', 'html', 'docx'] as const)[i % 3];
            writeFileSync(path.join(src, `r${i}.${kind === 'text' ? 'txt' : kind}`), s[kind]);
        }
        const one = runCli(src, path.join(dir, 'out1'), 1);
        const two = runCli(src, path.join(dir, 'out2'), 2);
        if (readdirSync(path.join(dir, 'out2')).length !== 1000) throw new Error('not every file was imported');
        line('xxgk import: 1,000 files, 1 worker', `${one.toFixed(1)} s (${(one).toFixed(1)} ms a file)`);
        line('xxgk import: 1,000 files, 2 workers', `${two.toFixed(1)} s`);
        line('xxgk import: 1 → 2 workers speed-up', `${(one / two).toFixed(2)}×`);
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
}

void main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
