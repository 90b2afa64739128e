/**
 * Suppression comments (issue 8 §6): which findings they suppress, the quick fix that writes one,
 * and the same result in the CLI (text, JSON, SARIF, exit code, --no-suppress, cross-year findings)
 * and in the language server over stdio.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeActionRequest, DidOpenTextDocumentNotification, type CodeAction } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applyEdits, fixesFor } from '../src/editor/fixes.js';
import { LineIndex } from '../src/util/lines.js';
import { check, examplesDir, fixturesDir, read, root, xxgkFiles } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));
/** The seed example with （一）予以公开's 总计 written as 4 (the sum is 3): R2 on that line, R3 on （七）总计. */
const wrongTotal = longgang.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$14');

function suppressAbove(text: string, linePrefix: string, comment: string): string {
    return text.replace(new RegExp(`^(\\s*)(${linePrefix.replace(/[()（）.]/g, '\\$&')})`, 'm'), `$1${comment}\n$1$2`);
}

describe('suppression comments', () => {
    it('a disable-next-line suppresses its codes on the next line only, keeping the reason', () => {
        const text = suppressAbove(wrongTotal, '（一）予以公开', '// xxgk-disable-next-line xxgk/row-total 按上级口径');
        const { findings, suppressed } = check(text);
        expect(findings.map(f => f.code)).toEqual(['xxgk/prose-count', 'xxgk/results-total']);
        expect(suppressed.map(f => [f.code, f.suppression?.justification])).toEqual([['xxgk/row-total', '按上级口径']]);
    });

    it('an R-number stands for every code of that rule', () => {
        const text = suppressAbove(wrongTotal, '（七）总计', '// xxgk-disable-next-line R3 R2 -- 已说明');
        const { findings, suppressed } = check(text);
        expect(suppressed.map(f => f.code)).toEqual(['xxgk/results-total']);
        // R2 is on another line: that part of the comment suppresses nothing.
        expect(findings.filter(f => f.code === 'xxgk/unused-suppression').map(f => f.message))
            .toEqual(['「// xxgk-disable-next-line R3 R2 -- 已说明」中的 R2 没有忽略任何问题']);
        expect(suppressed[0].suppression?.justification).toBe('已说明');
    });

    it('is ignored with suppress: false (xxgk check --no-suppress)', async () => {
        const text = suppressAbove(wrongTotal, '（一）予以公开', '// xxgk-disable-next-line xxgk/row-total 按上级口径');
        const { checkText } = await import('../src/rules/check.js');
        const { services } = await import('./support/helpers.js');
        const all = checkText(text, services().Xxgk, undefined, { suppress: false });
        expect(all.findings.map(f => f.code)).toEqual(['xxgk/prose-count', 'xxgk/row-total', 'xxgk/results-total']);
        expect(all.suppressed).toEqual([]);
    });
});

describe('the quick fix that suppresses a finding', () => {
    const files = [examplesDir, path.join(fixturesDir, 'rules'), path.join(fixturesDir, 'clean')].flatMap(xxgkFiles);

    it('inserts a comment above the finding that suppresses exactly it, on every fixture', () => {
        for (const file of files) {
            const text = read(file);
            const analysis = check(text);
            for (const finding of analysis.findings) {
                const fix = fixesFor(analysis, [finding], t => check(t)).find(f => f.title.startsWith('忽略此处的'));
                if (['xxgk/unused-suppression', 'xxgk/suppression-code'].includes(finding.code)) {
                    expect(fix, `${path.basename(file)}: ${finding.code}`).toBeUndefined();
                    continue;
                }
                expect(fix, `${path.basename(file)}: ${finding.code}`).toBeDefined();
                const after = check(applyEdits(text, fix!.edits));
                const what = `${path.basename(file)}: ${fix!.title} for ${finding.message}`;
                // (A message that names lines — numbers that cannot be placed — names them one line further down.)
                const lineless = (m: string) => m.replace(/第 \d+ 行/g, '第 … 行');
                expect(after.suppressed.some(f => f.code === finding.code && lineless(f.message) === lineless(finding.message)), what).toBe(true);
                const aboutComments = (list: typeof analysis.findings) => list.filter(f => f.code === 'xxgk/unused-suppression' || f.code === 'xxgk/suppression-code').length;
                expect(aboutComments(after.findings), what).toBe(aboutComments(analysis.findings));
                expect(after.findings.length, what).toBe(analysis.findings.filter(f => !(f.code === finding.code && sameLine(text, f, finding))).length);
            }
        }
    });

    it('keeps the line\'s indentation, and goes above the text block a prose finding is in', () => {
        const analysis = check(wrongTotal);
        const row = analysis.findings.find(f => f.code === 'xxgk/row-total')!;
        const fix = fixesFor(analysis, [row], t => check(t)).find(f => f.title.startsWith('忽略此处的'))!;
        expect(applyEdits(wrongTotal, fix.edits)).toContain('\n  // xxgk-disable-next-line xxgk/row-total 理由：\n  （一）予以公开');
        const prose = analysis.findings.find(f => f.code === 'xxgk/prose-count')!;
        const proseFix = fixesFor(analysis, [prose], t => check(t)).find(f => f.title.startsWith('忽略此处的'))!;
        expect(applyEdits(wrongTotal, proseFix.edits)).toContain('一、总体情况\n// xxgk-disable-next-line xxgk/prose-count 理由：\n"""');
    });
});

