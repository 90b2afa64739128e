/**
 * 「由上年报告生成新年报」 over the LSP connection: the server reads last year's report (the open
 * document, else the file), runs src/format/next-year.ts and answers with the new text; the client
 * chooses where to save it.
 */
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Report } from '../src/language/generated/ast.js';
import { nextYearReport, NextYearError } from '../src/format/next-year.js';
import { NextYearMethods, type NextYearParams, type NextYearResult } from '../src/format/next-year-protocol.js';
import { analyze, analyzeCached } from '../src/rules/check.js';
import { plainFileName, REPORT_EXTENSION } from '../src/util/report-files.js';
import { ReadError } from '../src/cli/check-file.js';
import { readReportFile, reportOf, tooLargeBytes, tooLargeMessage } from './documents.js';
import type { XxgkServices } from './xxgk-services.js';

const messages = {
    failed: (reason: string) => `生成失败：${reason}`,
};

/** A report's analysis: the open document once validated, else the file on disk (undefined: unreadable, with why). */
export async function analysisOfUri(shared: LangiumSharedServices, xxgk: XxgkServices, uri: string) {
    const parsed = URI.parse(uri);
    const documents = shared.workspace.LangiumDocuments;
    if (documents.hasDocument(parsed)) {
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, parsed);
        const doc = documents.getDocument(parsed)!;
        const tooLarge = tooLargeBytes(doc);
        if (tooLarge !== undefined) throw new NextYearError(tooLargeMessage(tooLarge));
        const text = doc.textDocument.getText();
        return { analysis: analyzeCached(reportOf(shared, doc), text, xxgk.xxgk.Templates), version: doc.textDocument.version };
    }
    let text: string;
    try {
        text = readReportFile(parsed); // a regular .xxgk file of a sane size, as every file the server reads
    } catch (e) {
        throw e instanceof ReadError ? new NextYearError(e.message) : e;
    }
    const report = xxgk.parser.LangiumParser.parse<Report>(text).value;
    return { analysis: analyze(report, text, xxgk.xxgk.Templates), version: -1 };
}

export function registerNextYearService(shared: LangiumSharedServices, xxgk: XxgkServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(NextYearMethods.create, async (params: NextYearParams): Promise<NextYearResult> => {
        try {
            const { analysis } = await analysisOfUri(shared, xxgk, params.uri);
            const { model } = analysis;
            const lastYear = model.meta.year?.value;
            const year = params.year ?? (lastYear === undefined ? undefined : lastYear + 1);
            if (year === undefined || !Number.isInteger(year)) throw new NextYearError('上年报告没有可识别的「年度」，无法确定下一年度');
            const source = URI.parse(params.uri).path.split('/').pop();
            const next = nextYearReport({ previous: model, year, registry: xxgk.xxgk.Templates, prose: params.prose ?? 'keep', source });
            const agency = model.meta.agency!.value!;
            return {
                status: 'created', text: next.text, year, format: next.template.id,
                fileName: `${plainFileName(agency, '年报')}-${year}${REPORT_EXTENSION}`, notes: next.notes,
            };
        } catch (e) {
            return { status: 'failed', message: e instanceof NextYearError ? e.message : messages.failed((e as Error).message) };
        }
    });
}
