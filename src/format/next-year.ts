/**
 * Next year's report from this year's (`xxgk new --from`, the VS Code command 「由上年报告生成新年报」).
 *
 * Metadata carried (机关, 机关层级, 年度 + 1, its 统计期限 and format, 标题 with the new year); every
 * table laid out from the format's data with official labels (the skeleton writer); the cells that a
 * cross-year rule of the new format determines from last year's report filled in from the rule data
 * (src/rules/cross-year.ts carriedCells: 二、上年结转 = 四、结转下年度继续办理, 现行有效件数 and
 * 上一年项目数量 from last year's running counts); every other cell 0. Last year's prose is kept as a
 * commented guide above each text block, or left out. A header comment says what was carried and
 * what could not be (across a change of format).
 */
import type { ReportModel } from '../model/types.js';
import { carriedCells, reportSummary, type CarriedCell, type UncarriedCell } from '../rules/cross-year.js';
import type { TemplateRegistry } from '../templates/registry.js';
import { indexOf } from '../templates/template-index.js';
import type { CrossYearRuleDef, TemplateDef } from '../templates/types.js';
import { formatAmount } from '../model/values.js';
import { renderSkeleton } from './skeleton.js';

export type ProseMode = 'keep' | 'drop';

export interface NextYearOptions {
    /** Last year's report, checked. */
    previous: ReportModel;
    year: number;
    registry: TemplateRegistry;
    /** The format to write; default: last year's if it applies to the year, else the national one for the year. */
    template?: TemplateDef;
    prose: ProseMode;
    /** Last year's file, as the header comment names it. */
    source?: string;
}

/** A cell of a rule of last year's format that the new format has no place for. */
export interface DroppedCell {
    rule: CrossYearRuleDef;
    table: string;
    row: string;
    column: string;
}

export interface NextYearReport {
    text: string;
    template: TemplateDef;
    carried: CarriedCell[];
    /** New-format rules whose target could not be carried (last year's report lacks a term). */
    uncarried: UncarriedCell[];
    /** Last year's running counts the new format has no cell for (2019 上一年项目数量 in a 2021 report). */
    dropped: DroppedCell[];
    /** The header's lines: what was carried and what not. */
    notes: string[];
}

/** A problem with last year's report or the year asked for: a one-line Chinese message. */
export class NextYearError extends Error {}

export const nextYearStrings = {
    noAgency: '上年报告没有「机关」，无法生成下一年度的报告',
    noYear: '上年报告没有可识别的「年度」，无法确定下一年度',
    wrongYear: (last: number, year: number) => `上年报告是 ${last} 年度，新报告应为 ${last + 1} 年度，而不是 ${year}`,
    noFormat: (year: number) => `没有适用于 ${year} 年度的格式`,
    generated: (source: string | undefined, year: number, template: TemplateDef) =>
        `由上年报告${source ? ` ${source} ` : ''}生成：${year} 年度，${template.id} 格式（${template.citation}）`,
    carried: (rule: CrossYearRuleDef, where: string, cells: string) => `已结转（${rule.domainRule} ${rule.title}）：${where}——${cells}`,
    uncarried: (rule: CrossYearRuleDef, where: string, lastYear: number, missing: string) =>
        `未结转（${rule.domainRule} ${rule.title}）：${where}：${lastYear} 年度报告没有${missing}，请按实际填写`,
    negative: (rule: CrossYearRuleDef, where: string, value: number) =>
        `未结转（${rule.domainRule} ${rule.title}）：${where}：按上年数字算得 ${value}，不能为负，请核实后填写`,
    dropped: (template: TemplateDef, where: string, lastFormat: string) =>
        `未结转：${lastFormat} 格式的${where}在 ${template.id} 格式中没有对应的格，不再填报`,
    rest: (prose: ProseMode, lastYear: number) =>
        `其余各格为 0，请按本年度实际填写；发布日期待填；正文待写${prose === 'keep' ? `（${lastYear} 年度的正文以注释列在各部分下，供参考）` : ''}。`,
    allZero: '均为 0',
    guide: (lastYear: number) => `${lastYear} 年度正文（供参考，不计入报告）：`,
};

