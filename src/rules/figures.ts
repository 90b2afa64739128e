/**
 * A report's figures: the value of every cell of its tables, small and serialisable (no positions),
 * for what reads many reports at once — the whole-area comparison, the roll-up of a parent's
 * children. The CLI's workers send them to the main thread as they send cross-year summaries.
 */
import type { ReportModel } from '../model/types.js';
import { formatDecimal, parseDecimal } from '../util/decimal.js';
import type { LineIndex } from '../util/lines.js';
import { agencyKeyOf } from './cross-year.js';

/** A cell: a number (counts, 本年增/减), an amount as its decimal text ("75.926"), or null when written without a number (blank, -, missing). */
export type FigureValue = number | string | null;

export interface ReportFigures {
    agency?: string;
    /** 机关 as compared (width- and space-insensitive). */
    agencyKey?: string;
    year?: number;
    /** The format's id. */
    template: string;
    /** By "table/row/column"; a cell the report does not have, or cannot be read, is absent. */
    cells: Record<string, FigureValue>;
    /**
     * Where each cell is (only when asked for: a report that findings will be put on, e.g. a parent's
     * for the roll-up): offsets of the cell's text, and its zero-based line and character (a cell is
     * on one line).
     */
    positions?: Record<string, FigurePosition>;
}

/** [start offset, end offset, line, character] of a cell. */
export type FigurePosition = [number, number, number, number];

export const figureKey = (table: string, row: string, column: string) => `${table}/${row}/${column}`;

const NUMBER = /\d+(?:\.\d+)?/;

/** The figures of a report (of `tables` only, when given), with the cells' positions when `lines` is given. */
export function reportFigures(model: ReportModel, tables?: ReadonlySet<string>, lines?: LineIndex): ReportFigures {
    const agency = model.meta.agency?.value;
    const year = model.meta.year?.value;
    const out: ReportFigures = { template: model.template.id, cells: {} };
    if (agency) {
        out.agency = agency;
        out.agencyKey = agencyKeyOf(agency);
    }
    if (year !== undefined) out.year = year;
    for (const table of model.tables.values()) {
        const id = table.def.id;
        if (tables && !tables.has(id)) continue;
        for (const row of table.rows) {
            const rowId = row.def?.id;
            if (!rowId || row.def?.children?.length || table.rowsById.get(rowId) !== row) continue;
            for (const [columnId, cell] of row.byColumn) {
                let value: FigureValue | undefined;
                if (cell.state === 'number') {
                    value = cell.value!;
                    if (cell.column?.kind === 'amount') {
                        const written = parseDecimal(NUMBER.exec(cell.text.normalize('NFKC'))?.[0] ?? '');
                        value = written ? formatDecimal(written) : String(cell.value);
                    }
                } else if (cell.state !== 'invalid') value = null;
                if (value === undefined) continue;
                const key = figureKey(id, rowId, columnId);
                out.cells[key] = value;
                if (lines) {
                    const at = lines.position(cell.span.start);
                    (out.positions ??= {})[key] = [cell.span.start, cell.span.end, at.line, at.character];
                }
            }
        }
    }
    return out;
}

/** A figure as a number (0 for a cell written without one). */
export function figureNumber(value: FigureValue | undefined): number | undefined {
    if (value === undefined) return undefined;
    return value === null ? 0 : typeof value === 'number' ? value : Number(value);
}
