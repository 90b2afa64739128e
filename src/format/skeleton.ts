/** A complete report in the chosen format with every cell 0 — `xxgk new` and the empty-file snippet. */
import { flattenRows } from '../templates/template-index.js';
import type { RowDef, TableDef, TemplateDef } from '../templates/types.js';
import { layoutTable, type LayoutRow } from './table-layout.js';

export interface SkeletonOptions {
    template: TemplateDef;
    agency: string;
    year: number;
    level?: string;
}

export function renderSkeleton({ template, agency, year, level }: SkeletonOptions): string {
    const out: string[] = [
        `// ${agency}${year}年政府信息公开工作年度报告（xxgk，${template.citation}）`,
        `标题：${agency}${year}年政府信息公开工作年度报告`,
        `机关：${agency}`,
        ...(level ? [`机关层级：${level}`] : []),
        `年度：${year}`,
        `格式：${template.id}`,
        `统计期限：${year}-01-01 至 ${year}-12-31`,
        '',
    ];
    for (const section of template.sections) {
        out.push(section.label);
        if (section.kind === 'prose') {
            out.push('"""', '', '"""', '');
            continue;
        }
        out.push('');
        for (const table of section.tables) {
            out.push(...renderTable(table, () => '0'), '');
        }
    }
    return out.join('\n');
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
