/**
 * The request between the language server and the client for 「由上年报告生成新年报」: method name and
 * JSON shapes only (no LSP types). The server runs src/format/next-year.ts on the report (open or on
 * disk) and answers with the new report's text; the client asks where to save it and writes it.
 */
export const NextYearMethods = {
    /** client → server request: next year's report from this one. */
    create: 'xxgk/nextYear',
} as const;

export interface NextYearParams {
    /** Last year's report. */
    uri: string;
    /** The new report's 年度; default: the report's 年度 + 1. */
    year?: number;
    /** Last year's prose as a commented guide (keep, the default) or left out (drop). */
    prose?: 'keep' | 'drop';
}

export type NextYearResult =
    | {
        status: 'created';
        text: string;
        year: number;
        format: string;
        /** The file name `xxgk new --from` would use: 机关名称-年度.xxgk made plain. */
        fileName: string;
        /** What was carried and what not, one line each (the header comment of the new report). */
        notes: string[];
    }
    | { status: 'failed'; message: string };
