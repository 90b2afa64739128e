/**
 * Completion for the fixed categories of the report's format: metadata keys and values, section
 * headings not yet written, table captions and whole-table scaffolds, the rows a table still lacks
 * (in template order, with their official label and meaning), column headers, and the computed
 * value of a total. Everything comes from the template data and the model of the current text.
 */
import { renderSkeleton, renderTable } from '../format/skeleton.js';
import type { ReportModel } from '../model/types.js';
import { levels } from '../templates/levels.js';
import type { TemplateRegistry } from '../templates/registry.js';
import { indexOf } from '../templates/template-index.js';
import type { SectionDef, TableDef, TemplateDef } from '../templates/types.js';
import { widthKey } from '../util/text.js';
import type { Span } from '../model/types.js';
import { ruleInstances } from '../rules/engine.js';
import { cursorContext, inComment, type CursorContext } from './context.js';
import { describeColumn, describeRow, describeSection, explainInstance, formatName } from './describe.js';

export type SuggestionKind = 'keyword' | 'value' | 'section' | 'table' | 'row' | 'group' | 'column' | 'snippet' | 'number';

export interface Suggestion {
    label: string;
    kind: SuggestionKind;
    detail?: string;
    /** Markdown. */
    documentation?: string;
    insertText: string;
    /** insertText is a snippet ($1, ${1:…}, $0). */
    snippet?: boolean;
    /** What the client filters on: the label in full-width and half-width punctuation. */
    filterText: string;
    sortText: string;
    /** The text the suggestion replaces. */
    replace: Span;
}

export const META_KEYS = ['标题', '机关', '机关层级', '年度', '格式', '发布日期', '统计期限', '单位编号'] as const;
export const META_DOCS: Record<string, string> = {
    标题: '报告标题，如「某某局2024年政府信息公开工作年度报告」。',
    机关: '报告机关的全称。',
    机关层级: '省、市、县、乡、部门等；决定哪些数字合理（如只有国务院部门、省级和设区的市级政府能制定规章）。',
    年度: '报告所属年度（统计年度）。',
    格式: '年报格式：2019 = 国办公开办函〔2019〕60号（2019、2020 年度），2021 = 国办公开办函〔2021〕30号（2021 年度起）。',
    发布日期: '报告公开发布的日期，如 2025-01-20。',
    统计期限: '数据统计期限，应为所属年度的 1 月 1 日至 12 月 31 日。',
    单位编号: '（可选）本单位在单位名单中的编号；写了编号，就按编号而不是按机关名称对应名单中的单位。',
};

export function completionsAt(model: ReportModel, offset: number, registry: TemplateRegistry): Suggestion[] {
    const context = cursorContext(model, offset);
    if (context.inProse || inComment(context)) return [];
    if (!model.text.trim()) return skeletons(model, registry, { start: 0, end: model.text.length });
    const meta = metaValue(context);
    if (meta) return metaValues(model, context, meta, registry);
    if (context.cellIndex > 0) return cellSuggestions(model, context);
    return filter(lineStartSuggestions(model, context), context);
}

// ---------------------------------------------------------------------------------------------

function item(label: string, kind: SuggestionKind, order: number, replace: Span, rest: Partial<Suggestion> = {}): Suggestion {
    return {
        label, kind, insertText: label, replace,
        filterText: widthKey(label) === label ? label : `${label} ${widthKey(label)}`,
        sortText: String(order).padStart(4, '0'),
        ...rest,
    };
}

/** Keeps the suggestions whose label contains what was typed (any punctuation width). */
function filter(items: Suggestion[], context: CursorContext): Suggestion[] {
    const typed = widthKey(context.before.trimStart()).replace(/\s+/g, '');
    if (!typed) return items;
    return items.filter(s => isSubsequence(typed, widthKey(s.label).replace(/\s+/g, '')));
}

function isSubsequence(needle: string, haystack: string): boolean {
    let i = 0;
    for (const ch of haystack) if (ch === needle[i]) i++;
    return i === needle.length;
}

