/**
 * npm run bench — speed targets as ratios measured in one run (never as timed tests):
 *  - full check (parse + model + rules) ≤ 1.2 × Langium parse-only, on the examples and a batch;
 *  - 10,000 generated reports checked by the CLI in ≤ 60 s on 2 cores;
 *  - ≥ 1.7 × faster with 2 workers than with 1;
 *  - R24 linear in the prose: one 206 KB prose line ≤ 3 × one of 107 KB, a 5 MB line ≤ 1 s.
 */
import '../src/polyfill.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseWithChevrotain } from '../src/language/parser.js';
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
    // The target's baseline is Langium's own (Chevrotain) parse; xxgk parses with its line parser.
    const parser = Xxgk.parser.LangiumParser;
    const [langium, parse, full] = timeBoth([
        () => texts.forEach(t => parseWithChevrotain(parser, t)),
        () => texts.forEach(t => parser.parse(t)),
        () => texts.forEach(t => checkText(t, Xxgk)),
    ], inner);
    const kb = texts.reduce((s, t) => s + Buffer.byteLength(t), 0) / texts.length / 1024;
    report_(`${label}: Langium parse only (per report, ${kb.toFixed(1)} KB)`, `${(langium / texts.length).toFixed(3)} ms`);
    report_(`${label}: xxgk's line parser (per report)`, `${(parse / texts.length).toFixed(3)} ms`);
    report_(`${label}: full check (per report)`, `${(full / texts.length).toFixed(3)} ms`);
    const ratio = full / langium;
    report_(`${label}: full check / Langium parse only`, `${ratio.toFixed(2)}×`, '≤ 1.20×', ratio <= 1.2);
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

/**
 * One prose line of `bytes` UTF-8 bytes in the 2021 example: its 依申请公开 paragraph repeated, with the
 * punctuation taken out (`bare`: one clause of the whole line, the worst case for clause scanning) or kept.
 */
function longProseLine(bytes: number, bare: boolean): string {
    const example = readFileSync(path.join(root, 'examples', 'longgang-2024.xxgk'), 'utf8');
    const sentence = '全年新收政府信息公开申请66件，上年结转2件；办结64件，其中予以公开3件、部分公开17件，结转下年度继续办理4件。' +
        '被申请行政复议1件，均获维持；行政诉讼1件。';
    const unit = bare ? sentence.replace(/[，；。、]/g, ' ') : sentence;
    const line = unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
    return example.replace('（三）政府信息管理。', `${line}\n\n（三）政府信息管理。`);
}

/** CPU time of this process per call in ms, the fastest of `rounds` (a loaded machine stretches wall time, not CPU time). */
function cpuTime(fn: () => void, rounds: number): number {
    fn(); // warm up
    let best = Infinity;
    for (let r = 0; r < rounds; r++) {
        const start = process.cpuUsage();
        fn();
        const used = process.cpuUsage(start);
        best = Math.min(best, (used.user + used.system) / 1000);
    }
    return best;
}

/**
 * R24 on long prose lines: CPU time per check of one prose line of 107 KB, 206 KB and 5 MB
 * (before the fix, one clause: 107 KB 3.1 s, 206 KB 9.8 s — quadratic; issue 11 measured 4.4 s and 18.6 s).
 */
function measureLongProse(): void {
    const sizes = [107 * 1024, 206 * 1024, 5 * 1024 * 1024];
    for (const bare of [true, false]) {
        const what = bare ? 'one clause' : 'punctuated';
        const times = sizes.map(bytes => {
            const text = longProseLine(bytes, bare);
            const ms = cpuTime(() => checkText(text, Xxgk), bytes > 1024 * 1024 ? 1 : 5);
            report_(`R24, one ${bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes / 1024} KB`} prose line (${what}): full check, CPU`, `${ms.toFixed(0)} ms`);
            return ms;
        });
        const ratio = times[1] / times[0];
        report_(`R24, ${what}: 206 KB / 107 KB`, `${ratio.toFixed(2)}×`, '≤ 3× (linear: 1.93×)', ratio <= 3);
        const big = times[2] / times[0];
        report_(`R24, ${what}: 5 MB / 107 KB`, `${big.toFixed(1)}×`, '≤ 96× (linear: 48×)', big <= 96);
    }
}

async function main(): Promise<void> {
    console.log(`xxgk bench — Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})\n`);
    const examples = readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.xxgk'))
        .map(f => readFileSync(path.join(root, 'examples', f), 'utf8'));
    measureTexts('examples', examples, 40);
    measureLongProse();

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
