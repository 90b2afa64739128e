/** Test helpers for the importer: what a report's model holds, as plain data to compare. */
import { importBytes, type ImportOptions, type ImportResult } from '../../src/import/import.js';
import type { ReportModel } from '../../src/model/types.js';
import { check } from './helpers.js';

/**
 * Every cell of a report as printed: `table/row/column` → the cell's text as written; a cell the
 * row leaves out prints blank, so it is '' here.
 */
export function cellsOf(model: ReportModel): Map<string, string> {
    const out = new Map<string, string>();
    for (const [id, table] of model.tables) {
        for (const row of table.rows) {
            if (!row.def) continue;
            for (const cell of row.cells) if (cell.column) out.set(`${id}/${row.def.id}/${cell.column.id}`, cell.state === "missing" ? "" : cell.text);
        }
    }
    return out;
}

/** The prose of a report: per section id (and 'preamble'), its paragraphs (one per non-empty line). */
export function proseOf(model: ReportModel): Record<string, string[]> {
    const lines = (texts: string[]) => texts.flatMap(t => t.split('\n')).map(l => l.trim()).filter(Boolean);
    const out: Record<string, string[]> = { preamble: lines(model.preamble.map(p => p.text)) };
    for (const section of model.sections) out[section.def.id] = lines(section.prose.map(p => p.text));
    return out;
}

export async function imported(data: Uint8Array | string, options: ImportOptions = {}): Promise<ImportResult & { model: ReportModel }> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const result = await importBytes(bytes, options);
    return { ...result, model: check(result.text).model };
}
