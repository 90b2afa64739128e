/**
 * The command "导入已发布的年报…" (command palette and the explorer's context menu on .html, .htm,
 * .docx, .xlsx, .pdf and .txt files): the language server imports the file (src/import, as
 * `xxgk import`); this side writes the new report beside the source, asking before it replaces a
 * file, opens it beside the source (its diagnostics follow) and shows the import report.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ImportMethods, type ImportAnswer, type ImportParams } from '../src/import/protocol.js';
import { commandIds } from './ids.js';
import { clientStrings as S } from './strings.js';

export const IMPORTABLE_EXTENSIONS = ['html', 'htm', 'docx', 'xlsx', 'pdf', 'txt'];

export interface ImportCommandResult {
    status: 'written' | 'cancelled' | 'failed';
    path?: string;
    message?: string;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
    try {
        await vscode.workspace.fs.stat(uri);
        return true;
    } catch {
        return false;
    }
}

/** `xxgk.importReport(uri?, { overwrite?, labels? })`: the arguments are for the explorer and scripts; a missing file is asked for. */
export function registerImportCommand(client: LanguageClient): vscode.Disposable {
    let channel: vscode.OutputChannel | undefined;
    const command = vscode.commands.registerCommand(commandIds.importReport,
        async (uri?: vscode.Uri, options: { overwrite?: boolean; labels?: 'printed' | 'official' } = {}): Promise<ImportCommandResult> => {
            const source = uri instanceof vscode.Uri ? uri : (await vscode.window.showOpenDialog({
                canSelectMany: false, openLabel: S.importLabel, title: S.importPick, filters: { [S.importFilter]: IMPORTABLE_EXTENSIONS },
            }))?.[0];
            if (!source) return { status: 'cancelled' };
            const params: ImportParams = { uri: source.toString(), ...(options.labels ? { labels: options.labels } : {}) };
            const answer = await client.sendRequest<ImportAnswer>(ImportMethods.import, params);
            if (answer.status === 'failed') {
                void vscode.window.showErrorMessage(S.importFailed(answer.message));
                return { status: 'failed', message: answer.message };
            }
            const target = vscode.Uri.file(answer.target);
            if (await exists(target) && !options.overwrite) {
                const choice = await vscode.window.showWarningMessage(S.importExists(path.basename(answer.target)), { modal: true }, S.replace);
                if (choice !== S.replace) return { status: 'cancelled' };
            }
            await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(answer.text));
            channel ??= vscode.window.createOutputChannel(S.importChannel);
            channel.appendLine(answer.reportText);
            channel.appendLine('');
            channel.show(true);
            const document = await vscode.workspace.openTextDocument(target);
            await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
            const c = answer.report.cells;
            void vscode.window.showInformationMessage(S.imported(path.basename(answer.target), c.read, c.total, c.unreadable));
            return { status: 'written', path: target.fsPath };
        });
    return vscode.Disposable.from(command, { dispose: () => channel?.dispose() });
}