function skeletons(model: ReportModel, registry: TemplateRegistry, replace: Span): Suggestion[] {
    const year = model.meta.year?.value ?? new Date().getFullYear() - 1;
    return registry.all().filter(t => !t.basedOn).map((template, i) => {
        // Placeholders: the agency ($1) and the year ($2), mirrored wherever the skeleton repeats them.
        const text = renderSkeleton({ template, agency: '\u0001', year: 9999 });
        const snippet = escapeSnippet(text).replace(/\u0001/g, '${1:某某局}').replace(/9999/g, `\${2:${year}}`);
        return item(`年报骨架（${template.id} 格式）`, 'snippet', i, replace, {
            detail: template.citation,
            documentation: `完整的年度报告骨架：元数据、六个部分、${formatName(template)}的全部表格，各项为 0。`,
            insertText: snippet, snippet: true,
        });
    });
}

function escapeSnippet(text: string): string {
    return text.replace(/[\\$}]/g, m => `\\${m}`);
}

// --- metadata ---------------------------------------------------------------------------------

function metaValue(context: CursorContext): string | undefined {
    const m = /^\s*(标题|机关层级|机关|年度|格式|发布日期|统计期限)\s*[:：]/.exec(context.before);
    return m?.[1];
}

function metaValues(model: ReportModel, context: CursorContext, key: string, registry: TemplateRegistry): Suggestion[] {
    const colon = context.before.search(/[:：]/);
    let start = context.lineStart + colon + 1;
    while (start < context.offset && /\s/.test(model.text[start])) start++;
    const replace = { start, end: context.lineEnd - (context.after.length - context.after.trimEnd().length) };
    const year = model.meta.year?.value;
    switch (key) {
        case '格式':
            return registry.all().map((t, i) => item(t.id, 'value', i, replace, {
                detail: t.citation,
                documentation: `${t.name}：${t.citation}，适用于 ${t.years.from} 年度${t.years.to ? `至 ${t.years.to} 年度` : '起'}的报告。`,
                filterText: `${t.id} ${t.citation}`,
            }));
        case '机关层级':
            return levels.map((l, i) => item(l.label, 'value', i, replace, { detail: l.aliases?.join('、'), documentation: l.doc }));
        case '年度': {
            const now = new Date().getFullYear();
            return [now - 1, now - 2, now].map((y, i) => item(String(y), 'value', i, replace));
        }
        case '统计期限':
            return year ? [item(`${year}-01-01 至 ${year}-12-31`, 'value', 0, replace, { documentation: '统计期限为所属年度全年。' })] : [];
        case '标题': {
            const agency = model.meta.agency?.value;
            return agency && year ? [item(`${agency}${year}年政府信息公开工作年度报告`, 'value', 0, replace)] : [];
        }
        default:
            return [];
    }
}

// --- the start of a line: keys, headings, captions, rows -----------------------------------------

function lineStartSuggestions(model: ReportModel, context: CursorContext): Suggestion[] {
    const replace = context.cell;
    const template = model.template;
    const out: Suggestion[] = [];
    if (context.beforeSections) {
        META_KEYS.forEach((key, i) => {
            if (!model.meta[metaName(key)]) {
                out.push(item(`${key}：`, 'keyword', i, replace, { documentation: META_DOCS[key], filterText: `${key}：${key}:` }));
            }
        });
    }
    const section = context.section;
    const table = context.table;
    if (section && section.def.kind === 'tables') {
        if (table) out.push(...missingRows(model, table.def.id, context, 100));
        // Tables of this section not written yet: the whole table with zeros.
        section.def.tables.forEach((def, i) => {
            if (!model.tables.has(def.id) && !context.piped) out.push(tableScaffold(template, def, 300 + i, replace));
        });
    }
    if (section && section.def.kind === 'tables' && context.piped && table && !table.header && context.cellIndex === 0) {
        out.push(headerLine(table.def, 90, replace));
    }
    template.sections.forEach((def, i) => {
        if (!model.sectionsById.has(def.id) && !context.piped) out.push(sectionItem(template, def, 500 + i, replace));
    });
    return out;
}

function metaName(key: string): keyof ReportModel['meta'] {
    return ({ 标题: 'title', 机关: 'agency', 机关层级: 'level', 年度: 'year', 格式: 'format', 发布日期: 'published', 统计期限: 'period', 单位编号: 'unitId' } as const)[key as '标题'];
}

