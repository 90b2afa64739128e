/**
 * The command 「生成汇总报告」 (also run by the quick fix on an xxgk/rollup finding): the language
 * server adds up the children's reports (src/office/sum.ts, as `xxgk sum`); the client asks for the
 * unit when it cannot tell, where to save, writes the file and opens it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SumMethods, type SumCommandOptions, type SumParams, type SumResult } from '../../src/office/sum-protocol.js';
import { commandIds } from '../ids.js';
import { clientStrings as S } from '../strings.js';

export interface SumOptions extends SumCommandOptions {
    /** Where to save; asked for when missing. */
    output?: vscode.Uri;
}

export type SumCommandResult = { status: 'written'; path: string; included: string[]; missing: string[] } | { status: 'failed'; message: string } | undefined;

/** `xxgk.sumReport(uri?, options?)`: from a parent's report (the editor's, or the quick fix's), or a unit's 编号. */
export function registerSumCommand(client: LanguageClient): vscode.Disposable {
    return vscode.commands.registerCommand(commandIds.sumReport, async (uri?: vscode.Uri | string, options: SumOptions = {}): Promise<SumCommandResult> => {
        const editor = vscode.window.activeTextEditor;
        const resource = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri instanceof vscode.Uri ? uri
            : editor?.document.languageId === 'xxgk' ? editor.document.uri : undefined;
        const unitId = options.unitId ?? (resource ? undefined : (await vscode.window.showInputBox({ prompt: S.sumUnitPrompt }))?.trim());
        if (!resource && !unitId) return undefined;
        const params: SumParams = { ...(resource ? { uri: resource.toString() } : {}), ...(unitId ? { unitId } : {}), ...(options.year ? { year: options.year } : {}) };
        const result = await client.sendRequest<SumResult>(SumMethods.create, params);
        if (result.status === 'failed') {
            void vscode.window.showErrorMessage(S.sumFailed(result.message));
            return result;
        }
        const folder = resource ? vscode.Uri.joinPath(resource, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = options.output ?? await vscode.window.showSaveDialog({
            defaultUri: folder ? vscode.Uri.joinPath(folder, result.fileName) : undefined,
            filters: { [S.reportFilter]: ['xxgk'] },
            saveLabel: S.nextYearSave,
        });
        if (!target) return undefined;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
        await vscode.window.showTextDocument(target);
        void vscode.window.showInformationMessage(S.sumWritten(result.year, result.included.length, result.missing.length));
        return { status: 'written', path: target.fsPath, included: result.included, missing: result.missing };
    });
}
