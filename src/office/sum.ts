/**
 * A parent unit's 汇总 report written from its children's reports (`xxgk sum`, the VS Code command
 * and quick fix): the report skeleton of the year's format (official labels) with every cell of the
 * roll-up rules' tables the exact sum of the children's same cell (src/office/rollup.ts), metadata
 * filled, the prose left for the writer with the children included and missing listed as comments.
 */
import { renderSkeleton } from '../format/skeleton.js';
import { indexOf } from '../templates/template-index.js';
import type { TemplateDef } from '../templates/types.js';
import { formatDecimal } from '../util/decimal.js';
import { rollupCells, type RollupChild } from './rollup.js';

export interface SumOptions {
    template: TemplateDef;
    /** The parent's name (机关). */
    agency: string;
    year: number;
    level?: string;
    /** Metadata lines after 机关层级 (单位编号). */
    extraMeta?: readonly (readonly [string, string])[];
    children: readonly RollupChild[];
}

export interface SumReport {
    text: string;
    included: string[];
    missing: string[];
    /** Cells left blank (or absent) in a child's report, counted as 0, by child. */
    blanks: Map<string, number>;
}

export const sumStrings = {
    header: (count: number, year: number) => `${year} 年度汇总报告：由 ${count} 个下级单位的报告相加而成（xxgk sum）；各表每格 = 下级单位该格之和`,
    included: (names: string) => `已汇总：${names}`,
    missing: (names: string) => `未报送（未计入）：${names}`,
    blanks: (list: string) => `空白单元格按 0 计：${list}`,
    prose: '正文待写；表格数字已由下级单位报告汇总，报送情况如下：',
    none: '无',
    /** The quick fixes on an xxgk/rollup finding. */
    fixCell: (computed: string) => `将该格改为下级单位之和 ${computed}`,
    fixWrite: '由下级单位的报告生成汇总报告…',
};

/** The 汇总 report's text and who is in it. */
export function sumReport(options: SumOptions): SumReport {
    const { template, children } = options;
    const figures = { template: template.id, cells: {} };
    const cells = rollupCells(template, figures, children);
    const sums = new Map(cells.map(c => [c.key, c.computed]));
    const included = children.filter(c => c.figures).map(c => c.name);
    const missing = children.filter(c => !c.figures).map(c => c.name);
    const blanks = new Map<string, number>();
    for (const cell of cells) for (const name of cell.blank) blanks.set(name, (blanks.get(name) ?? 0) + 1);
    const index = indexOf(template);
    const notes = [
        sumStrings.header(included.length, options.year),
        sumStrings.included(included.join('、') || sumStrings.none),
        ...(missing.length ? [sumStrings.missing(missing.join('、'))] : []),
        ...(blanks.size ? [sumStrings.blanks([...blanks].map(([name, n]) => `${name} ${n} 格`).join('、'))] : []),
    ];
    const text = renderSkeleton({
        template, agency: options.agency, year: options.year, level: options.level, extraMeta: options.extraMeta,
        header: notes,
        cell: (table, row, column) => {
            const sum = sums.get(`${table.id}/${row.id}/${column}`);
            if (!sum) return '0';
            const text = formatDecimal(sum);
            return index.tables.get(table.id)?.columnById.get(column)?.kind === 'signed' && sum.units > 0n ? `+${text}` : text;
        },
        guide: section => (section.id === template.sections.find(s => s.kind === 'prose')?.id ? [sumStrings.prose, ...notes.slice(1)] : []),
    });
    return { text, included, missing, blanks };
}