function missingRows(model: ReportModel, tableId: string, context: CursorContext, order: number): Suggestion[] {
    const table = model.tables.get(tableId)!;
    const index = indexOf(model.template).tables.get(tableId)!;
    const columns = (table.header ? table.columns : table.def.columns).length;
    const out: Suggestion[] = [];
    for (const info of index.rows) {
        const { def } = info;
        if (table.rowsById.has(def.id)) continue;
        // A leaf written as its group's single row (2021 （六） the 2019 way) needs no sub-rows.
        if (info.parent && table.rowsById.get(info.parent.id)?.piped) continue;
        const zeros = def.children ? '' : ` | ${Array(columns).fill('0').join(' | ')}`;
        const labelOnly = context.after.trim().length > 0;
        out.push(item(def.label, def.children ? 'group' : 'row', order + info.order, context.cell, {
            detail: info.parent ? `${info.parent.short ?? info.parent.label} 的子项` : (def.children ? '分组行' : tableTitle(table.def)),
            documentation: describeRow(model.template, table.def, def),
            insertText: labelOnly ? def.label : def.label + zeros,
        }));
    }
    return out;
}

function tableTitle(table: TableDef): string {
    return table.caption?.label ?? table.title ?? table.id;
}

function headerLine(table: TableDef, order: number, replace: Span): Suggestion {
    const corner = table.corner?.[0]?.label ?? '';
    const text = `${corner} | ${table.columns.map(c => c.label).join(' | ')}`;
    return item(text, 'column', order, replace, { detail: '表头行', documentation: `${tableTitle(table)}的表头：${table.columns.map(c => c.label).join('、')}` });
}

function tableScaffold(template: TemplateDef, table: TableDef, order: number, replace: Span): Suggestion {
    const lines = renderTable(table, () => '0');
    return item(tableTitle(table), 'table', order, replace, {
        detail: `整张表（各项为 0）`,
        documentation: `${table.caption?.doc ?? table.doc ?? ''}\n\n\`\`\`\n${lines.join('\n')}\n\`\`\`\n\n${formatName(template)}`,
        insertText: lines.join('\n'),
    });
}

function sectionItem(template: TemplateDef, section: SectionDef, order: number, replace: Span): Suggestion {
    const body = section.kind === 'prose'
        ? `${escapeSnippet(section.label)}\n"""\n$0\n"""`
        : `${escapeSnippet(section.label)}\n\n${section.tables.map(t => escapeSnippet(renderTable(t, () => '0').join('\n'))).join('\n\n')}$0`;
    return item(section.label, 'section', order, replace, {
        detail: section.kind === 'prose' ? '部分（正文）' : `部分（${section.tables.length} 张表）`,
        documentation: describeSection(template, section),
        insertText: body, snippet: true,
    });
}

// --- inside a row: column headers, computed totals -----------------------------------------------

function cellSuggestions(model: ReportModel, context: CursorContext): Suggestion[] {
    const table = context.table;
    if (!table) return [];
    const header = table.header;
    const isHeaderLine = header && header.span.start >= context.lineStart && header.span.start <= context.lineEnd;
    if (isHeaderLine || (!header && /^\s*(信息内容|申请人情况)?\s*$/.test(context.before.split(/[|｜]/)[0]))) {
        const present = new Set((header?.columns ?? []).filter(Boolean).map(c => c!.id));
        return filter(table.def.columns.filter(c => !present.has(c.id)).map((c, i) =>
            item(c.label, 'column', i, context.cell, { detail: '列', documentation: describeColumn(model.template, table.def, c) })), {
            ...context, before: model.text.slice(context.cell.start, context.offset),
        });
    }
    // A total: offer the value the rules compute for it.
    const row = table.rows.find(r => r.lineSpan.start >= context.lineStart && r.lineSpan.start <= context.lineEnd);
    const column = table.columns[context.cellIndex - 1];
    const cell = row && column ? row.byColumn.get(column.id) : undefined;
    const instance = cell && ruleInstances(model).find(i => i.target?.cell === cell && i.computed !== undefined);
    if (!instance) return [];
    return [item(String(instance.computed), 'number', 0, context.cell, {
        detail: `按「${instance.rule.title}」计算`,
        documentation: explainInstance(instance),
    })];
}
