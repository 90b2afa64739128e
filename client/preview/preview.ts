/**
 * One preview panel: shows the view model of one report (which the server sends), re-renders at
 * once the first time and then at most every 300 ms, patches the page instead of reloading it,
 * drops views older than the one shown, and turns clicks and scrolls in the page into editor moves.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { renderPreviewContent } from '../../src/render/html.js';
import { PreviewMethods, type ViewMessage } from '../../src/render/preview-protocol.js';
import { clientStrings as S } from '../strings.js';
import type { FromWebview, PreviewSettings, ToWebview } from './messages.js';
import { createNonce, placeholderPage, previewPage } from './security.js';
import { Throttle } from './throttle.js';

const THROTTLE_MS = 300;

export interface PreviewHost {
    client: LanguageClient;
    extensionUri: vscode.Uri;
    /** The export command, for the page's export button. */
    exportCommand: string;
}

export class XxgkPreview implements vscode.Disposable {
    private current?: ViewMessage;
    private loaded = false;
    private disposed = false;
    private readonly throttle = new Throttle(THROTTLE_MS, () => this.render());
    private readonly disposables: vscode.Disposable[] = [];
    /** The editor is being scrolled by the preview: don't echo its scroll back. */
    private scrollingEditorUntil = 0;
    private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
    readonly onDispose = this.onDisposeEmitter.event;

    constructor(readonly panel: vscode.WebviewPanel, private uri: vscode.Uri, private readonly host: PreviewHost, private startLine?: number) {
        panel.webview.options = {
            enableScripts: true,
            enableForms: false,
            localResourceRoots: [vscode.Uri.joinPath(host.extensionUri, 'out', 'webview')],
        };
        this.disposables.push(
            panel.onDidDispose(() => this.dispose()),
            panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
        );
        this.open();
    }

    get resource(): vscode.Uri {
        return this.uri;
    }

    /** Shows another report in this panel; the next view renders at once. */
    switchTo(uri: vscode.Uri, line?: number): void {
        if (uri.toString() === this.uri.toString()) return;
        void this.host.client.sendNotification(PreviewMethods.close, { uri: this.uri.toString() });
        this.uri = uri;
        this.current = undefined;
        this.loaded = false;
        this.startLine = line;
        this.throttle.reset();
        this.post({ type: 'pending' });
        this.open();
    }

    /** A view from the server: newer ones replace what is shown, older ones are dropped. */
    onView(message: ViewMessage): void {
        if (this.disposed || message.uri !== this.uri.toString()) return;
        const shown = this.current?.version;
        if (shown !== undefined && message.version !== -1 && shown !== -1 && message.version < shown) return;
        this.current = message;
        this.throttle.trigger();
    }

    documentChanged(): void {
        this.post({ type: 'pending' });
    }

    scrollTo(line: number): void {
        if (Date.now() < this.scrollingEditorUntil) return;
        this.post({ type: 'scrollToLine', line });
    }

    markLine(line: number): void {
        this.post({ type: 'activeLine', line });
    }

    private open(): void {
        const uri = this.uri.toString();
        this.panel.title = S.previewTitle(path.basename(this.uri.path));
        if (!this.loaded) this.panel.webview.html = placeholderPage(createNonce(), this.panel.title, S.loading);
        void this.host.client.sendNotification(PreviewMethods.open, { uri });
        this.host.client.sendRequest<ViewMessage>(PreviewMethods.render, { uri }).then(
            view => this.onView(view),
            (e: unknown) => {
                const message = S.previewFailed(e instanceof Error ? e.message : String(e));
                if (!this.loaded && !this.disposed) this.panel.webview.html = placeholderPage(createNonce(), this.panel.title, message);
                void vscode.window.showErrorMessage(message);
            },
        );
    }

    private render(): void {
        if (this.disposed || !this.current) return;
        const content = renderPreviewContent(this.current.view, S.previewUi);
        if (!this.loaded) {
            const config = vscode.workspace.getConfiguration('xxgk.preview', this.uri);
            const settings: PreviewSettings = {
                uri: this.uri.toString(),
                line: this.startLine,
                scrollPreviewWithEditor: config.get('scrollPreviewWithEditor', true),
                scrollEditorWithPreview: config.get('scrollEditorWithPreview', true),
                pendingText: S.previewUi.pending,
            };
            const webview = this.panel.webview;
            const script = webview.asWebviewUri(vscode.Uri.joinPath(this.host.extensionUri, 'out', 'webview', 'preview.js'));
            webview.html = previewPage({ nonce: createNonce(), scriptUri: script.toString(), title: this.current.view.title.text, content, settings });
            this.loaded = true;
        } else {
            this.post({ type: 'update', html: content, version: this.current.version });
        }
    }

    private post(message: ToWebview): void {
        if (!this.disposed && this.loaded) void this.panel.webview.postMessage(message);
    }

    private onMessage(message: FromWebview): void {
        switch (message.type) {
            case 'reveal': {
                const { start, end } = message.range;
                const selection = new vscode.Range(start.line, start.character, end.line, end.character);
                const editor = this.editor();
                void vscode.window.showTextDocument(this.uri, {
                    viewColumn: editor?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One),
                    selection,
                });
                break;
            }
            case 'revealLine': {
                const editor = this.editor();
                if (!editor) return;
                this.scrollingEditorUntil = Date.now() + 300;
                editor.revealRange(new vscode.Range(message.line, 0, message.line, 0), vscode.TextEditorRevealType.AtTop);
                break;
            }
            case 'export':
                void vscode.commands.executeCommand(this.host.exportCommand, this.uri);
                break;
        }
    }

    private editor(): vscode.TextEditor | undefined {
        return vscode.window.visibleTextEditors.find(e => e.document.uri.toString() === this.uri.toString());
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.throttle.cancel();
        void this.host.client.sendNotification(PreviewMethods.close, { uri: this.uri.toString() });
        this.disposables.forEach(d => d.dispose());
        this.onDisposeEmitter.fire();
        this.onDisposeEmitter.dispose();
        this.panel.dispose();
    }
}
