/**
 * 「与上年对比」 over the LSP connection: the comparison of an open report with last year's report of
 * the same 机关 in the workspace (found through the cross-year index), sent after every validation of
 * either report while a comparison shows it, on request, and exported to a file on request.
 */
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { compareReports } from '../src/compare/compare.js';
import { CompareMethods, type CompareExportParams, type CompareExportResult, type CompareMessage } from '../src/compare/protocol.js';
import { analyzeCached } from '../src/rules/check.js';
import { ExportError, outputPath, writeExport } from '../src/export/export.js';
import { reportOf } from './documents.js';
import type { XxgkServices } from './xxgk-services.js';

const messages = {
    notOpen: (uri: string) => `${uri} 不在工作区中`,
    noLastYear: (agency: string | undefined, year: number | undefined) => agency && year !== undefined
        ? `工作区中没有「${agency}」${year - 1} 年度的报告，无法与上年对比`
        : '这份报告缺少「机关」或「年度」，无法找到上一年度的报告',
    failed: (reason: string) => `导出失败：${reason}`,
};

export function registerCompareService(shared: LangiumSharedServices, xxgk: XxgkServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    const documents = shared.workspace.LangiumDocuments;
    const builder = shared.workspace.DocumentBuilder;
    const reports = xxgk.crossYear.Reports;
    const templates = xxgk.xxgk.Templates;
    /** Documents a comparison shows, counted. */
    const compared = new Map<string, number>();

    const analysis = (doc: LangiumDocument) => analyzeCached(reportOf(shared, doc), doc.textDocument.getText(), templates);

    const compare = (doc: LangiumDocument): CompareMessage => {
        const uri = doc.uri.toString();
        const found = reports.previousOf(doc);
        if (!found?.previous) {
            const meta = analysis(doc).model.meta;
            return { uri, status: 'noLastYear', message: messages.noLastYear(meta.agency?.value, meta.year?.value) };
        }
        const last = found.previous.document;
        const lastUri = last.uri.toString();
        const view = compareReports(analysis(last), analysis(doc), { registry: templates, lastSource: lastUri });
        return { uri, status: 'compared', lastUri, view };
    };

    const current = async (uri: string): Promise<CompareMessage> => {
        const parsed = URI.parse(uri);
        if (!documents.hasDocument(parsed)) throw new ExportError(messages.notOpen(uri));
        await builder.waitUntil(DocumentState.Validated, parsed);
        return compare(documents.getDocument(parsed)!);
    };

    builder.onBuildPhase(DocumentState.Validated, docs => {
        if (!compared.size) return;
        const changed = new Set(docs.map(d => d.uri.toString()));
        for (const uri of compared.keys()) {
            const parsed = URI.parse(uri);
            if (!documents.hasDocument(parsed)) continue;
            const doc = documents.getDocument(parsed)!;
            const last = reports.previousOf(doc)?.previous?.document.uri.toString();
            if (changed.has(uri) || (last && changed.has(last))) void connection.sendNotification(CompareMethods.view, compare(doc));
        }
    });

    connection.onNotification(CompareMethods.open, ({ uri }: { uri: string }) => {
        compared.set(uri, (compared.get(uri) ?? 0) + 1);
    });
    connection.onNotification(CompareMethods.close, ({ uri }: { uri: string }) => {
        const n = (compared.get(uri) ?? 0) - 1;
        if (n > 0) compared.set(uri, n);
        else compared.delete(uri);
    });
    connection.onRequest(CompareMethods.render, ({ uri }: { uri: string }) => current(uri));
    connection.onRequest(CompareMethods.export, async (params: CompareExportParams): Promise<CompareExportResult> => {
        try {
            const message = await current(params.uri);
            if (message.status !== 'compared') return { status: 'failed', message: message.message };
            const parsed = URI.parse(params.uri);
            const target = outputPath(parsed.scheme === 'file' ? parsed.fsPath : undefined, params.format, params.output, '-与上年对比');
            const view = message.view;
            const data = params.format === 'html' ? Buffer.from((await import('../src/compare/html.js')).renderCompareStandalone(view), 'utf8')
                : params.format === 'xlsx' ? await (await import('../src/compare/xlsx.js')).exportCompareXlsx(view)
                    : await (await import('../src/compare/docx.js')).exportCompareDocx(view);
            writeExport(target, data);
            return { status: 'written', path: target };
        } catch (e) {
            return { status: 'failed', message: e instanceof ExportError ? e.message : messages.failed((e as Error).message) };
        }
    });
}