function sameLine(text: string, a: { span: { start: number } }, b: { span: { start: number } }): boolean {
    const lines = new LineIndex(text);
    return lines.position(a.span.start).line === lines.position(b.span.start).line;
}

describe('xxgk check', () => {
    const cli = path.join(root, 'out/cli/main.cjs');
    const run = (...args: string[]) => {
        const r = spawnSync(process.execPath, [cli, 'check', ...args], { cwd: root, encoding: 'utf8' });
        return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    };
    const dir = mkdtempSync(path.join(tmpdir(), 'xxgk-suppress-'));
    const file = path.join(dir, 'longgang-2024.xxgk');
    writeFileSync(file, suppressAbove(suppressAbove(wrongTotal, '（一）予以公开', '// xxgk-disable-next-line R2 按上级口径'),
        '（七）总计', '// xxgk-disable-next-line xxgk/results-total 同上'));

    it('does not count suppressed findings for the exit code; --no-suppress does', () => {
        const r = run(file);
        expect(r.code).toBe(0);
        expect(r.stdout).not.toContain('xxgk/row-total');
        expect(r.stdout.trim().split('\n').pop()).toBe('检查了 1 个文件：0 个错误，1 个警告，0 条提示，2 条已按注释忽略');
        const all = run('--no-suppress', file);
        expect(all.code).toBe(1);
        expect(all.stdout).toContain('error xxgk/row-total');
        expect(all.stdout).toContain('error xxgk/results-total');
    });

    it('lists suppressed findings apart in JSON, and marks them suppressed in SARIF', () => {
        const json = JSON.parse(run('--format', 'json', file).stdout);
        expect(json.summary).toMatchObject({ errors: 0, suppressed: 2 });
        expect(json.files[0].suppressed.map((f: { code: string; suppression: { justification: string } }) => [f.code, f.suppression.justification]))
            .toEqual([['xxgk/row-total', '按上级口径'], ['xxgk/results-total', '同上']]);
        const sarif = JSON.parse(run('--format', 'sarif', file).stdout);
        const results = sarif.runs[0].results as { ruleId: string; suppressions?: { kind: string; justification: string }[] }[];
        expect(results.filter(r => r.suppressions).map(r => [r.ruleId, r.suppressions])).toEqual([
            ['xxgk/row-total', [{ kind: 'inSource', justification: '按上级口径' }]],
            ['xxgk/results-total', [{ kind: 'inSource', justification: '同上' }]],
        ]);
        expect(results.filter(r => !r.suppressions).map(r => r.ruleId)).toEqual(['xxgk/prose-count']);
    });

    it('suppresses cross-year findings by the same comments (R14 across two files)', () => {
        const years = mkdtempSync(path.join(tmpdir(), 'xxgk-suppress-years-'));
        const last = longgang.replace('年度：2024', '年度：2023').replace(/2024/g, '2023').replace('发布日期：2025-01-20', '发布日期：2024-01-20');
        writeFileSync(path.join(years, 'a-2023.xxgk'), last.replace(/(四、结转下年度继续办理 +\| +)3( +\| +)1/, '$12$22'));
        writeFileSync(path.join(years, 'b-2024.xxgk'), longgang);
        const before = run(years);
        expect(before.stdout).toContain('warning xxgk/carried-in');
        writeFileSync(path.join(years, 'b-2024.xxgk'), suppressAbove(longgang, '二、上年结转', '// xxgk-disable-next-line R14 2023 年结转口径调整'));
        const after = run('--format', 'json', years);
        const files = JSON.parse(after.stdout).files as { path: string; findings: { code: string }[]; suppressed?: { code: string }[] }[];
        const current = files.find(f => f.path.endsWith('b-2024.xxgk'))!;
        expect(current.findings.map(f => f.code)).not.toContain('xxgk/carried-in');
        expect(current.suppressed?.map(f => f.code)).toEqual(['xxgk/carried-in', 'xxgk/carried-in']);
    });
});

describe('language server', () => {
    const server = useServer();

    it('publishes no diagnostic for a suppressed finding, and offers the suppressing fix', async () => {
        const uri = 'file:///work/suppress-test/longgang-2024.xxgk';
        const next = server.nextDiagnostics(uri);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text: wrongTotal } });
        const diagnostics = (await next).diagnostics;
        const rowTotal = diagnostics.find(d => d.code === 'xxgk/row-total')!;
        const actions = await server.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri }, range: rowTotal.range, context: { diagnostics: [rowTotal] },
        }) as CodeAction[];
        const suppress = actions.find(a => a.title === '忽略此处的 xxgk/row-total（插入 xxgk-disable-next-line 注释）')!;
        expect(suppress.isPreferred).toBeFalsy();
        const fixed = TextDocument.applyEdits(TextDocument.create(uri, 'xxgk', 1, wrongTotal), suppress.edit!.changes![uri]);
        const uri2 = 'file:///work/suppress-test/suppressed-2024.xxgk';
        const after = server.nextDiagnostics(uri2);
        await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri2, languageId: 'xxgk', version: 1, text: fixed } });
        expect((await after).diagnostics.map(d => d.code)).toEqual(['xxgk/prose-count', 'xxgk/results-total']);
    });
});

describe('README', () => {
    it('documents the suppression comments and --no-suppress', () => {
        const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
        for (const s of ['xxgk-disable-next-line', 'xxgk-disable-line', 'xxgk-enable', '--no-suppress', 'xxgk/unused-suppression', 'xxgk/suppression-code']) {
            expect(readme).toContain(s);
        }
    });
});
