/**
 * The report model: what a parsed .xxgk file means, resolved against its template.
 * Positions are offsets into the document text (Span); converting them to lines and columns is the
 * caller's business (LSP, CLI).
 */
import type { ColumnDef, RowDef, SectionDef, Severity, TableDef, TemplateDef } from '../templates/types.js';
import type { TableIndex } from '../templates/template-index.js';
import type { LevelDef } from '../templates/levels.js';
import type { Position } from '../util/lines.js';

export interface Span {
    start: number;
    end: number;
}

export interface RelatedSpan {
    span: Span;
    message: string;
    /**
     * Set when the span is in another document (cross-year rules): that document's uri or path, and
     * the span's zero-based line and character there (the edge converting positions has no text for it).
     */
    source?: string;
    range?: { start: Position; end: Position };
}

/** What a quick fix needs, carried in a diagnostic's `data`. */
export interface FindingData {
    /** The finding's code again (LSP convention: data.code). */
    code: string;
    /** The value the cell at `span` should have (sums, balances). */
    computed?: number;
    reported?: number;
    table?: string;
    row?: string;
    column?: string;
    /** The official spelling of a variant label. */
    canonical?: string;
    [key: string]: unknown;
}

export interface Finding {
    code: string;
    severity: Severity;
    message: string;
    span: Span;
    /** The rule of docs/domain.md (R1 …). */
    rule?: string;
    data: FindingData;
    related?: RelatedSpan[];
    /** Set on a finding a suppression comment suppressed (src/rules/suppress.ts): its reason and where the comment is. */
    suppression?: { justification: string; span?: Span };
}

/**
 * How a cell reads: a number (`12`, or annotated `12（其中修订3件）`); blank; `-` or `—` (dash); `/`
 * (slash); missing at the end of its row; unreadable. The text as written is kept in `text` and
 * printed as written: a blank prints blank, `-` prints `-`, `/` prints `/`.
 */
export type CellState = 'number' | 'blank' | 'dash' | 'slash' | 'missing' | 'invalid';

export interface CellModel {
    span: Span;
    /** The cell as written, trimmed. */
    text: string;
    column?: ColumnDef;
    state: CellState;
    /**
     * The number written (blank, dash, slash and missing: 0; invalid: none). The rules read blank
     * cells through src/rules/engine.ts (`readingOfCell`): as 0, or as the value their equalities determine.
     */
    value?: number;
    /** The parenthesised note of an annotated number, without the parentheses: 12（其中修订3件） → 其中修订3件. */
    note?: string;
}

export interface RowModel {
    def?: RowDef;
    /** The label as written. */
    label: string;
    labelSpan: Span;
    lineSpan: Span;
    /** Value cells by position (after the label cell). */
    cells: CellModel[];
    /** Value cells by column id (first occurrence). */
    byColumn: Map<string, CellModel>;
    /** Whether the line had cell separators (a label-only line has none). */
    piped: boolean;
}

export interface HeaderModel {
    span: Span;
    cornerText: string;
    /** Column of each header cell after the corner (undefined: unknown or duplicate). */
    columns: (ColumnDef | undefined)[];
    cellSpans: Span[];
}

export interface TableModel {
    def: TableDef;
    index: TableIndex;
    /** Caption (二) or note (三) line, if written. */
    openerSpan?: Span;
    header?: HeaderModel;
    /** The columns that value cells are read by: the header's, or the template's when there is none. */
    columns: (ColumnDef | undefined)[];
    rows: RowModel[];
    rowsById: Map<string, RowModel>;
    span: Span;
}

export interface ProseBlock {
    span: Span;
    /** The text between the fences, exactly as written (without the line breaks next to the fences). */
    text: string;
    /** The document offset of `text`'s first character: text[i] is at textOffset + i. */
    textOffset: number;
    closed: boolean;
}

export interface SectionModel {
    def: SectionDef;
    label: string;
    /** Where the heading is; an empty span at the section's first line when the heading was left out. */
    headingSpan: Span;
    /** The heading was left out: the section was recognised by its tables (label is then the official heading). */
    headingMissing?: boolean;
    prose: ProseBlock[];
    tables: TableModel[];
    span: Span;
}

export interface MetaEntry<T> {
    /** The whole line. */
    span: Span;
    valueSpan: Span;
    text: string;
    value?: T;
}

export interface DateValue {
    year: number;
    month: number;
    day: number;
}

export interface Meta {
    title?: MetaEntry<string>;
    agency?: MetaEntry<string>;
    level?: MetaEntry<LevelDef>;
    year?: MetaEntry<number>;
    format?: MetaEntry<TemplateDef>;
    published?: MetaEntry<DateValue>;
    period?: MetaEntry<{ from: DateValue; to: DateValue }>;
    /** 单位编号: the report's unit in the unit registry (src/office), overriding the match by 机关. */
    unitId?: MetaEntry<string>;
}

export interface ReportModel {
    text: string;
    meta: Meta;
    template: TemplateDef;
    /** Whether 格式 was declared, or inferred from 年度. */
    templateDeclared: boolean;
    /** The title to print: 标题, or one made from 机关 and 年度. */
    title: string;
    /** Prose before the first section (the report's opening paragraph). */
    preamble: ProseBlock[];
    sections: SectionModel[];
    sectionsById: Map<string, SectionModel>;
    tables: Map<string, TableModel>;
    /** Findings of the model itself (structure, metadata, values); rule findings come from src/rules. */
    findings: Finding[];
}
