/**
 * Lays a table out as text so that it reads like the printed table: labels left, numbers right,
 * columns aligned by display width (a CJK character takes two columns), sub-rows indented.
 * Used by `xxgk new`, and by the document formatter.
 */
import { displayWidth } from '../util/text.js';

export interface LayoutRow {
    label: string;
    depth: number;
    /** Value cells; null for a label line without cells (a group label). */
    cells: readonly string[] | null;
    /** A comment kept at the end of the line, without the leading //. */
    comment?: string;
}

export interface LayoutHeader {
    corner: string;
    cells: readonly string[];
    comment?: string;
}

export const INDENT = '  ';
const SEPARATOR = ' | ';

export function layoutTable(header: LayoutHeader | undefined, rows: readonly LayoutRow[]): string[] {
    const labelOf = (row: LayoutRow) => INDENT.repeat(row.depth) + row.label;
    const labelWidth = Math.max(
        header ? displayWidth(header.corner) : 0,
        ...rows.filter(r => r.cells).map(r => displayWidth(labelOf(r))),
    );
    const columnCount = Math.max(header?.cells.length ?? 0, ...rows.map(r => r.cells?.length ?? 0));
    const widths: number[] = [];
    for (let i = 0; i < columnCount; i++) {
        widths[i] = Math.max(1, displayWidth(header?.cells[i] ?? ''), ...rows.map(r => displayWidth(r.cells?.[i] ?? '')));
    }
    const line = (label: string, cells: readonly string[], comment?: string) => {
        const parts = [padEnd(label, labelWidth), ...cells.map((c, i) => padStart(c, widths[i]))];
        // A blank last cell keeps a closing |, or it would stop being a cell; so does a row of no cells.
        const closing = !cells.length || !cells[cells.length - 1] ? ' |' : '';
        return withComment(closing ? parts.join(SEPARATOR) + closing : parts.join(SEPARATOR).trimEnd(), comment);
    };
    const out: string[] = [];
    if (header) out.push(line(header.corner, header.cells, header.comment));
    for (const row of rows) {
        out.push(row.cells ? line(labelOf(row), row.cells, row.comment) : withComment(labelOf(row), row.comment));
    }
    return out;
}

function withComment(text: string, comment: string | undefined): string {
    return comment === undefined ? text : `${text} //${comment}`;
}

export function padEnd(text: string, width: number): string {
    return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStart(text: string, width: number): string {
    return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}
