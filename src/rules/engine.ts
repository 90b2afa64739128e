/**
 * The generic rule engine: evaluates the template's rules (data) on a report model.
 *
 * A linear rule says `Σ lhs op Σ rhs` for every row (terms are columns) or every column (terms
 * are rows) of one table. A subtotal rule says that a group row carrying numbers equals the sum of
 * its children. Group rows count as the sum of their children wherever a rule names them.
 * A rule is skipped where one of its cells is missing or unreadable: that cell has its own finding.
 */
import type { ColumnDef, LinearRuleDef, RowDef, SubtotalRuleDef } from '../templates/types.js';
import { fillTemplate } from '../util/text.js';
import type { CellModel, Finding, RelatedSpan, ReportModel, Span, TableModel } from '../model/types.js';

interface Term {
    id: string;
    label: string;
    value: number;
    cell?: CellModel;
}

export function evaluateRules(model: ReportModel): Finding[] {
    const findings: Finding[] = [];
    for (const rule of model.template.rules) {
        if (rule.kind === 'linear') {
            const table = model.tables.get(rule.table);
            if (table) evaluateLinear(rule, table, findings);
        } else {
            for (const table of model.tables.values()) {
                if (!rule.tables || rule.tables.includes(table.def.id)) evaluateSubtotals(rule, table, findings);
            }
        }
    }
    return findings;
}

/** The value a rule sees for a row in a column: a group row counts as the sum of its children. */
export function effectiveValue(table: TableModel, rowId: string, columnId: string): number | undefined {
    const def = table.index.rowById.get(rowId)?.def;
    if (!def) return undefined;
    if (def.children && def.children.some(c => isPresent(table, c))) {
        let byColumn = groupSums.get(table);
        if (!byColumn) groupSums.set(table, byColumn = new Map());
        let sums = byColumn.get(columnId);
        if (!sums) byColumn.set(columnId, sums = new Map());
        if (sums.has(rowId)) return sums.get(rowId);
        let sum: number | undefined = 0;
        for (const child of def.children) {
            const value = effectiveValue(table, child.id, columnId);
            if (value === undefined) {
                sum = undefined;
                break;
            }
            sum += value;
        }
        sums.set(rowId, sum);
        return sum;
    }
    return table.rowsById.get(rowId)?.byColumn.get(columnId)?.value;
}

/** Group sums per table, column and row, remembered: several rules name the same groups. */
const groupSums = new WeakMap<TableModel, Map<string, Map<string, number | undefined>>>();

const presence = new WeakMap<TableModel, Map<string, boolean>>();

/** Whether a row, or one of its sub-rows, is written in the file (remembered per table). */
function isPresent(table: TableModel, def: RowDef): boolean {
    let known = presence.get(table);
    if (!known) presence.set(table, known = new Map());
    let present = known.get(def.id);
    if (present === undefined) {
        present = table.rowsById.has(def.id) || Boolean(def.children?.some(c => isPresent(table, c)));
        known.set(def.id, present);
    }
    return present;
}

function label(spec: { label: string; short?: string } | undefined, fallback: string): string {
    return spec?.short ?? spec?.label ?? fallback;
}

function evaluateLinear(rule: LinearRuleDef, table: TableModel, findings: Finding[]): void {
    if (rule.each === 'row') {
        for (const row of table.rows) {
            if (!row.cells.length) continue;
            if (rule.over && !(row.def && rule.over.includes(row.def.id))) continue;
            const term = (id: string): Term | undefined => {
                const cell = row.byColumn.get(id);
                return cell?.value === undefined ? undefined : { id, label: label(cell.column, id), value: cell.value, cell };
            };
            check(rule, table, label(row.def, row.label), term, { row: row.def?.id }, row.labelSpan, findings);
        }
    } else {
        const present = new Set(table.columns.filter((c): c is ColumnDef => Boolean(c)).map(c => c.id));
        for (const column of table.def.columns) {
            if (!present.has(column.id) || (rule.over && !rule.over.includes(column.id))) continue;
            const term = (id: string): Term | undefined => {
                const value = effectiveValue(table, id, column.id);
                if (value === undefined) return undefined;
                return { id, label: label(table.index.rowById.get(id)?.def, id), value, cell: table.rowsById.get(id)?.byColumn.get(column.id) };
            };
            const anchor = table.header?.cellSpans[table.columns.indexOf(column)] ?? table.span;
            check(rule, table, label(column, column.id), term, { column: column.id }, anchor, findings);
        }
    }
}

