/**
 * The request between the VS Code client and the language server that imports a published report:
 * method name and JSON shapes only, so server/ and client/ agree without importing each other.
 * The server reads the file and runs the same import as `xxgk import`; the client writes the result
 * beside the source (asking before it overwrites) and opens it.
 */
import type { ImportReport } from './report.js';

export const ImportMethods = {
    /** client → server request: import the file at `uri`. */
    import: 'xxgk/import',
} as const;

export interface ImportParams {
    /** file: URI of the published report (.html, .htm, .docx, .xlsx, .pdf, .txt). */
    uri: string;
    labels?: 'printed' | 'official';
}

export type ImportAnswer =
    | {
        status: 'imported';
        /** The new .xxgk text. */
        text: string;
        /** Where it goes by default: beside the source, same name, .xxgk. */
        target: string;
        report: ImportReport;
        /** The import report in Chinese, for the output channel. */
        reportText: string;
    }
    | { status: 'failed'; message: string };
