/**
 * Year over year, as data: when a change of a cell is a spike worth a look, and the figures the
 * whole-area comparison (`xxgk compare --year Y <folder>`) shows per unit. The cells are named by
 * table, row and column ids that both national formats share (tables 三 and 四).
 */
import type { TableCellRef } from './types.js';

/**
 * A count that grew at least `factor` times, or fell to at most 1/`factor`, where the larger of the
 * two years is at least `minCount` (2 → 12 is a spike, 1 → 6 is not; 0 → 10 is, 10 → 0 is).
 * Only counts (not 本年增/减, not 金额).
 */
export const spikeRule = { factor: 5, minCount: 10 } as const;

/** A figure of the whole-area comparison: a sum of cells, or a share (the sum of `part` over the sum of `of`). */
export interface AreaMetricDef {
    id: string;
    /** Column heading (Chinese). */
    label: string;
    /** A short explanation shown with the heading. */
    doc: string;
    cells: readonly TableCellRef[];
    /** A share: `cells` over these (shown as a percentage; its change in percentage points). */
    of?: readonly TableCellRef[];
    /** Drawn in the chart (one metric: the chart compares the units by it). */
    chart?: boolean;
}

const at = (table: string, row: string, column = 'total'): TableCellRef => ({ table, row, column });

export const areaMetrics: readonly AreaMetricDef[] = [
    {
        id: 'received', label: '本年新收申请', doc: '三、一、本年新收政府信息公开申请数量（总计）',
        cells: [at('applications', 'received')], chart: true,
    },
    {
        id: 'disclosedShare', label: '予以公开占比', doc: '三、（一）予以公开 ÷（七）总计（总计列）：办结的申请中全部予以公开的比例',
        cells: [at('applications', 'disclosed')], of: [at('applications', 'resultsTotal')],
    },
    {
        id: 'review', label: '行政复议', doc: '四、行政复议（总计）',
        cells: [at('review', 'adminReview')],
    },
    {
        id: 'litigation', label: '行政诉讼', doc: '四、行政诉讼：未经复议直接起诉 + 复议后起诉（总计）',
        cells: [at('review', 'directSuit'), at('review', 'suitAfterReview')],
    },
];
