/**
 * Blank cells (R7): one finding per row, listing the row's cells that state no number — blank,
 * `-`, `/`, or missing at the end of the row — with how the rules read each: as 0, or as the value
 * the table's equalities determine (a blank 总计 whose terms are filled: their sum). The finding
 * goes on the blank that matters most (a determined one, else the first), so the blame lands on
 * the blank and not on the correct cells the rules compare it with (src/rules/engine.ts).
 * A table without a single number has one finding instead (xxgk/table-empty, src/model).
 */
import type { CellModel, Finding, ReportModel, RowModel, Span, TableModel } from '../model/types.js';
import { fillTemplate } from '../util/text.js';
import { blankPhrases, catalogEntry, placeholderPhrase } from './catalog.js';
import { isPlaceholder, readingOfCell, type CellReading } from './engine.js';

/** A blank cell as a blank-cell finding's data lists it: what a fix writes there. */
export interface BlankCellData {
    column: string;
    state: CellModel['state'];
    /** The value the rules read: 0, or the value the equalities determine. */
    value: number;
    /** Set when the value was determined by a rule (its code). */
    rule?: string;
    start: number;
    end: number;
}

export function blankFindings(model: ReportModel): Finding[] {
    const out: Finding[] = [];
    for (const section of model.sections) {
        for (const table of section.tables) {
            // One pass: the rows with blank cells, and whether the table has a number at all.
            let rows: RowModel[] | undefined;
            let numbers = false;
            for (const row of table.rows) {
                let blank = false;
                for (const cell of row.cells) {
                    if (cell.state === 'number' || cell.state === 'invalid') numbers = true;
                    else if (cell.column && isPlaceholder(cell)) blank = true;
                }
                if (blank) (rows ??= []).push(row);
            }
            // A table without a single number has one finding instead (xxgk/table-empty, src/model).
            if (!rows || !numbers) continue;
            for (const row of rows) out.push(rowFinding(table, row)!);
        }
    }
    return out;
}

function name(spec: { label: string; short?: string } | undefined): string {
    return spec ? spec.short ?? spec.label : '';
}

function rowFinding(table: TableModel, row: RowModel): Finding | undefined {
    let blanks: { cell: CellModel; reading: CellReading }[] | undefined;
    for (const cell of row.cells) {
        if (cell.column && isPlaceholder(cell)) (blanks ??= []).push({ cell, reading: readingOfCell(table, cell) });
    }
    if (!blanks) return undefined;
    const inferred = blanks.filter(b => b.reading.source === 'inferred');
    const zeros = blanks.filter(b => b.reading.source !== 'inferred');
    const parts: { lead: string; text: string }[] = [];
    if (zeros.length) {
        let cells: string;
        let lead = '';
        if (!row.piped) {
            cells = blankPhrases.noCells;
        } else {
            const groups = new Map<string, string[]>();
            const missing: string[] = [];
            for (const { cell } of zeros) {
                if (cell.state === 'missing') missing.push(name(cell.column));
                else {
                    const phrase = placeholderPhrase(cell);
                    let list = groups.get(phrase);
                    if (!list) groups.set(phrase, list = []);
                    list.push(name(cell.column));
                }
            }
            const written = [...groups].map(([phrase, columns]) => `${columns.join('、')}${phrase}`);
            if (written.length) lead = '的';
            if (missing.length) written.push(fillTemplate(blankPhrases.missing, { count: missing.length, columns: missing.join('、') }));
            cells = written.join('，');
        }
        parts.push({ lead, text: fillTemplate(blankPhrases.zeros, { cells }) });
    }
    for (const { cell, reading } of inferred) {
        parts.push({
            lead: '的',
            text: fillTemplate(blankPhrases.inferred, {
                column: name(cell.column), cell: placeholderPhrase(cell), rule: reading.by!.rule.title, computed: reading.value,
            }),
        });
    }
    // The determined blank first: it is the one a reader must fill with something other than 0.
    if (inferred.length && zeros.length) parts.push(parts.shift()!);
    const primary = (inferred[0] ?? blanks[0]).cell;
    const span: Span = row.piped || inferred.length ? primary.span : row.labelSpan;
    const entry = catalogEntry('xxgk/blank-cell');
    const cells: BlankCellData[] = blanks.map(({ cell, reading }) => ({
        column: cell.column!.id, state: cell.state, value: reading.value ?? 0, start: cell.span.start, end: cell.span.end,
        ...(reading.source === 'inferred' ? { rule: reading.by!.rule.code } : {}),
    }));
    const finding: Finding = {
        code: entry.code, severity: entry.severity, rule: entry.domainRule, span,
        message: fillTemplate(entry.message, {
            row: name(row.def) || row.label, parts: parts.map((p, i) => (i === 0 ? p.lead : '') + p.text).join('；'),
        }),
        data: {
            code: entry.code, table: table.def.id, row: row.def?.id, column: primary.column!.id,
            computed: readingOfCell(table, primary).value ?? 0, cells,
        },
    };
    const seen = new Set([primary.span.start]);
    const related = blanks.filter(b => !seen.has(b.cell.span.start) && seen.add(b.cell.span.start))
        .map(b => ({ span: b.cell.span, message: `${name(b.cell.column)}${placeholderPhrase(b.cell)}，按 ${b.reading.value ?? 0} 计` }));
    if (related.length) finding.related = related;
    return finding;
}
