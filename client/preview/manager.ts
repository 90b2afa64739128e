/**
 * The preview's life in the window, after VS Code's Markdown preview: the commands "Open Preview"
 * and "Open Preview to the Side", one preview that follows the active report, restored after a
 * window reload (WebviewPanelSerializer), and the editor → preview half of scroll sync.
 */
import * as vscode from 'vscode';
import { PreviewMethods, type ViewMessage } from '../../src/render/preview-protocol.js';
import { clientStrings as S } from '../strings.js';
import { commandIds, PREVIEW_VIEW_TYPE } from '../ids.js';
import { XxgkPreview, type PreviewHost } from './preview.js';

function isReport(document: vscode.TextDocument | undefined): document is vscode.TextDocument {
    return document?.languageId === 'xxgk';
}

export class PreviewManager implements vscode.WebviewPanelSerializer, vscode.Disposable {
    private preview?: XxgkPreview;
    private readonly disposables: vscode.Disposable[] = [];

    constructor(private readonly host: PreviewHost) {
        const { client } = host;
        this.disposables.push(
            vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, this),
            vscode.commands.registerCommand(commandIds.showPreview, (uri?: vscode.Uri) => this.show(uri, false)),
            vscode.commands.registerCommand(commandIds.showPreviewToSide, (uri?: vscode.Uri) => this.show(uri, true)),
            vscode.commands.registerCommand(commandIds.showSource, () => this.showSource()),
            client.onNotification(PreviewMethods.view, (message: ViewMessage) => this.preview?.onView(message)),
            vscode.window.onDidChangeActiveTextEditor(editor => {
                if (this.preview && isReport(editor?.document)) this.preview.switchTo(editor.document.uri, editor.visibleRanges[0]?.start.line);
            }),
            vscode.workspace.onDidChangeTextDocument(e => {
                if (this.preview && e.document.uri.toString() === this.preview.resource.toString() && e.contentChanges.length) this.preview.documentChanged();
            }),
            vscode.window.onDidChangeTextEditorVisibleRanges(e => {
                if (this.preview && e.textEditor.document.uri.toString() === this.preview.resource.toString() && e.visibleRanges[0]) {
                    this.preview.scrollTo(e.visibleRanges[0].start.line);
                }
            }),
            vscode.window.onDidChangeTextEditorSelection(e => {
                if (this.preview && e.textEditor.document.uri.toString() === this.preview.resource.toString()) {
                    this.preview.markLine(e.selections[0].active.line);
                }
            }),
        );
    }

    /** The report the preview shows (for the export command). */
    get activeResource(): vscode.Uri | undefined {
        return this.preview?.panel.active ? this.preview.resource : undefined;
    }

    private async show(uri: vscode.Uri | undefined, toSide: boolean): Promise<void> {
        const editor = vscode.window.activeTextEditor;
        const resource = uri ?? (isReport(editor?.document) ? editor.document.uri : this.preview?.resource);
        if (!resource) {
            void vscode.window.showInformationMessage(S.noReport);
            return;
        }
        const column = toSide ? vscode.ViewColumn.Beside : editor?.viewColumn ?? vscode.ViewColumn.Active;
        const line = editor?.document.uri.toString() === resource.toString() ? editor.visibleRanges[0]?.start.line : undefined;
        if (this.preview) {
            this.preview.switchTo(resource, line);
            this.preview.panel.reveal(toSide ? undefined : column, toSide);
            return;
        }
        const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, S.previewTitle(''), { viewColumn: column, preserveFocus: toSide }, {
            enableScripts: true, enableForms: false, retainContextWhenHidden: true, enableFindWidget: true,
        });
        this.adopt(panel, resource, line);
    }

    private async showSource(): Promise<void> {
        if (!this.preview) return;
        await vscode.window.showTextDocument(this.preview.resource, { viewColumn: vscode.ViewColumn.One });
    }

    /** A preview restored after a window reload: its state names the report and the line it showed. */
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        const saved = state as { uri?: string; line?: number } | undefined;
        if (!saved?.uri || this.preview) {
            panel.dispose();
            return;
        }
        this.adopt(panel, vscode.Uri.parse(saved.uri), saved.line);
    }

    private adopt(panel: vscode.WebviewPanel, uri: vscode.Uri, line?: number): void {
        const preview = new XxgkPreview(panel, uri, this.host, line);
        preview.onDispose(() => {
            if (this.preview === preview) this.preview = undefined;
        });
        this.preview = preview;
    }

    dispose(): void {
        this.preview?.dispose();
        this.disposables.forEach(d => d.dispose());
    }
}
