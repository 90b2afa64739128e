/**
 * The comparison's view model (what src/compare/compare.ts builds and the renderers read): plain
 * JSON, with no dependency beyond the report's view model, so the VS Code client renders it
 * without a parser.
 */
import type { ReportView, ViewChange, ViewTable } from '../render/view-model.js';

export const COMPARE_SCHEMA = 'xxgk-compare/1';

/** A table of either year, in this year's order (then last year's tables this year's format does not have). */
export interface ComparedTable {
    id: string;
    numeral: string;
    /** The section heading (this year's as written, else last year's). */
    heading: string;
    name: string;
    inLast: boolean;
    inThis: boolean;
    changed: number;
    spikes: number;
}

/** One cell whose value changed, for lists (text output, the XLSX sheet 变化). */
export interface CellChange extends ViewChange {
    table: string;
    tableName: string;
    /** `${rowId}.${columnId}` */
    ref: string;
    row: string;
    column: string;
    this: number;
}

export interface CompareView {
    schema: typeof COMPARE_SCHEMA;
    title: string;
    agency?: string;
    lastYear?: number;
    year?: number;
    /** Same 机关 in consecutive years: the cross-year rules were evaluated. */
    paired: boolean;
    /** Last year's report; its findings are the cross-year findings on the cells they compare with. */
    last: ReportView;
    /** This year's report with `change` on its value cells; its findings are the cross-year findings. */
    this: ReportView;
    tables: ComparedTable[];
    changes: CellChange[];
    counts: { changed: number; spikes: number };
}

/** The tables of a view by id, with their section. */
export function tablesOf(view: ReportView): Map<string, { table: ViewTable; section: ReportView['sections'][number] }> {
    const out = new Map<string, { table: ViewTable; section: ReportView['sections'][number] }>();
    for (const section of view.sections) {
        for (const block of section.blocks) if (block.kind === 'table' && !out.has(block.id)) out.set(block.id, { table: block, section });
    }
    return out;
}

