/**
 * What every importer reader produces: a published report as it was laid out, before anything is
 * known about formats, sections or labels. Readers (text, HTML, DOCX, PDF) only recover the
 * document's paragraphs and table grids with where each came from; src/import then recognises the
 * report in them from template data and writes the .xxgk text and the import report.
 *
 * Pure data, no Node APIs: a reader running in a browser produces the same thing.
 */

/** Where a piece of the source is, for messages and the import report (every field optional). */
export interface SourceLocation {
    /** 1-based line of a text source. */
    line?: number;
    /** 1-based page of a PDF. */
    page?: number;
    /** Position on a PDF page in points from the page's top-left corner. */
    x?: number;
    y?: number;
    /** 1-based number of the table in the source, and row/column inside its grid (HTML, DOCX, PDF). */
    table?: number;
    row?: number;
    column?: number;
}

/** One cell of a table as the source draws it: merged cells carry their spans (HTML model). */
export interface SourceCell {
    /**
     * The cell's text, outer whitespace trimmed; inner line breaks kept as '\n' (HTML <br>, DOCX
     * paragraphs). PDF cells have none: every line break inside a PDF cell is a wrap, so the PDF
     * reader joins a cell's lines. NFKC: src/import/normalize.ts applies it to every document
     * (to compatibility characters such as Kangxi radicals; full-width forms stay as printed).
     */
    text: string;
    rowSpan: number;
    colSpan: number;
    at: SourceLocation;
}

export interface SourceTable {
    kind: 'table';
    /**
     * Rows in the HTML model: each row lists only the cells that start in it, left to right; a cell
     * covered by a rowspan/colspan from above or the left is not repeated.
     */
    rows: SourceCell[][];
    at: SourceLocation;
}

export interface SourceParagraph {
    kind: 'paragraph';
    /** The paragraph's text (normalised as a cell's); for PDF, line wraps inside the paragraph already joined. */
    text: string;
    at: SourceLocation;
}

export type SourceBlock = SourceParagraph | SourceTable;

/** A step a reader took that changed the text (charset, NFKC, traditional → simplified, …). */
export interface SourceConversion {
    kind: 'charset' | 'nfkc' | 'traditional' | 'pinyin' | 'page-furniture' | 'line-join' | 'glued-digits' | 'other';
    /** Chinese, for the import report (「按 GBK 解码」「康熙部首字符 12 个按 NFKC 还原」). */
    detail: string;
    count?: number;
}

/** Something the reader could not read or had to decide, at its place. */
export interface SourceIssue {
    severity: 'error' | 'warning' | 'info';
    /** Chinese, for the import report. */
    message: string;
    at?: SourceLocation;
}

export interface SourceDocument {
    /** 'text' | 'html' | 'docx' | 'xlsx' | 'pdf'. */
    kind: 'text' | 'html' | 'docx' | 'xlsx' | 'pdf';
    blocks: SourceBlock[];
    /** What the source says about itself outside the body (HTML <title>, <meta name="PubDate">, PDF info). */
    meta: { title?: string; published?: string };
    conversions: SourceConversion[];
    issues: SourceIssue[];
}

/**
 * The grid of a table with every covered position filled: grid[r][c] is the cell drawn there (the
 * same object at every position a merged cell covers). Spans are clamped to the table, as browsers do.
 */
export function expandGrid(table: SourceTable): SourceCell[][] {
    const grid: SourceCell[][] = [];
    table.rows.forEach((row, r) => {
        grid[r] ??= [];
        let c = 0;
        for (const cell of row) {
            while (grid[r][c]) c++;
            const rowSpan = Math.max(1, Math.min(cell.rowSpan, table.rows.length - r));
            const colSpan = Math.max(1, cell.colSpan);
            for (let dr = 0; dr < rowSpan; dr++) {
                const target = (grid[r + dr] ??= []);
                for (let dc = 0; dc < colSpan; dc++) target[c + dc] ??= cell;
            }
            c += colSpan;
        }
    });
    return grid;
}
