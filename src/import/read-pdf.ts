/**
 * The PDF reader: a PDF with a text layer (Word/WPS/LibreOffice/Chromium exports) becomes a
 * SourceDocument — paragraphs with their line wraps joined and page furniture dropped, and table
 * grids rebuilt from the page geometry (src/import/pdf/tables.ts). No OCR: a scan gets one message.
 *
 * A file that cannot be imported at all (not a PDF, encrypted, broken, a scan, too large) throws an
 * ImportError with one Chinese sentence; a file read in part (pages skipped, the page or time limit
 * reached) gives a document with the reason in `issues`. Limits (hostile input gets a message,
 * never a hang): PDF_LIMITS below; a caller may lower or raise them. Takes bytes, not a path; runs
 * in Node and (with asset URLs passed) in a browser.
 */
import { ImportError } from './errors.js';
import type { SourceBlock, SourceCell, SourceDocument, SourceIssue, SourceLocation, SourceTable } from './source.js';
import { defaultAssets, loadPdfJs } from './pdf/load.js';
import { collectGraphics, type FontInfo, type Matrix, type PaintOps } from './pdf/paths.js';
import { groupLines, normalizeText, textRuns, type TextLine } from './pdf/text.js';
import { borderlessTables, joinContinuation, MAX_RULES, ruledTables, type GridTable } from './pdf/tables.js';
import { continues, dropFurniture, margins, paragraphText, type PageLines } from './pdf/layout.js';

export interface ReadPdfOptions {
    /** The file's name, for messages. */
    name?: string;
    /** Base URL/path of pdf.js's CMap files (cmaps/, packed .bcmap); found beside pdfjs-dist in Node. */
    cMapUrl?: string;
    /** Base URL/path of pdf.js's standard_fonts/. */
    standardFontDataUrl?: string;
    maxBytes?: number;
    maxPages?: number;
    /** Time budget for the whole file in milliseconds; pages after it are not read. */
    timeLimitMs?: number;
}

/** The default limits. A published annual report has 5–30 pages and a few MB. */
export const PDF_LIMITS = {
    /** Larger files are refused unread. */
    maxBytes: 100 * 1024 * 1024,
    /** Pages after this are not read (with a message). */
    maxPages: 100,
    timeLimitMs: 30_000,
    /** Text runs of one page beyond this are not read. */
    maxTextRuns: 50_000,
    /** Path coordinates of one page beyond this are not read (its tables then come from text). */
    maxPathNumbers: 2_000_000,
};

const round = (v: number) => Math.round(v * 10) / 10;

class Deadline extends Error {}

function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
    // The loser of the race may still reject (pdf.js rejects pending work when destroyed).
    p.catch(() => undefined);
    const left = deadline - Date.now();
    if (left <= 0) return Promise.reject(new Deadline());
    let timer: ReturnType<typeof setTimeout> | undefined;
    return Promise.race([
        p,
        new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Deadline()), left); }),
    ]).finally(() => clearTimeout(timer));
}

function hasPdfHeader(data: Uint8Array): boolean {
    const head = data.subarray(0, 1024);
    for (let i = 0; i + 4 < head.length; i++) {
        if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
    }
    return false;
}

interface PageResult {
    page: number;
    width: number;
    height: number;
    tables: GridTable[];
    lines: TextLine[];
    chars: number;
    images: number;
}

type PdfPage = Awaited<ReturnType<Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfJs>>['getDocument']>['promise']>['getPage']>>;

async function readPage(page: PdfPage, n: number, OPS: PaintOps, deadline: number, counter: { compat: number }, issues: SourceIssue[]): Promise<PageResult> {
    const viewport = page.getViewport({ scale: 1 });
    const base = viewport.transform as Matrix;
    const ops = await withDeadline(page.getOperatorList(), deadline);
    const fonts = (name: string) => {
        try {
            return page.commonObjs.get(name) as FontInfo;
        } catch {
            return undefined; // not loaded: the glyphs still place, with default metrics
        }
    };
    const graphics = collectGraphics(ops.fnArray, ops.argsArray, OPS, base, PDF_LIMITS.maxPathNumbers, fonts, PDF_LIMITS.maxTextRuns);
    if (graphics.runs.length >= PDF_LIMITS.maxTextRuns) {
        issues.push({ severity: 'warning', message: `第 ${n} 页的文字片段超过 ${PDF_LIMITS.maxTextRuns} 个，只读取了前 ${PDF_LIMITS.maxTextRuns} 个`, at: { page: n } });
    }
    const runs = textRuns(graphics.runs, counter);
    if (graphics.formatError) {
        issues.push({ severity: 'warning', message: `第 ${n} 页的框线数据格式无法识别（${graphics.formatError}），该页表格按文字位置读取，请核对`, at: { page: n } });
    }
    if (graphics.truncated) {
        issues.push({ severity: 'warning', message: `第 ${n} 页的图形过多，只读取了一部分框线，请核对该页表格`, at: { page: n } });
    }
    let rules = graphics.rules;
    if (rules.length > MAX_RULES) {
        issues.push({ severity: 'warning', message: `第 ${n} 页的线条超过 ${MAX_RULES} 条，不按框线识别表格`, at: { page: n } });
        rules = [];
    }
    const { tables, rest } = ruledTables(rules, runs, n);
    page.cleanup();
    return {
        page: n, width: viewport.width, height: viewport.height, tables, lines: groupLines(rest),
        chars: runs.reduce((s, r) => s + r.text.replace(/\s/g, '').length, 0), images: graphics.images,
    };
}

