/**
 * Cross-year rules (R14–R17) between this year's report and last year's report of the same 机关.
 *
 * Both sides are read from a ReportSummary: a small, serialisable extract of a checked report (机关,
 * 年度, 格式, and the cells and row labels the registry's cross-year rules name, with their spans and
 * line/character positions). The language server builds summaries of workspace documents, the CLI's
 * workers send them back to the main thread: both evaluate the rules here, the same way.
 */
import type { Finding, RelatedSpan, ReportModel, Span } from '../model/types.js';
import { roundSum } from '../model/values.js';
import { indexOf } from '../templates/template-index.js';
import type { TemplateRegistry } from '../templates/registry.js';
import type { CrossYearRuleDef, TemplateDef, YearTerm } from '../templates/types.js';
import { LineIndex, type Position } from '../util/lines.js';
import { fillTemplate, looseKey } from '../util/text.js';
import { readingOfCell } from './engine.js';

export interface SummarySpan {
    span: Span;
    /** Zero-based line and character of the span. */
    range: { start: Position; end: Position };
}

export interface SummaryCell extends SummarySpan {
    value: number;
}

export interface ReportSummary {
    /** 机关 as written. */
    agency: string;
    /** 机关 as compared: width- and space-insensitive. */
    agencyKey: string;
    year: number;
    /** The format's id (2019, 2021, 2019-湖北 …). */
    template: string;
    /** Cells named by cross-year rules, by "table/row/column", in document order. */
    cells: Record<string, SummaryCell>;
    /** Row labels of the rows those cells are in, by "table/row". */
    rows: Record<string, SummarySpan>;
}

/** The key under which a report is found as the previous year of another: 机关 and 年度. */
export function reportKey(agencyKey: string, year: number): string {
    return `${agencyKey}#${year}`;
}

export function agencyKeyOf(agency: string): string {
    return looseKey(agency);
}

/** The key of the report a summary's cross-year rules compare with. */
export function previousKey(summary: Pick<ReportSummary, 'agencyKey' | 'year'>): string {
    return reportKey(summary.agencyKey, summary.year - 1);
}

const cellKey = (table: string, row: string, column: string) => `${table}/${row}/${column}`;

interface Needed {
    /** Per table: rows all of whose cells are needed (rules per column), columns all of whose cells are needed (rules per row). */
    rows: Map<string, Set<string>>;
    columns: Map<string, Set<string>>;
}

const neededCache = new WeakMap<TemplateRegistry, { count: number; needed: Needed }>();

/** What the cross-year rules of every registered format read (either year may be any format). */
function neededBy(registry: TemplateRegistry): Needed {
    const templates = registry.all();
    const hit = neededCache.get(registry);
    if (hit && hit.count === templates.length) return hit.needed;
    const needed: Needed = { rows: new Map(), columns: new Map() };
    for (const rule of crossYearRules(templates)) {
        const map = rule.each === 'column' ? needed.rows : needed.columns;
        let ids = map.get(rule.table);
        if (!ids) map.set(rule.table, ids = new Set());
        for (const term of [...rule.lhs, ...rule.rhs]) ids.add(term.id);
    }
    neededCache.set(registry, { count: templates.length, needed });
    return needed;
}

function crossYearRules(templates: readonly { rules: readonly { kind: string }[] }[]): CrossYearRuleDef[] {
    return templates.flatMap(t => t.rules.filter((r): r is CrossYearRuleDef => r.kind === 'cross-year'));
}

const summaries = new WeakMap<ReportModel, ReportSummary | null>();

/** The summary of a checked report; undefined without 机关 or 年度 (then no cross-year rule applies). */
export function reportSummary(model: ReportModel, registry: TemplateRegistry, lines?: LineIndex): ReportSummary | undefined {
    let summary = summaries.get(model);
    if (summary === undefined) {
        summary = summarize(model, registry, lines);
        summaries.set(model, summary);
    }
    return summary ?? undefined;
}

