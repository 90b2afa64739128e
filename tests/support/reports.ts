/**
 * Consistent reports with random numbers for property tests: every sum and balance of the
 * template holds, the plausibility rules (R8–R12) hold, and the prose states a few of the table's
 * numbers correctly (so that a changed cell can make R24 differ).
 */
import { renderTable } from '../../src/format/skeleton.js';
import { flattenRows } from '../../src/templates/template-index.js';
import type { TableDef, TemplateDef } from '../../src/templates/types.js';

/** `next(n)`: a random integer in [0, n). */
export type Random = (n: number) => number;

/** A seeded generator (for fast-check: map an integer seed to a report). */
export function seeded(seed: number): Random {
    let state = (seed >>> 0) || 1;
    return n => {
        // xorshift32
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        return (state >>> 0) % n;
    };
}

/** Leaf values of one table, by row id, in column order; sums and balances made to hold. */
function tableValues(table: TableDef, next: Random): Map<string, number[]> {
    const width = table.columns.length;
    const col = (id: string) => table.columns.findIndex(c => c.id === id);
    const rows = new Map<string, number[]>();
    for (const { def } of flattenRows(table.rows)) {
        if (def.children) continue;
        // Mostly small counts with some zeros, as real reports have.
        rows.set(def.id, table.columns.map(c => (c.kind === 'signed' ? next(7) - 3 : next(3) === 0 ? 0 : next(40))));
    }
    const results = table.rows.find(r => r.id === 'results');
    if (results) {
        const outcomeRows = flattenRows(results.children!).filter(r => !r.def.children && r.def.id !== 'resultsTotal').map(r => r.def.id);
        const sums = Array.from({ length: width }, (_, i) => outcomeRows.reduce((s, id) => s + rows.get(id)![i], 0));
        rows.set('resultsTotal', sums);
        const carriedIn = rows.get('carriedIn')!;
        const carriedOver = rows.get('carriedOver')!;
        // 一 = 三（七）+ 四 − 二, kept ≥ 0 by lowering 二 where needed.
        carriedIn.forEach((v, i) => { carriedIn[i] = Math.min(v, sums[i] + carriedOver[i]); });
        rows.set('received', sums.map((s, i) => s + carriedOver[i] - carriedIn[i]));
    }
    makePlausible(table, rows, next);
    const total = col('total');
    if (total >= 0) for (const v of rows.values()) v[total] = v.reduce((s, x, i) => (i === total ? s : s + x), 0);
    return rows;
}

/**
 * Plausible 二 tables (R8–R12), in place: a 部门 reports no 规章; 现行有效 ≥ 本年制发; 本年新公开 ≤
 * 本年新制作 ≤ 对外公开总数量; item counts stay ≥ 0; 处理决定数量 never equals the item count.
 * Shared with the bench's generated reports (bench/bench.ts).
 */
export function makePlausible(table: TableDef, rows: Map<string, number[]>, next: Random): void {
    const col = (id: string) => table.columns.findIndex(c => c.id === id);
    for (const [id, v] of rows) {
        if (col('inForce') >= 0) v[col('inForce')] = v[col('issued')] + next(20);
        if (col('made') >= 0) {
            v[col('published')] = Math.min(v[col('published')], v[col('made')]);
            v[col('publishedTotal')] = v[col('made')] + next(20);
        }
        if (col('lastYearItems') >= 0) {
            v[col('lastYearItems')] = Math.max(v[col('lastYearItems')], -v[col('change')]);
            if (col('decisions') >= 0) v[col('decisions')] = v[col('lastYearItems')] + v[col('change')] + 1 + next(5);
        }
        if (table.id === 'item1' && id === 'rules') v.fill(0);
    }
}

export function consistentReport(template: TemplateDef, next: Random): string {
    const year = template.years.to ?? 2024;
    const out = [`标题：测试局${year}年政府信息公开工作年度报告`, '机关：测试局', '机关层级：部门', `年度：${year}`, `格式：${template.id}`,
        `发布日期：${year + 1}-01-20`, `统计期限：${year}-01-01 至 ${year}-12-31`, ''];
    const tables = new Map<string, Map<string, number[]>>();
    for (const section of template.sections) {
        if (section.kind !== 'tables') continue;
        for (const table of section.tables) tables.set(table.id, tableValues(table, next));
    }
    const value = (table: string, row: string, column: string) => {
        const def = template.sections.flatMap(s => s.tables).find(t => t.id === table)!;
        return tables.get(table)!.get(row)![def.columns.findIndex(c => c.id === column)];
    };
    for (const section of template.sections) {
        out.push(section.label);
        if (section.kind === 'prose') {
            const prose = section.id === 'overview'
                ? `（二）依申请公开。全年新收政府信息公开申请${value('applications', 'received', 'total')}件，其中予以公开${value('applications', 'disclosed', 'total')}件。`
                : '本年度工作情况良好。';
            out.push('"""', prose, '"""', '');
            continue;
        }
        out.push('');
        for (const table of section.tables) {
            const rows = tables.get(table.id)!;
            out.push(...renderTable(table, (row, column) => String(rows.get(row.id)?.[table.columns.findIndex(c => c.id === column)] ?? 0)), '');
        }
    }
    return out.join('\n');
}
