/**
 * npm run bench — speed targets as ratios measured in one run (never as timed tests):
 *  - full check (parse + model + rules) ≤ 1.2 × Langium parse-only, on the examples and a batch;
 *  - 10,000 generated reports checked by the CLI in ≤ 60 s on 2 cores;
 *  - ≥ 1.7 × faster with 2 workers than with 1.
 */
import '../src/polyfill.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createXxgkCoreServices } from '../src/language/xxgk-module.js';
import { checkText } from '../src/rules/check.js';
import { nationalRegistry } from '../src/templates/registry.js';
import type { TemplateDef } from '../src/templates/types.js';
import { generateReport } from './generate.js';
import { keystrokeLatency, percentile, rssMegabytes, startServer } from './lsp.js';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../..');
const batchSize = Number(process.env.XXGK_BENCH_REPORTS ?? 10_000);
const { Xxgk } = createXxgkCoreServices();

interface Row { name: string; value: string; target?: string; ok?: boolean }
const results: Row[] = [];
const report_ = (name: string, value: string, target?: string, ok?: boolean) => {
    results.push({ name, value, target, ok });
    console.log(`${ok === undefined ? ' ' : ok ? '✓' : '✗'} ${name.padEnd(58)} ${value}${target ? `   (target ${target})` : ''}`);
};

/**
 * Time per call in ms of each function, measured in alternating rounds of `inner` calls; the
 * fastest round counts (the machine is shared: slower rounds measure the neighbours).
 */
function timeBoth(fns: (() => void)[], inner: number, rounds = 15): number[] {
    fns.forEach(fn => { for (let i = 0; i < inner; i++) fn(); }); // warm up
    const best = fns.map(() => Infinity);
    for (let r = 0; r < rounds; r++) {
        fns.forEach((fn, k) => {
            const start = performance.now();
            for (let i = 0; i < inner; i++) fn();
            best[k] = Math.min(best[k], (performance.now() - start) / inner);
        });
    }
    return best;
}

function measureTexts(label: string, texts: string[], inner: number): void {
    const [parse, full] = timeBoth([
        () => texts.forEach(t => Xxgk.parser.LangiumParser.parse(t)),
        () => texts.forEach(t => checkText(t, Xxgk)),
    ], inner);
    const kb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / texts.length / 1024;
    report_(`${label}: parse only (per report, ${kb.toFixed(1)} KB)`, `${(parse / texts.length).toFixed(3)} ms`);
    report_(`${label}: full check (per report)`, `${(full / texts.length).toFixed(3)} ms`);
    const ratio = full / parse;
    report_(`${label}: full check / parse only`, `${ratio.toFixed(2)}×`, '≤ 1.20×', ratio <= 1.2);
}

function runCli(dir: string, jobs: number): number {
    const start = performance.now();
    const r = spawnSync(process.execPath, [path.join(root, 'out/cli/main.cjs'), 'check', '--jobs', String(jobs), '--format', 'json', dir],
        { encoding: 'utf8', maxBuffer: 1 << 30 });
    const elapsed = (performance.now() - start) / 1000;
    if (r.status !== 1) throw new Error(`xxgk check --jobs ${jobs} exited ${r.status}: ${r.stderr}`);
    const summary = JSON.parse(r.stdout).summary;
    if (summary.files !== batchSize) throw new Error(`checked ${summary.files} of ${batchSize}`);
    return elapsed;
}

/**
 * What two cores give this workload at best: two independent `--jobs 1` processes, each on half of
 * the folders, started together (no shared thread, no messages). Returns the time until both end.
 */
async function runTwoProcesses(dir: string): Promise<number> {
    const folders = readdirSync(dir).filter(f => !f.includes('.') && f !== 'done').map(f => path.join(dir, f));
    const halves = [folders.slice(0, folders.length / 2), folders.slice(folders.length / 2)];
    const start = performance.now();
    await Promise.all(halves.map(half => new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, [path.join(root, 'out/cli/main.cjs'), 'check', '--jobs', '1', '--format', 'json', ...half], { stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', d => { stderr += d; });
        child.on('exit', code => (code === 1 ? resolve() : reject(new Error(`xxgk check --jobs 1 (half) exited ${code}: ${stderr}`))));
    })));
    return (performance.now() - start) / 1000;
}

