/**
 * The whole-area comparison (`xxgk compare --year Y <folder>`): per unit (机关), the figures of
 * src/templates/comparison.ts (new applications, 予以公开 share, 复议 and 诉讼 counts) in Y and Y − 1
 * and their change. Plain JSON; the HTML (sortable, with a chart) and XLSX writers read it.
 */
import { figureKey, figureNumber, type ReportFigures } from '../rules/figures.js';
import { areaMetrics, type AreaMetricDef } from '../templates/comparison.js';
import type { TableCellRef } from '../templates/types.js';

export const AREA_SCHEMA = 'xxgk-area/1';

export interface AreaFigure {
    /** A count, or a share between 0 and 1; undefined: no report, or the share's base is 0. */
    this?: number;
    last?: number;
    /** this − last (a share's change in percentage points × 0.01, i.e. as a fraction). */
    change?: number;
}

export interface AreaUnit {
    agency: string;
    /** 机关 as compared. */
    key: string;
    thisPath?: string;
    lastPath?: string;
    figures: Record<string, AreaFigure>;
}

export interface AreaView {
    schema: typeof AREA_SCHEMA;
    year: number;
    metrics: readonly Pick<AreaMetricDef, 'id' | 'label' | 'doc' | 'chart'>[];
    /** Which metrics are shares. */
    shares: string[];
    units: AreaUnit[];
}

/** A report's figures with where it came from. */
export interface AreaReport {
    path: string;
    figures: ReportFigures;
}

/** The cells the metrics read (what a worker needs to send). */
export function areaTables(metrics: readonly AreaMetricDef[] = areaMetrics): Set<string> {
    return new Set(metrics.flatMap(m => [...m.cells, ...(m.of ?? [])].map(c => c.table)));
}

function sum(figures: ReportFigures, cells: readonly TableCellRef[]): number | undefined {
    let total = 0;
    for (const c of cells) {
        const value = figureNumber(figures.cells[figureKey(c.table, c.row, c.column)]);
        if (value === undefined) return undefined;
        total += value;
    }
    return total;
}

function metricValue(metric: AreaMetricDef, figures: ReportFigures | undefined): number | undefined {
    if (!figures) return undefined;
    const part = sum(figures, metric.cells);
    if (!metric.of || part === undefined) return part;
    const base = sum(figures, metric.of);
    return base ? part / base : undefined;
}

/**
 * The units of year Y and Y − 1, by 机关 (the first report of a 机关 and year, in the order given),
 * sorted by this year's first metric (descending), then by name.
 */
export function areaComparison(reports: readonly AreaReport[], year: number, metrics: readonly AreaMetricDef[] = areaMetrics): AreaView {
    const byUnit = new Map<string, { agency: string; this?: AreaReport; last?: AreaReport }>();
    for (const report of reports) {
        const { agencyKey, agency, year: y } = report.figures;
        if (!agencyKey || !agency || (y !== year && y !== year - 1)) continue;
        let unit = byUnit.get(agencyKey);
        if (!unit) byUnit.set(agencyKey, unit = { agency });
        const side = y === year ? 'this' : 'last';
        if (!unit[side]) unit[side] = report;
        if (side === 'this') unit.agency = agency;
    }
    const units: AreaUnit[] = [...byUnit].map(([key, unit]) => {
        const figures: Record<string, AreaFigure> = {};
        for (const metric of metrics) {
            const now = metricValue(metric, unit.this?.figures);
            const before = metricValue(metric, unit.last?.figures);
            const figure: AreaFigure = {};
            if (now !== undefined) figure.this = now;
            if (before !== undefined) figure.last = before;
            if (now !== undefined && before !== undefined) figure.change = now - before;
            figures[metric.id] = figure;
        }
        return {
            agency: unit.agency, key, figures,
            ...(unit.this ? { thisPath: unit.this.path } : {}), ...(unit.last ? { lastPath: unit.last.path } : {}),
        };
    });
    const first = metrics[0]?.id;
    units.sort((a, b) => (first ? (b.figures[first].this ?? -1) - (a.figures[first].this ?? -1) : 0) || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0));
    return {
        schema: AREA_SCHEMA, year,
        metrics: metrics.map(({ id, label, doc, chart }) => ({ id, label, doc, ...(chart ? { chart } : {}) })),
        shares: metrics.filter(m => m.of).map(m => m.id),
        units,
    };
}
