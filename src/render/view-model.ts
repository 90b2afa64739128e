/**
 * The view model: the report as it will be printed, plus what the checks found, as plain JSON.
 *
 * The language server sends it to the preview after every validation; the HTML renderer, the
 * exporters (HTML, DOCX, XLSX, PDF) and the CLI read nothing else. Everything layout-shaped is
 * decided here, once, from the template data: which header cells merge, which label cells span
 * which rows, the transposition of table 四, which cells are totals of which.
 */
import type { Severity } from '../templates/types.js';

/** The view model's schema, for whoever stores or sends it. */
export const VIEW_SCHEMA = 'xxgk-view/1';

/** A place in the source, zero-based, UTF-16 (the LSP convention). */
export interface ViewPosition {
    line: number;
    character: number;
}

export interface ViewRange {
    start: ViewPosition;
    end: ViewPosition;
}

export interface ViewFinding {
    code: string;
    severity: Severity;
    message: string;
    rule?: string;
    range: ViewRange;
    computed?: number;
    reported?: number;
}

/** What every printed element may carry: where it was written and which findings concern it. */
export interface ViewAnchored {
    range?: ViewRange;
    /** Indices into ReportView.findings. */
    findings?: number[];
}

export interface ViewText extends ViewAnchored {
    text: string;
}

export interface ViewParagraph extends ViewAnchored {
    kind: 'paragraph';
    /** A leading run-in heading such as 「（一）主动公开。」, printed in 楷体. */
    lead?: string;
    /** The rest of the paragraph. */
    text: string;
}

export type CellKind = 'caption' | 'corner' | 'header' | 'label' | 'value';
export type ValueState = 'number' | 'blank' | 'dash' | 'slash' | 'missing' | 'invalid' | 'absent';

export interface ViewCell extends ViewAnchored {
    kind: CellKind;
    text: string;
    colSpan?: number;
    rowSpan?: number;
    /** value cells: `${rowId}.${columnId}` — what totals and checks refer to. */
    ref?: string;
    /** value cells: how the written text reads ('absent': the row is not in the file); `text` is printed as written. */
    state?: ValueState;
    value?: number;
    /** value cells: what a failing rule computed for this cell, or the value the rules read for a blank one. */
    computed?: number;
    /** value cells: the parenthesised note of an annotated number (12（其中修订3件） → 其中修订3件); `text` is printed, `value` summed. */
    note?: string;
    /** value cells: the column's value kind (count, signed, amount). */
    valueKind?: 'count' | 'signed' | 'amount';
    /** label cells: depth in the row tree (0 = top level). */
    depth?: number;
    /** value cells of a year-over-year comparison (src/compare): the same cell in last year's report, and the change. */
    change?: ViewChange;
}

/** A cell compared with the same cell (row and column id) of last year's report. */
export interface ViewChange {
    last: number;
    /** This year − last year, exact (amounts as decimals), as printed: +3, -2, 0, +0.5. */
    delta: string;
    /** This year ÷ last year (undefined when last year's is 0). */
    ratio?: number;
    /** A spike (src/templates/comparison.ts spikeRule): up or down. */
    spike?: 'up' | 'down';
}

/** A total in the printed table: `target` = Σ `terms` (refs of value cells). */
export interface ViewTotal {
    target: string;
    terms: string[];
    /** The rule (xxgk/row-total …) and its title. */
    code: string;
    title: string;
    /** The row or column the total is checked for ("（一）予以公开", "自然人"). */
    at: string;
}

/** Any other relation between cells, e.g. 一 + 二 = 三（七）+ 四 for one column. */
export interface ViewCheck {
    code: string;
    title: string;
    /** The row or column checked ("自然人"). */
    at: string;
    lhs: string[];
    op: '=' | '>=' | '<=';
    rhs: string[];
}

export interface ViewTable extends ViewAnchored {
    kind: 'table';
    id: string;
    /** Caption, title or section name: the table's name in sheet names and messages. */
    name: string;
    /** Grid width in cells. */
    columnCount: number;
    /** How many leading columns hold row labels (0 for a transposed table). */
    labelColumns: number;
    /** Header rows (caption, corner, spanning and grouped column headers), repeated on every page. */
    head: ViewCell[][];
    body: ViewCell[][];
    totals: ViewTotal[];
    checks: ViewCheck[];
}

export type ViewBlock = ViewParagraph | ViewTable;

export interface ViewSection extends ViewAnchored {
    id: string;
    numeral: string;
    /** The heading as written. */
    heading: string;
    blocks: ViewBlock[];
}

export interface ReportView {
    schema: typeof VIEW_SCHEMA;
    title: ViewText;
    /** The 统计期限 line, if the period is known. */
    period?: ViewText;
    agency?: string;
    year?: number;
    /** 发布日期, as printed (2025年1月20日). */
    published?: string;
    format: { id: string; name: string; citation: string; declared: boolean };
    preamble: ViewParagraph[];
    sections: ViewSection[];
    /** Every finding, in document order. */
    findings: ViewFinding[];
    counts: Record<Severity, number>;
    /** Findings that no printed element shows (metadata, a missing section …). */
    unplaced: number[];
    /** Lines in the source: the preview's scroll sync maps onto them. */
    lineCount: number;
}