async function measureServer(templates: TemplateDef[]): Promise<void> {
    // A ~10 KB report: the 2021 example with more prose.
    const example = readFileSync(path.join(root, 'examples', 'longgang-2024.xxgk'), 'utf8');
    const paragraph = '（六）其他工作。本年度进一步规范政府信息公开申请的接收、登记、办理和答复流程，严格落实保密审查制度。\n';
    let report = example.replace('（五）监督保障。', `${paragraph.repeat(4)}（五）监督保障。`);
    while (Buffer.byteLength(report) < 10 * 1024) report = report.replace('（五）监督保障。', `${paragraph}（五）监督保障。`);
    const samples = await keystrokeLatency(root, report, 240);
    report_(`keystroke → diagnostics, ${(Buffer.byteLength(report) / 1024).toFixed(1)} KB report, p50 (${samples.length} edits)`, `${percentile(samples, 50).toFixed(1)} ms`);
    const p95 = percentile(samples, 95);
    report_('keystroke → diagnostics, p95', `${p95.toFixed(1)} ms`, '≤ 15 ms', p95 <= 15);

    const dir = path.join(root, 'bench', '.data', 'workspace-1000');
    if (!existsSync(path.join(dir, 'done'))) {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(dir, { recursive: true });
        for (let i = 0; i < 1000; i++) writeFileSync(path.join(dir, `r${i}.xxgk`), generateReport(templates[i % 2], i, i % 10 === 0));
        writeFileSync(path.join(dir, 'done'), '');
    }
    const server = await startServer(root, dir);
    // The workspace is loaded and built before the server handles the first document.
    await server.open(pathToFileURL(path.join(dir, 'r1.xxgk')).toString(), readFileSync(path.join(dir, 'r1.xxgk'), 'utf8'));
    const memory = rssMegabytes(server.pid);
    await server.stop();
    report_('server memory, workspace of 1,000 reports (RSS)', `${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB)`, '≤ 300 MB', memory.peak <= 300);
}

async function main(): Promise<void> {
    console.log(`xxgk bench — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})\n`);
    const examples = readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.xxgk'))
        .map(f => readFileSync(path.join(root, 'examples', f), 'utf8'));
    measureTexts('examples', examples, 40);

    const templates = [nationalRegistry.get('2019')!, nationalRegistry.get('2021')!];
    const sample = Array.from({ length: 50 }, (_, i) => generateReport(templates[i % 2], i, i % 10 === 0));
    const unclean = checkText(sample[1], Xxgk).findings;
    if (unclean.length) throw new Error(`generated reports should be clean: ${unclean.map(f => `${f.code} ${f.message}`).join('; ')}`);
    measureTexts('generated', sample, 4);

    const dir = path.join(root, 'bench', '.data', `batch-${batchSize}`);
    if (!existsSync(path.join(dir, 'done'))) {
        rmSync(dir, { recursive: true, force: true });
        for (let i = 0; i < batchSize; i++) {
            const sub = path.join(dir, String(Math.floor(i / 500)));
            if (i % 500 === 0) mkdirSync(sub, { recursive: true });
            writeFileSync(path.join(sub, `r${i}.xxgk`), generateReport(templates[i % 2], i, i % 10 === 0));
        }
        writeFileSync(path.join(dir, 'done'), '');
    }
    const one = runCli(dir, 1);
    const two = runCli(dir, 2);
    report_(`batch of ${batchSize} reports, CLI --jobs 1`, `${one.toFixed(1)} s`);
    report_(`batch of ${batchSize} reports, CLI --jobs 2`, `${two.toFixed(1)} s`, batchSize === 10_000 ? '≤ 60 s' : undefined, two <= 60);
    report_('speed-up from 1 to 2 workers', `${(one / two).toFixed(2)}×`, '≥ 1.70×', one / two >= 1.7);
    // The machine's own limit: on a shared 2-core VM, two busy threads each run slower than one alone.
    const ceiling = one / await runTwoProcesses(dir);
    report_('  ceiling here: 2 independent processes, half each', `${ceiling.toFixed(2)}×   (xxgk reaches ${(one / two / ceiling * 100).toFixed(0)} % of it)`);

    await measureServer(templates);

    const failed = results.filter(r => r.ok === false);
    console.log(`\n${results.filter(r => r.ok).length} targets met, ${failed.length} missed`);
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
