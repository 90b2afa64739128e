/**
 * The generic rule engine: evaluates the template's rules (data) on a report model.
 *
 * A linear rule says `Σ lhs op Σ rhs` for every row (terms are columns) or every column (terms
 * are rows) of one table. A subtotal rule says that a group row carrying numbers equals the sum of
 * its children. Group rows count as the sum of their children wherever a rule names them.
 * A coincidence rule is a per-row identity that is suspicious when it holds on every row with a
 * non-zero term of its tables (R11). A capability rule says that cells are 0 unless the agency's
 * 机关层级 has a capability (R12). Cross-year rules need two reports: src/rules/cross-year.ts.
 * A rule is skipped where one of its cells is missing or unreadable: that cell has its own finding.
 *
 * Blank cells (blank, `-`, `/`, a cell missing at the end of a row) are unknowns, not zeros: where
 * the table's equalities (`=` rules, subtotals) determine one — a blank 总计 whose terms are filled,
 * a blank term of a filled total — every rule reads that value; the others count as 0. So one
 * blank is blamed on the blank cell (src/rules/blanks.ts), not on the correct cells around it.
 *
 * Every evaluated rule is a RuleInstance (the rule, where, its terms and both sides); checking
 * keeps the failing ones, hover and inlay hints read the rest. Nothing else computes a sum.
 */
import { levels } from '../templates/levels.js';
import type { CapabilityRuleDef, CoincidenceRuleDef, LinearRuleDef, RowDef, SubtotalRuleDef } from '../templates/types.js';
import { fillTemplate } from '../util/text.js';
import { placeholderPhrase, valuePhrases } from './catalog.js';
import type { CellModel, Finding, RelatedSpan, ReportModel, Span, TableModel } from '../model/types.js';
import { roundSum } from '../model/values.js';

export interface Term {
    /** Column id (rules checked per row) or row id (rules checked per column). */
    id: string;
    label: string;
    value: number;
    /** The cell written in the file for this term (none for a group counted as its children). */
    cell?: CellModel;
    row: string;
    column: string;
    /** Set when the value is not a number written in the cell: a blank counted as 0, or a value the equalities determined. */
    source?: 'blank' | 'inferred';
}

/** The rules evaluated on one report (cross-year rules need two: src/rules/cross-year.ts). */
export type ReportRuleDef = LinearRuleDef | SubtotalRuleDef | CoincidenceRuleDef | CapabilityRuleDef;

export interface RuleInstance {
    rule: ReportRuleDef;
    table: TableModel;
    /** The row or column checked, as its label. */
    at: string;
    lhs: Term[];
    rhs: Term[];
    left: number;
    right: number;
    holds: boolean;
    /** The term a fix would set, and the value that makes the rule hold. */
    target?: Term;
    computed?: number;
    /** Where no single value makes the rule hold: what the target should be (`op`: ≥, ≤ or = `expected`). */
    expected?: { op: '=' | '>=' | '<='; value: number };
    /** Further message placeholders of the rule kind ({level}, {rows} …). */
    params?: Record<string, unknown>;
    /** What else the finding should point at besides the terms (R12: the 机关层级 line). */
    context?: RelatedSpan[];
    /** Where the finding goes when the rule fails. */
    span: Span;
    /** The row (rules per row) or column (rules per column) checked. */
    where: { row?: string; column?: string };
}

const instancesCache = new WeakMap<ReportModel, RuleInstance[]>();

/** Every rule instance that can be evaluated on the model, holding or not (remembered per model). */
export function ruleInstances(model: ReportModel): RuleInstance[] {
    let instances = instancesCache.get(model);
    if (!instances) {
        instances = evaluate(model, true);
        instancesCache.set(model, instances);
    }
    return instances;
}

/** The failing rule instances as findings (checking builds no instance for a rule that holds). */
export function evaluateRules(model: ReportModel): Finding[] {
    return evaluate(model, false).filter(i => !i.holds).map(toFinding);
}

/** `all`: every instance (hover, hints); otherwise linear and subtotal rules skip the ones that hold. */
function evaluate(model: ReportModel, all: boolean): RuleInstance[] {
    const out: RuleInstance[] = [];
    for (const rule of model.template.rules) {
        if (rule.kind === 'linear') {
            const table = model.tables.get(rule.table);
            if (table) evaluateLinear(rule, table, out, all);
        } else if (rule.kind === 'subtotal') {
            for (const table of model.tables.values()) {
                if (!rule.tables || rule.tables.includes(table.def.id)) evaluateSubtotals(rule, table, out, all);
            }
        } else if (rule.kind === 'coincidence') {
            evaluateCoincidence(rule, model, out);
        } else if (rule.kind === 'capability') {
            evaluateCapability(rule, model, out);
        }
    }
    return out;
}

