/** Checking one file for the CLI: read it (UTF-8 only), analyse it, report positions as line:column. */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import type { LangiumCoreServices } from 'langium';
import type { Finding, Span } from '../model/types.js';
import { checkText, type CheckOptions as RuleOptions } from '../rules/check.js';
import { reportSummary, type ReportSummary } from '../rules/cross-year.js';
import { reportFigures, type ReportFigures } from '../rules/figures.js';
import { filingSummary, type FilingSummary } from '../office/filing.js';
import type { SuppressionRange } from '../rules/suppress.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { parseYear } from '../model/meta-values.js';
import { LineIndex } from '../util/lines.js';


export interface OutPosition {
    /** 1-based */
    line: number;
    /** 1-based, in UTF-16 code units */
    column: number;
    offset: number;
}

export interface OutRange {
    start: OutPosition;
    end: OutPosition;
}

export interface OutFinding {
    code: string;
    severity: Finding['severity'];
    message: string;
    rule?: string;
    range: OutRange;
    data: Finding['data'];
    /** `path`: the other file, for cross-year rules; absent: this file. */
    related?: { range: OutRange; message: string; path?: string }[];
    /** Set on a finding a suppression comment suppressed: the comment's reason. */
    suppression?: { justification: string };
}

export interface FileResult {
    path: string;
    /** Set when the file could not be read: a one-line message. */
    error?: string;
    findings: OutFinding[];
    /** Findings suppression comments suppressed (not counted, not printed as text; SARIF lists them as suppressed). */
    suppressed?: OutFinding[];
    /** What the file's suppression comments cover (for the cross-year findings added on the main thread). */
    suppressions?: SuppressionRange[];
    format?: string;
    year?: number;
    agency?: string;
    /** What the cross-year rules read (R14–R17); evaluated on the main thread once every file is checked. */
    summary?: ReportSummary;
    /**
     * The summary as a worker thread sends it: JSON beside its 机关 key and 年度, so that the main thread
     * parses only the summaries of reports with a neighbouring year (structured-cloning every summary
     * cost ≈ 75 µs a file, 15 % of its check; as JSON ≈ 29 µs).
     */
    packedSummary?: { agencyKey: string; year: number; json: string };
    /** The values of the tables asked for (CheckOptions.figures): the whole-area comparison and roll-up read them. */
    figures?: ReportFigures;
    /** What the unit registry's checks and status read (src/office), when asked for. */
    filing?: FilingSummary;
    /** Set when the file was not checked because its 年度 is not one of the years asked for (`xxgk status`). */
    otherYear?: number;
}

/** The rules' options (a local deadline, whether suppressions count) and what the CLI adds. */
export interface CheckOptions extends RuleOptions {
    /** Also send the figures of these tables (src/rules/figures.ts). */
    figures?: readonly string[];
    /** Also make the filing summary (src/office/filing.ts). */
    filing?: boolean;
    /** Check only reports of these years; the 年度 is read from the lines above the first text block. */
    years?: readonly number[];
    /** With the figures, where each cell is (a parent's report, for the roll-up findings). */
    positions?: boolean;
}

const YEAR_LINE = /^[^\S\r\n]*年度[^\S\r\n]*[:：][^\S\r\n]*(\S+?)[^\S\r\n]*(?:\/\/.*)?$/m;

/**
 * The 年度 a report declares before its first text block, read without parsing it (undefined: none
 * there, or not a year). Only used to leave out reports of years nobody asked for.
 */
export function declaredYear(text: string): number | undefined {
    const fence = text.indexOf('"""');
    const head = fence < 0 ? text : text.slice(0, fence);
    const m = YEAR_LINE.exec(head);
    return m ? parseYear(m[1]) : undefined;
}

/** A result ready to cross to another thread: its summary packed (see FileResult.packedSummary). */
export function packSummary(result: FileResult): FileResult {
    const { summary, ...rest } = result;
    return summary ? { ...rest, packedSummary: { agencyKey: summary.agencyKey, year: summary.year, json: JSON.stringify(summary) } } : result;
}

/** A result's summary, unpacked on first use. */
export function summaryOf(result: FileResult): ReportSummary | undefined {
    if (!result.summary && result.packedSummary) result.summary = JSON.parse(result.packedSummary.json) as ReportSummary;
    return result.summary;
}

export class ReadError extends Error {}

/**
 * The largest report read: 20 MB. Real reports are 20–100 KB of text and the largest seen is under
 * 1 MB; the language server's stress document is 5 MB. Anything bigger is not a report (or a device
 * such as /dev/zero behind a link) and is refused before it is read.
 */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

const readReasons: Record<string, string> = {
    ENOENT: '文件不存在', EACCES: '没有读取权限', EISDIR: '这是一个目录', EPERM: '没有读取权限', ENXIO: '不是普通文件（套接字或设备）',
    ELOOP: '符号链接层数过多（循环链接）', ENAMETOOLONG: '路径过长',
};

function readFailure(e: unknown): ReadError {
    if (e instanceof ReadError) return e;
    const err = e as NodeJS.ErrnoException;
    return new ReadError(`无法读取：${readReasons[err.code ?? ''] ?? err.message}${err.code ? `（${err.code}）` : ''}`);
}

