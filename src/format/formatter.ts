/**
 * Document formatting: tables aligned by display width (a CJK character takes two columns), sub-rows
 * indented by depth, spacing normalised around labels, colons and numbers. Text blocks are never
 * touched, nor is what a cell says: formatting changes whitespace (and writes ｜ as |) only, so the
 * model is the same before and after, and formatting twice is formatting once.
 */
import type { ReportModel, Span } from '../model/types.js';
import { lineRanges } from '../util/lines.js';
import { layoutTable, INDENT, type LayoutRow } from './table-layout.js';

export interface LineEdit {
    span: Span;
    newText: string;
}

interface Line {
    start: number;
    /** End of the content, before the line break. */
    end: number;
    text: string;
}

function linesOf(text: string): Line[] {
    return lineRanges(text).map(({ start, end }) => ({ start, end, text: text.slice(start, end) }));
}

/** A line's content and its trailing // comment (without the slashes), split. */
function splitComment(line: string): { body: string; comment?: string } {
    const at = line.indexOf('//');
    return at < 0 ? { body: line } : { body: line.slice(0, at), comment: line.slice(at + 2) };
}

function withComment(body: string, comment: string | undefined): string {
    if (comment === undefined) return body;
    return body ? `${body} //${comment}` : `//${comment}`;
}

/** The formatted text of every line that changes, keyed by line number. */
function formattedLines(model: ReportModel): Map<number, string> {
    const text = model.text;
    const lines = linesOf(text);
    const lineAt = (offset: number) => {
        let lo = 0;
        let hi = lines.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (lines[mid].start <= offset) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    };
    const out = new Map<number, string>();
    const frozen = new Set<number>();
    // Text blocks, fences included: untouched.
    for (const prose of [...model.preamble, ...model.sections.flatMap(s => s.prose)]) {
        for (let l = lineAt(prose.span.start); l <= lineAt(prose.span.end); l++) frozen.add(l);
    }
    // Metadata: 键：值 with no spaces around the colon.
    for (const entry of Object.values(model.meta)) {
        if (!entry) continue;
        const l = lineAt(entry.span.start);
        if (frozen.has(l)) continue;
        const { body, comment } = splitComment(lines[l].text);
        // The key ends at the first colon, as the model reads it; `s`: the value may hold U+2028/U+2029.
        const m = /^\s*(\S+?)\s*([:：])\s*(.*?)\s*$/s.exec(body);
        if (m) out.set(l, withComment(`${m[1]}${m[2]}${m[3]}`, comment));
        frozen.add(l);
    }
    // Tables: every header and row line laid out together.
    for (const section of model.sections) {
        for (const table of section.tables) {
            const tableLines: { line: number; row?: LayoutRow; header?: { corner: string; cells: string[] }; comment?: string }[] = [];
            const cellsOf = (line: Line) => {
                const { body, comment } = splitComment(line.text);
                const cells = body.split(/[|｜]/).map(c => c.trim());
                if (cells.length > 1 && cells[cells.length - 1] === '') cells.pop(); // a closing |
                return { cells, comment, piped: cells.length > 1 || /[|｜]/.test(body) };
            };
            if (table.header) {
                const l = lineAt(table.header.span.start);
                const { cells, comment } = cellsOf(lines[l]);
                tableLines.push({ line: l, header: { corner: cells[0], cells: cells.slice(1) }, comment });
            }
            for (const row of table.rows) {
                const l = lineAt(row.lineSpan.start);
                const { cells, comment, piped } = cellsOf(lines[l]);
                const depth = row.def ? table.index.rowById.get(row.def.id)?.depth ?? 0 : 0;
                tableLines.push({ line: l, row: { label: cells[0], depth, cells: piped ? cells.slice(1) : null, comment }, comment });
            }
            tableLines.sort((a, b) => a.line - b.line);
            if (tableLines.some(t => frozen.has(t.line) || out.has(t.line))) continue;
            const header = tableLines.find(t => t.header);
            const laid = layoutTable(header?.header && { ...header.header, comment: header.comment },
                tableLines.filter(t => t.row).map(t => t.row!));
            const order = [...(header ? [header.line] : []), ...tableLines.filter(t => t.row).map(t => t.line)];
            order.forEach((l, i) => {
                out.set(l, laid[i]);
                frozen.add(l);
            });
            if (table.openerSpan) {
                const l = lineAt(table.openerSpan.start);
                if (!frozen.has(l)) out.set(l, normaliseLabelLine(lines[l].text));
                frozen.add(l);
            }
        }
        if (section.headingMissing) continue;
        const l = lineAt(section.headingSpan.start);
        if (!frozen.has(l)) out.set(l, normaliseLabelLine(lines[l].text));
        frozen.add(l);
    }
    // Everything else: no trailing spaces.
    lines.forEach((line, l) => {
        if (!frozen.has(l) && !out.has(l)) out.set(l, line.text.trimEnd());
    });
    for (const [l, formatted] of out) if (formatted === lines[l].text) out.delete(l);
    return out;
}

function normaliseLabelLine(line: string): string {
    const { body, comment } = splitComment(line);
    return withComment(body.trim(), comment);
}

/** Edits that format the document (or the lines of it that intersect `range`), one per changed line. */
export function formatEdits(model: ReportModel, range?: Span): LineEdit[] {
    const lines = linesOf(model.text);
    const edits: LineEdit[] = [];
    for (const [l, newText] of [...formattedLines(model)].sort((a, b) => a[0] - b[0])) {
        const line = lines[l];
        if (range && (line.end < range.start || line.start > range.end)) continue;
        // A line emptied between a lone CR and an LF would join the two breaks into one CRLF: the CR becomes an LF.
        if (newText === '' && model.text.charCodeAt(line.start - 1) === 13 && model.text.charCodeAt(line.end) === 10) {
            edits.push({ span: { start: line.start - 1, end: line.end }, newText: '\n' });
        } else edits.push({ span: { start: line.start, end: line.end }, newText });
    }
    return edits;
}

export function formatText(model: ReportModel): string {
    let text = model.text;
    for (const edit of formatEdits(model).reverse()) text = text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
    return text;
}

export { INDENT };