/** Whether `Σ lhs op Σ rhs` holds for these values; undefined when a value is missing. */
function holdsFor(rule: LinearRuleDef, value: (id: string) => number | undefined): boolean | undefined {
    let left = 0;
    let right = 0;
    for (const id of rule.lhs) {
        const v = value(id);
        if (v === undefined) return undefined;
        left += v;
    }
    for (const id of rule.rhs) {
        const v = value(id);
        if (v === undefined) return undefined;
        right += v;
    }
    left = roundSum(left);
    right = roundSum(right);
    return rule.op === '=' ? left === right : rule.op === '>=' ? left >= right : left <= right;
}

/** The value a rule sees for a row in a column: a group row counts as the sum of its children. */
export function effectiveValue(table: TableModel, rowId: string, columnId: string): number | undefined {
    const row = table.index.rowById.get(rowId);
    const column = table.index.columnOrder.get(columnId);
    if (!row || column === undefined) return undefined;
    return stateOf(table).grid[row.order * table.def.columns.length + column];
}

/** An equality of the table's template rules that determined a blank cell's value. */
export interface Determination {
    rule: LinearRuleDef | SubtotalRuleDef;
    /** The row or column it was checked for, as its label. */
    at: string;
    value: number;
}

/**
 * How the rules read a row in a column, and why.
 * - 'written': a number written in the cell (an annotated cell, 12（其中修订3件）, counts as its number);
 * - 'blank': a blank, `-`, `/` or missing cell, counted as 0;
 * - 'inferred': a blank, `-`, `/` or missing cell whose value the table's equalities determine
 *   (`by`), e.g. a blank 总计 whose terms are filled: every rule uses that value;
 * - 'sum': a group row counted as the sum of its sub-rows (`inferred` / `blank`: whether one of them is).
 * `value` is undefined where a cell is unreadable or a row or cell is not in the file.
 */
export interface CellReading {
    value: number | undefined;
    source: 'written' | 'blank' | 'inferred' | 'sum';
    /** The cell written in the file ('written', 'blank', 'inferred'). */
    cell?: CellModel;
    by?: Determination;
    inferred?: boolean;
    blank?: boolean;
}

/** How the rules read a row (a group: the sum of its sub-rows) in a column; undefined for unknown ids. */
export function cellReading(table: TableModel, rowId: string, columnId: string): CellReading | undefined {
    const row = table.index.rowById.get(rowId);
    if (!row || !table.index.columnOrder.has(columnId)) return undefined;
    const value = effectiveValue(table, rowId, columnId);
    if (!(row.def.children && row.def.children.some(c => isPresent(table, c)))) {
        const cell = table.rowsById.get(rowId)?.byColumn.get(columnId);
        return cell ? readingOfCell(table, cell) : { value: undefined, source: 'blank' };
    }
    const cells = contributingCells(table, { id: rowId, label: '', value: value ?? 0, row: rowId, column: columnId });
    const readings = cells.map(c => readingOfCell(table, c));
    return {
        value, source: 'sum',
        inferred: readings.some(r => r.source === 'inferred'), blank: readings.some(r => r.source === 'blank'),
    };
}

/** How the rules read one cell written in the file. */
export function readingOfCell(table: TableModel, cell: CellModel): CellReading {
    if (!isPlaceholder(cell)) return { value: cell.value, source: 'written', cell };
    const by = stateOf(table).determined.get(cell);
    return by && by.value !== 0 ? { value: by.value, source: 'inferred', cell, by } : { value: cell.value, source: 'blank', cell };
}

/** A cell that states no number: blank, `-`, `/`, or missing at the end of its row. */
export function isPlaceholder(cell: CellModel): boolean {
    return cell.state === 'blank' || cell.state === 'dash' || cell.state === 'slash' || cell.state === 'missing';
}

/** The value the rules read for a cell written in the file. */
function cellValue(table: TableModel, cell: CellModel | undefined): number | undefined {
    if (!cell) return undefined;
    if (!isPlaceholder(cell)) return cell.value;
    return stateOf(table).determined.get(cell)?.value ?? cell.value;
}