function toSourceTable(t: GridTable, n: number): SourceTable {
    const rows: SourceCell[][] = Array.from({ length: t.rows }, () => []);
    for (const c of [...t.cells].sort((a, b) => a.r0 - b.r0 || a.c0 - b.c0)) {
        const at: SourceLocation = { page: c.page, x: round(c.x), y: round(c.y), table: n, row: c.r0 + 1, column: c.c0 + 1 };
        rows[c.r0].push({ text: c.text, rowSpan: c.r1 - c.r0, colSpan: c.c1 - c.c0, at });
    }
    return { kind: 'table', rows, at: { page: t.page, x: round(t.x0), y: round(t.y0), table: n } };
}

export async function readPdf(data: Uint8Array, options: ReadPdfOptions = {}): Promise<SourceDocument> {
    const maxBytes = options.maxBytes ?? PDF_LIMITS.maxBytes;
    const maxPages = options.maxPages ?? PDF_LIMITS.maxPages;
    const deadline = Date.now() + (options.timeLimitMs ?? PDF_LIMITS.timeLimitMs);
    if (data.length > maxBytes) {
        throw new ImportError(`PDF 文件有 ${(data.length / 1048576).toFixed(1)} MB，超过导入上限 ${(maxBytes / 1048576).toFixed(0)} MB，未读取`);
    }
    if (!hasPdfHeader(data)) {
        throw new ImportError('这不是 PDF 文件（文件开头没有 %PDF 标记），无法读取');
    }
    const pdfjs = await loadPdfJs();
    const assets = defaultAssets();
    const cMapUrl = options.cMapUrl ?? assets.cMapUrl;
    const standardFontDataUrl = options.standardFontDataUrl ?? assets.standardFontDataUrl;
    const issues: SourceIssue[] = [];
    if (!cMapUrl) {
        issues.push({ severity: 'warning', message: '找不到 pdf.js 的 CMap 数据，未嵌入字体的中文可能无法解码' });
    }
    const task = pdfjs.getDocument({
        data: data.slice(), cMapUrl, cMapPacked: true, standardFontDataUrl,
        isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0,
        stopAtErrors: false,
    });
    try {
        let doc;
        try {
            doc = await withDeadline(task.promise, deadline);
        } catch (e) {
            const name = (e as { name?: string })?.name;
            if (name === 'PasswordException') {
                throw new ImportError('PDF 已加密（需要密码才能打开），无法读取；请提供未加密的文件');
            }
            if (e instanceof Deadline) {
                throw new ImportError('PDF 打开超时（文件结构过于复杂或已损坏），未读取');
            }
            throw new ImportError(`PDF 文件已损坏或格式无效，无法读取（${(e as Error)?.message ?? e}）`);
        }
        const OPS = pdfjs.OPS as unknown as PaintOps;
        const counter = { compat: 0 };
        const total = doc.numPages;
        const count = Math.min(total, maxPages);
        if (total > maxPages) {
            issues.push({ severity: 'error', message: `PDF 共 ${total} 页，超过导入上限 ${maxPages} 页，只读取了前 ${maxPages} 页` });
        }
        const pages: PageResult[] = [];
        for (let n = 1; n <= count; n++) {
            try {
                const page = await withDeadline(doc.getPage(n), deadline);
                pages.push(await readPage(page, n, OPS, deadline, counter, issues));
            } catch (e) {
                if (e instanceof Deadline) {
                    issues.push({ severity: 'error', message: `读取超时：第 ${n} 页起（共 ${total} 页）未读取`, at: { page: n } });
                    break;
                }
                issues.push({ severity: 'warning', message: `第 ${n} 页无法读取（${(e as Error)?.message ?? e}），已跳过`, at: { page: n } });
            }
        }
        const meta: SourceDocument['meta'] = {};
        try {
            const info = (await withDeadline(doc.getMetadata(), deadline)).info as { Title?: unknown };
            const title = typeof info?.Title === 'string' ? normalizeText(info.Title, { compat: 0 }).trim() : '';
            if (title) meta.title = title;
        } catch {
            // no document information
        }
        return assemble(pages, counter.compat, issues, meta);
    } finally {
        await task.destroy().catch(() => undefined);
    }
}

