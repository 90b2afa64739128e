/**
 * The view 「与上年对比」: one webview panel beside the report, showing the comparison the server
 * builds (src/compare) with the shared renderer, updated after every validation of the report or of
 * last year's, following the active report like the preview, restored after a window reload. A click
 * on a cell shows it in its report; the bar's button and the command 「导出与上年对比…」 export it.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CompareMethods, type CompareExportParams, type CompareExportResult, type CompareMessage } from '../../src/compare/protocol.js';
import { commandIds, COMPARE_VIEW_TYPE } from '../ids.js';
import { createNonce } from '../preview/security.js';
import { clientStrings as S } from '../strings.js';
import type { FromCompareWebview, ToCompareWebview } from './messages.js';
import { compareContent, comparePage } from './page.js';

const isReport = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => d?.languageId === 'xxgk';

export class ComparePanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
    private panel?: vscode.WebviewPanel;
    private uri?: vscode.Uri;
    private current?: CompareMessage;
    private loaded = false;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly client: LanguageClient, private readonly extensionUri: vscode.Uri) {
        this.disposables.push(
            vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, this),
            vscode.commands.registerCommand(commandIds.compare, (uri?: vscode.Uri) => this.show(uri)),
            vscode.commands.registerCommand(commandIds.exportComparison, (uri?: vscode.Uri, format?: CompareExportParams['format'], output?: vscode.Uri) =>
                this.export(uri instanceof vscode.Uri ? uri : this.uri, format, output)),
            client.onNotification(CompareMethods.view, (message: CompareMessage) => {
                if (this.uri && message.uri === this.uri.toString()) this.render(message);
            }),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (this.panel && isReport(editor?.document)) void this.switchTo(editor.document.uri);
            }),
        );
    }

    /** The report the panel compares (tests, scripts). */
    get resource(): vscode.Uri | undefined {
        return this.uri;
    }

    private async show(uri?: vscode.Uri): Promise<CompareMessage | undefined> {
        const editor = vscode.window.activeTextEditor;
        const resource = uri instanceof vscode.Uri ? uri : isReport(editor?.document) ? editor.document.uri : this.uri;
        if (!resource) {
            void vscode.window.showInformationMessage(S.noReport);
            return undefined;
        }
        if (!this.panel) {
            const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, S.compareTitle(''), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
                enableScripts: true, enableForms: false, retainContextWhenHidden: true, enableFindWidget: true,
            });
            this.adopt(panel);
        } else {
            this.panel.reveal(undefined, true);
        }
        return this.switchTo(resource);
    }

    private adopt(panel: vscode.WebviewPanel): void {
        this.panel = panel;
        this.loaded = false;
        panel.webview.options = { enableScripts: true, enableForms: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'out', 'webview')] };
        panel.onDidDispose(() => {
            if (this.uri) void this.client.sendNotification(CompareMethods.close, { uri: this.uri.toString() });
            this.panel = undefined;
            this.uri = undefined;
            this.current = undefined;
        }, null, this.disposables);
        panel.webview.onDidReceiveMessage((m: FromCompareWebview) => this.onMessage(m), null, this.disposables);
    }

    /** Shows another report's comparison; the document is opened first, so the server has it. */
    private async switchTo(uri: vscode.Uri): Promise<CompareMessage | undefined> {
        if (!this.panel) return undefined;
        if (this.uri?.toString() !== uri.toString()) {
            if (this.uri) void this.client.sendNotification(CompareMethods.close, { uri: this.uri.toString() });
            this.uri = uri;
            this.current = undefined;
            this.loaded = false; // a fresh page: its state names the new report
            void this.client.sendNotification(CompareMethods.open, { uri: uri.toString() });
        }
        this.panel.title = S.compareTitle(path.basename(uri.path));
        try {
            await vscode.workspace.openTextDocument(uri);
            const message = await this.client.sendRequest<CompareMessage>(CompareMethods.render, { uri: uri.toString() });
            if (this.uri?.toString() === message.uri) this.render(message);
            return message;
        } catch (e) {
            void vscode.window.showErrorMessage(S.compareFailed(e instanceof Error ? e.message : String(e)));
            return undefined;
        }
    }

    private render(message: CompareMessage): void {
        const panel = this.panel;
        if (!panel) return;
        this.current = message;
        const content = compareContent(message.status === 'compared' ? message.view : undefined, message.status === 'noLastYear' ? message.message : undefined, S.compareUi);
        if (!this.loaded) {
            const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'out', 'webview', 'compare.js'));
            panel.webview.html = comparePage(createNonce(), script.toString(), panel.title, content, message.uri);
            this.loaded = true;
        } else {
            const update: ToCompareWebview = { type: 'update', html: content };
            void panel.webview.postMessage(update);
        }
    }

    private onMessage(message: FromCompareWebview): void {
        if (message.type === 'export') {
            void vscode.commands.executeCommand(commandIds.exportComparison, this.uri);
            return;
        }
        const target = message.side === 'this' ? this.uri : this.current?.status === 'compared' ? vscode.Uri.parse(this.current.lastUri) : undefined;
        if (!target) return;
        const { start, end } = message.range;
        void vscode.window.showTextDocument(target, { viewColumn: vscode.ViewColumn.One, selection: new vscode.Range(start.line, start.character, end.line, end.character) });
    }

    /** 「导出与上年对比…」: the format (HTML, Word, Excel) and the file are asked for when not given; the server writes it. */
    private async export(uri: vscode.Uri | undefined, format?: CompareExportParams['format'], output?: vscode.Uri): Promise<CompareExportResult | undefined> {
        const editor = vscode.window.activeTextEditor;
        const resource = uri ?? (isReport(editor?.document) ? editor.document.uri : undefined);
        if (!resource) {
            void vscode.window.showInformationMessage(S.noReport);
            return undefined;
        }
        const formats = S.formats;
        const chosen = format ?? (await vscode.window.showQuickPick(
            (['html', 'docx', 'xlsx'] as const).map(f => ({ label: formats[f].label, format: f })), { placeHolder: S.exportPick },
        ))?.format;
        if (!chosen) return undefined;
        const target = output ?? await vscode.window.showSaveDialog({
            defaultUri: resource.with({ path: resource.path.replace(/(\.xxgk)?$/i, `-与上年对比.${chosen}`) }),
            filters: { [formats[chosen].label]: [chosen] }, saveLabel: S.saveLabel,
        });
        if (!target) return undefined;
        await vscode.workspace.openTextDocument(resource);
        const result = await this.client.sendRequest<CompareExportResult>(CompareMethods.export, { uri: resource.toString(), format: chosen, output: target.fsPath });
        if (result.status === 'failed') void vscode.window.showErrorMessage(S.exportFailed(result.message));
        else void vscode.window.showInformationMessage(S.exported(path.basename(result.path)));
        return result;
    }

    /** A comparison restored after a window reload: its state names the report. */
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const saved = state as { uri?: string } | undefined;
        const editor = vscode.window.activeTextEditor;
        const uri = saved?.uri ? vscode.Uri.parse(saved.uri) : isReport(editor?.document) ? editor.document.uri : undefined;
        if (!uri || this.panel) {
            panel.dispose();
            return;
        }
        this.adopt(panel);
        await this.switchTo(uri);
    }

    dispose(): void {
        this.panel?.dispose();
        this.disposables.forEach(d => d.dispose());
    }
}