interface TableState {
    /** Placeholder cells whose value the equalities determined (0 included). */
    determined: Map<CellModel, Determination>;
    /** Every row's value in every column: rows in template order × columns. */
    grid: (number | undefined)[];
}

const tableStates = new WeakMap<TableModel, TableState>();
const NOTHING_DETERMINED = new Map<CellModel, Determination>();

function stateOf(table: TableModel): TableState {
    let state = tableStates.get(table);
    if (!state) {
        state = { determined: NOTHING_DETERMINED, grid: [] };
        tableStates.set(table, state);
        state.determined = solveBlanks(table);
        state.grid = gridOf(table);
    }
    return state;
}

/**
 * Every row's value in every column, computed once per table: rows in template order × columns,
 * a group written with sub-rows being the sum of its children (undefined when one of them is).
 */
function gridOf(table: TableModel): (number | undefined)[] {
    const rows = table.index.rows;
    const columns = table.def.columns;
    const width = columns.length;
    const values = new Array<number | undefined>(rows.length * width);
    // Children follow their group in template order: walking backwards sums them before the group.
    for (let r = rows.length - 1; r >= 0; r--) {
        const def = rows[r].def;
        const children = def.children && def.children.some(c => isPresent(table, c))
            ? def.children.map(c => table.index.rowById.get(c.id)!.order * width) : undefined;
        const cells = children ? undefined : table.rowsById.get(def.id)?.byColumn;
        for (let c = 0; c < width; c++) {
            if (!children) {
                values[r * width + c] = cellValue(table, cells?.get(columns[c].id));
                continue;
            }
            let sum: number | undefined = 0;
            for (const child of children) {
                const v = values[child + c];
                if (v === undefined) {
                    sum = undefined;
                    break;
                }
                sum += v;
            }
            values[r * width + c] = sum === undefined ? undefined : roundSum(sum);
        }
    }
    return values;
}

/** An equality over cells written in the file: Σ plus = Σ minus. */
interface Equation {
    plus: CellModel[];
    minus: CellModel[];
    rule: LinearRuleDef | SubtotalRuleDef;
    at: string;
}

/**
 * The values the table's equalities determine for its placeholder cells: round after round, an
 * equality with exactly one undetermined placeholder (and every other cell readable) determines it.
 * Where several determine the same cell differently, the value most of them give wins; on a tie
 * the cell stays undetermined (the rules disagree about it) and counts as 0, as does every cell no
 * equality determines. A count is never determined negative.
 */
function solveBlanks(table: TableModel): Map<CellModel, Determination> {
    if (!table.index.equalities.length || !hasPlaceholder(table)) return NOTHING_DETERMINED;
    const equations = equationsOf(table);
    const determined = new Map<CellModel, Determination>();
    const open = (c: CellModel) => isPlaceholder(c) && !determined.has(c);
    for (let changed = true; changed;) {
        changed = false;
        const candidates = new Map<CellModel, { value: number; eq: Equation }[]>();
        for (const eq of equations) {
            let unknown: CellModel | undefined;
            let sign = 0;
            let count = 0;
            let sum = 0;
            let readable = true;
            for (const [cells, s] of [[eq.plus, 1], [eq.minus, -1]] as const) {
                for (const cell of cells) {
                    if (open(cell)) {
                        count++;
                        unknown = cell;
                        sign = s;
                        continue;
                    }
                    const v = isPlaceholder(cell) ? determined.get(cell)!.value : cell.value;
                    if (v === undefined) readable = false;
                    else sum += s * v;
                }
            }
            if (!readable || count !== 1) continue;
            const value = roundSum(-sum * sign);
            if (value < 0 && unknown!.column?.kind !== 'signed') continue;
            let list = candidates.get(unknown!);
            if (!list) candidates.set(unknown!, list = []);
            list.push({ value, eq });
        }
        for (const [cell, list] of candidates) {
            const votes = new Map<number, number>();
            for (const c of list) votes.set(c.value, (votes.get(c.value) ?? 0) + 1);
            const most = Math.max(...votes.values());
            const winners = [...votes].filter(([, n]) => n === most);
            if (winners.length !== 1) continue; // the rules disagree: the blank stays 0
            const chosen = list.find(c => c.value === winners[0][0])!;
            determined.set(cell, { rule: chosen.eq.rule, at: chosen.eq.at, value: chosen.value });
            changed = true;
        }
    }
    return determined;
}

