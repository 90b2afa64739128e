/** The CLI as a real process: exit codes, text/JSON/SARIF output, parallel checking, skeletons. */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { examplesDir, fixturesDir, root } from './support/helpers.js';

const cli = path.join(root, 'out/cli/main.cjs');

function xxgk(args: string[], cwd = root) {
    // The timeout only guards against a hang (a FIFO read forever): a killed run has no exit code and fails.
    const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 50_000, maxBuffer: 64 << 20 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const posix = process.platform !== 'win32';
function mkfifo(file: string): void {
    const r = spawnSync('mkfifo', [file]);
    if (r.status !== 0) throw new Error(`mkfifo failed: ${r.stderr}`);
}

function tempDir(): string {
    return mkdtempSync(path.join(tmpdir(), 'xxgk-cli-'));
}

const rowTotalFixture = path.join(fixturesDir, 'rules', 'r2-row-total.xxgk');

describe('xxgk check', () => {
    it('exits 0 on the clean examples and prints the summary', () => {
        const r = xxgk(['check', 'examples']);
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe('检查了 2 个文件：0 个错误，0 个警告，0 条提示');
        expect(r.stderr).toBe('');
    });

    it('exits 1 on errors with compiler-style lines', () => {
        const r = xxgk(['check', path.relative(root, rowTotalFixture)]);
        expect(r.code).toBe(1);
        const lines = r.stdout.trim().split('\n');
        // The fixture's prose still says 予以公开3件 (R24).
        expect(lines[0]).toMatch(/^tests\/fixtures\/rules\/r2-row-total\.xxgk:16:\d+: warning xxgk\/prose-count /);
        expect(lines[1]).toBe('tests/fixtures/rules/r2-row-total.xxgk:52:97: error xxgk/row-total （一）予以公开：总计应为 3（自然人 2 + 商业企业 1 + 科研机构 0 + 社会公益组织 0 + 法律服务机构 0 + 其他 0），实际为 4');
        expect(lines[2]).toMatch(/^tests\/fixtures\/rules\/r2-row-total\.xxgk:77:\d+: error xxgk\/results-total /);
        expect(lines[3]).toBe('检查了 1 个文件：2 个错误，1 个警告，0 条提示');
    });

    it('exits 0 when there are only warnings', () => {
        const r = xxgk(['check', path.join(fixturesDir, 'rules', 'r7-table-empty.xxgk')]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('warning xxgk/table-empty');
    });

    it('exits 2 with one clear line for a missing path, and still checks the rest', () => {
        const r = xxgk(['check', 'no/such/dir', 'examples']);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toBe('xxgk: no/such/dir: 路径不存在');
        expect(r.stdout).toContain('检查了 2 个文件');
    });

    it('exits 2 on a file that is not UTF-8, naming the encoding', () => {
        const dir = tempDir();
        const gbk = Buffer.from([0xb1, 0xea, 0xcc, 0xe2, 0xa3, 0xba, 0xb2, 0xe2, 0xca, 0xd4, 0x0a]); // 标题：测试 in GBK
        writeFileSync(path.join(dir, 'gbk.xxgk'), gbk);
        const r = xxgk(['check', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toBe(`xxgk: ${path.join(dir, 'gbk.xxgk')}: 不是 UTF-8 编码，看起来是 GBK/GB18030 编码；请将文件另存为 UTF-8`);
        expect(r.stderr).not.toMatch(/at .*\.cjs/);
    });

    it('exits 2 on an unreadable file (a dangling link) without a stack trace', () => {
        const dir = tempDir();
        symlinkSync(path.join(dir, 'gone.txt'), path.join(dir, 'broken.xxgk'));
        const r = xxgk(['check', dir]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim()).toBe(`xxgk: ${path.join(dir, 'broken.xxgk')}: 无法读取：文件不存在（ENOENT）`);
    });

    it('exits 2 on usage errors, with one line and a hint to --help', () => {
        for (const args of [['check'], ['check', '--format', 'xml', 'examples'], ['check', '--jobs', '0', 'examples'], ['frobnicate'], [],
            ['new', '--bogus'], ['export', '--bogus'], ['check', '--format']]) {
            const r = xxgk(args);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stdout).toBe('');
            expect(r.stderr.trimEnd().split('\n'), args.join(' ')).toHaveLength(1);
            expect(r.stderr).toMatch(/^xxgk: .*；运行 xxgk (check |new |export )?--help 查看用法\n$/);
            expect(r.stderr).not.toMatch(/[A-Za-z]{4,}(?<!xxgk|check|help|sarif|json|text|frobnicate|bogus|format|jobs|export|import|compare|status|units)\b/);
        }
        expect(xxgk(['check', '--bogus', 'examples']).stderr).toBe('xxgk: 未知选项「--bogus」；运行 xxgk check --help 查看用法\n');
    });

    it('--help prints the full usage, and COMMAND --help that command\'s', () => {
        const all = xxgk(['--help']);
        expect(all.code).toBe(0);
        for (const command of ['check', 'new', 'export']) expect(all.stdout).toContain(`xxgk ${command} `);
        expect(all.stdout).toContain('退出码');
        const one = xxgk(['check', '--help']);
        expect(one.code).toBe(0);
        expect(one.stdout).toContain('xxgk check <文件或目录>… [--format text|json|sarif] [--jobs N]');
        expect(one.stdout).not.toContain('xxgk new');
    });

    it('checks 发布日期 against a local deadline with --deadline, on workers too', () => {
        const example = path.join('examples', 'longgang-2024.xxgk');
        expect(xxgk(['check', '--deadline', '01-31', example]).code).toBe(0);
        const r = xxgk(['check', '--deadline', '01-15', example]);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('examples/longgang-2024.xxgk:10:6: warning xxgk/published-late 发布日期 2025-01-20 晚于发布期限 2025-01-15（本地规定的期限）');
        const dir = tempDir();
        for (let i = 0; i < 40; i++) copyFileSync(path.join(root, example), path.join(dir, `r${i}.xxgk`));
        const json = JSON.parse(xxgk(['check', '--jobs', '2', '--deadline', '2025-01-10', '--format', 'json', dir]).stdout);
        expect(json.files.map((f: { findings: { code: string }[] }) => f.findings.map(x => x.code).join())).toEqual(Array(40).fill('xxgk/published-late'));
        const bad = xxgk(['check', '--deadline', '13-40', example]);
        expect(bad.code).toBe(2);
        expect(bad.stderr.split('\n')[0]).toBe('xxgk: --deadline 应为报告年度次年的月日 MM-DD（例如 01-20）或日期 YYYY-MM-DD，而不是「13-40」；运行 xxgk check --help 查看用法');
    });

    it('exits 2 when a folder holds no report', () => {
        const r = xxgk(['check', tempDir()]);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('没有找到 .xxgk 文件');
    });

    it('writes JSON that follows the documented schema', () => {
        const r = xxgk(['check', '--format', 'json', 'examples', rowTotalFixture]);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        const schema = JSON.parse(readFileSync(path.join(root, 'docs/check-result.schema.json'), 'utf8'));
        const validate = new Ajv({ allErrors: true }).compile(schema);
        expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
        expect(json.summary).toEqual({ files: 3, errors: 2, warnings: 1, infos: 0, unreadable: 0 });
        const finding = json.files[2].findings.find((f: { code: string }) => f.code === 'xxgk/row-total');
        expect(finding).toMatchObject({
            code: 'xxgk/row-total', severity: 'error', rule: 'R2',
            range: { start: { line: 52, column: 97 }, end: { line: 52, column: 98 } },
            data: { computed: 3, reported: 4 },
        });
        expect(finding.related).toHaveLength(6);
    });

    it('writes SARIF 2.1.0', () => {
        const r = xxgk(['check', '--format', 'sarif', rowTotalFixture, 'nope.xxgk']);
        expect(r.code).toBe(2);
        const sarif = JSON.parse(r.stdout);
        expect(sarif.version).toBe('2.1.0');
        expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
        const run = sarif.runs[0];
        expect(run.tool.driver.name).toBe('xxgk');
        const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(run.results).toHaveLength(3);
        for (const result of run.results) {
            expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
            expect(['error', 'warning', 'note']).toContain(result.level);
            const { region, artifactLocation } = result.locations[0].physicalLocation;
            expect(artifactLocation.uri).toMatch(/r2-row-total\.xxgk$/);
            expect(region.startLine).toBeGreaterThan(0);
            expect(region.startColumn).toBeGreaterThan(0);
        }
        expect(run.results[1]).toMatchObject({ ruleId: 'xxgk/row-total', level: 'error', properties: { computed: 3, reported: 4 } });
        expect(run.invocations[0].executionSuccessful).toBe(false);
        expect(run.invocations[0].toolExecutionNotifications[0].message.text).toBe('nope.xxgk: 路径不存在');
    });

    it('checks many files on worker threads with the same output, in stable order', () => {
        const dir = tempDir();
        const sources = [rowTotalFixture, path.join(examplesDir, 'yanshi-2020.xxgk'), path.join(fixturesDir, 'rules', 'r7-blank.xxgk')];
        for (let i = 0; i < 60; i++) {
            const sub = path.join(dir, `d${i % 7}`);
            mkdirSync(sub, { recursive: true });
            copyFileSync(sources[i % sources.length], path.join(sub, `r${String(i).padStart(3, '0')}.xxgk`));
        }
        const one = xxgk(['check', '--jobs', '1', dir]);
        const two = xxgk(['check', '--jobs', '2', dir]);
        expect(one.code).toBe(1);
        expect(two.stdout).toBe(one.stdout);
        const files = one.stdout.trim().split('\n').slice(0, -1).map(l => l.split(':')[0]);
        expect(files).toEqual([...files].sort());
        expect(one.stdout.trim().split('\n').at(-1)).toBe('检查了 60 个文件：40 个错误，120 个警告，0 条提示');
    });
});

describe('xxgk check on hostile input', () => {
    it.runIf(posix)('a FIFO, a link to one and a link to /dev/zero: one line each, exit 2, nothing read', () => {
        const dir = tempDir();
        mkfifo(path.join(dir, 'pipe.xxgk'));
        symlinkSync(path.join(dir, 'pipe.xxgk'), path.join(dir, 'link-to-pipe.xxgk'));
        symlinkSync('/dev/zero', path.join(dir, 'zero.xxgk'));
        const named = xxgk(['check', path.join(dir, 'pipe.xxgk')]);
        expect(named.code).toBe(2);
        expect(named.stderr).toBe(`xxgk: ${path.join(dir, 'pipe.xxgk')}: 无法读取：这是一个命名管道（FIFO）；只读取普通文件\n`);
        const walked = xxgk(['check', '--format', 'json', dir]);
        expect(walked.code).toBe(2);
        const errors = JSON.parse(walked.stdout).files.map((f: { path: string; error?: string }) => [path.basename(f.path), f.error]);
        expect(errors).toEqual([
            ['link-to-pipe.xxgk', '无法读取：这是一个命名管道（FIFO）；只读取普通文件'],
            ['pipe.xxgk', '无法读取：这是一个命名管道（FIFO）；只读取普通文件'],
            ['zero.xxgk', '无法读取：这是一个设备文件；只读取普通文件'],
        ]);
        expect(walked.stderr.trimEnd().split('\n')).toHaveLength(3);
    });

    it('a file over 20 MB is refused with one line, unread', () => {
        const dir = tempDir();
        const big = path.join(dir, 'big.xxgk');
        writeFileSync(big, '');
        truncateSync(big, 20 * 1024 * 1024 + 1); // sparse: no 20 MB written to disk
        const r = xxgk(['check', big, 'examples']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`xxgk: ${big}: 文件过大（20.0 MB），超过 20 MB 的上限，未读取\n`);
        expect(r.stdout).toContain('检查了 3 个文件');
    });

    it('follows a symlinked folder of reports, once, and survives a link loop', () => {
        const dir = tempDir();
        const reports = path.join(dir, 'reports');
        mkdirSync(reports);
        copyFileSync(rowTotalFixture, path.join(reports, 'a.xxgk'));
        const walk = path.join(dir, 'walk');
        mkdirSync(walk);
        symlinkSync(reports, path.join(walk, 'linked'), 'dir');
        symlinkSync(reports, path.join(walk, 'again'), 'dir');
        symlinkSync(walk, path.join(walk, 'loop'), 'dir');
        const r = xxgk(['check', '--format', 'json', walk]);
        expect(r.stderr).toBe('');
        const files = JSON.parse(r.stdout).files.map((f: { path: string }) => path.relative(walk, f.path));
        expect(files).toEqual([path.join('again', 'a.xxgk')]);
        expect(r.code).toBe(1);
    });

    it('.XXGK is a report in the folder walk, as it is for export', () => {
        const dir = tempDir();
        copyFileSync(rowTotalFixture, path.join(dir, 'UPPER.XXGK'));
        copyFileSync(rowTotalFixture, path.join(dir, 'Mixed.Xxgk'));
        writeFileSync(path.join(dir, 'notes.txt'), '不是年报');
        const r = xxgk(['check', '--format', 'json', dir]);
        expect(JSON.parse(r.stdout).files.map((f: { path: string }) => path.basename(f.path))).toEqual(['Mixed.Xxgk', 'UPPER.XXGK']);
    });

    it('--jobs above the core count is capped, said on stderr, and gives the same output', () => {
        const dir = tempDir();
        for (let i = 0; i < 8; i++) copyFileSync(rowTotalFixture, path.join(dir, `r${i}.xxgk`));
        const cores = availableParallelism();
        const many = xxgk(['check', '--jobs', String(cores + 62), dir]);
        expect(many.stderr).toBe(`xxgk: --jobs ${cores + 62} 多于本机的 ${cores} 个处理器核心，按 ${cores} 个并行检查\n`);
        expect(many.stdout).toBe(xxgk(['check', '--jobs', '1', dir]).stdout);
    });

    it('CR-only, mixed and CRLF files: the same findings at the same lines and columns as LF', () => {
        const dir = tempDir();
        const lf = readFileSync(rowTotalFixture, 'utf8').replace(/\r\n?/g, '\n');
        let i = 0;
        writeFileSync(path.join(dir, 'a-lf.xxgk'), lf);
        writeFileSync(path.join(dir, 'b-cr.xxgk'), lf.replace(/\n/g, '\r'));
        writeFileSync(path.join(dir, 'c-crlf.xxgk'), lf.replace(/\n/g, '\r\n'));
        writeFileSync(path.join(dir, 'd-mixed.xxgk'), lf.replace(/\n/g, () => ['\r\n', '\n', '\r'][i++ % 3]));
        const r = xxgk(['check', '--format', 'json', dir]);
        expect(r.code).toBe(1);
        const files = JSON.parse(r.stdout).files as { findings: { code: string; message: string; range: { start: { line: number; column: number } } }[] }[];
        const seen = files.map(f => f.findings.map(x => `${x.range.start.line}:${x.range.start.column} ${x.code} ${x.message}`));
        expect(seen[0]).toHaveLength(3);
        for (const other of seen.slice(1)) expect(other).toEqual(seen[0]);
        const text = xxgk(['check', path.join(dir, 'b-cr.xxgk')]);
        expect(text.stdout).not.toMatch(/\r|unexpected|syntax/);
        expect(text.stdout.split('\n')[1]).toMatch(/b-cr\.xxgk:52:97: error xxgk\/row-total /);
    });

    it('a huge number in a cell is an invalid value (R5) with a Chinese message, not 1e+20', () => {
        const dir = tempDir();
        const file = path.join(dir, 'huge.xxgk');
        writeFileSync(file, readFileSync(path.join(examplesDir, 'longgang-2024.xxgk'), 'utf8').replace(/(行政许可 +\| +)0/, '$199999999999999999999'));
        const r = xxgk(['check', file]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/:37:\d+: error xxgk\/value-kind 本年处理决定数量应为非负整数，实际为「99999999999999999999」，超出可核对的范围（最大 999999999999）\n/);
    });

    it.runIf(posix)('a reader that stops early (| head) is no crash', async () => {
        const dir = tempDir();
        for (let i = 0; i < 40; i++) copyFileSync(rowTotalFixture, path.join(dir, `r${i}.xxgk`));
        const child = spawn(process.execPath, [cli, 'check', '--format', 'json', '--jobs', '1', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d));
        child.stdout.once('data', () => child.stdout.destroy());
        const code = await new Promise<number | null>(resolve => child.on('close', resolve));
        expect(stderr).toBe('');
        expect(code).toBe(1);
    });
});

describe('xxgk export and new on hostile input', () => {
    it.runIf(posix)('export of a FIFO or of a link to /dev/zero: one line, exit 2, nothing written', () => {
        const dir = tempDir();
        mkfifo(path.join(dir, 'pipe.xxgk'));
        symlinkSync('/dev/zero', path.join(dir, 'zero.xxgk'));
        const pipe = xxgk(['export', path.join(dir, 'pipe.xxgk'), '--format', 'html']);
        expect(pipe.code).toBe(2);
        expect(pipe.stderr).toBe(`xxgk: ${path.join(dir, 'pipe.xxgk')}: 无法读取：这是一个命名管道（FIFO）；只读取普通文件\n`);
        const zero = xxgk(['export', path.join(dir, 'zero.xxgk'), '--format', 'html']);
        expect(zero.code).toBe(2);
        expect(zero.stderr).toBe(`xxgk: ${path.join(dir, 'zero.xxgk')}: 无法读取：这是一个设备文件；只读取普通文件\n`);
        expect(readdirSync(dir).sort()).toEqual(['pipe.xxgk', 'zero.xxgk']);
    });

    it('new: the default file name is a plain name in this folder; only -o chooses a path', () => {
        const base = tempDir();
        const dir = path.join(base, 'work');
        mkdirSync(dir);
        const up = xxgk(['new', '--agency', '../x', '--year', '2024'], dir);
        expect(up.code).toBe(0);
        expect(up.stdout).toMatch(/^已生成 x-2024\.xxgk（/);
        expect(readdirSync(base)).toEqual(['work']);
        expect(readFileSync(path.join(dir, 'x-2024.xxgk'), 'utf8')).toContain('机关：../x\n');
        const slash = xxgk(['new', '--agency', '某市/某局', '--year', '2024'], dir);
        expect(slash.code).toBe(0);
        expect(existsSync(path.join(dir, '某市_某局-2024.xxgk'))).toBe(true);
        const long = xxgk(['new', '--agency', '局'.repeat(300), '--year', '2024'], dir);
        expect(long.code).toBe(0);
        expect(readdirSync(dir).some(f => f === `${'局'.repeat(60)}-2024.xxgk`)).toBe(true);
        const chosen = xxgk(['new', '--agency', '某局', '--year', '2024', '-o', path.join(base, 'chosen.xxgk')], dir);
        expect(chosen.code).toBe(0);
        expect(existsSync(path.join(base, 'chosen.xxgk'))).toBe(true);
    });

    it('new: an agency that would break the report\'s lines is a usage error', () => {
        const dir = tempDir();
        for (const agency of ['a\nb', 'a\rb', 'x"""', 'a//b']) {
            const r = xxgk(['new', '--agency', agency, '--year', '2024'], dir);
            expect(r.code, agency).toBe(2);
            expect(r.stderr).toMatch(/^xxgk: --agency 不能含换行、控制字符/);
            expect(r.stderr).not.toMatch(/[\r\u0000-\u0009\u000b-\u001f]/);
        }
        expect(readdirSync(dir)).toEqual([]);
    });

    it.runIf(posix)('new -o a FIFO, even with --force, is refused without waiting for a reader', () => {
        const dir = tempDir();
        mkfifo(path.join(dir, 'out.xxgk'));
        const r = xxgk(['new', '--agency', '某局', '--year', '2024', '-o', path.join(dir, 'out.xxgk'), '--force']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`xxgk: ${path.join(dir, 'out.xxgk')} 已存在且不是普通文件，未写入（请用 -o 另选文件名）\n`);
    });
});

describe('xxgk new', () => {
    it('writes a complete skeleton that checks without errors', () => {
        const dir = tempDir();
        const r = xxgk(['new', '--format', '2021', '--agency', '某某局', '--year', '2024'], dir);
        expect(r.code).toBe(0);
        expect(r.stdout.trim()).toBe('已生成 某某局-2024.xxgk（2021 格式，国办公开办函〔2021〕30号）');
        const text = readFileSync(path.join(dir, '某某局-2024.xxgk'), 'utf8');
        expect(text).toContain('格式：2021');
        expect(text).toContain('    3.其他');
        const check = xxgk(['check', '--format', 'json', dir]);
        expect(check.code).toBe(0);
        const findings = JSON.parse(check.stdout).files[0].findings;
        // No 发布日期 yet: R21 says what it will be checked against.
        expect(findings.map((f: { code: string }) => f.code)).toEqual(['xxgk/published-missing', 'xxgk/section-empty', 'xxgk/section-empty', 'xxgk/section-empty']);
    });

    it('writes the 2019 table set for a 2020 report, to stdout with -o -', () => {
        const r = xxgk(['new', '--agency', '某某局', '--year', '2020', '-o', '-']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('格式：2019');
        expect(r.stdout).toContain('第二十条第（九）项');
        expect(r.stdout).not.toContain('3.其他');
    });

    it('never overwrites an existing file without --force', () => {
        const dir = tempDir();
        const file = path.join(dir, 'mine.xxgk');
        writeFileSync(file, '我写的内容');
        const r = xxgk(['new', '--agency', '某某局', '--year', '2024', '-o', file]);
        expect(r.code).toBe(2);
        expect(readFileSync(file, 'utf8')).toBe('我写的内容');
        expect(xxgk(['new', '--agency', '某某局', '--year', '2024', '-o', file, '--force']).code).toBe(0);
        expect(readFileSync(file, 'utf8')).toContain('机关：某某局');
    });

    it('explains bad arguments', () => {
        expect(xxgk(['new', '--year', '2024']).stderr).toContain('请用 --agency 给出机关名称');
        expect(xxgk(['new', '--agency', 'x', '--year', '24']).stderr).toContain('--year 应为四位年份');
        expect(xxgk(['new', '--agency', 'x', '--year', '2024', '--format', '2023']).stderr).toContain('未知格式「2023」');
    });
});