function summarize(model: ReportModel, registry: TemplateRegistry, known?: LineIndex): ReportSummary | null {
    const agency = model.meta.agency?.value;
    const year = model.meta.year?.value;
    if (!agency || year === undefined) return null;
    const needed = neededBy(registry);
    const lines = known ?? new LineIndex(model.text);
    const at = (span: Span): SummarySpan => ({ span, range: { start: lines.position(span.start), end: lines.position(span.end) } });
    const summary: ReportSummary = { agency, agencyKey: agencyKeyOf(agency), year, template: model.template.id, cells: {}, rows: {} };
    for (const table of model.tables.values()) {
        const id = table.def.id;
        const rows = needed.rows.get(id);
        const columns = needed.columns.get(id);
        if (!rows && !columns) continue;
        for (const row of table.rows) {
            const rowId = row.def?.id;
            if (!rowId || table.rowsById.get(rowId) !== row) continue;
            let used = false;
            for (const [columnId, cell] of row.byColumn) {
                if (!(rows?.has(rowId) || columns?.has(columnId))) continue;
                // As every rule reads it: a blank the table's sums determine has that value.
                const value = readingOfCell(table, cell).value;
                if (value === undefined) continue;
                summary.cells[cellKey(id, rowId, columnId)] = { value, ...at(cell.span) };
                used = true;
            }
            if (used) summary.rows[`${id}/${rowId}`] = at(row.labelSpan);
        }
    }
    return summary;
}

export interface CrossYearTerm {
    year: 'this' | 'last';
    id: string;
    label: string;
    value: number;
    row: string;
    column: string;
    cell: SummaryCell;
}

/** One evaluation of a cross-year rule: for a row or a column of this year's table. */
export interface CrossYearInstance {
    rule: CrossYearRuleDef;
    /** The row or column checked, as its label. */
    at: string;
    where: { row?: string; column?: string };
    lhs: CrossYearTerm[];
    rhs: CrossYearTerm[];
    left: number;
    right: number;
    holds: boolean;
    /** This year's term the finding goes on, the value that makes an equation hold, or the bound of an inequality. */
    target: CrossYearTerm;
    computed?: number;
    expected?: { op: '>=' | '<='; value: number };
}

/**
 * Every cross-year rule of this year's format evaluated against last year's report. Nothing when
 * the summaries are not of the same 机关 in consecutive years.
 */
export function crossYearInstances(current: ReportSummary, previous: ReportSummary, registry: TemplateRegistry): CrossYearInstance[] {
    if (previous.agencyKey !== current.agencyKey || previous.year !== current.year - 1) return [];
    const template = registry.get(current.template);
    if (!template) return [];
    const index = indexOf(template);
    const out: CrossYearInstance[] = [];
    for (const rule of crossYearRules([template])) {
        const table = index.tables.get(rule.table);
        if (!table) continue;
        const rowLabel = (id: string) => { const d = table.rowById.get(id)?.def; return d?.short ?? d?.label ?? id; };
        const columnLabel = (id: string) => { const c = table.columnById.get(id); return c?.short ?? c?.label ?? id; };
        // The rows (per-row rules) or columns (per-column rules) this year's file has for the rule's this-year terms.
        const places = new Set<string>();
        const thisIds = new Set([...rule.lhs, ...rule.rhs].filter(t => t.year === 'this').map(t => t.id));
        for (const key of Object.keys(current.cells)) {
            const [tableId, row, column] = key.split('/');
            if (tableId !== rule.table) continue;
            if (rule.each === 'row' && thisIds.has(column)) places.add(row);
            if (rule.each === 'column' && thisIds.has(row)) places.add(column);
        }
        for (const place of places) {
            if (rule.over && !rule.over.includes(place)) continue;
            const term = (t: YearTerm): CrossYearTerm | undefined => {
                const [row, column] = rule.each === 'row' ? [place, t.id] : [t.id, place];
                const cell = (t.year === 'this' ? current : previous).cells[cellKey(rule.table, row, column)];
                if (!cell) return undefined;
                const label = rule.each === 'row' ? columnLabel(t.id) : rowLabel(t.id);
                return { year: t.year, id: t.id, label, value: cell.value, row, column, cell };
            };
            const lhs = rule.lhs.map(term);
            const rhs = rule.rhs.map(term);
            if (lhs.includes(undefined) || rhs.includes(undefined)) continue; // a term the other year's format does not have
            const l = lhs as CrossYearTerm[];
            const r = rhs as CrossYearTerm[];
            const target = [...l, ...r].find(t => t.year === 'this' && t.id === rule.target)!;
            const solved = solveTarget(rule, l, r, target, table.columnById.get(target.column)?.kind === 'signed');
            out.push({
                rule, at: rule.each === 'row' ? rowLabel(place) : columnLabel(place),
                where: rule.each === 'row' ? { row: place } : { column: place },
                lhs: l, rhs: r, target, left: solved.left, right: solved.right, holds: solved.holds,
                ...(solved.computed !== undefined ? { computed: solved.computed } : {}), ...(solved.expected ? { expected: solved.expected } : {}),
            });
        }
    }
    return out;
}

