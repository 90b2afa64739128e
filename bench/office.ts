/**
 * npm run bench (office part) — a generated province (2,000 units × 2022–2024, 6,000 reports and a
 * 单位名单.csv; tests/support/county.ts makes it):
 *  - `xxgk status --year 2024` on 2 cores ≤ 30 s (it checks the 2023 and 2024 reports, ≈ 4,000);
 *  - the language server with that folder open ≤ 500 MB RSS (peak, until every report is checked), and its first status answer.
 *  - roll-up: `xxgk check --registry` of the 2024 reports (every parent against its children) ≤ 30 s.
 * Printed beside: status with 1 worker, `xxgk check --registry` of the whole folder, `xxgk sum` of the province.
 * Alone: npm run build && node out/bench/office.cjs [--only server|cli].
 */
import '../src/polyfill.js';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
    DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest,
} from 'vscode-languageserver-protocol';
import { UTF8_BOM, writeCsv } from '../src/office/csv.js';
import { OfficeMethods, type StatusResult } from '../src/office/protocol.js';
import type { StatusReport } from '../src/office/status.js';
import { generateArea, random, seedOf, type AreaSpec, type UnitSpec } from '../tests/support/county.js';
import { rssMegabytes } from './lsp.js';

const root = path.resolve(__dirname, '../..');
const YEARS = [2022, 2023, 2024];
/** Bump when the generator's output changes, so that the cached folder is made again. */
const VERSION = 2;

const rows: { name: string; value: string; target?: string; ok?: boolean }[] = [];
const report = (name: string, value: string, target?: string, ok?: boolean) => {
    rows.push({ name, value, target, ok });
    console.log(`${ok === undefined ? ' ' : ok ? '✓' : '✗'} ${name.padEnd(58)} ${value}${target ? `   (target ${target})` : ''}`);
};

/** A province: its government and 40 departments, 16 cities of 25 departments, 6 counties each of 15, 7 development zones. */
export function provinceSpec(): AreaSpec {
    const syllables = '云江松河山林宁安平阳清泉石桥岭川湖溪源兴德华隆丰';
    const place = (i: number) => syllables[i % syllables.length] + syllables[(i * 7 + 3) % syllables.length];
    const departments = ['发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局',
        '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化和旅游局', '卫生健康委员会',
        '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '林业局', '体育局', '信访局', '地方金融监督管理局',
        '机关事务管理局', '粮食和物资储备局', '能源局', '国资委', '外事办公室', '民族宗教事务委员会', '广播电视局', '乡村振兴局', '人民防空办公室',
        '大数据局', '知识产权局', '药品监督管理局'];
    const units: UnitSpec[] = [];
    let seq = 0;
    const rand = random(seedOf('province'));
    const add = (name: string, level: string, parent?: string): string => {
        const id = `P${String(++seq).padStart(4, '0')}`;
        const u: UnitSpec = { id, name, level, parent };
        const r = rand(100);
        if (r < 3) u.missing = [2024];
        else if (r < 8) u.published = { 2024: `2025-02-${String(1 + rand(20)).padStart(2, '0')}` };
        else if (r < 10) u.empty = [2024];
        else if (r < 13) u.copied = [2024];
        else if (r < 14) u.from = 2023;
        else if (r < 15) u.to = 2023;
        if (level === '省' || level === '市' || level === '县') u.rollUp = true;
        units.push(u);
        return id;
    };
    const province = add('云岭省人民政府', '省');
    for (const d of departments) add(`云岭省${d}`, '部门', province);
    for (let z = 0; z < 7; z++) add(`云岭${place(200 + z)}经济开发区管理委员会`, '其他', province);
    for (let c = 0; c < 16; c++) {
        const city = `${place(c)}市`;
        const cityId = add(`${city}人民政府`, '市', province);
        for (const d of departments.slice(0, 25)) add(`${city}${d}`, '部门', cityId);
        for (let k = 0; k < 6; k++) {
            const county = `${city}${place(40 + c * 6 + k)}县`;
            const countyId = add(`${county}人民政府`, '县', cityId);
            for (const d of departments.slice(0, 15)) add(`${county}${d}`, '部门', countyId);
        }
    }
    return { years: YEARS, units, seed: 7, sentences: 20, origin: '虚构的测试数据，由 bench/office.ts 生成' };
}