function hasPlaceholder(table: TableModel): boolean {
    for (const row of table.rows) {
        for (const cell of row.cells) if (isPlaceholder(cell)) return true;
    }
    return false;
}

/** The cells written in the file that a row stands for in a column (a group: its sub-rows'); undefined when one is not written. */
function leafCells(table: TableModel, rowId: string, columnId: string, out: CellModel[]): boolean {
    const def = table.index.rowById.get(rowId)?.def;
    if (!def) return false;
    if (def.children && def.children.some(c => isPresent(table, c))) {
        for (const child of def.children) if (!leafCells(table, child.id, columnId, out)) return false;
        return true;
    }
    const cell = table.rowsById.get(rowId)?.byColumn.get(columnId);
    if (!cell) return false;
    out.push(cell);
    return true;
}

function equationsOf(table: TableModel): Equation[] {
    const out: Equation[] = [];
    for (const rule of table.index.equalities) {
        if (rule.kind === 'subtotal') {
            for (const row of table.rows) {
                const def = row.def;
                if (!def?.children || !def.subtotal || !row.piped || !def.children.some(c => isPresent(table, c))) continue;
                for (const cell of row.cells) {
                    const column = cell.column;
                    if (!column || row.byColumn.get(column.id) !== cell) continue;
                    const minus: CellModel[] = [];
                    if (def.children.every(child => leafCells(table, child.id, column.id, minus))) {
                        out.push({ plus: [cell], minus, rule, at: label(column, column.id) });
                    }
                }
            }
        } else if (rule.each === 'row') {
            for (const row of table.rows) {
                if (!row.cells.length || (rule.over && !(row.def && rule.over.includes(row.def.id)))) continue;
                const side = (ids: readonly string[]) => {
                    const cells: CellModel[] = [];
                    for (const id of ids) {
                        const cell = row.byColumn.get(id);
                        if (!cell) return undefined;
                        cells.push(cell);
                    }
                    return cells;
                };
                const plus = side(rule.lhs);
                const minus = side(rule.rhs);
                if (plus && minus) out.push({ plus, minus, rule, at: label(row.def, row.label) });
            }
        } else {
            table.columns.forEach((column, i) => {
                if (!column || table.columns.indexOf(column) !== i || (rule.over && !rule.over.includes(column.id))) return;
                const plus: CellModel[] = [];
                const minus: CellModel[] = [];
                if (rule.lhs.every(id => leafCells(table, id, column.id, plus)) && rule.rhs.every(id => leafCells(table, id, column.id, minus))) {
                    out.push({ plus, minus, rule, at: label(column, column.id) });
                }
            });
        }
    }
    return out;
}

/** The cells written in the file that make up a term (a group: all its sub-rows' cells). */
export function contributingCells(table: TableModel, term: Term): CellModel[] {
    if (term.cell) return [term.cell];
    const def = table.index.rowById.get(term.row)?.def;
    const out: CellModel[] = [];
    const walk = (d: RowDef) => {
        const cell = table.rowsById.get(d.id)?.byColumn.get(term.column);
        if (d.children?.some(c => isPresent(table, c))) d.children.forEach(walk);
        else if (cell) out.push(cell);
    };
    if (def) walk(def);
    return out;
}

const presence = new WeakMap<TableModel, Map<string, boolean>>();

