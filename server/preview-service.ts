/**
 * Previews and exports, served over the LSP connection: after every validation the server sends
 * the view model of each document that has a preview open; it answers render requests (a preview
 * opening, or a document that is not open in an editor) and export requests (it writes the file),
 * so the client never parses a report.
 */
import { readFileSync } from 'node:fs';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Report } from '../src/language/generated/ast.js';
import { buildView } from '../src/render/build-view.js';
import {
    PreviewMethods, type DocumentParams, type ExportParams, type ExportResult, type ViewMessage,
} from '../src/render/preview-protocol.js';
import { analyze, analyzeCached } from '../src/rules/check.js';
import { ExportError, isExportFormat, outputPath, pdfFonts, renderExport, writeExport } from '../src/export/export.js';
import { exportStrings } from '../src/export/strings.js';
import type { XxgkServices } from './xxgk-services.js';

const messages = {
    unreadable: (path: string, reason: string) => `无法读取 ${path}（${reason}）`,
    failed: (reason: string) => `导出失败：${reason}`,
};

export function registerPreviewService(shared: LangiumSharedServices, xxgk: XxgkServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    /** Documents with a preview open, counted (two windows may preview one document). */
    const previewed = new Map<string, number>();

    const viewOfDocument = (doc: LangiumDocument): ViewMessage => {
        const text = doc.textDocument.getText();
        const analysis = analyzeCached(doc.parseResult.value as Report, text, xxgk.xxgk.Templates, xxgk.xxgk.Options);
        return { uri: doc.uri.toString(), version: doc.textDocument.version, view: buildView(analysis) };
    };

    /** The view of a document: the open one once validated, else the file on disk. */
    const currentView = async (uri: string): Promise<ViewMessage> => {
        const parsed = URI.parse(uri);
        if (documents.hasDocument(parsed)) {
            await builder.waitUntil(DocumentState.Validated, parsed);
            return viewOfDocument(documents.getDocument(parsed)!);
        }
        let text: string;
        try {
            text = readFileSync(parsed.fsPath, 'utf8');
        } catch (e) {
            const err = e as NodeJS.ErrnoException;
            throw new ExportError(messages.unreadable(parsed.fsPath, err.code ?? err.message));
        }
        const report = xxgk.parser.LangiumParser.parse<Report>(text).value;
        return { uri, version: -1, view: buildView(analyze(report, text, xxgk.xxgk.Templates, xxgk.xxgk.Options)) };
    };

    builder.onBuildPhase(DocumentState.Validated, docs => {
        for (const doc of docs) {
            if (previewed.has(doc.uri.toString())) void connection.sendNotification(PreviewMethods.view, viewOfDocument(doc));
        }
    });

    connection.onNotification(PreviewMethods.open, ({ uri }: DocumentParams) => {
        previewed.set(uri, (previewed.get(uri) ?? 0) + 1);
    });
    connection.onNotification(PreviewMethods.close, ({ uri }: DocumentParams) => {
        const n = (previewed.get(uri) ?? 0) - 1;
        if (n > 0) previewed.set(uri, n);
        else previewed.delete(uri);
    });
    connection.onRequest(PreviewMethods.render, ({ uri }: DocumentParams) => currentView(uri));
    connection.onRequest(PreviewMethods.export, async (params: ExportParams): Promise<ExportResult> => {
        try {
            if (!isExportFormat(params.format)) return { status: 'failed', message: exportStrings.unknownFormat(String(params.format)) };
            const { view } = await currentView(params.uri);
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
