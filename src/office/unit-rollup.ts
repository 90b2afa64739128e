/**
 * The roll-up rule with the unit registry (`xxgk check --registry`, `xxgk sum`, the editor when a
 * registry is set): a parent unit's report of a year against its children's reports of that year.
 * The children are the registry's children of the unit that exist that year; a child without a
 * report is listed as missing — unless it need not file (须报送 否), then it is left out. Which
 * report is a unit's is the filing index's answer (src/office/filings.ts), the same as status'.
 */
import type { ReportFigures } from '../rules/figures.js';
import type { TemplateRegistry } from '../templates/registry.js';
import type { Filing } from './filing.js';
import type { FilingIndex } from './filings.js';
import type { Unit } from './registry.js';
import { rollupFindings, rollupRules, type RollupChild, type RollupFinding } from './rollup.js';

/** A filing's figures (the parent's with positions), as the caller keeps them; undefined: none (unreadable). */
export type FiguresOf = (filing: Filing) => ReportFigures | undefined;

/** The tables any roll-up rule of the formats sums: what to ask the figures of. */
export function rollupTables(templates: TemplateRegistry): string[] {
    return [...new Set(templates.all().flatMap(t => rollupRules(t).flatMap(r => r.tables)))];
}

/** The children of a unit in a year as the roll-up reads them, in registry order: each with its report's figures, or none (no report). */
export function rollupChildren(index: FilingIndex, unit: Unit, year: number, figuresOf: FiguresOf): RollupChild[] {
    const out: RollupChild[] = [];
    for (const child of index.registry.childrenOf(unit, year)) {
        const filing = index.get(child, year);
        const figures = filing ? figuresOf(filing) : undefined;
        if (figures) out.push({ name: child.name, figures });
        else if (index.registry.mustFileIn(child, year)) out.push({ name: child.name });
    }
    return out;
}

/**
 * The roll-up findings of one report: when it is the report that counts for a unit with children
 * that year, each cell that is not the sum of the children's. Nothing for a report of no unit, of a
 * unit without children, or when no child has a report.
 */
export function unitRollupFindings(index: FilingIndex, filing: Filing, figuresOf: FiguresOf, templates: TemplateRegistry): RollupFinding[] {
    const unit = index.unitOf(filing);
    const { year } = filing;
    if (!unit || year === undefined || index.get(unit, year) !== filing) return [];
    if (!index.registry.childrenOf(unit, year).length) return [];
    const figures = figuresOf(filing);
    const template = figures?.positions && templates.get(figures.template);
    if (!figures || !template) return [];
    return rollupFindings(template, figures, rollupChildren(index, unit, year, figuresOf), { unitId: unit.id, year });
}
