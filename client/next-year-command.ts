/**
 * The command 「由上年报告生成新年报」: the language server writes next year's report from this one
 * (src/format/next-year.ts, the same function as `xxgk new --from`); the client asks whether to keep
 * last year's prose as a guide, where to save, writes the file and opens it.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { NextYearMethods, type NextYearParams, type NextYearResult } from '../src/format/next-year-protocol.js';
import { commandIds } from './ids.js';
import { clientStrings as S } from './strings.js';

export interface NextYearOptions {
    prose?: 'keep' | 'drop';
    /** Where to save; asked for when missing. */
    output?: vscode.Uri;
}

export type NextYearCommandResult = { status: 'written'; path: string; notes: string[] } | { status: 'failed'; message: string } | undefined;

/** `xxgk.newFromLastYear(uri?, options?)`: arguments for the explorer menu and scripts; what is missing is asked for. */
export function registerNextYearCommand(client: LanguageClient): vscode.Disposable {
    return vscode.commands.registerCommand(commandIds.newFromLastYear, async (uri?: vscode.Uri, options: NextYearOptions = {}): Promise<NextYearCommandResult> => {
        const editor = vscode.window.activeTextEditor;
        const resource = uri instanceof vscode.Uri ? uri : editor?.document.languageId === 'xxgk' ? editor.document.uri : undefined;
        if (!resource) {
            void vscode.window.showInformationMessage(S.noReport);
            return undefined;
        }
        const prose = options.prose ?? (await vscode.window.showQuickPick([
            { label: S.proseKeep, description: S.proseKeepDetail, prose: 'keep' as const },
            { label: S.proseDrop, description: S.proseDropDetail, prose: 'drop' as const },
        ], { placeHolder: S.prosePick }))?.prose;
        if (!prose) return undefined;
        const params: NextYearParams = { uri: resource.toString(), prose };
        const result = await client.sendRequest<NextYearResult>(NextYearMethods.create, params);
        if (result.status === 'failed') {
            void vscode.window.showErrorMessage(S.nextYearFailed(result.message));
            return result;
        }
        const target = options.output ?? await vscode.window.showSaveDialog({
            defaultUri: vscode.Uri.joinPath(resource, '..', result.fileName),
            filters: { [S.reportFilter]: ['xxgk'] },
            saveLabel: S.nextYearSave,
        });
        if (!target) return undefined;
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
        await vscode.window.showTextDocument(target);
        void vscode.window.showInformationMessage(S.nextYearWritten(result.year));
        return { status: 'written', path: target.fsPath, notes: result.notes };
    });
}
