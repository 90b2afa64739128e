/**
 * Where the cursor is, in the report's terms: which line, which cell of it, which section and
 * table, inside a text block or not. Read from the text and the model; works on any text because
 * every text parses.
 */
import type { ProseBlock, ReportModel, SectionModel, Span, TableModel } from '../model/types.js';
import { lineEndAt, lineStartAt } from '../util/lines.js';

export interface CursorContext {
    offset: number;
    lineStart: number;
    lineEnd: number;
    /** The line up to the cursor. */
    before: string;
    /** The line from the cursor on. */
    after: string;
    /** Index of the cell the cursor is in (0 = the label cell), counting | and ｜ before it. */
    cellIndex: number;
    /** Span of the cell the cursor is in, without surrounding spaces (empty at the cursor if blank). */
    cell: Span;
    /** Whether the line has a cell separator anywhere. */
    piped: boolean;
    inProse?: ProseBlock;
    /** The section the cursor is in (the last heading before it). */
    section?: SectionModel;
    /** The table the cursor is in or right after (the last table of the section that starts before it). */
    table?: TableModel;
    /** Whether the cursor is before the first section (the metadata area). */
    beforeSections: boolean;
}

const PIPE = /[|｜]/g;

export function cursorContext(model: ReportModel, offset: number): CursorContext {
    const text = model.text;
    const lineStart = lineStartAt(text, offset);
    const lineEnd = lineEndAt(text, offset);
    const before = text.slice(lineStart, offset);
    const after = text.slice(offset, lineEnd);
    const line = text.slice(lineStart, lineEnd);
    const pipesBefore = [...before.matchAll(PIPE)].map(m => m.index);
    const cellIndex = pipesBefore.length;
    const cellStartRaw = cellIndex ? lineStart + pipesBefore[cellIndex - 1] + 1 : lineStart;
    const nextPipe = after.search(PIPE);
    let cellEndRaw = nextPipe < 0 ? lineEnd : offset + nextPipe;
    const commentAfter = text.slice(offset, cellEndRaw).indexOf('//');
    if (commentAfter >= 0) cellEndRaw = offset + commentAfter;
    const cell = trimSpan(text, { start: cellStartRaw, end: cellEndRaw }, offset);

    const inProse = [...model.preamble, ...model.sections.flatMap(s => s.prose)]
        .find(p => offset > p.span.start && (offset < p.span.end || (!p.closed && offset <= p.span.end)));
    let section: SectionModel | undefined;
    for (const s of model.sections) if (s.headingSpan.start < lineStart) section = s;
    let table: TableModel | undefined;
    for (const t of section?.tables ?? []) if (t.span.start <= offset) table = t;
    return {
        offset, lineStart, lineEnd, before, after, cellIndex, cell,
        piped: /[|｜]/.test(line),
        inProse,
        section, table,
        beforeSections: !section,
    };
}

/** A span without leading/trailing spaces; a blank span collapses to the cursor. */
function trimSpan(text: string, span: Span, cursor: number): Span {
    let { start, end } = span;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start >= end) return { start: Math.min(Math.max(cursor, span.start), span.end), end: Math.min(Math.max(cursor, span.start), span.end) };
    return { start: Math.min(start, cursor), end: Math.max(end, cursor) };
}

/** Whether the cursor is inside a `//` comment on its line. */
export function inComment(context: CursorContext): boolean {
    return context.before.includes('//');
}
