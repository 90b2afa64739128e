/**
 * A recognised report → the .xxgk text: metadata, the sections in the source's order with their
 * prose verbatim in text blocks, and the tables in the language's grid, aligned (src/format).
 *
 * Faithful by default: headings, captions, headers and row labels as printed wherever the checker
 * reads the printed label as the same one (it then reports a variant as a finding); where it
 * would not, the official label is written and the printed one kept in a comment. `labels:
 * 'official'` writes the official labels throughout. Cells are written as printed; a cell that
 * could not be read is `？` (the checker reports it at its place, it never counts as 0).
 */
import { layoutTable, type LayoutRow } from '../format/table-layout.js';
import { indexOf, type TableIndex } from '../templates/template-index.js';
import type { LabelSpec } from '../templates/types.js';
import type { Vocabulary } from '../templates/vocabulary.js';
import { widthKey } from '../util/text.js';
import type { Printed, Recognized, RecognizedRow, RecognizedTable } from './recognize.js';
import type { SourceLocation } from './source.js';

export type LabelMode = 'printed' | 'official';

export interface LabelMapping {
    kind: 'section' | 'caption' | 'note' | 'corner' | 'column' | 'row';
    printed: string;
    official: string;
    /** Which of the two the file has. */
    written: 'printed' | 'official';
    /** Why the official label was written although one was printed. */
    reason?: string;
    at?: SourceLocation;
    table?: string;
}

export interface Written {
    text: string;
    labels: LabelMapping[];
}

/** The text a cell that could not be read is written as: not a number, so the checker reports it there. */
export const UNREADABLE = '？';

