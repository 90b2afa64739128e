/**
 * A report's figures: the value of every cell of its tables, small and serialisable (no positions),
 * for what reads many reports at once — the whole-area comparison, the roll-up of a parent's
 * children. The CLI's workers send them to the main thread as they send cross-year summaries.
 */
import type { ReportModel } from '../model/types.js';
import { formatDecimal, parseDecimal } from '../util/decimal.js';
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
}

export const figureKey = (table: string, row: string, column: string) => `${table}/${row}/${column}`;

const NUMBER = /\d+(?:\.\d+)?/;

/** The figures of a report (of `tables` only, when given). */
export function reportFigures(model: ReportModel, tables?: ReadonlySet<string>): ReportFigures {
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
                if (value !== undefined) out.cells[figureKey(id, rowId, columnId)] = value;
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
