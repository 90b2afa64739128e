/**
 * Hover: what the thing under the cursor means in the official format — a heading, caption,
 * column or row label, a metadata key — and, on a number, every rule that counts it with both sides
 * computed; on a total, its computed value and terms.
 */
import type { CellModel, ReportModel, Span, TableModel } from '../model/types.js';
import { contributingCells, readingOfCell, ruleInstances } from '../rules/engine.js';
import { kindNames } from '../model/values.js';
import { describeColumn, describeRow, describeSection, describeTable, explainInstance, formatName, markdownText } from './describe.js';
import { META_DOCS } from './completion.js';

export interface HoverResult {
    markdown: string;
    span: Span;
}

const within = (span: Span, offset: number) => offset >= span.start && offset <= span.end && span.end > span.start;

/** `more`: paragraphs a cell's hover adds before its format line (the server's cross-year comparisons). */
export function hoverAt(model: ReportModel, offset: number, more: readonly string[] = []): HoverResult | undefined {
    const template = model.template;
    for (const [key, entry] of Object.entries(model.meta)) {
        if (!entry || !within(entry.span, offset)) continue;
        if (offset < entry.valueSpan.start) {
            const name = META_LABELS[key as keyof typeof META_LABELS];
            return { markdown: `**${name}**\n\n${META_DOCS[name]}`, span: { start: entry.span.start, end: entry.span.start + name.length } };
        }
        if (key === 'format' && model.meta.format?.value) {
            const t = model.meta.format.value;
            const years = `${t.years.from} 年度${t.years.to ? `至 ${t.years.to} 年度` : '起'}`;
            return { markdown: `**${t.name}**\n\n${t.citation}，适用于${years}的报告。`, span: entry.valueSpan };
        }
        return undefined;
    }
    for (const section of model.sections) {
        if (within(section.headingSpan, offset)) return { markdown: describeSection(template, section.def), span: section.headingSpan };
        for (const table of section.tables) {
            const hit = hoverInTable(model, table, offset, more);
            if (hit) return hit;
        }
    }
    return undefined;
}

const META_LABELS = { title: '标题', agency: '机关', level: '机关层级', year: '年度', format: '格式', published: '发布日期', period: '统计期限', unitId: '单位编号' } as const;

function hoverInTable(model: ReportModel, table: TableModel, offset: number, more: readonly string[]): HoverResult | undefined {
    const template = model.template;
    if (table.openerSpan && within(table.openerSpan, offset)) return { markdown: describeTable(template, table.def), span: table.openerSpan };
    const header = table.header;
    if (header && offset >= header.span.start && offset <= header.span.end) {
        const i = header.cellSpans.findIndex(s => within(s, offset));
        const column = header.columns[i];
        if (column) return { markdown: describeColumn(template, table.def, column), span: header.cellSpans[i] };
        return { markdown: describeTable(template, table.def), span: header.span };
    }
    for (const row of table.rows) {
        if (offset < row.lineSpan.start || offset > row.lineSpan.end) continue;
        if (within(row.labelSpan, offset) && row.def) {
            const parent = table.index.rowById.get(row.def.id)?.parent;
            return { markdown: describeRow(template, table.def, row.def, parent), span: row.labelSpan };
        }
        const cell = row.cells.find(c => within(c.span, offset));
        if (cell) return { markdown: describeCell(model, table, row.def?.short ?? row.def?.label ?? markdownText(row.label), cell, more), span: cell.span };
    }
    return undefined;
}

function describeCell(model: ReportModel, table: TableModel, rowName: string, cell: CellModel, more: readonly string[]): string {
    const column = cell.column;
    const lines = [`**${rowName} · ${column?.short ?? column?.label ?? ''}**`];
    if (column) {
        const reading = readingOfCell(table, cell);
        const written = cell.state === 'blank' || cell.state === 'missing' ? '空' : `「${markdownText(cell.text)}」`;
        const value = cell.state === 'invalid' ? `无法读取「${markdownText(cell.text)}」` :
            cell.state === 'number' ? (cell.note === undefined ? String(cell.value) : written) :
            reading.source === 'inferred' ? `${written}（按「${reading.by!.rule.title}」推算为 **${reading.value}**，各项核对按 ${reading.value} 计）` :
            `${written}（按 0 计）`;
        lines.push(`填写值：${value}（应为${kindNames[column.kind]}${column.unit ? `，单位${column.unit}` : ''}）`);
        if (cell.note !== undefined) {
            lines.push(`按 **${cell.value}** 计入各项核对；括号中的「${markdownText(cell.note)}」是注释，原样保留，预览和导出照原文印出。`);
        }
    }
    const instances = ruleInstances(model).filter(i => i.table === table &&
        [...i.lhs, ...i.rhs].some(t => t.cell === cell || (!t.cell && contributingCells(table, t).includes(cell))));
    const asTarget = instances.filter(i => i.target?.cell === cell);
    for (const i of asTarget) {
        lines.push(`计算值：**${i.computed ?? '—'}**（${i.rule.title}）${i.holds ? '，与填写值一致' : `，填写值 ${i.target!.value}`}`);
    }
    if (instances.length) lines.push(`参与的核对：\n\n${instances.map(i => `- ${explainInstance(i)}`).join('\n')}`);
    lines.push(...more, `_${formatName(model.template)}_`);
    return lines.join('\n\n');
}