function ensureFolder(): { dir: string; reports: number; units: number } {
    const dir = path.join(root, 'bench', '.data', 'province-2000');
    const marker = path.join(dir, 'done');
    const spec = provinceSpec();
    if (!existsSync(marker) || readFileSync(marker, 'utf8') !== String(VERSION)) {
        rmSync(dir, { recursive: true, force: true });
        const area = generateArea(spec);
        mkdirSync(dir, { recursive: true });
        writeFileSync(path.join(dir, '单位名单.csv'), UTF8_BOM + writeCsv(area.registry), 'utf8');
        for (const y of YEARS) mkdirSync(path.join(dir, String(y)), { recursive: true });
        for (const [file, text] of area.files) writeFileSync(path.join(dir, file), text, 'utf8');
        writeFileSync(marker, String(VERSION));
    }
    const reports = YEARS.reduce((n, y) => n + readdirSync(path.join(dir, String(y))).length, 0);
    return { dir, reports, units: spec.units.length };
}

/** Wall-clock and CPU seconds (user + system, all threads) of an `xxgk` run; CPU through /usr/bin/time when the machine has it. */
function timeCli(args: string[]): { seconds: number; cpu?: number; stdout: string; code: number | null } {
    const time = existsSync('/usr/bin/time');
    const command = time ? '/usr/bin/time' : process.execPath;
    const argv = [...(time ? ['-f', 'xxgk-cpu %U %S', process.execPath] : []), path.join(root, 'out/cli/main.cjs'), ...args];
    const start = performance.now();
    const r = spawnSync(command, argv, { encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - start) / 1000;
    if (r.status !== 0 && r.status !== 1) throw new Error(`xxgk ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
    const m = /xxgk-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    return { seconds, cpu: m ? Number(m[1]) + Number(m[2]) : undefined, stdout: r.stdout, code: r.status };
}

const cpuText = (cpu?: number) => (cpu === undefined ? '' : `, ${cpu.toFixed(1)} s CPU`);

async function measureServer(dir: string, reports: number): Promise<void> {
    const child = spawn(process.execPath, [path.join(root, 'out/server/main.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    // Every report checked: each has had its diagnostics published.
    const checked = new Set<string>();
    let allChecked: () => void = () => undefined;
    const everyReport = new Promise<void>(resolve => { allChecked = resolve; });
    connection.onNotification(PublishDiagnosticsNotification.type, p => {
        if (p.uri.endsWith('.xxgk')) checked.add(p.uri);
        if (checked.size >= reports) allChecked();
    });
    connection.listen();
    const folder = { uri: pathToFileURL(dir).toString(), name: 'province' };
    const started = performance.now();
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: folder.uri, capabilities: {}, workspaceFolders: [folder] });
    await connection.sendNotification(InitializedNotification.type, {});
    const first = path.join(dir, '2024', 'P0002-云岭省发展和改革委员会.xxgk');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: pathToFileURL(first).toString(), languageId: 'xxgk', version: 1, text: readFileSync(first, 'utf8') },
    });
    const status = await connection.sendRequest<StatusResult>(OfficeMethods.status, { year: 2024 });
    const firstAnswer = (performance.now() - started) / 1000;
    const again = performance.now();
    await connection.sendRequest<StatusResult>(OfficeMethods.status, { year: 2023 });
    const secondAnswer = (performance.now() - again) / 1000;
    const atStatus = rssMegabytes(child.pid!);
    const timeout = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), 600_000).unref());
    if (await Promise.race([everyReport, timeout]) === 'timeout') throw new Error(`only ${checked.size} of ${reports} reports were checked in 10 minutes`);
    const allDiagnostics = (performance.now() - started) / 1000;
    await new Promise(resolve => setTimeout(resolve, 2000));
    const memory = rssMegabytes(child.pid!);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    child.kill();
    if (status.report?.counts.total !== 2000) throw new Error(`the server's status counts ${status.report?.counts.total} units`);
    report('server: start, load 6,000 reports, first status answer', `${firstAnswer.toFixed(1)} s`);
    report('server: status of another year', `${(secondAnswer * 1000).toFixed(0)} ms`);
    report('server: start → every report\'s diagnostics', `${allDiagnostics.toFixed(1)} s`);
    report('server memory at the status answers (RSS)', `${atStatus.rss.toFixed(0)} MB`);
    report('server memory with the province open and checked (RSS, peak)', `${memory.rss.toFixed(0)} MB (peak ${memory.peak.toFixed(0)} MB)`, '≤ 500 MB', memory.peak <= 500);
}

const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

async function main(): Promise<void> {
    // The machine is shared: the load says how far wall-clock times are from an idle machine's.
    console.log(`\nxxgk bench — the office: a province of 2,000 units × 3 years (load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores)\n`);
    const { dir, reports, units } = ensureFolder();
    report('generated folder', `${units} units, ${reports} reports`);
    if (only !== 'server') cli(dir, units, reports);
    if (only !== 'cli') await measureServer(dir, reports);
    const failed = rows.filter(r => r.ok === false);
    console.log(`\n${rows.filter(r => r.ok).length} targets met, ${failed.length} missed`);
}

/** The CLI's status, roll-up and sum on the folder. */
function cli(dir: string, units: number, reports: number): void {
    const two = timeCli(['status', '--year', '2024', '--format', 'json', '--jobs', '2', dir]);
    const result = JSON.parse(two.stdout) as StatusReport;
    if (result.counts.total !== units) throw new Error(`status counted ${result.counts.total} units`);
    const one = timeCli(['status', '--year', '2024', '--format', 'json', '--jobs', '1', dir]);
    report('xxgk status --year 2024, --jobs 1', `${one.seconds.toFixed(1)} s${cpuText(one.cpu)}`);
    report('xxgk status --year 2024, --jobs 2', `${two.seconds.toFixed(1)} s${cpuText(two.cpu)}`, '≤ 30 s', two.seconds <= 30);
    const c = result.counts;
    report('  its counts', `${c.required} to file: ${c.filed} filed, ${c['filed-empty']} empty, ${c.late} late, ${c.missing} missing; ${result.similar.length} copies`);
    const check = timeCli(['check', '--format', 'json', '--jobs', '2', '--registry', path.join(dir, '单位名单.csv'), dir]);
    report(`xxgk check --registry, all ${reports} reports, --jobs 2`, `${check.seconds.toFixed(1)} s${cpuText(check.cpu)}`);
    // Roll-up: every parent's 2024 report against its children's. The generator writes each 汇总 as their sum,
    // except a parent it draws an empty filing for (every cell 0): only those may be off, and only by being 0.
    const year = timeCli(['check', '--format', 'json', '--jobs', '2', '--registry', path.join(dir, '单位名单.csv'), path.join(dir, '2024')]);
    const files = (JSON.parse(year.stdout) as { files: { findings: { code: string; data: { reported?: number; unitId?: string } }[] }[] }).files;
    const rollups = files.flatMap(f => f.findings).filter(f => f.code === 'xxgk/rollup');
    const wrong = rollups.filter(f => f.data.reported !== 0);
    if (wrong.length) throw new Error(`the roll-up rule found ${wrong.length} cells wrong in sums the generator made`);
    report('xxgk check --registry 2024 (status-year checks + roll-up), --jobs 2', `${year.seconds.toFixed(1)} s${cpuText(year.cpu)}`, '≤ 30 s', year.seconds <= 30);
    report('  its roll-up findings', `${rollups.length} cells, all on the ${new Set(rollups.map(f => f.data.unitId)).size} parents whose 汇总 is an empty filing`);
    const sum = timeCli(['sum', '--year', '2024', '--unit', 'P0001', '--jobs', '2', '-o', '-', dir]);
    report('xxgk sum --year 2024 --unit P0001 (the province\'s 汇总), --jobs 2', `${sum.seconds.toFixed(1)} s${cpuText(sum.cpu)}`);
}

main().catch(e => {
    console.error(e);
    process.exitCode = 1;
});
