/** `xxgk import` as a real process: files and folders (on worker threads), the summary, exit codes, never overwriting. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, root } from './support/helpers.js';

const cli = path.join(root, 'out/cli/main.cjs');
const corpus = path.join(fixturesDir, 'import', 'corpus');

function xxgk(args: string[], cwd = root) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempDir(): string {
    return mkdtempSync(path.join(tmpdir(), 'xxgk-import-'));
}

/** A corpus report without the four lines about the copy. */
function corpusText(name: string): string {
    return readFileSync(path.join(corpus, name), 'utf8').split('\n').slice(4).join('\n');
}

describe('xxgk import', () => {
    it('imports a file beside it, prints its import report and the summary, never overwrites without --force', () => {
        const dir = tempDir();
        const source = path.join(dir, '015.txt');
        writeFileSync(source, corpusText('015.txt'));
        const r = xxgk(['import', source]);
        expect(r.code).toBe(0);
        const target = path.join(dir, '015.xxgk');
        expect(readFileSync(target, 'utf8')).toContain('行政规范性文件 |            5 |            1 |           25');
        expect(r.stdout).toContain('导入报告：015.txt（文本）');
        expect(r.stdout).toMatch(/015\.txt\s+2021\s+2024\s+86\/87\s+0\s+/);
        writeFileSync(target, '// 已修改\n');
        const again = xxgk(['import', source]);
        expect(again.code).toBe(2);
        expect(again.stderr).toContain('已存在');
        expect(readFileSync(target, 'utf8')).toBe('// 已修改\n');
        expect(xxgk(['import', '--force', source]).code).toBe(0);
        expect(readFileSync(target, 'utf8')).toContain('行政规范性文件');
    });

    it('a folder: every report on worker threads, unreadable cells exit 1, a file that cannot be imported exits 2 with one line', () => {
        const dir = tempDir();
        for (const name of ['002.txt', '016.txt', '020.txt', '026.txt']) writeFileSync(path.join(dir, name), corpusText(name));
        writeFileSync(path.join(dir, 'old.doc'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
        const out = path.join(dir, 'out');
        const r = xxgk(['import', '--jobs', '2', '-o', out, dir]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/old\.doc: 这是旧版 Word（\.doc）文件.*另存为 \.docx/)]);
        for (const name of ['002', '016', '020', '026']) expect(existsSync(path.join(out, `${name}.xxgk`))).toBe(true);
        expect(r.stdout).toMatch(/016\.txt\s+2019\s+—\s+22\/50\s+28/);
        expect(r.stdout).toContain('导入了 4 个文件（共 5 个）');
        const clean = tempDir();
        for (const name of ['016.txt']) writeFileSync(path.join(clean, name), corpusText(name));
        expect(xxgk(['import', clean]).code).toBe(1);
    });

    it('--json gives every import report; --check adds the findings; --labels official writes the official labels', () => {
        const dir = tempDir();
        copyFileSync(path.join(corpus, '026.txt'), path.join(dir, 'a.txt'));
        writeFileSync(path.join(dir, 'a.txt'), corpusText('026.txt'));
        const r = xxgk(['import', '--json', '--check', '--labels', 'official', path.join(dir, 'a.txt')]);
        expect(r.code).toBe(1); // the copy is cut: sections and rows are missing (errors the checker reports)
        const json = JSON.parse(r.stdout);
        expect(json.schema).toBe('xxgk-import/1');
        const file = json.files[0];
        expect(file.report.format.id).toBe('2021');
        expect(file.report.cells).toMatchObject({ total: 10, read: 10, unreadable: 0 });
        expect(file.report.labels).toEqual(expect.arrayContaining([expect.objectContaining({ printed: '本年发件', official: '本年制发件数', written: 'official' })]));
        expect(file.findings.some((f: { code: string }) => f.code === 'xxgk/section-missing')).toBe(true);
        expect(readFileSync(path.join(dir, 'a.xxgk'), 'utf8')).toContain('本年制发件数');
    });

    it('two sources with one name keep their extensions; usage errors exit 2', () => {
        const dir = tempDir();
        mkdirSync(path.join(dir, 'in'));
        writeFileSync(path.join(dir, 'in', 'r.txt'), corpusText('048.txt'));
        writeFileSync(path.join(dir, 'in', 'r.html'), `<html><body><p>一、总体情况</p><p>正文。</p></body></html>`);
        const r = xxgk(['import', path.join(dir, 'in')]);
        expect(r.code).toBe(0);
        expect(existsSync(path.join(dir, 'in', 'r.txt.xxgk'))).toBe(true);
        expect(existsSync(path.join(dir, 'in', 'r.html.xxgk'))).toBe(true);
        expect(xxgk(['import']).code).toBe(2);
        expect(xxgk(['import', '--labels', 'x', dir]).code).toBe(2);
        expect(xxgk(['import', path.join(dir, 'nope.html')]).code).toBe(2);
    });
});
