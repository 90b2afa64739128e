/**
 * Preview benchmark: how long from a changed document to an updated view model and to HTML, for a
 * ~10 KB report, beside the parse time in the same run — in process (each step timed) and end to
 * end through the bundled language server (didChange → the view notification for that version).
 * Target: change → view model and change → HTML ≤ 20 ms for a 10 KB report.
 *
 *   npm run bench (after bench/bench.ts), or: npm run build && node --expose-gc out/bench/preview.cjs [--rounds N] [--json]
 */
import '../src/polyfill.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import type { Report } from '../src/language/generated/ast.js';
import { createXxgkCoreServices } from '../src/language/xxgk-module.js';
import { buildView } from '../src/render/build-view.js';
import { renderPreviewContent } from '../src/render/html.js';
import { PreviewMethods, type ViewMessage } from '../src/render/preview-protocol.js';
import { analyze } from '../src/rules/check.js';

const root = path.resolve(__dirname, '..', '..');
const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1]) || 200;
const asJson = args.includes('--json');

/** The 2024 example with more prose in 一、总体情况, to about 10 KB (UTF-8). */
function report10k(): string {
    const base = readFileSync(path.join(root, 'examples', 'longgang-2024.xxgk'), 'utf8');
    const extra: string[] = [];
    let text = base;
    for (let i = 1; Buffer.byteLength(text) < 10 * 1024; i++) {
        extra.push(`（${i}）补充说明。本机关持续完善政府信息公开工作机制，第${i}项举措按计划推进，相关信息均已在门户网站公开。`);
        text = base.replace('（五）监督保障。', `${extra.join('\n\n')}\n\n（五）监督保障。`);
    }
    return text;
}

/** Flips one digit of table 三 so every round is a real change (and every other round has an error). */
function variant(text: string, round: number): string {
    return text.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, `$1${round % 2 ? 4 : 3}`);
}

function stats(samples: number[]) {
    const sorted = [...samples].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    return { median: at(0.5), p95: at(0.95), min: sorted[0], max: sorted[sorted.length - 1] };
}

function inProcess(text: string) {
    const { Xxgk } = createXxgkCoreServices();
    const parser = Xxgk.parser.LangiumParser;
    const steps = { parse: [] as number[], analyze: [] as number[], view: [] as number[], html: [] as number[], json: [] as number[] };
    const total = { toView: [] as number[], toHtml: [] as number[] };
    let bytes = 0;
    for (let i = 0; i < rounds + 20; i++) {
        const t = variant(text, i);
        const t0 = performance.now();
        const report = parser.parse<Report>(t).value;
        const t1 = performance.now();
        const analysis = analyze(report, t);
        const t2 = performance.now();
        const view = buildView(analysis);
        const t3 = performance.now();
        const html = renderPreviewContent(view);
        const t4 = performance.now();
        bytes = Buffer.byteLength(JSON.stringify(view));
        const t5 = performance.now();
        if (i < 20 || !html) continue; // warm-up
        steps.parse.push(t1 - t0);
        steps.analyze.push(t2 - t1);
        steps.view.push(t3 - t2);
        steps.html.push(t4 - t3);
        steps.json.push(t5 - t4);
        total.toView.push(t3 - t0);
        total.toHtml.push(t4 - t0);
    }
    return {
        steps: Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, stats(v)])),
        changeToView: stats(total.toView), changeToHtml: stats(total.toHtml), viewJsonBytes: bytes,
    };
}

async function throughServer(text: string) {
    const server = spawn(process.execPath, [path.join(root, 'out/server/main.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    const arrived = new Map<number, (at: number) => void>();
    connection.onNotification(PreviewMethods.view, (m: ViewMessage) => arrived.get(m.version)?.(performance.now()));
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(path.join(root, 'bench', 'report-10k.xxgk')).toString();
    const next = (version: number) => new Promise<number>(resolve => arrived.set(version, resolve));
    await connection.sendNotification(PreviewMethods.open, { uri });
    const first = next(1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
    await first;
    const samples: number[] = [];
    const n = Math.min(rounds, 100);
    for (let v = 2; v < n + 12; v++) {
        const done = next(v);
        const start = performance.now();
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: variant(text, v) }] });
        const end = await done;
        if (v >= 12) samples.push(end - start);
    }
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    server.kill();
    return stats(samples);
}

async function main() {
    const text = report10k();
    const result = { reportBytes: Buffer.byteLength(text), rounds, inProcess: inProcess(text), server: await throughServer(text) };
    if (asJson) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
    }
    const ms = (s: { median: number; p95: number }) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms`;
    const p = result.inProcess;
    console.log(`preview bench: ${result.reportBytes} B report, ${rounds} rounds (node ${process.version})`);
    console.log(`  parse                      ${ms(p.steps.parse)}`);
    console.log(`  model + rules (analyze)    ${ms(p.steps.analyze)}`);
    console.log(`  view model (buildView)     ${ms(p.steps.view)}   (${p.viewJsonBytes} B as JSON)`);
    console.log(`  HTML (renderPreviewContent) ${ms(p.steps.html)}`);
    console.log(`  change → view model        ${ms(p.changeToView)}   (target ≤ 20 ms)`);
    console.log(`  change → HTML              ${ms(p.changeToHtml)}   (target ≤ 20 ms)`);
    console.log(`  through the language server: didChange → view notification: ${ms(result.server)}`);
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
