/**
 * Imports a published report for the editor: the client asks with the file's URI, the server reads
 * it and runs src/import (the same function as `xxgk import`) and answers with the new text and
 * the import report. Writing and opening the file is the client's.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { URI } from 'langium';
import { readRegularFile } from '../src/cli/check-file.js';
import { ImportError, importBytes } from '../src/import/import.js';
import { ImportMethods, type ImportAnswer, type ImportParams } from '../src/import/protocol.js';
import { formatImportReport } from '../src/import/report.js';

/** A published report to import is a PDF, Word, Excel, HTML or text file: at most 64 MB. */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export function registerImportService(shared: LangiumSharedServices): void {
    const connection = shared.lsp.Connection;
    if (!connection) return;
    connection.onRequest(ImportMethods.import, async (params: ImportParams | null): Promise<ImportAnswer> => {
        if (typeof params?.uri !== 'string') return { status: 'failed', message: '导入请求缺少文件' };
        const uri = URI.parse(params.uri);
        if (uri.scheme !== 'file') return { status: 'failed', message: `只能导入本机上的文件（${uri.scheme}:）` };
        const file = uri.fsPath;
        let data: Buffer;
        try {
            data = readRegularFile(file, MAX_IMPORT_BYTES); // no FIFO, device or unbounded read
        } catch (e) {
            return { status: 'failed', message: `${file}：${(e as Error).message}` };
        }
        try {
            const name = file.split(/[\\/]/).pop()!;
            const result = await importBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { name, labels: params.labels });
            return {
                status: 'imported', text: result.text, report: result.report, reportText: formatImportReport(result.report),
                target: file.replace(/\.[^./\\]+$/, '') + '.xxgk',
            };
        } catch (e) {
            if (e instanceof ImportError) return { status: 'failed', message: e.message };
            return { status: 'failed', message: `导入时出错：${e instanceof Error ? e.message : String(e)}` };
        }
    });
}
