/**
 * The unit registry in the real editor: the fixture county (tests/fixtures/office/county) is copied
 * into the workspace, its 单位名单.csv at the root; the language server picks both up through the
 * file watcher. The 「年报报送情况」 view's refresh command returns what the view shows (every
 * status compared with the county's spec), its export command writes the table, a report written
 * to disk turns 未报送 into 已报送, a copied report gets its 内容雷同 note, and the county government's
 * 汇总 its roll-up finding, whose quick fix writes the 汇总 from the children's reports. Everything is
 * removed again at the end, so the other suites see the examples alone.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { StatusResult } from '../../../src/office/protocol.js';
import { expectedStatus } from '../../support/county-fixture.js';
import { assert, assertEqual, AssertionError, type TestCase } from '../runner.mjs';
import { codeOf, diagnosticsAfter, workspaceFile, workspaceFolder } from './support.js';

const COUNTY = 'county';
const fixture = () => vscode.Uri.file(path.join(vscode.extensions.getExtension('xxgk.xxgk')!.extensionPath, 'tests', 'fixtures', 'office', 'county'));

/** Asks the view to refresh until its status satisfies `accept` (the file watcher takes a moment). */
async function statusWhere(accept: (r: StatusResult) => boolean | string, what: string, timeoutMs = 60_000): Promise<StatusResult> {
    const deadline = Date.now() + timeoutMs;
    let last: StatusResult | undefined;
    let why: boolean | string = false;
    while (Date.now() < deadline) {
        last = await vscode.commands.executeCommand<StatusResult>('xxgk.status.refresh');
        why = last ? accept(last) : false;
        if (why === true) return last!;
        await new Promise(resolve => setTimeout(resolve, 500));
    }
    throw new AssertionError(`timed out waiting for ${what}: ${typeof why === 'string' ? why : JSON.stringify(last?.report?.counts ?? last)}`);
}

const statusesOf = (r: StatusResult) => Object.fromEntries((r.report?.units ?? []).map(u => [u.id, u.status]));
const sameStatuses = (year: number) => (r: StatusResult) => {
    const got = JSON.stringify(statusesOf(r));
    return got === JSON.stringify(expectedStatus[year]) || `statuses ${got}`;
};

