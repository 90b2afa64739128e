/** Test helpers for the view model: check a text, build its view, find cells. */
import { buildView } from '../../src/render/build-view.js';
import type { ReportView, ViewCell, ViewTable } from '../../src/render/view-model.js';
import { check } from './helpers.js';

export function viewOf(text: string): ReportView {
    return buildView(check(text));
}

export function tableOf(view: ReportView, id: string): ViewTable {
    for (const section of view.sections) {
        for (const block of section.blocks) if (block.kind === 'table' && block.id === id) return block;
    }
    throw new Error(`no table ${id}`);
}

export function cellByRef(table: ViewTable, ref: string): ViewCell {
    const cell = [...table.head, ...table.body].flat().find(c => c.ref === ref);
    if (!cell) throw new Error(`no cell ${ref} in ${table.id}`);
    return cell;
}

export function headerCell(table: ViewTable, text: string): ViewCell {
    const cell = table.head.flat().find(c => c.text === text);
    if (!cell) throw new Error(`no header ${text} in ${table.id}`);
    return cell;
}

export function labelCell(table: ViewTable, text: string): ViewCell {
    const cell = table.body.flat().find(c => c.kind === 'label' && c.text === text);
    if (!cell) throw new Error(`no label ${text} in ${table.id}`);
    return cell;
}

/** The value of a total's terms, from the printed cells (what a spreadsheet formula would compute). */
export function sumOf(table: ViewTable, refs: readonly string[]): number {
    return Math.round(refs.reduce((s, r) => s + (cellByRef(table, r).value ?? 0), 0) * 1e6) / 1e6;
}