/**
 * The findings of the cross-year rules on this year's report. `previousSource` names last year's
 * document (a uri or a path) in the related information.
 */
export function crossYearFindings(current: ReportSummary, previous: ReportSummary, registry: TemplateRegistry, previousSource: string): Finding[] {
    return crossYearInstances(current, previous, registry).filter(i => !i.holds).map(i => {
        const { rule, target } = i;
        const terms = [...i.lhs, ...i.rhs];
        const params: Record<string, unknown> = {
            at: i.at, target: target.label, computed: i.computed, reported: target.value, lhs: i.left, rhs: i.right,
            lhsTerms: formatTerms(i.lhs, previous.year), rhsTerms: formatTerms(i.rhs, previous.year), lastYear: previous.year,
        };
        for (const t of terms) params[`${t.year}_${t.id}`] = t.value;
        const related: RelatedSpan[] = terms.filter(t => t !== target).map(t => t.year === 'this'
            ? { span: t.cell.span, message: `${t.label} = ${t.value}` }
            : { span: t.cell.span, range: t.cell.range, source: previousSource, message: `${previous.year} 年度报告：${t.label} = ${t.value}` });
        return {
            code: rule.code, severity: rule.severity, rule: rule.domainRule, span: target.cell.span,
            message: fillTemplate(rule.message, params),
            data: {
                code: rule.code, computed: i.computed, reported: target.value, table: rule.table, row: target.row, column: target.column,
                lastYear: previous.year, ...(i.expected ? { expected: i.expected.value, op: i.expected.op } : {}),
            },
            related,
        };
    });
}

/**
 * Where go-to-definition on this year's cell (or row label) leads: last year's cells of the rules
 * that compare it (or the labels of their rows).
 */
export function crossYearTargets(current: ReportSummary, previous: ReportSummary, registry: TemplateRegistry, offset: number):
    { origin: SummarySpan; targets: SummarySpan[] } | undefined {
    const inside = (s: SummarySpan) => s.span.start <= offset && offset <= s.span.end;
    for (const i of crossYearInstances(current, previous, registry)) {
        const last = [...i.lhs, ...i.rhs].filter(t => t.year === 'last');
        if (inside(i.target.cell)) return { origin: i.target.cell, targets: last.map(t => t.cell) };
        const label = current.rows[`${i.rule.table}/${i.target.row}`];
        if (label && inside(label)) {
            const rows = [...new Set(last.map(t => `${i.rule.table}/${t.row}`))];
            const targets = rows.map(key => previous.rows[key]).filter((s): s is SummarySpan => Boolean(s));
            if (targets.length) return { origin: label, targets };
        }
    }
    return undefined;
}

/**
 * The cross-year comparisons that this year's cell at `offset` takes part in, one line each, as hover
 * shows the other rules of a cell: ✓ or ✗, rule, both sides with last year's values, the value wanted.
 */
export function explainCrossYearAt(current: ReportSummary, previous: ReportSummary, registry: TemplateRegistry, offset: number): string[] {
    const inside = (t: CrossYearTerm) => t.year === 'this' && t.cell.span.start <= offset && offset <= t.cell.span.end;
    return crossYearInstances(current, previous, registry).filter(i => [...i.lhs, ...i.rhs].some(inside)).map(i => {
        const op = i.rule.op === '=' ? '=' : i.rule.op === '>=' ? '≥' : '≤';
        const side = (terms: CrossYearTerm[], total: number) => formatTerms(terms, previous.year) + (terms.length > 1 ? ` = ${total}` : '');
        const fix = i.holds ? '' : i.computed !== undefined ? `；${i.target.label}应为 **${i.computed}**`
            : i.expected ? `；${i.target.label}应 ${i.expected.op === '>=' ? '≥' : '≤'} **${i.expected.value}**` : '';
        return `${i.holds ? '✓' : '✗'} ${i.rule.domainRule} ${i.rule.title}（${i.at}）：${side(i.lhs, i.left)} ${op} ${side(i.rhs, i.right)}${fix}`;
    });
}

/**
 * Both sides of a cross-year rule and what its target must be: the value that makes an equation hold
 * (`computed`, left out when it would be negative in a column that cannot be), or the bound of an inequality.
 */
