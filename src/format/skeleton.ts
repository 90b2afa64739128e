/**
 * A complete report in the chosen format — `xxgk new`, the empty-file snippet, next year's report
 * from this year's (`xxgk new --from`) and the 汇总 of a parent's children (`xxgk sum`). Every
 * label is the template's; each cell is `cell`'s text (default 0).
 */
import { flattenRows } from '../templates/template-index.js';
import type { RowDef, SectionDef, TableDef, TemplateDef } from '../templates/types.js';
import { lineRanges } from '../util/lines.js';
import { layoutTable, type LayoutRow } from './table-layout.js';

export interface SkeletonOptions {
    template: TemplateDef;
    agency: string;
    year: number;
    level?: string;
    /** 标题; default 「{机关}{年度}年政府信息公开工作年度报告」. */
    title?: string;
    /** Metadata lines after 机关层级 (key, value), e.g. 单位编号. */
    extraMeta?: readonly (readonly [string, string])[];
    /** Comment lines under the first line (without the leading //). */
    header?: readonly string[];
    /** A cell's text (default '0'). */
    cell?: (table: TableDef, row: RowDef, columnId: string) => string;
    /** Comment lines above a prose section's text block (without //): a guide for the writer. */
    guide?: (section: SectionDef) => readonly string[];
}

export function renderSkeleton(options: SkeletonOptions): string {
    const { template, agency, year, level } = options;
    const cell = options.cell ?? (() => '0');
    const out: string[] = [
        `// ${agency}${year}年政府信息公开工作年度报告（xxgk，${template.citation}）`,
        ...commentLines(options.header ?? []),
        `标题：${options.title ?? `${agency}${year}年政府信息公开工作年度报告`}`,
        `机关：${agency}`,
        ...(level ? [`机关层级：${level}`] : []),
        ...(options.extraMeta ?? []).map(([key, value]) => `${key}：${value}`),
        `年度：${year}`,
        `格式：${template.id}`,
        `统计期限：${year}-01-01 至 ${year}-12-31`,
        '',
    ];
    for (const section of template.sections) {
        out.push(section.label);
        if (section.kind === 'prose') {
            out.push(...commentLines(options.guide?.(section) ?? []), '"""', '', '"""', '');
            continue;
        }
        out.push('');
        for (const table of section.tables) {
            out.push(...renderTable(table, (row, columnId) => cell(table, row, columnId)), '');
        }
    }
    return out.join('\n');
}

/** Text as comment lines: one `// …` per line of it (any line break), `//` for an empty one. */
export function commentLines(lines: readonly string[]): string[] {
    return lines.flatMap(text => lineRanges(text).map(r => text.slice(r.start, r.end))).map(line => (line ? `// ${line}` : '//'));
}

/** A table with its caption, note, header and every row, each cell filled by `value`. */
export function renderTable(table: TableDef, value: (row: RowDef, columnId: string) => string): string[] {
    const rows: LayoutRow[] = flattenRows(table.rows).map(({ def, depth }) => ({
        label: def.label,
        depth,
        cells: def.children ? null : table.columns.map(c => value(def, c.id)),
    }));
    return [
        ...(table.caption ? [table.caption.label] : []),
        ...(table.note ? [table.note.label] : []),
        ...layoutTable({ corner: table.corner?.[0]?.label ?? '', cells: table.columns.map(c => c.label) }, rows),
    ];
}