export const officeTests: TestCase[] = [
    {
        name: 'with the county and its 单位名单.csv in the workspace, the status view has every unit\'s status',
        fn: async () => {
            const source = fixture();
            await vscode.workspace.fs.copy(source, workspaceFile(COUNTY), { overwrite: true });
            // The registry at the workspace root is the default one.
            await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, '单位名单.csv'), workspaceFile('单位名单.csv'), { overwrite: true });
            // The year chosen, not the default (the latest year with reports): a report another suite left open may be of 2025.
            await vscode.commands.executeCommand('xxgk.status.chooseYear', 2024);
            const result = await statusWhere(r => (!r.registry ? 'no registry yet' : r.year !== 2024 ? `year ${r.year} of ${r.years.join(', ')}` : sameStatuses(2024)(r)),
                'the 2024 status of the county');
            assertEqual(result.registry?.units, 30, 'units in the registry');
            const late = result.report!.units.find(u => u.id === '016')!;
            assertEqual(late.source, workspaceFile(`${COUNTY}/2024/016-青溪县农业农村局.xxgk`).toString(), 'the late report\'s uri (a click opens it)');
            // In the county, the forestry bureau's report is no unit's (so are the examples, outside it).
            const county = workspaceFile(COUNTY).toString();
            assertEqual(result.report!.unmatched.filter(u => u.source.startsWith(county)).map(u => u.source).join(' '),
                workspaceFile(`${COUNTY}/2024/青溪县林业局.xxgk`).toString(), 'the county\'s report of no unit (2024)');
        },
    },
    {
        name: 'choosing another year shows that year\'s status',
        fn: async () => {
            await vscode.commands.executeCommand('xxgk.status.chooseYear', 2023);
            await statusWhere(r => r.year === 2023 && sameStatuses(2023)(r), 'the 2023 status');
            await vscode.commands.executeCommand('xxgk.status.chooseYear', 2024);
            await statusWhere(r => r.year === 2024, 'the 2024 status again');
        },
    },
    {
        name: 'the county government\'s 汇总 has its roll-up finding on the wrong cell; its quick fix writes the 汇总 from the children\'s reports',
        fn: async () => {
            const uri = workspaceFile(`${COUNTY}/2024/001-青溪县人民政府.xxgk`);
            const found = await diagnosticsAfter(uri, async () => {
                await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
            }, ds => ds.some(d => codeOf(d) === 'xxgk/rollup'), 'xxgk/rollup on the 汇总');
            const rollups = found.filter(d => codeOf(d) === 'xxgk/rollup');
            assertEqual(rollups.length, 1, 'roll-up findings');
            const document = await vscode.workspace.openTextDocument(uri);
            assert(document.lineAt(rollups[0].range.start.line).text.startsWith('行政许可'), 'on the 行政许可 row');
            const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, rollups[0].range, vscode.CodeActionKind.QuickFix.value);
            const write = actions.find(a => a.command?.command === 'xxgk.sumReport');
            assert(write !== undefined, `the quick fix that writes the 汇总 is offered (got: ${actions.map(a => a.title).join('、')})`);
            const [target, options] = write!.command!.arguments!;
            const output = workspaceFile('汇总-2024.xxgk');
            const result = await vscode.commands.executeCommand<{ status: string; included: string[]; missing: string[] }>('xxgk.sumReport', target, { ...options, output });
            assertEqual(result?.status, 'written', 'the command\'s result');
            assertEqual(result?.missing.join('、'), '青溪县桃源镇人民政府', 'the child without a report');
            const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(output));
            assert(text.includes('单位编号：001') && text.includes('年度：2024'), 'the 汇总 is the unit\'s, for 2024');
            await vscode.commands.executeCommand('workbench.action.closeAllEditors');
            await vscode.workspace.fs.delete(output, { useTrash: false });
        },
    },
    {
        name: 'a report written to disk turns 未报送 into 已报送',
        fn: async () => {
            const last = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile(`${COUNTY}/2023/028-青溪县桃源镇人民政府.xxgk`)));
            const text = last.replace(/2023/g, '2024').replace('发布日期：2024', '发布日期：2025');
            await vscode.workspace.fs.writeFile(workspaceFile(`${COUNTY}/2024/028-青溪县桃源镇人民政府.xxgk`), new TextEncoder().encode(text));
            await statusWhere(r => r.report?.units.find(u => u.id === '028')?.status === 'filed' || `028 is ${r.report?.units.find(u => u.id === '028')?.status}`,
                'the new report of 028');
        },
    },
    {
        name: 'the copied report has its 内容雷同 note, pointing at last year\'s report',
        fn: async () => {
            const uri = workspaceFile(`${COUNTY}/2024/024-青溪县统计局.xxgk`);
            const found = await diagnosticsAfter(uri, async () => {
                await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
            }, ds => ds.some(d => codeOf(d) === 'xxgk/content-similar'), 'xxgk/content-similar on the copied report');
            const note = found.find(d => codeOf(d) === 'xxgk/content-similar')!;
            assertEqual(note.severity, vscode.DiagnosticSeverity.Information, 'severity');
            assertEqual(note.relatedInformation?.[0]?.location.uri.toString(), workspaceFile(`${COUNTY}/2023/024-青溪县统计局.xxgk`).toString(), 'related: last year\'s report');
        },
    },
    {
        name: 'the export command writes the status table (JSON and Excel)',
        fn: async () => {
            const json = workspaceFile('报送情况.json');
            const written = await vscode.commands.executeCommand<{ status: string }>('xxgk.status.export', 'json', json);
            assertEqual(written?.status, 'written', 'the export result');
            const report = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(json)));
            assertEqual(report.year, 2024, 'year');
            assertEqual(report.units.find((u: { id: string }) => u.id === '016').source, path.join(COUNTY, '2024', '016-青溪县农业农村局.xxgk'), 'sources relative to the workspace');
            const xlsx = workspaceFile('报送情况.xlsx');
            assertEqual((await vscode.commands.executeCommand<{ status: string }>('xxgk.status.export', 'xlsx', xlsx))?.status, 'written', 'the xlsx export');
            const bytes = await vscode.workspace.fs.readFile(xlsx);
            assert(bytes[0] === 0x50 && bytes[1] === 0x4b, 'the xlsx file is a zip');
        },
    },
    {
        name: 'without the registry the view is empty again (its welcome offers to draft one)',
        fn: async () => {
            const root = workspaceFolder().uri;
            for (const name of [COUNTY, '单位名单.csv', '报送情况.json', '报送情况.xlsx']) {
                await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, name), { recursive: true, useTrash: false });
            }
            await statusWhere(r => !r.registry || 'the registry is still there', 'no registry');
        },
    },
];