/** Next year's report text, what was carried and what not. */
export function nextYearReport(options: NextYearOptions): NextYearReport {
    const { previous, year, registry } = options;
    const agency = previous.meta.agency?.value;
    if (!agency) throw new NextYearError(nextYearStrings.noAgency);
    const lastYear = previous.meta.year?.value;
    if (lastYear === undefined) throw new NextYearError(nextYearStrings.noYear);
    if (year !== lastYear + 1) throw new NextYearError(nextYearStrings.wrongYear(lastYear, year));
    const lastTemplate = previous.template;
    const applies = (t: TemplateDef) => year >= t.years.from && (t.years.to === undefined || year <= t.years.to);
    const template = options.template ?? (applies(lastTemplate) ? lastTemplate : registry.forYear(year));
    if (!template) throw new NextYearError(nextYearStrings.noFormat(year));

    const summary = reportSummary(previous, registry)!;
    const { carried, uncarried } = carriedCells(summary, template);
    const dropped = template.id === lastTemplate.id ? [] : droppedCells(lastTemplate, template);
    const values = new Map(carried.map(c => [`${c.table}/${c.row}/${c.column}`, c]));

    const notes = [nextYearStrings.generated(options.source, year, template)];
    const tableName = (id: string, t = template) => {
        const table = indexOf(t).tables.get(id);
        return table ? table.def.caption?.label ?? table.def.title ?? table.section.label : id;
    };
    /** 「二、上年结转：自然人 3，商业企业 1」: the target once, then each place with its value. */
    const placeLabel = (rule: CrossYearRuleDef, table: string, at: { row: string; column: string }) =>
        termLabel({ ...rule, each: rule.each === 'row' ? 'column' : 'row' }, table, at, template, lastTemplate);
    for (const [, group] of groupBy(carried, c => `${c.rule.code}@${c.table}`)) {
        const { rule, table } = group[0];
        const nonZero = group.filter(c => c.value !== 0);
        const cells = nonZero.length ? nonZero.map(c => `${placeLabel(rule, table, c)} ${showValue(template, c)}`).join('，') : nextYearStrings.allZero;
        notes.push(nextYearStrings.carried(rule, `${tableName(table)} ${termLabel(rule, table, group[0], template)}`, cells));
    }
    for (const [, group] of groupBy(uncarried.filter(u => u.negative === undefined), u => `${u.rule.code}@${u.table}`)) {
        const { rule, table } = group[0];
        const missing = [...new Set(group.flatMap(u => u.missing.map(m => `「${termLabel(rule, table, m, lastTemplate, template)}」`)))].join('、');
        const where = `${tableName(table)} ${termLabel(rule, table, group[0], template)}（${group.map(u => placeLabel(rule, table, u)).join('、')}）`;
        notes.push(nextYearStrings.uncarried(rule, where, lastYear, missing));
    }
    for (const u of uncarried.filter(u => u.negative !== undefined)) {
        const where = `${tableName(u.table)} ${termLabel(u.rule, u.table, u, template)}（${placeLabel(u.rule, u.table, u)}）`;
        notes.push(nextYearStrings.negative(u.rule, where, u.negative!));
    }
    for (const [, group] of groupBy(dropped, d => `${d.rule.code}`)) {
        const where = [...new Set(group.map(d => tableName(d.table, lastTemplate)))].join('、');
        const targets = [...new Set(group.map(d => `「${termLabel(d.rule, d.table, d, lastTemplate)}」`))].join('、');
        notes.push(nextYearStrings.dropped(template, `${where}${targets}`, lastTemplate.id));
    }
    notes.push(nextYearStrings.rest(options.prose, lastYear));

    const proseOf = (sectionId: string) => previous.sectionsById.get(sectionId)?.prose.map(p => p.text).filter(t => t.trim()) ?? [];
    const text = renderSkeleton({
        template, agency, year,
        level: previous.meta.level?.text.trim() || undefined,
        title: nextTitle(previous, lastYear, year),
        header: notes,
        cell: (table, row, column) => {
            const c = values.get(`${table.id}/${row.id}/${column}`);
            return c ? showValue(template, c) : '0';
        },
        guide: section => {
            if (options.prose === 'drop') return [];
            const before = section.id === template.sections[0]?.id ? previous.preamble.map(p => p.text).filter(t => t.trim()) : [];
            const prose = [...before, ...proseOf(section.id)];
            return prose.length ? [nextYearStrings.guide(lastYear), ...prose] : [];
        },
    });
    return { text, template, carried, uncarried, dropped, notes };
}

/**
 * Cells that last year's format carries from year to year (the targets of its own cross-year rules)
 * but the new format does not have: the running counts that end with the change of format.
 */
function droppedCells(last: TemplateDef, next: TemplateDef): DroppedCell[] {
    const lastIndex = indexOf(last);
    const nextIndex = indexOf(next);
    const out: DroppedCell[] = [];
    for (const rule of last.rules) {
        if (rule.kind !== 'cross-year') continue;
        const table = lastIndex.tables.get(rule.table);
        if (!table) continue;
        const places = rule.each === 'row' ? table.rows.filter(r => !r.def.children?.length).map(r => r.def.id) : table.def.columns.map(c => c.id);
        const there = nextIndex.tables.get(rule.table);
        for (const place of places) {
            if (rule.over && !rule.over.includes(place)) continue;
            const [row, column] = rule.each === 'row' ? [place, rule.target] : [rule.target, place];
            if (!there?.rowById.has(row) || !there.columnById.has(column)) out.push({ rule, table: rule.table, row, column });
        }
    }
    return out;
}

/** The label of a cross-year rule's term (a column for per-row rules, a row for per-column ones), from the first format that has it. */
function termLabel(rule: CrossYearRuleDef, table: string, at: { row: string; column: string }, ...templates: TemplateDef[]): string {
    const id = rule.each === 'row' ? at.column : at.row;
    for (const t of templates) {
        const info = indexOf(t).tables.get(table);
        const spec = rule.each === 'row' ? info?.columnById.get(id) : info?.rowById.get(id)?.def;
        if (spec) return spec.short ?? spec.label;
    }
    return id;
}

/** 标题 with the new year: last year's title with its year replaced, or the usual title. */
function nextTitle(previous: ReportModel, lastYear: number, year: number): string | undefined {
    const title = previous.meta.title?.text.trim();
    if (!title) return undefined;
    const m = /(\d{4})(\s*年)/.exec(title);
    if (!m || Number(m[1]) !== lastYear) return undefined;
    return title.slice(0, m.index) + String(year) + title.slice(m.index + 4);
}

function showValue(template: TemplateDef, c: CarriedCell): string {
    const kind = indexOf(template).tables.get(c.table)?.columnById.get(c.column)?.kind;
    if (kind === 'amount') return formatAmount(c.value);
    if (kind === 'signed' && c.value > 0) return `+${c.value}`;
    return String(c.value);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
    const out = new Map<string, T[]>();
    for (const item of items) {
        const k = key(item);
        let list = out.get(k);
        if (!list) out.set(k, list = []);
        list.push(item);
    }
    return out;
}
