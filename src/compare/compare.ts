/**
 * Year over year for one 机关 (`xxgk compare <last> <this>`, the VS Code view 「与上年对比」): both
 * years' view models (src/render: the official layout, one renderer), each of this year's value cells
 * with its change against the same cell (row and column id) of last year's report, spikes marked
 * (src/templates/comparison.ts), and the cross-year rules' findings (R14–R17) hung on their cells in
 * both years. Plain JSON, like the view model: the server builds it, the client and the exporters read it.
 */
import type { Finding } from '../model/types.js';
import { buildView, type CheckedReport } from '../render/build-view.js';
import type { ViewCell, ViewChange, ViewTable } from '../render/view-model.js';
import { byPosition } from '../rules/check.js';
import { crossYearFindings, reportSummary } from '../rules/cross-year.js';
import { spikeRule } from '../templates/comparison.js';
import type { TemplateRegistry } from '../templates/registry.js';
import { cellNames } from '../templates/template-index.js';
import { compareDecimals, decimalOf, formatDecimal, subtractDecimals } from '../util/decimal.js';
import { compareStrings as S } from './strings.js';
import { COMPARE_SCHEMA, tablesOf, type CellChange, type ComparedTable, type CompareView } from './view.js';

export type { CellChange, ComparedTable, CompareView } from './view.js';

export interface CompareOptions {
    registry: TemplateRegistry;
    /** Last year's document (a path or a uri): where the cross-year findings' related information points. */
    lastSource: string;
}

export function compareReports(last: CheckedReport, current: CheckedReport, options: CompareOptions): CompareView {
    const lastSummary = reportSummary(last.model, options.registry);
    const thisSummary = reportSummary(current.model, options.registry);
    const paired = Boolean(lastSummary && thisSummary && lastSummary.agencyKey === thisSummary.agencyKey && lastSummary.year === thisSummary.year - 1);
    const found = paired ? crossYearFindings(thisSummary!, lastSummary!, options.registry, options.lastSource).sort(byPosition) : [];
    // Last year's side: each finding again on the cells of last year that it compares with.
    const onLast: Finding[] = found.flatMap(f => (f.related ?? []).filter(r => r.source !== undefined).map(r => ({
        code: f.code, severity: f.severity, message: f.message, span: r.span, rule: f.rule, data: { code: f.code },
    }))).sort(byPosition);
    const lastView = buildView({ model: last.model, findings: onLast });
    const thisView = buildView({ model: current.model, findings: found });

    const lastTables = tablesOf(lastView);
    const thisTables = tablesOf(thisView);
    const changes: CellChange[] = [];
    const tables: ComparedTable[] = [];
    const template = current.model.template;
    for (const [id, { table, section }] of thisTables) {
        const before = lastTables.get(id)?.table;
        const entry: ComparedTable = {
            id, numeral: section.numeral, heading: section.heading, name: table.name, inLast: Boolean(before), inThis: true, changed: 0, spikes: 0,
        };
        if (before) {
            const lastCells = new Map(valueCells(before).map(c => [c.ref!, c]));
            for (const cell of valueCells(table)) {
                const previous = lastCells.get(cell.ref!);
                if (!previous || previous.value === undefined || cell.value === undefined) continue;
                cell.change = change(previous.value, cell.value, cell.valueKind === 'count');
                if (cell.change.delta === '0') continue;
                entry.changed++;
                if (cell.change.spike) entry.spikes++;
                const [row, column] = cell.ref!.split('.');
                changes.push({ table: id, tableName: table.name, ref: cell.ref!, ...cellNames(template, id, row, column), this: cell.value, ...cell.change });
            }
        }
        tables.push(entry);
    }
    for (const [id, { table, section }] of lastTables) {
        if (thisTables.has(id)) continue;
        tables.push({ id, numeral: section.numeral, heading: section.heading, name: table.name, inLast: true, inThis: false, changed: 0, spikes: 0 });
    }
    const agency = current.model.meta.agency?.value ?? last.model.meta.agency?.value;
    const lastYear = last.model.meta.year?.value;
    const year = current.model.meta.year?.value;
    return {
        schema: COMPARE_SCHEMA,
        title: S.title(agency, lastYear, year),
        ...(agency ? { agency } : {}), ...(lastYear !== undefined ? { lastYear } : {}), ...(year !== undefined ? { year } : {}),
        paired, last: lastView, this: thisView, tables, changes,
        counts: { changed: changes.length, spikes: changes.filter(c => c.spike).length },
    };
}

/** A cell's change: the exact difference, the ratio, and whether it is a spike (counts only). */
export function change(last: number, current: number, count: boolean): ViewChange {
    const diff = subtractDecimals(decimalOf(current), decimalOf(last));
    const sign = compareDecimals(diff, { units: 0n, scale: 0 });
    const out: ViewChange = { last, delta: sign > 0 ? `+${formatDecimal(diff)}` : formatDecimal(diff) };
    if (last !== 0) out.ratio = current / last;
    if (count && Math.max(last, current) >= spikeRule.minCount) {
        if (last === 0 || current / last >= spikeRule.factor) out.spike = 'up';
        else if (current / last <= 1 / spikeRule.factor) out.spike = 'down';
    }
    return out;
}

function valueCells(table: ViewTable): ViewCell[] {
    return table.body.flat().filter(c => c.kind === 'value' && c.ref);
}