/** Pages read → blocks: furniture dropped, borderless tables found, paragraphs and tables joined. */
function assemble(pages: PageResult[], compat: number, issues: SourceIssue[], meta: SourceDocument['meta']): SourceDocument {
    const conversions: SourceDocument['conversions'] = [];
    const chars = pages.reduce((s, p) => s + p.chars, 0);
    if (pages.length && chars === 0) {
        const images = pages.reduce((s, p) => s + p.images, 0);
        throw new ImportError(images > 0
            ? 'PDF 没有文字层（是扫描件或图片），无法导入；本工具不做文字识别（OCR）。请使用 Word/WPS 直接导出的 PDF 或原始文件'
            : 'PDF 中没有可读取的文字，无法导入');
    }
    for (const p of pages) {
        if (p.chars === 0 && p.images > 0) {
            issues.push({ severity: 'warning', message: `第 ${p.page} 页没有文字层（可能是扫描页），已跳过`, at: { page: p.page } });
        }
    }
    if (compat > 0) conversions.push({ kind: 'nfkc', detail: `康熙部首等兼容字符 ${compat} 个按 NFKC 还原`, count: compat });
    const lined: PageLines[] = pages.map(p => ({ page: p.page, width: p.width, height: p.height, lines: p.lines }));
    const furniture = dropFurniture(lined);
    if (furniture.numbers + furniture.running > 0) {
        const parts = [];
        if (furniture.numbers) parts.push(`页码 ${furniture.numbers} 处`);
        if (furniture.running) parts.push(`页眉页脚 ${furniture.running} 处`);
        conversions.push({ kind: 'page-furniture', detail: `去掉了${parts.join('、')}`, count: furniture.numbers + furniture.running });
    }
    type Item = { table: GridTable } | { line: TextLine };
    const perPage: { page: number; height: number; items: Item[]; lines: TextLine[] }[] = [];
    pages.forEach((p, k) => {
        const found = borderlessTables(lined[k].lines, p.page);
        for (const t of found.tables) {
            issues.push({ severity: 'info', message: `第 ${p.page} 页的表格没有框线，按文字位置分行分列，请核对`, at: { page: p.page, x: round(t.x0), y: round(t.y0) } });
        }
        const items: (Item & { y: number })[] = [
            ...p.tables.map(table => ({ table, y: table.y0 })),
            ...found.tables.map(table => ({ table, y: table.y0 })),
            ...found.rest.map(line => ({ line, y: line.y0 })),
        ];
        items.sort((a, b) => a.y - b.y);
        perPage.push({ page: p.page, height: p.height, items, lines: found.rest });
    });
    // Margins from the whole document: a page with a line or two says nothing about them.
    const docMargins = margins(perPage.flatMap(p => p.lines));
    // A paragraph goes on over a page break only from a page filled down to the usual bottom.
    const bottom = Math.max(0, ...perPage.flatMap(p => [...p.lines.map(l => l.y1), ...p.items.flatMap(i => ('table' in i ? [i.table.y1] : []))]));
    const blocks: (SourceBlock | GridTable)[] = [];
    let open: { lines: TextLine[]; page: number } | undefined;
    let lastTable: GridTable | undefined;
    let lastTableBottom = 0;
    let joins = 0, continued = 0;
    const close = () => {
        if (open) blocks.push({ kind: 'paragraph', text: paragraphText(open.lines), at: { page: open.page, x: round(open.lines[0].x0), y: round(open.lines[0].y0) } });
        open = undefined;
    };
    let prevHeight = 0;
    for (const pg of perPage) {
        pg.items.forEach((item, index) => {
            const first = index === 0;
            if ('table' in item) {
                if (first && !open && lastTable && blocks[blocks.length - 1] === lastTable
                    && joinContinuation(lastTable, item.table, bottom - lastTableBottom)) {
                    continued++;
                    lastTableBottom = item.table.y1;
                    return;
                }
                close();
                blocks.push(item.table);
                lastTable = item.table;
                lastTableBottom = item.table.y1;
                return;
            }
            const line = item.line;
            if (open) {
                const prev = open.lines[open.lines.length - 1];
                const filled = prev.y1 >= Math.max(bottom - 3 * prev.size, 0.75 * prevHeight);
                if ((!first || filled) && continues(prev, line, docMargins, first)) {
                    open.lines.push(line);
                    joins++;
                    return;
                }
                close();
            }
            open = { lines: [line], page: pg.page };
        });
        prevHeight = pg.height;
    }
    close();
    if (joins > 0) conversions.push({ kind: 'line-join', detail: `段落内的换行 ${joins} 处已接上`, count: joins });
    if (continued > 0) conversions.push({ kind: 'other', detail: `跨页的表格 ${continued} 处已接续为一个表格`, count: continued });
    let n = 0;
    const out: SourceBlock[] = blocks.map(b => ('kind' in b ? b : toSourceTable(b, ++n)));
    return { kind: 'pdf', blocks: out, meta, conversions, issues };
}
