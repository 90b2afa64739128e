/**
 * Roll-up (§3 of issue 10) in the bundled language server, over stdio, with a copy of the fixture
 * county as the workspace (its 单位名单.csv is the default registry): the roll-up finding on the
 * county government's 2024 汇总, its quick fixes (the cell set to the sum; the command that writes
 * the 汇总), the xxgk/office/sum request answering what `xxgk sum` writes, and the finding going away
 * when a child's report changes so that the sum holds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
    CodeActionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, type CodeAction, type Diagnostic, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { SumMethods, type SumResult } from '../src/office/sum-protocol.js';
import { countyDir } from './support/county-expected.js';
import { root } from './support/helpers.js';
import { useServer } from './support/lsp-client.js';

const workspace = mkdtempSync(path.join(tmpdir(), 'xxgk-rollup-lsp-'));
cpSync(countyDir, workspace, { recursive: true });
afterAll(() => rmSync(workspace, { recursive: true, force: true }));
const server = useServer({ workspace });
const uriOf = (file: string) => pathToFileURL(path.join(workspace, file)).toString();
const textOf = (file: string) => readFileSync(path.join(workspace, file), 'utf8');
const rollups = (p: PublishDiagnosticsParams) => p.diagnostics.filter(d => d.code === 'xxgk/rollup');
const parent = '2024/001-青溪县人民政府.xxgk';

async function open(file: string): Promise<string> {
    const uri = uriOf(file);
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text: textOf(file) } });
    return uri;
}

describe('the roll-up rule in the language server', () => {
    let finding: Diagnostic;

    it('puts the roll-up finding on the cell of the county government\'s 2024 汇总 that is not the sum of its children\'s', async () => {
        const uri = await open(parent);
        const published = await server.diagnosticsWhere(uri, p => rollups(p).length > 0);
        const found = rollups(published);
        expect(found.map(d => [d.severity, d.data.table, d.data.row, d.data.column])).toEqual([[2, 'item5', 'licensing', 'decisions']]);
        [finding] = found;
        const written = /^(行政许可 +\| +)(\d+)/m.exec(textOf(parent))!;
        const line = textOf(parent).slice(0, written.index).split('\n').length - 1;
        expect(finding.range).toEqual({ start: { line, character: written[1].length }, end: { line, character: written[0].length } });
        expect(finding.data).toMatchObject({ reported: Number(written[2]), computed: Number(written[2]) - 1, missing: ['青溪县桃源镇人民政府'], unitId: '001', year: 2024 });
        // A child's report is no parent: nothing to add up.
        const child = await open('2024/002-青溪县发展和改革局.xxgk');
        expect(rollups(await server.diagnosticsWhere(child, () => true))).toEqual([]);
    });

    it('offers the cell set to the sum, and the command that writes the 汇总 for this unit and year', async () => {
        const uri = uriOf(parent);
        const actions = await server.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri }, range: finding.range, context: { diagnostics: [finding], only: ['quickfix'] },
        }) as CodeAction[];
        const edit = actions.find(a => a.edit)!;
        expect(edit.edit!.changes![uri]).toEqual([{ range: finding.range, newText: String(finding.data.computed) }]);
        const command = actions.find(a => a.command)!;
        expect(command.command).toMatchObject({ command: SumMethods.command, arguments: [uri, { unitId: '001', year: 2024 }] });
    });

    it('answers the 汇总 as `xxgk sum` writes it, from the report or from the unit\'s 编号', async () => {
        const result = await server.connection.sendRequest<SumResult>(SumMethods.create, { uri: uriOf(parent) });
        if (result.status !== 'created') throw new Error(result.message);
        expect(result).toMatchObject({ unitId: '001', year: 2024, fileName: '青溪县人民政府-2024.xxgk', missing: ['青溪县桃源镇人民政府'] });
        const cli = spawnSync(process.execPath, [path.join(root, 'out/cli/main.cjs'), 'sum', '--year', '2024', '--unit', '001', '-o', '-', workspace], { encoding: 'utf8' });
        expect(cli.status).toBe(0);
        expect(result.text).toBe(cli.stdout);
        const byId = await server.connection.sendRequest<SumResult>(SumMethods.create, { unitId: '001', year: 2023 });
        expect(byId).toMatchObject({ status: 'created', year: 2023, missing: [] });
        expect(await server.connection.sendRequest<SumResult>(SumMethods.create, { unitId: '999' })).toMatchObject({ status: 'failed' });
        expect(await server.connection.sendRequest<SumResult>(SumMethods.create, { unitId: '002', year: 2024 })).toMatchObject({ status: 'failed' });
    });

    it('hides the roll-up finding under a suppression comment (not an unused one), as xxgk check --registry does', async () => {
        const uri = uriOf(parent);
        const text = textOf(parent);
        const suppressed = text.replace(/^行政许可 +\|/m, m => `// xxgk-disable-next-line xxgk/rollup 桃源镇未报送\n${m}`);
        const quiet = server.diagnosticsWhere(uri, p => p.diagnostics.some(d => d.code === 'xxgk/unused-suppression') || rollups(p).length === 0);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: suppressed }] });
        const published = await quiet;
        expect(published.diagnostics.map(d => d.code)).not.toContain('xxgk/unused-suppression');
        expect(rollups(published)).toEqual([]);
        const back = server.diagnosticsWhere(uri, p => rollups(p).length === 1);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
        await back;
    });

    it('checks the 汇总 again when a child\'s report changes: one more 行政许可 there and the sum holds', async () => {
        const file = '2024/003-青溪县教育局.xxgk';
        const child = await open(file);
        const text = textOf(file);
        const licences = /^(行政许可 +\| +)(\d+)/m.exec(text)!;
        const changed = text.replace(licences[0], `${licences[1]}${Number(licences[2]) + 1}`);
        const cleared = server.diagnosticsWhere(uriOf(parent), p => rollups(p).length === 0);
        await server.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: child, version: 2 }, contentChanges: [{ text: changed }] });
        await cleared;
    });
});
