/** Generated reports for the benchmarks and the property tests: complete, consistent, random numbers. */
import { renderTable } from '../src/format/skeleton.js';
import { flattenRows } from '../src/templates/template-index.js';
import type { TemplateDef } from '../src/templates/types.js';

/** A complete, consistent report with random numbers; every `errorEvery`-th one has a wrong total. */
export function generateReport(template: TemplateDef, seed: number, withError: boolean): string {
    let state = seed * 2654435761 % 4294967296;
    const rand = (n: number) => { state = (state * 1664525 + 1013904223) % 4294967296; return state % n; };
    const year = template.years.to ?? 2024;
    const lines = [`标题：测试局${seed}${year}年政府信息公开工作年度报告`, `机关：测试局${seed}`, '机关层级：部门', `年度：${year}`, `格式：${template.id}`,
        `发布日期：${year + 1}-01-20`, `统计期限：${year}-01-01 至 ${year}-12-31`, ''];
    for (const section of template.sections) {
        lines.push(section.label);
        if (section.kind === 'prose') {
            const fees = section.id === 'other' ? '本年度未收取信息处理费。' : '';
            lines.push('"""', `（一）本年度${seed}号单位的工作情况。`.repeat(1 + rand(6)) + fees, '"""', '');
            continue;
        }
        lines.push('');
        for (const table of section.tables) {
            const values = new Map<string, number[]>();
            const leaves = flattenRows(table.rows).filter(r => !r.def.children);
            for (const { def } of leaves) values.set(def.id, table.columns.map(c => (c.kind === 'signed' ? rand(5) - 2 : rand(9))));
            const totalCol = table.columns.findIndex(c => c.id === 'total');
            if (table.id === 'applications') {
                // 一 + 二 = 三（七）+ 四 per column, （七） = the sum of the result rows.
                const resultLeaves = flattenRows(table.rows.find(r => r.id === 'results')!.children!)
                    .filter(r => !r.def.children && r.def.id !== 'resultsTotal').map(r => r.def.id);
                const column = (i: number) => resultLeaves.reduce((sum, id) => sum + values.get(id)![i], 0);
                const total = table.columns.map((_, i) => column(i));
                const carriedIn = values.get('carriedIn')!;
                const carriedOver = values.get('carriedOver')!;
                values.set('resultsTotal', total);
                values.set('received', total.map((t, i) => t + carriedOver[i] - Math.min(carriedIn[i], t + carriedOver[i])));
                values.set('carriedIn', carriedIn.map((c, i) => Math.min(c, total[i] + carriedOver[i])));
            }
            // Plausible 二 tables (R8–R12): a 部门 reports no 规章; 现行有效 ≥ 本年制发; 本年新公开 ≤ 本年新制作 ≤ 对外公开总数量;
            // item counts stay ≥ 0; 处理决定数量 never equals the item count.
            const col = (id: string) => table.columns.findIndex(c => c.id === id);
            for (const [rowId, v] of values) {
                if (col('inForce') >= 0) v[col('inForce')] = v[col('issued')] + rand(20);
                if (col('made') >= 0) {
                    v[col('published')] = Math.min(v[col('published')], v[col('made')]);
                    v[col('publishedTotal')] = v[col('made')] + rand(20);
                }
                if (col('lastYearItems') >= 0) {
                    v[col('lastYearItems')] = Math.max(v[col('lastYearItems')], -v[col('change')]);
                    if (col('decisions') >= 0) v[col('decisions')] = v[col('lastYearItems')] + v[col('change')] + 1 + rand(5);
                }
                if (table.id === 'item1' && rowId === 'rules') v.fill(0);
            }
            if (totalCol >= 0) {
                for (const v of values.values()) v[totalCol] = v.reduce((sum, x, i) => (i === totalCol ? sum : sum + x), 0);
            }
            if (withError && table.id === 'applications') values.get('disclosed')![totalCol] += 1;
            lines.push(...renderTable(table, (row, columnId) => String(values.get(row.id)?.[table.columns.findIndex(c => c.id === columnId)] ?? 0)), '');
        }
    }
    return lines.join('\n');
}


/**
 * A report as a web page flattens when pasted: its printed tables as tab-separated rows (a merged
 * cell's text, then an empty cell for each further column it spans; cells a row span covers left
 * out), its paragraphs one per line.
 */
export function flattenToText(view: import('../src/render/view-model.js').ReportView): string {
    const lines: string[] = [view.title.text];
    if (view.period) lines.push(view.period.text);
    const paragraph = (p: { lead?: string; text: string }) => `${p.lead ?? ''}${p.text}`;
    lines.push(...view.preamble.map(paragraph));
    for (const section of view.sections) {
        lines.push(section.heading);
        for (const block of section.blocks) {
            if (block.kind === 'paragraph') lines.push(paragraph(block));
            else for (const row of [...block.head, ...block.body]) lines.push(row.flatMap(c => [c.text, ...new Array((c.colSpan ?? 1) - 1).fill('')]).join('\t'));
        }
    }
    if (view.agency) lines.push(view.agency);
    if (view.published) lines.push(view.published);
    return `${lines.join('\n')}\n`;
}
