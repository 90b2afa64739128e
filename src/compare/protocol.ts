/**
 * The messages between the language server and the client about 「与上年对比」: method names and JSON
 * shapes only. The server finds last year's report of the same 机关 in the workspace, builds the
 * comparison (src/compare/compare.ts) and sends it again after every validation of either report;
 * the client renders it (src/compare/html.ts) in a webview beside the report.
 */
import type { CompareView } from './view.js';

export const CompareMethods = {
    /** client → server notification: a comparison shows this document; send it after every validation of it or of last year's. */
    open: 'xxgk/compare/open',
    /** client → server notification: no comparison shows this document any more. */
    close: 'xxgk/compare/close',
    /** server → client notification: a fresh comparison. */
    view: 'xxgk/compare/view',
    /** client → server request: the current comparison of a document. */
    render: 'xxgk/compare/render',
    /** client → server request: export the comparison (the server writes the file). */
    export: 'xxgk/compare/export',
} as const;

export type CompareMessage =
    | { uri: string; status: 'compared'; lastUri: string; view: CompareView }
    /** No report of the same 机关 for the year before in the workspace (or the report has no 机关 / 年度). */
    | { uri: string; status: 'noLastYear'; message: string };

export interface CompareExportParams {
    uri: string;
    format: 'html' | 'xlsx' | 'docx';
    /** The file (or folder) to write; default: beside the report, 「…-与上年对比」. */
    output?: string;
}

export type CompareExportResult = { status: 'written'; path: string } | { status: 'failed'; message: string };