/** What a path is when it is not a regular file, in words. */
function notAFile(stat: Stats): ReadError {
    const what = stat.isDirectory() ? '这是一个目录' : stat.isFIFO() ? '这是一个命名管道（FIFO）' : stat.isSocket() ? '这是一个套接字' :
        stat.isCharacterDevice() || stat.isBlockDevice() ? '这是一个设备文件' : '不是普通文件';
    return new ReadError(`无法读取：${what}；只读取普通文件`);
}

function tooLarge(bytes: number): ReadError {
    return new ReadError(`文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB 的上限，未读取`);
}

/**
 * A regular file's bytes, at most MAX_REPORT_BYTES. It is opened non-blocking, so a FIFO (also
 * behind a link) does not wait for a writer, and anything but a regular file — a FIFO, a device
 * such as /dev/zero, a directory — is refused before a byte is read; so is a file over the limit.
 */
export function readRegularFile(path: string, limit = MAX_REPORT_BYTES): Buffer {
    let fd: number | undefined;
    try {
        fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
        const stat = fstatSync(fd);
        if (!stat.isFile()) throw notAFile(stat);
        if (stat.size > limit) throw tooLarge(stat.size);
        // Read to the end, never past the limit (a file may grow, or report no size: /proc).
        const chunks: Buffer[] = [];
        let total = 0;
        for (;;) {
            const want = Math.min(total === 0 && stat.size > 0 ? stat.size + 1 : 1 << 16, limit + 1 - total);
            const chunk = Buffer.allocUnsafe(want);
            const n = readSync(fd, chunk, 0, want, null);
            if (n === 0) break;
            chunks.push(n === want ? chunk : chunk.subarray(0, n));
            total += n;
            if (total > limit) throw tooLarge(total);
            if (n < want && total === stat.size) break; // all of it, in one read: the common case
        }
        return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    } catch (e) {
        throw readFailure(e);
    } finally {
        if (fd !== undefined) closeSync(fd);
    }
}

/** Reads a report as UTF-8 text (a BOM is dropped); anything else is a ReadError with a clear message. */
export function readReport(path: string): string {
    const bytes = readRegularFile(path);
    if (bytes.includes(0)) throw new ReadError('不是文本文件（含有 NUL 字节）');
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
        let hint = '';
        try {
            new TextDecoder('gb18030', { fatal: true }).decode(bytes);
            hint = '，看起来是 GBK/GB18030 编码';
        } catch { /* not GBK either */ }
        throw new ReadError(`不是 UTF-8 编码${hint}；请将文件另存为 UTF-8`);
    }
}

export function checkFile(path: string, services: LangiumCoreServices, registry: TemplateRegistry = nationalRegistry,
    options: CheckOptions = {}): FileResult {
    let text: string;
    try {
        text = readReport(path);
    } catch (e) {
        if (e instanceof ReadError) return { path, error: e.message, findings: [] };
        throw e;
    }
    if (options.years) {
        const year = declaredYear(text);
        if (year !== undefined && !options.years.includes(year)) return { path, findings: [], otherYear: year };
    }
    const { model, findings, suppressed, suppressions } = checkText(text, services, registry, options);
    const lines = new LineIndex(text);
    const position = (offset: number): OutPosition => {
        const p = lines.position(offset);
        return { line: p.line + 1, column: p.character + 1, offset };
    };
    const range = (span: Span): OutRange => ({ start: position(span.start), end: position(span.end) });
    const result: FileResult = {
        path,
        format: model.template.id,
        year: model.meta.year?.value,
        agency: model.meta.agency?.value,
        findings: findings.map(f => outFinding(f, range)),
        summary: reportSummary(model, registry, lines),
        ...(options.figures ? { figures: reportFigures(model, new Set(options.figures), options.positions ? lines : undefined) } : {}),
        ...(options.filing ? { filing: filingSummary(model, lines) } : {}),
    };
    if (suppressed.length) result.suppressed = suppressed.map(f => outFinding(f, range));
    if (suppressions.length) result.suppressions = suppressions;
    return result;
}

/** A finding as the CLI prints it; related spans in another file carry their own positions. */
export function outFinding(f: Finding, range: (span: Span) => OutRange): OutFinding {
    const out: OutFinding = { code: f.code, severity: f.severity, message: f.message, range: range(f.span), data: f.data };
    if (f.rule) out.rule = f.rule;
    if (f.suppression) out.suppression = { justification: f.suppression.justification };
    if (f.related) {
        out.related = f.related.map(r => r.source !== undefined && r.range
            ? { range: outRange(r.span, r.range), message: r.message, path: r.source }
            : { range: range(r.span), message: r.message });
    }
    return out;
}

/** A span with its zero-based positions, as 1-based output. */
export function outRange(span: Span, range: { start: { line: number; character: number }; end: { line: number; character: number } }): OutRange {
    return {
        start: { line: range.start.line + 1, column: range.start.character + 1, offset: span.start },
        end: { line: range.end.line + 1, column: range.end.character + 1, offset: span.end },
    };
}
