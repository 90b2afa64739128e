/**
 * Previews and exports, served over the LSP connection: after every validation the server sends
 * the view model of each document that has a preview open; it answers render requests (a preview
 * opening, or a document that is not open in an editor) and export requests (it writes the file),
 * so the client never parses a report.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Report } from '../src/language/generated/ast.js';
import { buildView } from '../src/render/build-view.js';
import {
    PreviewMethods, type DocumentParams, type ExportParams, type ExportResult, type ViewMessage,
} from '../src/render/preview-protocol.js';
import { analyze, analyzeCached } from '../src/rules/check.js';
import { ExportError, isExportFormat, outputPath, pdfFonts, renderExport, writeExport } from '../src/export/export.js';
import { exportStrings } from '../src/export/strings.js';
import { ReadError } from '../src/cli/check-file.js';
import { logProblem, oversizedBytes, readReportFile, reportOf, tooLargeBytes, tooLargeMessage } from './documents.js';
import type { XxgkServices } from './xxgk-services.js';

const messages = {
    failed: (reason: string) => `导出失败：${reason}`,
    renderFailed: (reason: string) => `无法生成预览：${reason}`,
};

export function registerPreviewService(shared: LangiumSharedServices, xxgk: XxgkServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const editors = shared.workspace.TextDocuments;
    /** Documents with a preview open, counted (two windows may preview one document). */
    const previewed = new Map<string, number>();

    const viewOfDocument = (doc: LangiumDocument): ViewMessage => {
        const text = doc.textDocument.getText();
        const analysis = analyzeCached(reportOf(shared, doc), text, xxgk.xxgk.Templates, xxgk.xxgk.Options);
        return { uri: doc.uri.toString(), version: doc.textDocument.version, view: buildView(analysis) };
    };

    const viewOfText = (uri: string, version: number, text: string): ViewMessage => {
        const report = xxgk.parser.LangiumParser.parse<Report>(text).value;
        return { uri, version, view: buildView(analyze(report, text, xxgk.xxgk.Templates)) };
    };

    /**
     * The view of a document: the open one once validated (its editor text if the build cannot say),
     * else its file — only a regular `.xxgk` file: a request names a report, not any path.
     */
    const currentView = async (uri: string): Promise<ViewMessage> => {
        const parsed = URI.parse(uri);
        const editor = editors.get(uri);
        if (editor) {
            const tooLarge = oversizedBytes(editor.getText()); // neither parsed nor checked (server/documents.ts)
            if (tooLarge !== undefined) throw new ExportError(tooLargeMessage(tooLarge));
            const validated = await builder.waitUntil(DocumentState.Validated, parsed).then(() => true, () => false);
            const doc = documents.getDocument(parsed);
            const now = editors.get(uri);
            if (!now) return currentView(uri); // closed meanwhile: its file, if any
            if (validated && doc && doc.textDocument.getText() === now.getText()) return viewOfDocument(doc);
            return viewOfText(uri, now.version, now.getText());
        }
        let text: string;
        try {
            text = readReportFile(parsed);
        } catch (e) {
            throw e instanceof ReadError ? new ExportError(e.message) : e;
        }
        return viewOfText(uri, -1, text);
    };

    builder.onBuildPhase(DocumentState.Validated, docs => {
        for (const doc of docs) {
            if (!previewed.has(doc.uri.toString()) || !documents.hasDocument(doc.uri) || tooLargeBytes(doc) !== undefined) continue;
            try {
                void connection.sendNotification(PreviewMethods.view, viewOfDocument(doc));
            } catch (e) {
                logProblem(shared, `xxgk: 预览 ${doc.uri.toString()} 时出错`, e);
            }
        }
    });

    connection.onNotification(PreviewMethods.open, (params: DocumentParams | null) => {
        const uri = String(params?.uri);
        previewed.set(uri, (previewed.get(uri) ?? 0) + 1);
    });
    connection.onNotification(PreviewMethods.close, (params: DocumentParams | null) => {
        const uri = String(params?.uri);
        const n = (previewed.get(uri) ?? 0) - 1;
        if (n > 0) previewed.set(uri, n);
        else previewed.delete(uri);
    });
    connection.onRequest(PreviewMethods.render, async (params: DocumentParams | null) => {
        const uri = params?.uri;
        try {
            return await currentView(String(uri));
        } catch (e) {
            logProblem(shared, `xxgk: 预览 ${String(uri)}`, e);
            const message = e instanceof ExportError ? e.message : messages.renderFailed((e as Error).message);
            throw new ResponseError(ErrorCodes.InternalError, message);
        }
    });
    connection.onRequest(PreviewMethods.export, async (params: ExportParams): Promise<ExportResult> => {
        try {
            params ??= {} as ExportParams;
            if (!isExportFormat(params.format)) return { status: 'failed', message: exportStrings.unknownFormat(String(params.format)) };
            const { view } = await currentView(String(params.uri));
            const { error: errors, warning: warnings } = view.counts;
            if (errors && !params.allowErrors) return { status: 'hasErrors', errors, warnings };
            const parsed = URI.parse(params.uri);
            const source = parsed.scheme === 'file' ? parsed.fsPath : undefined;
            const target = outputPath(source, params.format, params.output);
            const pdf = params.format === 'pdf' ? pdfFonts(params.fontPath || undefined) : undefined;
            writeExport(target, await renderExport(view, params.format, { fonts: pdf?.fonts }));
            return { status: 'written', path: target, errors, warnings, ...(pdf ? { fonts: pdf.description } : {}) };
        } catch (e) {
            return { status: 'failed', message: e instanceof ExportError ? e.message : messages.failed((e as Error).message) };
        }
    });
}
