/**
 * The messages between the language server and the client about previews and exports: method
 * names and JSON shapes only (no LSP types), so server/ and client/ agree without importing each
 * other.
 */
import type { ReportView } from './view-model.js';

export const PreviewMethods = {
    /** client → server notification: a preview shows this document; send its view after every validation. */
    open: 'xxgk/preview/open',
    /** client → server notification: no preview shows this document any more. */
    close: 'xxgk/preview/close',
    /** server → client notification: a fresh view of a document that has a preview. */
    view: 'xxgk/preview/view',
    /** client → server request: the current view of a document (validated first). */
    render: 'xxgk/preview/render',
    /** client → server request: export a document (the server writes the file). */
    export: 'xxgk/export',
} as const;

export interface DocumentParams {
    uri: string;
}

export interface ViewMessage {
    uri: string;
    /** The document version the view was built from (-1: read from disk, not open in an editor). */
    version: number;
    view: ReportView;
}

export interface ExportParams {
    uri: string;
    format: 'html' | 'docx' | 'xlsx' | 'pdf';
    /** The file (or folder) to write; default: beside the report. */
    output?: string;
    /** xxgk.export.fontPath */
    fontPath?: string;
    /** Export even if the report has errors (the client asked the user first). */
    allowErrors?: boolean;
}

export type ExportResult =
    /** `fonts`: for a PDF, which fonts it embeds and where they came from (「字体：…」). */
    | { status: 'written'; path: string; errors: number; warnings: number; fonts?: string }
    | { status: 'hasErrors'; errors: number; warnings: number }
    | { status: 'failed'; message: string };
