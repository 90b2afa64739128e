/**
 * Roll-up (汇总): the roll-up rules of the parent's format (kind 'rollup', src/templates) evaluated
 * over report figures (src/rules/figures.ts) — the parent's, with its cells' positions, and its
 * children's, values only — as the cross-year rules are evaluated over summaries. Each cell of the
 * tables named: the parent's value against the exact sum (decimals) of the children's same cell; a
 * finding on the parent's cell names both, and lists the children without a report and the children
 * whose cell is blank (or not in their report), separately. Which units are the children is the unit
 * registry's business (the caller passes them).
 */
import type { Finding } from '../model/types.js';
import { figureKey, type FigureValue, type ReportFigures } from '../rules/figures.js';
import { cellNames, indexOf, tableName } from '../templates/template-index.js';
import type { RollupRuleDef, TemplateDef } from '../templates/types.js';
import { compareDecimals, decimalOf, formatDecimal, parseDecimal, sumDecimals, ZERO, type Decimal } from '../util/decimal.js';
import { fillTemplate } from '../util/text.js';

/** A child unit: its name as messages show it, and its report's figures (none: no report). */
export interface RollupChild {
    name: string;
    figures?: ReportFigures;
}

/** One cell of the parent's report, rolled up. */
export interface RollupCell {
    rule: RollupRuleDef;
    table: string;
    row: string;
    column: string;
    key: string;
    /** The parent's value (null: blank; undefined: the parent's report has no such cell). */
    reported: FigureValue | undefined;
    /** Σ the children's cells. */
    computed: Decimal;
    /** Children whose report counted (blank cells as 0). */
    count: number;
    /** Children without a report. */
    missing: string[];
    /** Children with a report whose cell is blank, or not in it. */
    blank: string[];
    holds: boolean;
}

/** A figure as an exact decimal (blank: 0). */
export function figureDecimal(value: FigureValue): Decimal {
    if (value === null) return ZERO;
    return typeof value === 'number' ? decimalOf(value) : parseDecimal(value) ?? ZERO;
}

/** The roll-up rules of a format. */
export function rollupRules(template: TemplateDef): RollupRuleDef[] {
    return template.rules.filter((r): r is RollupRuleDef => r.kind === 'rollup');
}

/**
 * Every cell of the roll-up rules' tables in the parent's format, in template order (tables, leaf
 * rows, columns): the sum of the children's and what the parent reports. Nothing when no child has
 * a report (there is nothing to add up).
 */
export function rollupCells(template: TemplateDef, parent: ReportFigures, children: readonly RollupChild[]): RollupCell[] {
    const filed = children.filter(c => c.figures);
    if (!filed.length) return [];
    const missing = children.filter(c => !c.figures).map(c => c.name);
    const index = indexOf(template);
    const out: RollupCell[] = [];
    for (const rule of rollupRules(template)) {
        for (const section of template.sections) {
            for (const def of section.tables) {
                if (!rule.tables.includes(def.id)) continue;
                const table = index.tables.get(def.id)!;
                for (const info of table.rows) {
                    if (info.def.children?.length) continue;
                    for (const column of def.columns) {
                        const key = figureKey(def.id, info.def.id, column.id);
                        const blank: string[] = [];
                        const terms: Decimal[] = [];
                        for (const child of filed) {
                            const value = child.figures!.cells[key];
                            if (value === undefined || value === null) blank.push(child.name);
                            if (value !== undefined) terms.push(figureDecimal(value));
                        }
                        const computed = sumDecimals(terms);
                        const reported = parent.cells[key];
                        const holds = reported === undefined || compareDecimals(figureDecimal(reported), computed) === 0;
                        out.push({ rule, table: def.id, row: info.def.id, column: column.id, key, reported, computed, count: filed.length, missing, blank, holds });
                    }
                }
            }
        }
    }
    return out;
}

/** At most `limit` names, then 「等 N 个」. */
function names(list: readonly string[], limit = 10): string | undefined {
    if (!list.length) return undefined;
    return list.length <= limit ? list.join('、') : `${list.slice(0, limit).join('、')} 等 ${list.length} 个`;
}

/** A roll-up finding: on the parent's cell, with that cell's zero-based line and character range (so the CLI and the server place it without the text). */
export interface RollupFinding extends Finding {
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/**
 * The findings of the roll-up on the parent's report: one per cell that does not hold, on the cell
 * (the parent's figures must carry positions). `data` carries the computed value (a number, and as
 * text for 金额), the reported one, the cell, and the children missing and blank; `extra` is added
 * to it (the unit's 编号 and the year, for the quick fix that writes the 汇总).
 */
export function rollupFindings(template: TemplateDef, parent: ReportFigures, children: readonly RollupChild[], extra: Record<string, unknown> = {}): RollupFinding[] {
    const out: RollupFinding[] = [];
    for (const cell of rollupCells(template, parent, children)) {
        if (cell.holds) continue;
        const at = parent.positions?.[cell.key];
        if (!at) continue;
        const { rule } = cell;
        const where = cellNames(template, cell.table, cell.row, cell.column);
        const computed = formatDecimal(cell.computed);
        const reported = cell.reported === null ? '空白' : String(cell.reported);
        out.push({
            code: rule.code, severity: rule.severity, rule: rule.domainRule, span: { start: at[0], end: at[1] },
            range: { start: { line: at[2], character: at[3] }, end: { line: at[2], character: at[3] + at[1] - at[0] } },
            message: fillTemplate(rule.message, {
                table: tableName(indexOf(template).tables.get(cell.table)!), row: where.row, column: where.column,
                computed, reported, count: cell.count, missing: names(cell.missing), blank: names(cell.blank),
            }),
            data: {
                code: rule.code, computed: Number(computed), computedText: computed,
                reported: cell.reported === null || cell.reported === undefined ? undefined : Number(cell.reported),
                table: cell.table, row: cell.row, column: cell.column, count: cell.count, missing: cell.missing, blank: cell.blank, ...extra,
            },
        });
    }
    return out;
}
