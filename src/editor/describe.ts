/** Markdown explanations of the template's labels and of evaluated rules, shared by hover and completion. */
import { kindNames } from '../model/values.js';
import { visibleText } from '../util/text.js';
import { formatTerms, type RuleInstance } from '../rules/engine.js';
import { indexOf } from '../templates/template-index.js';
import type { ColumnDef, RowDef, SectionDef, TableDef, TemplateDef } from '../templates/types.js';

/**
 * Text the user wrote, as Markdown shows it literally: every ASCII punctuation character
 * backslash-escaped (so no link, image, emphasis, HTML, autolink or entity forms) and invisible
 * characters written as U+XXXX. Everything a report says goes through here before it enters a hover.
 */
export function markdownText(text: string): string {
    return visibleText(text).replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

export function formatName(template: TemplateDef): string {
    return `${template.name}（${template.citation}）`;
}

function tableName(table: TableDef): string {
    return table.caption?.label ?? table.title ?? table.id;
}

/** The template's rules that name a row (or a group it belongs to) or a column of a table. */
export function rulesNaming(template: TemplateDef, table: TableDef, id: string, kind: 'row' | 'column'): string[] {
    const rows = indexOf(template).tables.get(table.id)?.rowById;
    const ids = [id];
    for (let parent = rows?.get(id)?.parent; kind === 'row' && parent; parent = rows?.get(parent.id)?.parent) ids.push(parent.id);
    const out: string[] = [];
    const add = (rule: { domainRule: string; title: string }) => out.push(`${rule.domainRule} ${rule.title}`);
    for (const rule of template.rules) {
        switch (rule.kind) {
            case 'linear':
            case 'cross-year': {
                if (rule.table !== table.id) break;
                const termsAre = rule.each === 'row' ? 'column' : 'row';
                const terms = [...rule.lhs, ...rule.rhs].map(t => (typeof t === 'string' ? t : t.id));
                if (termsAre === kind ? ids.some(i => terms.includes(i)) : !rule.over || rule.over.includes(id)) add(rule);
                break;
            }
            case 'subtotal':
                if (kind === 'row' && rows?.get(id)?.parent?.subtotal) add(rule);
                break;
            case 'coincidence':
                if (rule.tables.includes(table.id) && (kind === 'row' || [...rule.lhs, ...rule.rhs].includes(id))) add(rule);
                break;
            case 'capability':
                if (rule.table === table.id && (kind === 'row' ? rule.rows.includes(id) : !rule.columns || rule.columns.includes(id))) add(rule);
                break;
        }
    }
    return [...new Set(out)];
}

export function describeSection(template: TemplateDef, section: SectionDef): string {
    const tables = section.tables.length ? `\n\n表格：${section.tables.map(tableName).join('、')}` : '';
    return `**${section.label}**\n\n${section.doc ?? ''}${tables}\n\n_${formatName(template)}_`;
}

export function describeTable(template: TemplateDef, table: TableDef): string {
    const doc = table.caption?.doc ?? table.doc ?? '';
    return `**${tableName(table)}**\n\n${doc}\n\n列：${table.columns.map(c => c.label).join('、')}\n\n_${formatName(template)}_`;
}

export function describeRow(template: TemplateDef, table: TableDef, row: RowDef, parent?: RowDef): string {
    const parts = [`**${row.label}**`, row.doc ?? ''];
    const where = parent ? `${tableName(table)} · ${parent.label}` : tableName(table);
    parts.push(`所在：${where}${row.children ? `；分组，含 ${row.children.length} 项：${row.children.map(c => c.label).join('、')}` : ''}`);
    const rules = rulesNaming(template, table, row.id, 'row');
    if (rules.length) parts.push(`参与核对：${rules.join('；')}`);
    parts.push(`_${formatName(template)}_`);
    return parts.filter(Boolean).join('\n\n');
}

export function describeColumn(template: TemplateDef, table: TableDef, column: ColumnDef): string {
    const parts = [`**${column.label}**`, column.doc ?? ''];
    const group = table.columnGroups?.find(g => g.columns.includes(column.id));
    if (group) parts.push(`属于「${group.label}」`);
    parts.push(`填写：${kindNames[column.kind]}${column.unit ? `，单位${column.unit}` : ''}${column.maxDecimals !== undefined ? `，最多 ${column.maxDecimals} 位小数` : ''}`);
    const rules = rulesNaming(template, table, column.id, 'column');
    if (rules.length) parts.push(`参与核对：${rules.join('；')}`);
    parts.push(`_${formatName(template)}_`);
    return parts.filter(Boolean).join('\n\n');
}

/** One evaluated rule in a line: both sides with their terms, and whether it holds. */
export function explainInstance(i: RuleInstance): string {
    const op = i.rule.kind === 'linear' ? (i.rule.op === '=' ? '=' : i.rule.op === '>=' ? '≥' : '≤') : '=';
    const status = i.holds ? '✓' : '✗';
    const side = (terms: RuleInstance['lhs'], total: number) => (terms.length > 1 ? `${formatTerms(terms)} = ${total}` : formatTerms(terms) || '0');
    const fix = !i.holds && i.target && i.computed !== undefined ? `；${i.target.label}应为 **${i.computed}**` : '';
    return `${status} ${i.rule.domainRule} ${i.rule.title}（${i.at}）：${side(i.lhs, i.left)} ${op} ${side(i.rhs, i.right)}${fix}`;
}
