/**
 * Helpers for the in-process suite: they run in the VS Code extension host and use only the public
 * `vscode` API, so the same suite runs under code-server and under @vscode/test-electron.
 */
import * as vscode from 'vscode';
import { exampleAs as exampleText } from '../../support/example-as.js';
import { AssertionError } from '../runner.mjs';

/** The workspace the runner opened: a fresh copy of `examples/`. */
export function workspaceFolder(): vscode.WorkspaceFolder {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new AssertionError('no workspace folder is open (the runner opens a copy of examples/)');
    return folder;
}

export function workspaceFile(name: string): vscode.Uri {
    return vscode.Uri.joinPath(workspaceFolder().uri, name);
}

/** Diagnostics are compared by uri string (the API hands out distinct Uri objects). */
const sameUri = (a: vscode.Uri, b: vscode.Uri) => a.toString() === b.toString();

/**
 * Runs `trigger`, then waits for the next diagnostics published for `uri` that satisfy `until`.
 * Subscribing before the trigger means an event can't slip by; an empty list is accepted only when
 * it was published after the trigger, so "no diagnostics" always means "the server said so".
 */
export async function diagnosticsAfter(
    uri: vscode.Uri,
    trigger: () => Thenable<unknown> | Promise<unknown>,
    until: (diagnostics: readonly vscode.Diagnostic[]) => boolean = () => true,
    what = 'diagnostics',
    timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
    let subscription: vscode.Disposable | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const published = new Promise<vscode.Diagnostic[]>((resolve, reject) => {
        subscription = vscode.languages.onDidChangeDiagnostics(event => {
            if (!event.uris.some(u => sameUri(u, uri))) return;
            const diagnostics = vscode.languages.getDiagnostics(uri);
            if (until(diagnostics)) resolve(diagnostics);
        });
        timer = setTimeout(() => {
            const now = vscode.languages.getDiagnostics(uri).map(d => `${codeOf(d)} ${d.message}`);
            reject(new AssertionError(`timed out waiting for ${what} on ${uri.path}; it has: ${JSON.stringify(now)}`));
        }, timeoutMs);
    });
    try {
        await trigger();
        return await published;
    } finally {
        subscription?.dispose();
        clearTimeout(timer);
    }
}

/**
 * Shows a workspace file in an editor with the diagnostics the server published for its current text.
 * The first time, that means waiting for the server's first publication. A document opened by an
 * earlier test is still open (tests never close documents, so VS Code sends no didClose/didOpen that
 * could race) and clean (`revertAll` waits for the publication after the revert), so its current
 * diagnostics are the server's.
 */
export async function openWithDiagnostics(name: string): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
    const uri = workspaceFile(name);
    const known = vscode.workspace.textDocuments.find(d => sameUri(d.uri, uri));
    if (known) {
        if (known.isDirty) throw new AssertionError(`${name} has unsaved changes from an earlier test`);
        return { editor: await vscode.window.showTextDocument(known), diagnostics: vscode.languages.getDiagnostics(uri) };
    }
    let editor: vscode.TextEditor | undefined;
    const diagnostics = await diagnosticsAfter(uri, async () => {
        const document = await vscode.workspace.openTextDocument(uri);
        editor = await vscode.window.showTextDocument(document);
    }, undefined, `the first diagnostics of ${name}`);
    return { editor: editor!, diagnostics };
}

/** The diagnostic code as a plain string (`code` may be a string, a number or `{ value, target }`). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
    const code = diagnostic.code;
    if (code === undefined) return '';
    return typeof code === 'object' ? String(code.value) : String(code);
}

/** The line of a table row, found by its label (the first line whose label cell starts with it). */
export function rowLine(document: vscode.TextDocument, label: string): number {
    for (let line = 0; line < document.lineCount; line++) {
        const text = document.lineAt(line).text;
        if (text.includes('|') && text.split('|')[0].trim() === label) return line;
    }
    throw new AssertionError(`no row labelled ${label} in ${document.uri.path}`);
}

/**
 * The range of a cell's value in a row (`column` counts the value cells after the label, from 0;
 * negative counts from the end, so -1 is the last cell, usually 总计).
 */
export function cellRange(document: vscode.TextDocument, label: string, column: number): vscode.Range {
    const line = rowLine(document, label);
    const text = document.lineAt(line).text;
    const cells: { start: number; end: number }[] = [];
    let start = text.indexOf('|') + 1;
    while (start > 0) {
        const bar = text.indexOf('|', start);
        const end = bar < 0 ? text.length : bar;
        const raw = text.slice(start, end);
        const lead = raw.length - raw.trimStart().length;
        cells.push({ start: start + lead, end: start + lead + raw.trim().length });
        start = bar < 0 ? 0 : bar + 1;
    }
    const cell = cells.at(column);
    if (!cell) throw new AssertionError(`row ${label} has no cell ${column}`);
    return new vscode.Range(line, cell.start, line, cell.end);
}

/** Replaces a range of an open document through a WorkspaceEdit, as an extension or a user would. */
export async function replace(document: vscode.TextDocument, range: vscode.Range, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new AssertionError(`the edit on ${document.uri.path} was not applied`);
}

/**
 * Throws away the unsaved changes of every document and waits until the server has published the
 * diagnostics of the reverted text, so the next test starts from the files as they are on disk.
 */
export async function revertAll(): Promise<void> {
    for (const document of vscode.workspace.textDocuments) {
        if (!document.isDirty) continue;
        const revert = async () => {
            await vscode.window.showTextDocument(document);
            await vscode.commands.executeCommand('workbench.action.files.revert');
        };
        // A text edited back to what is on disk is still dirty, but reverting it changes nothing
        // and the server is sent nothing new.
        const onDisk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
        if (document.getText() === onDisk) await revert();
        else await diagnosticsAfter(document.uri, revert, undefined, `the diagnostics after reverting ${document.uri.path}`);
    }
}

export function describeRange(range: vscode.Range): string {
    return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Polls `probe` until it returns a value (a tab, a state …) or the timeout passes. */
export async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = probe();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new AssertionError(`timed out waiting for ${what}`);
        await new Promise(resolve => setTimeout(resolve, 100));
    }
}

/** The workspace's 2021 example as the report of another 机关 and year (same layout, so cells keep their positions). */
export async function exampleAs(agency: string, year: number): Promise<string> {
    return exampleText(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('longgang-2024.xxgk'))), year, agency);
}

/** The webview tabs of a view type (the extension host sees it with a `mainThreadWebview-` prefix). */
export function webviewTabs(viewType: string): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap(g => g.tabs)
        .filter(t => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));
}