/** Whether a row, or one of its sub-rows, is written in the file (remembered per table). */
export function isPresent(table: TableModel, def: RowDef): boolean {
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

function evaluateLinear(rule: LinearRuleDef, table: TableModel, out: RuleInstance[], all: boolean): void {
    if (rule.each === 'row') {
        for (const row of table.rows) {
            if (!row.cells.length) continue;
            if (rule.over && !(row.def && rule.over.includes(row.def.id))) continue;
            if (!all && holdsFor(rule, id => cellValue(table, row.byColumn.get(id))) !== false) continue;
            const rowId = row.def?.id ?? '';
            const term = (id: string): Term | undefined => {
                const cell = row.byColumn.get(id);
                const value = cellValue(table, cell);
                return value === undefined ? undefined : withSource(table, { id, label: label(cell!.column, id), value, cell, row: rowId, column: id });
            };
            instance(rule, table, label(row.def, row.label), term, row.labelSpan, { row: row.def?.id }, out);
        }
    } else {
        for (let i = 0; i < table.columns.length; i++) {
            const column = table.columns[i];
            if (!column || table.columns.indexOf(column) !== i || (rule.over && !rule.over.includes(column.id))) continue;
            if (!all && holdsFor(rule, id => effectiveValue(table, id, column.id)) !== false) continue;
            const term = (id: string): Term | undefined => {
                const value = effectiveValue(table, id, column.id);
                if (value === undefined) return undefined;
                return withSource(table, {
                    id, label: label(table.index.rowById.get(id)?.def, id), value, row: id, column: column.id,
                    cell: table.rowsById.get(id)?.byColumn.get(column.id),
                });
            };
            instance(rule, table, label(column, column.id), term, table.header?.cellSpans[i] ?? table.span, { column: column.id }, out);
        }
    }
}

/** Marks a term whose cell states no number (a leaf's placeholder, counted as 0 or as the value the equalities determined). */
function withSource(table: TableModel, term: Term, ownCell = false): Term {
    const cell = term.cell;
    if (cell && isPlaceholder(cell) && (ownCell || !table.index.rowById.get(term.row)?.def.children?.some(c => isPresent(table, c)))) {
        term.source = readingOfCell(table, cell).source === 'inferred' ? 'inferred' : 'blank';
    }
    return term;
}

function instance(rule: LinearRuleDef, table: TableModel, at: string, term: (id: string) => Term | undefined,
    fallback: Span, where: RuleInstance['where'], out: RuleInstance[]): void {
    const lhs: Term[] = [];
    const rhs: Term[] = [];
    for (const id of rule.lhs) {
        const t = term(id);
        if (!t) return;
        lhs.push(t);
    }
    for (const id of rule.rhs) {
        const t = term(id);
        if (!t) return;
        rhs.push(t);
    }
    const left = sum(lhs);
    const right = sum(rhs);
    const holds = rule.op === '=' ? left === right : rule.op === '>=' ? left >= right : left <= right;
    const target = rule.target === undefined ? undefined : (lhs.find(t => t.id === rule.target) ?? rhs.find(t => t.id === rule.target));
    let computed: number | undefined;
    let expected: RuleInstance['expected'];
    if (target?.cell) {
        const value = lhs.includes(target) ? roundSum(right - (left - target.value)) : roundSum(left - (right - target.value));
        if (rule.op === '=') {
            computed = value;
            if (computed < 0 && target.cell.column?.kind !== 'signed') computed = undefined;
        } else {
            // Σ lhs ≥ Σ rhs with the target on the right reads target ≤ …
            expected = { op: lhs.includes(target) ? rule.op : rule.op === '>=' ? '<=' : '>=', value };
        }
    }
    const anchor = target?.cell ?? lhs.find(t => t.cell)?.cell ?? rhs.find(t => t.cell)?.cell;
    out.push({ rule, table, at, lhs, rhs, left, right, holds, target, computed, expected, span: anchor?.span ?? fallback, where });
}

/** The identity of a coincidence rule as a linear rule on one table (remembered: instances keep it). */
const identities = new WeakMap<CoincidenceRuleDef, Map<string, LinearRuleDef>>();

function identityOn(rule: CoincidenceRuleDef, table: string): LinearRuleDef {
    let byTable = identities.get(rule);
    if (!byTable) identities.set(rule, byTable = new Map());
    let linear = byTable.get(table);
    if (!linear) {
        const { code, domainRule, severity, lhs, rhs, target, message, title } = rule;
        linear = { kind: 'linear', code, domainRule, severity, table, each: 'row', lhs, op: '=', rhs, target, message, title };
        byTable.set(table, linear);
    }
    return linear;
}

function evaluateCoincidence(rule: CoincidenceRuleDef, model: ReportModel, out: RuleInstance[]): void {
    const rows: RuleInstance[] = [];
    for (const id of rule.tables) {
        const table = model.tables.get(id);
        if (table) evaluateLinear(identityOn(rule, id), table, rows, true);
    }
    const nonZero = rows.filter(i => [...i.lhs, ...i.rhs].some(t => t.value !== 0));
    const suspicious = nonZero.length > 0 && nonZero.every(i => i.holds);
    for (const i of rows) {
        const counted = nonZero.includes(i);
        out.push({ ...i, rule, holds: !(suspicious && counted), computed: undefined, params: { rows: nonZero.length } });
    }
}

function evaluateCapability(rule: CapabilityRuleDef, model: ReportModel, out: RuleInstance[]): void {
    const entry = model.meta.level;
    const level = entry?.value;
    const table = model.tables.get(rule.table);
    if (!level || !table) return;
    const capable = levels.filter(l => l[rule.capability]).map(l => l.label).join('、');
    for (const rowId of rule.rows) {
        const row = table.rowsById.get(rowId);
        if (!row) continue;
        for (const cell of row.cells) {
            const column = cell.column;
            const value = cellValue(table, cell);
            if (!column || value === undefined || row.byColumn.get(column.id) !== cell) continue;
            if (rule.columns && !rule.columns.includes(column.id)) continue;
            const term = withSource(table, { id: column.id, label: label(column, column.id), value, cell, row: rowId, column: column.id });
            const at = label(row.def, row.label);
            out.push({
                rule, table, at, lhs: [term], rhs: [], left: value, right: 0, holds: level[rule.capability] || value === 0,
                target: term, expected: { op: '=', value: 0 }, span: cell.span, where: { row: rowId, column: column.id },
                params: { level: entry.text, capable, row: at, column: term.label },
                context: [{ span: entry.valueSpan, message: `机关层级：${entry.text}` }],
            });
        }
    }
}

function evaluateSubtotals(rule: SubtotalRuleDef, table: TableModel, out: RuleInstance[], all: boolean): void {
    for (const row of table.rows) {
        const def = row.def;
        if (!def?.children || !def.subtotal || !row.cells.some(c => c.state === 'number')) continue;
        if (!def.children.some(c => isPresent(table, c))) continue;
        for (const cell of row.cells) {
            const column = cell.column;
            const value = cellValue(table, cell);
            if (!column || value === undefined || row.byColumn.get(column.id) !== cell) continue;
            const terms: Term[] = [];
            for (const child of def.children) {
                const v = effectiveValue(table, child.id, column.id);
                if (v === undefined) break;
                terms.push(withSource(table, {
                    id: child.id, label: label(child, child.id), value: v, row: child.id, column: column.id,
                    cell: table.rowsById.get(child.id)?.byColumn.get(column.id),
                }));
            }
            if (terms.length !== def.children.length) continue;
            if (!all && sum(terms) === value) continue;
            const target = withSource(table, { id: def.id, label: label(def, def.id), value, cell, row: def.id, column: column.id }, true);
            const right = sum(terms);
            out.push({
                rule, table, at: label(column, column.id), lhs: [target], rhs: terms, left: value, right,
                holds: value === right, target, computed: right, span: cell.span, where: { row: def.id, column: column.id },
            });
        }
    }
}

function toFinding(i: RuleInstance): Finding {
    const { rule, target } = i;
    const where = target ? { row: target.row || undefined, column: target.column } : i.where;
    const terms = [...i.lhs, ...i.rhs];
    return {
        code: rule.code,
        severity: rule.severity,
        rule: rule.domainRule,
        span: i.span,
        message: fillTemplate(rule.message, {
            at: i.at, target: target?.label, computed: i.computed, reported: target && describeValue(i.table, target),
            lhs: i.left, rhs: i.right, lhsTerms: formatTerms(i.lhs), rhsTerms: formatTerms(i.rhs), terms: formatTerms(i.rhs),
            ...i.params,
        }),
        data: {
            code: rule.code, computed: i.computed, reported: target?.value, table: i.table.def.id, ...where,
            ...(i.expected ? { expected: i.expected.value, op: i.expected.op } : {}),
        },
        related: [
            ...terms.filter(t => t.cell && t !== target).map(t => ({ span: t.cell!.span, message: `${t.label} = ${describeValue(i.table, t)}` })),
            ...(i.context ?? []),
        ],
    };
}

/** A term's value in a message; a cell that states no number says so (「0（此格为空）」). */
function describeValue(table: TableModel, term: Term): string | number {
    if (!term.source || !term.cell) return term.value;
    const reading = readingOfCell(table, term.cell);
    return fillTemplate(valuePhrases[term.source], { value: term.value, cell: placeholderPhrase(term.cell), rule: reading.by?.rule.title });
}

export function formatTerms(terms: readonly Term[]): string {
    return terms.map(t => `${t.label} ${t.value}`).join(' + ');
}

function sum(terms: readonly Term[]): number {
    let total = 0;
    for (const t of terms) total += t.value;
    return roundSum(total);
}

