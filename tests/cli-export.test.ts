/**
 * `xxgk export` as a real process (the bundled out/cli/main.cjs): every format, the exit codes,
 * a report with errors exported with a warning or refused with --strict, a missing font, and an
 * output path that would overwrite the report.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { examplesDir, read, root } from './support/helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-cli-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xxgk(...args: string[]) {
    const r = spawnSync(process.execPath, [path.join(root, 'out/cli/main.cjs'), ...args], { encoding: 'utf8', cwd: dir });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const report = path.join(dir, 'longgang-2024.xxgk');
copyFileSync(path.join(examplesDir, 'longgang-2024.xxgk'), report);
const broken = path.join(dir, 'broken.xxgk');
writeFileSync(broken, read(report).replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$14'));

describe('xxgk export', () => {
    for (const format of ['html', 'docx', 'xlsx', 'pdf']) {
        it(`writes ${format} beside the report and says where`, () => {
            const r = xxgk('export', report, '--format', format);
            expect(r.stderr).toBe('');
            expect(r.code).toBe(0);
            const target = path.join(dir, `longgang-2024.${format}`);
            const [done, fonts, ...rest] = r.stdout.trim().split('\n');
            expect(done).toMatch(new RegExp(`^已导出 ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（.+）$`));
            // A PDF also says which fonts it embeds.
            if (format === 'pdf') expect(fonts).toMatch(/^字体：\S+（标题/);
            else expect(fonts).toBeUndefined();
            expect(rest).toEqual([]);
            const magic = { html: '<!DOCTYPE html>', docx: 'PK\u0003\u0004', xlsx: 'PK\u0003\u0004', pdf: '%PDF-' }[format]!;
            expect(readFileSync(target).subarray(0, magic.length).toString('latin1')).toBe(magic);
        });
    }

    it('takes the format from -o when --format is left out, and -o may name a folder', () => {
        expect(xxgk('export', report, '-o', path.join(dir, 'named.docx')).code).toBe(0);
        expect(existsSync(path.join(dir, 'named.docx'))).toBe(true);
        expect(xxgk('export', report, '--format', 'xlsx', '-o', path.join(dir, 'sub') + path.sep).code).toBe(0);
        expect(existsSync(path.join(dir, 'sub', 'longgang-2024.xlsx'))).toBe(true);
    });

    it('exports a report with errors and warns; --strict refuses and writes nothing', () => {
        const warned = xxgk('export', broken, '--format', 'html');
        expect(warned.code).toBe(0);
        expect(warned.stderr).toMatch(/^xxgk: 警告：.*broken\.xxgk 有 \d+ 个错误，已照常导出（加 --strict 则有错误时不导出）\n$/);
        expect(existsSync(path.join(dir, 'broken.html'))).toBe(true);
        const refused = xxgk('export', broken, '--format', 'docx', '--strict');
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/有 \d+ 个错误，按 --strict 未导出/);
        expect(existsSync(path.join(dir, 'broken.docx'))).toBe(false);
        expect(xxgk('export', report, '--format', 'docx', '--strict', '-o', path.join(dir, 'strict-clean.docx')).code).toBe(0);
    });

    it('never writes over the report', () => {
        const before = readFileSync(report, 'utf8');
        const r = xxgk('export', report, '--format', 'html', '-o', report);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/为免覆盖年报/);
        expect(readFileSync(report, 'utf8')).toBe(before);
    });

    it('a missing font is a clear message and exit code 2, not a crash', () => {
        const r = xxgk('export', report, '--format', 'pdf', '--font', path.join(dir, 'no-such-font.ttf'), '-o', path.join(dir, 'x.pdf'));
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(`xxgk: 字体文件不存在：${path.join(dir, 'no-such-font.ttf')}（见设置 xxgk.export.fontPath 或命令行 --font）\n`);
        expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
    });

    it('a font that is not a regular file, or over 100 MB, is refused unread with a clear message', () => {
        const fifo = path.join(dir, 'fifo.ttf');
        execFileSync('mkfifo', [fifo]);
        const huge = path.join(dir, 'huge.ttf');
        writeFileSync(huge, '');
        truncateSync(huge, 100 * 1024 * 1024 + 1); // sparse: nothing written to disk (the limit: MAX_FONT_BYTES)
        const device = path.join(dir, 'zero.ttf');
        symlinkSync('/dev/zero', device);
        for (const [font, message] of [
            [fifo, `字体 ${fifo} 不是普通文件（目录、命名管道或设备文件），未读取`],
            [device, `字体 ${device} 不是普通文件（目录、命名管道或设备文件），未读取`],
            [dir, `字体 ${dir} 不是普通文件（目录、命名管道或设备文件），未读取`],
            [huge, `字体文件 ${huge} 过大（100.0 MB），超过 100 MB 的上限，未读取`],
        ]) {
            const r = xxgk('export', report, '--format', 'pdf', '--font', font, '-o', path.join(dir, 'x.pdf'));
            expect([r.code, r.stderr]).toEqual([2, `xxgk: ${message}\n`]);
        }
        expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
    });

    it('usage errors are Chinese one-liners with exit code 2', () => {
        expect(xxgk('export', report).stderr).toMatch(/^xxgk: 请用 --format 给出导出格式/);
        expect(xxgk('export', report, '--format', 'odt').stderr).toMatch(/^xxgk: --format 只能是 html、docx、xlsx、pdf，而不是「odt」/);
        expect(xxgk('export').code).toBe(2);
        const missing = xxgk('export', path.join(dir, 'nope.xxgk'), '--format', 'html');
        expect(missing.code).toBe(2);
        expect(missing.stderr).toMatch(/nope\.xxgk: 无法读取：文件不存在/);
    });
});