/** Text made safe for one line of the language: no pipes, no comment starts, no text-block fences. */
function safe(text: string): string {
    return text.replace(/[\r\n]+/g, ' ').replace(/[|｜]/g, '/').replace(/\/\//g, '/ /').replace(/"""/g, '“””').trim();
}

function safeProse(text: string): string {
    return text.replace(/"""/g, '“””');
}

function safeComment(text: string): string {
    return text.replace(/[\r\n]+/g, ' ');
}

export function writeReport(rec: Recognized, options: { labels?: LabelMode; name?: string; kindName?: string } = {}): Written {
    const mode = options.labels ?? 'printed';
    const labels: LabelMapping[] = [];
    const out: string[] = [];
    const from = options.name ? `「${safeComment(options.name)}」` : '';
    out.push(`// 由 xxgk import 从${from}${options.kindName ? `（${options.kindName}）` : ''}导入；无法识别的单元格写作「${UNREADABLE}」，详见导入报告`);
    const meta = rec.meta;
    if (meta.title) out.push(`标题：${safe(meta.title)}`);
    if (meta.agency) out.push(`机关：${safe(meta.agency)}`);
    if (meta.year !== undefined) out.push(`年度：${meta.year}`);
    if (rec.formatBy !== 'latest' || rec.sections.some(s => s.blocks.some(b => b.kind === 'table'))) out.push(`格式：${rec.template.id}`);
    if (meta.published) out.push(`发布日期：${meta.published}`);
    if (meta.period) out.push(`统计期限：${meta.period}`);
    out.push('');
    if (rec.preamble.length) out.push(...textBlock(rec.preamble), '');

    /**
     * The label to write for a printed one: printed when the checker reads it as the same label
     * (`reads`), else official with the printed text in a comment.
     */
    const choose = (kind: LabelMapping['kind'], printed: Printed | undefined, official: LabelSpec, reads: (text: string) => LabelSpec | undefined,
        table?: string): { text: string; comment?: string } => {
        if (!printed?.text) return { text: official.label };
        const same = widthKey(printed.text) === widthKey(official.label);
        if (same) return { text: mode === 'official' ? official.label : printed.text };
        const read = reads(printed.text);
        if (mode === 'official') {
            labels.push({ kind, printed: printed.text, official: official.label, written: 'official', at: printed.at, table });
            return { text: official.label };
        }
        if (read && read.label === official.label) {
            labels.push({ kind, printed: printed.text, official: official.label, written: 'printed', at: printed.at, table });
            return { text: printed.text };
        }
        const reason = read ? `检查器会读作「${read.label}」` : '检查器不认识这个写法';
        labels.push({ kind, printed: printed.text, official: official.label, written: 'official', reason, at: printed.at, table });
        return { text: official.label, comment: ` 原文「${safeComment(printed.text)}」` };
    };
    // The checker's own reading of a label: its vocabulary lookup (a misspelling it only suggests for is an error there).
    const lookup = <T extends LabelSpec>(vocabulary: Vocabulary<T>) => (text: string): T | undefined => vocabulary.lookup(text)?.item;

    const templateIndex = indexOf(rec.template);
    for (const section of rec.sections) {
        const heading = choose('section', section.heading, section.def, lookup(templateIndex.sectionVocabulary));
        out.push(withComment(safe(heading.text), heading.comment ?? (section.heading ? undefined : ' 导入：原文没有这个标题')));
        if (section.def.kind === 'tables') out.push('');
        for (const block of section.blocks) {
            if (block.kind === 'prose') out.push(...textBlock(block.paragraphs), '');
            else out.push(...writeTable(block.table, templateIndex.openerVocabulary.get(section.def.id)!, choose, lookup), '');
        }
        if (section.def.kind === 'prose' && !section.blocks.length) out.push('"""', '"""', '');
    }
    while (out[out.length - 1] === '') out.pop();
    return { text: `${out.join('\n')}\n`, labels };
}

function withComment(text: string, comment: string | undefined): string {
    return comment ? `${text} //${comment}` : text;
}

function textBlock(paragraphs: readonly string[]): string[] {
    return ['"""', paragraphs.map(safeProse).join('\n\n'), '"""'];
}

type Choose = (kind: LabelMapping['kind'], printed: Printed | undefined, official: LabelSpec, reads: (text: string) => LabelSpec | undefined, table?: string) => { text: string; comment?: string };
type Lookup = <T extends LabelSpec>(vocabulary: Vocabulary<T>) => (text: string) => T | undefined;

function writeTable(table: RecognizedTable, openers: Vocabulary<LabelSpec>, choose: Choose, lookup: Lookup): string[] {
    const index: TableIndex = table.index;
    const def = index.def;
    const id = def.id;
    const out: string[] = [];
    if (def.caption) {
        const caption = choose('caption', table.caption, def.caption, lookup(openers), id);
        out.push(withComment(safe(caption.text), caption.comment ?? (table.caption ? undefined : ' 导入：原文没有表题')));
    }
    if (def.note && table.note) {
        const note = choose('note', table.note, def.note, lookup(openers), id);
        out.push(withComment(safe(note.text), note.comment));
    }
    const cornerDef = def.corner?.[0];
    const corner = cornerDef ? choose('corner', table.corner, cornerDef, lookup(index.cornerVocabulary), id) : { text: '' };
    const headerComments: string[] = [];
    if (corner.comment) headerComments.push(corner.comment.trim());
    const header = table.columns.map(c => {
        const chosen = choose('column', c.printed, c.def, lookup(index.columnVocabulary), id);
        if (chosen.comment) headerComments.push(`${c.def.label}${chosen.comment.trim()}`);
        return safe(chosen.text);
    });
    if (!table.headerFound) headerComments.push('导入：原文没有表头，按格式补写');
    const rows: LayoutRow[] = table.rows.map(row => layoutRow(row, choose, lookup, index));
    out.push(...layoutTable({ corner: safe(corner.text), cells: header, ...(headerComments.length ? { comment: ` ${headerComments.join('；')}` } : {}) }, rows));
    for (const left of table.leftovers) out.push(`// 原文：${safeComment(left.text)}`);
    return out;
}

function layoutRow(row: RecognizedRow, choose: Choose, lookup: Lookup, index: TableIndex): LayoutRow {
    let label: { text: string; comment?: string };
    if (row.def && !row.synthesized) label = choose('row', row.printed, row.def, lookup(index.rowVocabulary), index.def.id);
    else label = { text: row.def?.label ?? row.printed.text };
    const comments = [label.comment?.trim(), row.synthesized ? '导入：原文未印此分组标签，按格式补写' : undefined, row.comment].filter(Boolean);
    const cells = row.cells ? trimMissing(row.cells.map(c => (c.state === 'unreadable' ? UNREADABLE : c.state === 'missing' ? undefined : safe(c.text ?? '')))) : null;
    return {
        label: safe(label.text) || (row.def?.label ?? ''), depth: row.depth, cells,
        ...(comments.length ? { comment: ` ${comments.join('；')}` } : {}),
    };
}

/** Cells missing at the end of a row (the copy was cut) are not written; one missing in the middle cannot be, and is unreadable. */
function trimMissing(cells: (string | undefined)[]): string[] {
    let end = cells.length;
    while (end > 0 && cells[end - 1] === undefined) end--;
    return cells.slice(0, end).map(c => c ?? UNREADABLE);
}

