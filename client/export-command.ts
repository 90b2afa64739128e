/**
 * The command "导出年报…": a quick pick of the formats, a save dialog, a question first when the
 * report has errors; the language server writes the file (the client never parses a report).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PreviewMethods, type ExportParams, type ExportResult } from '../src/render/preview-protocol.js';
import { commandIds } from './ids.js';
import { clientStrings as S } from './strings.js';

type Format = ExportParams['format'];
const formats: readonly Format[] = ['html', 'docx', 'xlsx', 'pdf'];

/**
 * `xxgk.export(uri?, format?, output?)`: the arguments are for the editor title, the preview's
 * button and scripts; what is missing is asked for. Returns the server's answer.
 */
export function registerExportCommand(client: LanguageClient, activePreview: () => vscode.Uri | undefined): vscode.Disposable {
    return vscode.commands.registerCommand(commandIds.export, async (uri?: vscode.Uri, format?: Format, output?: vscode.Uri): Promise<ExportResult | undefined> => {
        const editor = vscode.window.activeTextEditor;
        const resource = uri instanceof vscode.Uri ? uri : activePreview() ?? (editor?.document.languageId === 'xxgk' ? editor.document.uri : undefined);
        if (!resource) {
            void vscode.window.showInformationMessage(S.noReport);
            return undefined;
        }
        const chosen = format ?? (await vscode.window.showQuickPick(
            formats.map(f => ({ ...S.formats[f], format: f })), { placeHolder: S.exportPick },
        ))?.format;
        if (!chosen) return undefined;
        const target = output ?? await vscode.window.showSaveDialog({
            defaultUri: resource.with({ path: resource.path.replace(/(\.xxgk)?$/i, `.${chosen}`) }),
            filters: { [S.formats[chosen].label]: [chosen] },
            saveLabel: S.saveLabel,
        });
        if (!target) return undefined;
        const params: ExportParams = {
            uri: resource.toString(), format: chosen, output: target.fsPath,
            fontPath: vscode.workspace.getConfiguration('xxgk.export', resource).get<string>('fontPath') || undefined,
        };
        let result = await client.sendRequest<ExportResult>(PreviewMethods.export, params);
        if (result.status === 'hasErrors') {
            const answer = await vscode.window.showWarningMessage(S.hasErrors(result.errors), { modal: true, detail: S.hasErrorsDetail }, S.exportAnyway);
            if (answer !== S.exportAnyway) return result;
            result = await client.sendRequest<ExportResult>(PreviewMethods.export, { ...params, allowErrors: true });
        }
        if (result.status === 'failed') {
            void vscode.window.showErrorMessage(S.exportFailed(result.message));
        } else if (result.status === 'written') {
            const written = vscode.Uri.file(result.path);
            void vscode.window.showInformationMessage(S.exported(path.basename(result.path)), S.open, S.reveal).then(choice => {
                if (choice === S.open) void vscode.env.openExternal(written);
                else if (choice === S.reveal) void vscode.commands.executeCommand('revealFileInOS', written);
            });
        }
        return result;
    });
}