function check(rule: LinearRuleDef, table: TableModel, at: string, term: (id: string) => Term | undefined,
    where: { row?: string; column?: string }, fallback: Span, findings: Finding[]): void {
    const lhs = rule.lhs.map(term);
    const rhs = rule.rhs.map(term);
    if (lhs.some(t => !t) || rhs.some(t => !t)) return;
    const lhsTerms = lhs as Term[];
    const rhsTerms = rhs as Term[];
    const sum = (terms: Term[]) => round(terms.reduce((s, t) => s + t.value, 0));
    const left = sum(lhsTerms);
    const right = sum(rhsTerms);
    const holds = rule.op === '=' ? left === right : rule.op === '>=' ? left >= right : left <= right;
    if (holds) return;

    const target = [...lhsTerms, ...rhsTerms].find(t => t.id === rule.target);
    let computed: number | undefined;
    if (target?.cell && rule.op === '=') {
        computed = lhsTerms.includes(target) ? round(right - (left - target.value)) : round(left - (right - target.value));
        if (computed < 0 && target.cell.column?.kind !== 'signed') computed = undefined;
    }
    const where2 = { ...where };
    if (target) {
        if (rule.each === 'row') where2.column = target.id;
        else where2.row = target.id;
    }
    const anchorCell = target?.cell ?? [...lhsTerms, ...rhsTerms].find(t => t.cell)?.cell;
    const related: RelatedSpan[] = [...lhsTerms, ...rhsTerms]
        .filter(t => t.cell && t !== target)
        .map(t => ({ span: t.cell!.span, message: `${t.label} = ${t.value}` }));
    findings.push({
        code: rule.code,
        severity: rule.severity,
        rule: rule.domainRule,
        span: anchorCell?.span ?? fallback,
        message: fillTemplate(rule.message, {
            at, target: target?.label, computed, reported: target?.value,
            lhs: left, rhs: right, lhsTerms: formatTerms(lhsTerms), rhsTerms: formatTerms(rhsTerms),
        }),
        data: { code: rule.code, computed, reported: target?.value, table: table.def.id, ...where2 },
        related,
    });
}

function evaluateSubtotals(rule: SubtotalRuleDef, table: TableModel, findings: Finding[]): void {
    for (const row of table.rows) {
        const def = row.def;
        if (!def?.children || !def.subtotal || !row.cells.some(c => c.state === 'number')) continue;
        if (!def.children.some(c => isPresent(table, c))) continue;
        for (const cell of row.cells) {
            const column = cell.column;
            if (!column || cell.value === undefined || row.byColumn.get(column.id) !== cell) continue;
            const terms: Term[] = [];
            for (const child of def.children) {
                const value = effectiveValue(table, child.id, column.id);
                if (value === undefined) break;
                terms.push({ id: child.id, label: label(child, child.id), value, cell: table.rowsById.get(child.id)?.byColumn.get(column.id) });
            }
            if (terms.length !== def.children.length) continue;
            const computed = round(terms.reduce((s, t) => s + t.value, 0));
            if (computed === cell.value) continue;
            findings.push({
                code: rule.code, severity: rule.severity, rule: rule.domainRule, span: cell.span,
                message: fillTemplate(rule.message, {
                    at: label(column, column.id), target: label(def, def.id), computed, reported: cell.value, terms: formatTerms(terms),
                }),
                data: { code: rule.code, computed, reported: cell.value, table: table.def.id, row: def.id, column: column.id },
                related: terms.filter(t => t.cell).map(t => ({ span: t.cell!.span, message: `${t.label} = ${t.value}` })),
            });
        }
    }
}

function formatTerms(terms: Term[]): string {
    return terms.map(t => `${t.label} ${t.value}`).join(' + ');
}

/** Sums of amounts with up to four decimals, without binary noise. */
function round(value: number): number {
    return Math.round(value * 1e6) / 1e6;
}