function solveTarget<T extends { value: number }>(rule: CrossYearRuleDef, lhs: readonly T[], rhs: readonly T[], target: T, signed: boolean):
    { left: number; right: number; holds: boolean; value: number; computed?: number; expected?: { op: '>=' | '<='; value: number } } {
    const left = sum(lhs);
    const right = sum(rhs);
    const onLeft = lhs.includes(target);
    const value = onLeft ? roundSum(right - (left - target.value)) : roundSum(left - (right - target.value));
    const holds = rule.op === '=' ? left === right : rule.op === '>=' ? left >= right : left <= right;
    if (rule.op === '=') return value >= 0 || signed ? { left, right, holds, value, computed: value } : { left, right, holds, value };
    return { left, right, holds, value, expected: { op: onLeft === (rule.op === '>=') ? '>=' : '<=', value } };
}

/** A cell of next year's report that a cross-year rule determines from this year's report. */
export interface CarriedCell {
    rule: CrossYearRuleDef;
    table: string;
    row: string;
    column: string;
    value: number;
    /** Last year's terms the value comes from. */
    from: { row: string; column: string; label: string; value: number }[];
}

/** A cross-year rule of next year's format whose target cannot be carried: last year's report lacks a term. */
export interface UncarriedCell {
    rule: CrossYearRuleDef;
    table: string;
    row: string;
    column: string;
    /** Last year's terms that the report does not have (a column or row of another format, or an unreadable cell). */
    missing: { row: string; column: string }[];
    /** The value would be negative in a count. */
    negative?: number;
}

/**
 * What next year's report (in `template`) starts with, from this year's summary: every cross-year
 * rule of that format solved for its target with next year's other cells at 0 — an equation gives the
 * target's value (上年结转 = 结转下年度, 现行有效件数 = 上年现行有效件数 + 0 − 0), a lower bound above 0
 * gives the bound (a running total starts from last year's); 0 where 0 already holds.
 */
export function carriedCells(previous: ReportSummary, template: TemplateDef): { carried: CarriedCell[]; uncarried: UncarriedCell[] } {
    const index = indexOf(template);
    const carried: CarriedCell[] = [];
    const uncarried: UncarriedCell[] = [];
    for (const rule of crossYearRules([template])) {
        const table = index.tables.get(rule.table);
        if (!table) continue;
        const places = rule.each === 'row'
            ? table.rows.filter(r => !r.def.children?.length).map(r => r.def.id)
            : table.def.columns.map(c => c.id);
        for (const place of places) {
            if (rule.over && !rule.over.includes(place)) continue;
            const at = (t: YearTerm) => (rule.each === 'row' ? { row: place, column: t.id } : { row: t.id, column: place });
            const missing: { row: string; column: string }[] = [];
            const term = (t: YearTerm) => {
                const where = at(t);
                if (t.year === 'this') return { ...t, ...where, value: 0 };
                const cell = previous.cells[cellKey(rule.table, where.row, where.column)];
                if (!cell) missing.push(where);
                return { ...t, ...where, value: cell?.value ?? 0 };
            };
            const lhs = rule.lhs.map(term);
            const rhs = rule.rhs.map(term);
            const target = [...lhs, ...rhs].find(t => t.year === 'this' && t.id === rule.target)!;
            if (missing.length) {
                uncarried.push({ rule, table: rule.table, row: target.row, column: target.column, missing });
                continue;
            }
            const signed = table.columnById.get(target.column)?.kind === 'signed';
            const solved = solveTarget(rule, lhs, rhs, target, signed);
            const value = solved.computed ?? (solved.expected?.op === '>=' && solved.expected.value > 0 ? solved.expected.value : undefined);
            if (rule.op === '=' && solved.computed === undefined) {
                uncarried.push({ rule, table: rule.table, row: target.row, column: target.column, missing: [], negative: solved.value });
                continue;
            }
            // An equation determines its target, 0 too; a bound only matters above 0.
            if (value === undefined || (value === 0 && rule.op !== '=')) continue;
            const label = (t: { row: string; column: string }) => {
                const id = rule.each === 'row' ? t.column : t.row;
                const def = rule.each === 'row' ? table.columnById.get(id) : table.rowById.get(id)?.def;
                return def?.short ?? def?.label ?? id;
            };
            const from = [...lhs, ...rhs].filter(t => t.year === 'last').map(t => ({ row: t.row, column: t.column, label: label(t), value: t.value }));
            carried.push({ rule, table: rule.table, row: target.row, column: target.column, value, from });
        }
    }
    return { carried, uncarried };
}

function formatTerms(terms: readonly CrossYearTerm[], lastYear: number): string {
    return terms.map(t => `${t.year === 'last' ? `${lastYear} 年度` : ''}${t.label} ${t.value}`).join(' + ');
}

function sum(terms: readonly { value: number }[]): number {
    return roundSum(terms.reduce((total, t) => total + t.value, 0));
}

