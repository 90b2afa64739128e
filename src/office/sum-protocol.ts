/**
 * The request between the language server and the client for 「生成汇总报告」 (the command and the
 * quick fix on an xxgk/rollup finding): method name and JSON shapes only. The server adds up the
 * children's reports it knows (src/office/sum.ts, the same as `xxgk sum`) and answers with the
 * text; the client asks where to save it and writes it.
 */
export const SumMethods = {
    /** client → server request: a parent unit's 汇总 report from its children's. */
    create: 'xxgk/office/sum',
    /** The client's command that asks for it and saves the report (the quick fix on an xxgk/rollup finding runs it). */
    command: 'xxgk.sumReport',
} as const;

/** What the quick fix passes to the command, after the report's uri. */
export interface SumCommandOptions {
    unitId?: string;
    year?: number;
}

export interface SumParams {
    /** The parent's 编号; default: the unit of the report at `uri`. */
    unitId?: string;
    /** A report of the parent (its unit and 年度 are the defaults). */
    uri?: string;
    /** Default: the report's 年度, else the latest year with reports. */
    year?: number;
}

export type SumResult =
    | {
        status: 'created';
        text: string;
        unitId: string;
        year: number;
        /** 机关名称-年度.xxgk made plain, as `xxgk sum` names it. */
        fileName: string;
        /** The children added up, and those without a report (names). */
        included: string[];
        missing: string[];
    }
    | { status: 'failed'; message: string };
