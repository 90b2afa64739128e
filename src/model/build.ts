/**
 * From the parsed lines to the report model.
 *
 * The grammar only knows lines (metadata, text blocks, rows of cells). This builder walks them in
 * order and decides, from the template data alone, what each line is: a section heading, a table
 * caption, a header, a row, a group label. It records every deviation from the template as a
 * finding (structure R22/R23, metadata R19/R20, values R5–R7). Nothing here names a particular
 * table, row or column: those live in src/templates.
 */
import { isLeafCstNode, type CompositeCstNode, type CstNode, type LeafCstNode } from 'langium';
import type { MetaField, Report, Row, TextBlock } from '../language/generated/ast.js';
import { catalogEntry, type CatalogCode } from '../rules/catalog.js';
import { levels } from '../templates/levels.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { indexOf, tableName, type TableIndex, type TemplateIndex } from '../templates/template-index.js';
import type { ColumnDef, LabelSpec, RowDef, SectionDef, TemplateDef } from '../templates/types.js';
import { Vocabulary, type LabelMatch } from '../templates/vocabulary.js';
import { breakBefore, LineIndex, lineEndAt, lineStartAt } from '../util/lines.js';
import { finish, type Steps } from '../util/steps.js';
import { fillTemplate, looseKey, widthKey } from '../util/text.js';
import { parseDate, parsePeriod, parseYear } from './meta-values.js';
import type {
    CellModel, Finding, FindingData, HeaderModel, Meta, MetaEntry, ProseBlock, RelatedSpan, ReportModel,
    RowModel, SectionModel, Span, TableModel,
} from './types.js';
import { parseCell } from './values.js';

interface RawCell {
    text: string;
    span: Span;
}

type MetaName = keyof Meta;

const META_KEYS: Record<string, MetaName> = {
    '标题': 'title', '机关': 'agency', '机关层级': 'level', '年度': 'year', '格式': 'format', '发布日期': 'published', '统计期限': 'period',
    '单位编号': 'unitId',
};
const META_EXAMPLES: Record<MetaName, string> = {
    title: '某某局2024年政府信息公开工作年度报告', agency: '某某局', level: '部门', year: '2024', format: '2021',
    published: '2025-01-20', period: '2024-01-01 至 2024-12-31', unitId: '101',
};
const HEADING_LIKE = /^(?:[一二三四五六七八九十]+、)/;
/** 0 to 999999999999 (MAX_CELL_VALUE) written in ASCII digits only: the common cell, read without the general reader. */
function isPlainNumber(text: string): boolean {
    if (text.length === 0 || text.length > 12) return false;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 48 || c > 57) return false;
    }
    return true;
}
const NUMERIC_LIKE = /^[\d\s+\-−－—–.,，元万增减]*$/;
/** A cell that says 0 or nothing (blank, 0, 0.00, -): leaving it out loses no number. */
const isZero = (text: string) => /^(?:[0０]+(?:[.．][0０]*)?|[-—–－/／]*)$/.test(text.trim());
const levelVocabulary = new Vocabulary(levels);

export function buildModel(report: Report, text: string, registry: TemplateRegistry = nationalRegistry): ReportModel {
    return finish(buildModelInSteps(report, text, registry));
}

/** How many lines the model reads between two steps of buildModelInSteps. */
export const LINES_PER_STEP = 2000;

/**
 * The model built in steps of LINES_PER_STEP lines: the generator yields between steps and returns
 * the model (the same as buildModel's). Whoever drives it may do other work between steps (the
 * language server answers for other documents while it reads a large one).
 */
export function buildModelInSteps(report: Report, text: string, registry: TemplateRegistry = nationalRegistry): Steps<ReportModel> {
    return new ModelBuilder(text, registry).build(report);
}


class ModelBuilder {
    private readonly findings: Finding[] = [];
    private lineIndex?: LineIndex;
    private lenient = false;
    /** Whether the format was worked out from 年度 (no 格式 line). */
    private templateInferred = false;

    private template!: TemplateDef;
    private index!: TemplateIndex;
    private model!: ReportModel;

    private section?: SectionModel;
    private table?: TableModel;
    private lastRowOrder = -1;
    private lastRowLabel = '';
    private readonly headerReported = new Set<TableModel>();
    private lines_: Report['lines'] = [];
    /** Per table, the header positions whose column cannot be placed, with their finding and the cells written there. */
    private readonly droppedColumns = new Map<TableModel, Map<number, { finding: Finding; code: CatalogCode; params: Record<string, unknown>; cells: RawCell[] }>>();

    constructor(private readonly text: string, private readonly registry: TemplateRegistry) {
    }

    *build(report: Report): Steps<ReportModel> {
        this.lines_ = report.lines;
        const meta = this.readMeta(report.lines.filter((l): l is MetaField => l.$type === 'MetaField'));
        this.chooseTemplate(meta);
        this.model = {
            text: this.text, meta, template: this.template, templateDeclared: Boolean(meta.format?.value),
            title: '',
            preamble: [], sections: [], sectionsById: new Map(), tables: new Map(), findings: this.findings,
        };
        this.checkMeta(meta);
        this.model.title = meta.title?.value ||
            `${meta.agency?.value ?? ''}${meta.year?.value ? `${meta.year.value}年` : ''}政府信息公开工作年度报告`;
        let untilStep = LINES_PER_STEP;
        for (const line of report.lines) {
            if (line.$type === 'TextBlock') this.readText(line);
            else if (line.$type === 'Row') this.readRow(line);
            if (--untilStep === 0) {
                untilStep = LINES_PER_STEP;
                yield;
            }
        }
        this.checkCompleteness();
        return this.model;
    }

    // -----------------------------------------------------------------------------------------
    // Findings

    private report(code: CatalogCode, span: Span, params: Record<string, unknown> = {}, data: Partial<FindingData> = {},
        related?: RelatedSpan[], lenientOverride?: boolean): Finding {
        const entry = catalogEntry(code);
        const lenient = entry.lenient && (lenientOverride ?? this.lenient);
        const finding: Finding = {
            code, severity: lenient ? 'info' : entry.severity, message: fillTemplate(entry.message, params), span,
            rule: entry.domainRule, data: { ...data, code },
        };
        if (related?.length) finding.related = related;
        this.findings.push(finding);
        return finding;
    }

    /** Built only when a message needs a line number. */
    private get lines(): LineIndex {
        this.lineIndex ??= new LineIndex(this.text);
        return this.lineIndex;
    }

    private lineOf(span: Span): number {
        return this.lines.position(span.start).line + 1;
    }

    private reportVariant(text: string, spec: LabelSpec, span: Span): void {
        this.report('xxgk/label-variant', span, { text, label: spec.label }, { canonical: spec.label });
    }

    // -----------------------------------------------------------------------------------------
    // Metadata

    private readMeta(fields: MetaField[]): Meta {
        const meta: Meta = {};
        for (const field of fields) {
            const leaves = leavesOf(field.$cstNode!);
            const key = leaves[0];
            const name = META_KEYS[field.key];
            const span = { start: field.$cstNode!.offset, end: field.$cstNode!.end };
            let rest = leaves.slice(1);
            if (rest[0]?.text === '：' || rest[0]?.text === ':') {
                rest = rest.slice(1);
            } else {
                this.report('xxgk/meta-colon', { start: key.offset, end: key.end }, { key: field.key, example: META_EXAMPLES[name] }, { key: field.key });
                continue;
            }
            const valueSpan = rest.length ? { start: rest[0].offset, end: rest[rest.length - 1].end } : { start: span.end, end: span.end };
            const entry: MetaEntry<never> = { span, valueSpan, text: this.text.slice(valueSpan.start, valueSpan.end) };
            const previous = meta[name];
            if (previous) {
                this.report('xxgk/meta-duplicate', span, { key: field.key, line: this.lineOf(previous.span) });
                continue;
            }
            (meta as Record<MetaName, MetaEntry<unknown>>)[name] = entry;
        }
        return meta;
    }

    private chooseTemplate(meta: Meta): void {
        const year = meta.year;
        if (year) {
            year.value = parseYear(year.text);
            if (year.value === undefined) {
                this.report('xxgk/meta-invalid', year.valueSpan, { key: '年度', text: year.text, hint: '应为四位年份，例如 2024' });
            }
        }
        const format = meta.format;
        if (format) {
            format.value = this.registry.resolve(format.text);
            if (!format.value) {
                const known = this.registry.all().map(t => `${t.id}（${t.citation}）`).join('、');
                const suggestion = this.registry.suggest(format.text);
                this.report('xxgk/meta-invalid', format.valueSpan, {
                    key: '格式', text: format.text,
                    hint: suggestion ? `是否要写「${suggestion.id}」？可用的格式有：${known}` : `可用的格式有：${known}`,
                });
            }
        }
        const inferred = year?.value !== undefined ? this.registry.forYear(year.value) : undefined;
        this.template = format?.value ?? inferred ?? this.registry.latest() ?? this.registry.all()[0];
        this.templateInferred = Boolean(!format?.value && inferred);
        this.index = indexOf(this.template);
        this.lenient = year?.value !== undefined && Boolean(this.template.lenientYears?.includes(year.value));
    }

    private checkMeta(meta: Meta): void {
        const top = { start: 0, end: lineEndAt(this.text, 0) };
        const { template } = this;
        if (!meta.agency) this.report('xxgk/meta-missing', top, { key: '机关', hint: '例如「机关：某某局」' });
        if (!meta.year) this.report('xxgk/meta-missing', top, { key: '年度', hint: '例如「年度：2024」' });
        if (!meta.title) {
            const derived = `${meta.agency?.text ?? ''}${meta.year?.value ? `${meta.year.value}年` : ''}政府信息公开工作年度报告`;
            this.report('xxgk/meta-recommended', top, { key: '标题', hint: `预览和导出使用「${derived}」` });
        }
        if (!meta.format) {
            const how = this.templateInferred ? '按年度推定为' : '按现行的';
            this.report('xxgk/meta-recommended', top, { key: '格式', hint: `${how} ${template.id} 格式（${template.citation}）检查` });
        }
        const year = meta.year?.value;
        if (year !== undefined && meta.format?.value) {
            const expected = this.registry.forYear(year);
            const applies = year >= template.years.from && (template.years.to === undefined || year <= template.years.to);
            if (expected && !applies) {
                this.report('xxgk/format-year', meta.format.valueSpan, {
                    year, expected: `${expected.id} 格式（${expected.citation}）`, actual: `${template.id} 格式（${template.citation}）`,
                }, { expected: expected.id }, undefined, Boolean(expected.lenientYears?.includes(year)));
            }
        }
        if (meta.level) {
            const match = levelVocabulary.lookup(meta.level.text);
            meta.level.value = match?.item;
            if (!match) {
                this.report('xxgk/meta-invalid', meta.level.valueSpan, {
                    key: '机关层级', text: meta.level.text, hint: `可用的层级有：${levels.map(l => l.label).join('、')}`,
                });
            } else if (match.quality === 'variant') {
                this.reportVariant(meta.level.text, match.item, meta.level.valueSpan);
            }
        }
        if (meta.published) {
            meta.published.value = parseDate(meta.published.text);
            if (!meta.published.value) {
                this.report('xxgk/meta-invalid', meta.published.valueSpan, { key: '发布日期', text: meta.published.text, hint: '应为日期，例如 2025-01-20' });
            }
        }
        if (meta.period) {
            meta.period.value = parsePeriod(meta.period.text);
            const period = meta.period.value;
            if (!period) {
                this.report('xxgk/meta-invalid', meta.period.valueSpan, {
                    key: '统计期限', text: meta.period.text, hint: '应为两个日期，例如 2024-01-01 至 2024-12-31',
                });
            } else if (year !== undefined && !(period.from.year === year && period.from.month === 1 && period.from.day === 1 &&
                period.to.year === year && period.to.month === 12 && period.to.day === 31)) {
                this.report('xxgk/period', meta.period.valueSpan, { year, text: meta.period.text });
            }
        }
        if (meta.title) {
            meta.title.value = meta.title.text;
            const m = /(\d{4})\s*年/.exec(meta.title.text);
            if (m && year !== undefined && Number(m[1]) !== year) {
                const start = meta.title.valueSpan.start + m.index;
                this.report('xxgk/title-year', { start, end: start + 4 }, { titleYear: m[1], year });
            }
        }
        if (meta.agency) meta.agency.value = meta.agency.text;
        if (meta.unitId) {
            meta.unitId.value = meta.unitId.text.normalize('NFKC').trim() || undefined;
            if (!meta.unitId.value) this.report('xxgk/meta-invalid', meta.unitId.span, { key: '单位编号', text: '', hint: '应为单位名单中该单位的编号' });
        }
        for (const key of ['agency', 'title'] as const) {
            const entry = meta[key];
            if (entry && !entry.text) this.report('xxgk/meta-missing', entry.span, { key: key === 'agency' ? '机关' : '标题' });
        }
    }

    // -----------------------------------------------------------------------------------------
    // Text blocks

    private readText(block: TextBlock): void {
        const node = block.$cstNode!;
        const raw = block.text;
        const closed = raw.length >= 6 && raw.endsWith('"""');
        let body = raw.slice(3, closed ? raw.length - 3 : raw.length);
        const opening = /^[^\S\r\n]*(?:\r\n?|\n)/.exec(body)?.[0].length ?? 0;
        body = body.slice(opening);
        if (closed) {
            // The line break before the closing fence is the block's, not the text's.
            const lastLine = lineStartAt(body, body.length);
            if (lastLine > 0 && !body.slice(lastLine).trim()) body = body.slice(0, lastLine - breakBefore(body, lastLine));
        }
        const prose: ProseBlock = { span: { start: node.offset, end: node.end }, text: body, textOffset: node.offset + 3 + opening, closed };
        if (!closed) this.report('xxgk/text-unclosed', { start: node.offset, end: node.offset + 3 });
        this.table = undefined;
        if (this.section) {
            this.section.prose.push(prose);
            this.section.span.end = node.end;
        } else {
            this.model.preamble.push(prose);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Rows: headings, captions, headers, table rows

    private readRow(row: Row): void {
        const node = row.$cstNode!;
        const { cells, piped } = splitCells(node, this.text);
        const lineSpan = { start: cells[0].span.start, end: cells[cells.length - 1].span.end };
        if (piped) this.readTableLine(cells, lineSpan);
        else this.readLabelLine(cells[0], lineSpan);
    }

    private readLabelLine(cell: RawCell, lineSpan: Span): void {
        const { text } = cell;
        // 1. A row of the table being written (group labels, rows without numbers).
        if (this.table) {
            const match = this.table.index.rowVocabulary.lookup(text);
            if (match) return this.addRow(this.table, match, cell, [], false, lineSpan);
        }
        // 2. A section heading.
        const section = this.index.sectionVocabulary.lookup(text);
        if (section) return this.openSection(section, cell);
        // 3. A caption or note that opens a table of this section.
        if (this.section) {
            const opener = this.index.openerVocabulary.get(this.section.def.id)!.lookup(text);
            if (opener) {
                if (opener.quality === 'variant') this.reportVariant(text, opener.item, cell.span);
                this.openTable(opener.item.table, cell.span, opener.item.kind === 'caption');
                return;
            }
            // 4. A row of another table of this section: the caption was left out.
            for (const table of this.index.tablesOfSection.get(this.section.def.id)!) {
                const match = table.rowVocabulary.lookup(text);
                if (match) {
                    const model = this.openTable(table, undefined, false, lineSpan);
                    return this.addRow(model, match, cell, [], false, lineSpan);
                }
            }
        }
        // 5. A caption or note of a table whose section heading was left out.
        for (const def of this.unwrittenSections()) {
            const opener = this.index.openerVocabulary.get(def.id)!.lookup(text);
            if (!opener) continue;
            this.openMissingSection(def, lineSpan);
            if (opener.quality === 'variant') this.reportVariant(text, opener.item, cell.span);
            this.openTable(opener.item.table, cell.span, opener.item.kind === 'caption');
            return;
        }
        this.unknownLabelLine(cell);
    }

    /** Table sections whose heading the document does not have, the ones after the current section first. */
    private unwrittenSections(): SectionDef[] {
        const headings = this.headingsWritten();
        const sections = this.template.sections.filter(s => s.kind === 'tables' && !headings.has(s.id) && !this.model.sectionsById.has(s.id));
        if (!sections.length) return sections;
        const here = this.section ? this.index.sectionOrder.get(this.section.def.id)! : -1;
        return [...sections.filter(s => this.index.sectionOrder.get(s.id)! > here), ...sections.filter(s => this.index.sectionOrder.get(s.id)! < here)];
    }

    private headings?: Set<string>;

    /** The sections whose heading (or a misspelling of it) is somewhere in the document; worked out only when a line fits nowhere. */
    private headingsWritten(): Set<string> {
        if (this.headings) return this.headings;
        this.headings = new Set();
        for (const line of this.lines_) {
            if (line.$type !== 'Row') continue;
            const { cells, piped } = splitCells(line.$cstNode!, this.text);
            if (piped) continue;
            const text = cells[0].text;
            const section = this.index.sectionVocabulary.lookup(text)?.item ??
                (HEADING_LIKE.test(widthKey(text)) ? this.index.sectionVocabulary.suggest(text) : undefined)?.item;
            if (section) this.headings.add(section.id);
        }
        return this.headings;
    }

    /** A table line that belongs to a section whose heading was left out: one finding, and the section is read on. */
    private openMissingSection(def: SectionDef, lineSpan: Span): void {
        const at = { start: lineSpan.start, end: lineSpan.start };
        this.report('xxgk/section-heading-missing', lineSpan, { numeral: def.numeral, label: def.label }, { section: def.id, canonical: def.label });
        this.openSection({ item: def, quality: 'exact' }, { text: def.label, span: at }, true);
        this.section!.headingMissing = true;
    }

    private unknownLabelLine(cell: RawCell): void {
        const { text, span } = cell;
        const key = widthKey(text);
        if (!this.section) {
            const metaKey = Object.keys(META_KEYS).sort((a, b) => b.length - a.length).find(k => key.startsWith(k));
            if (metaKey) {
                return void this.report('xxgk/meta-colon', span, { key: metaKey, example: META_EXAMPLES[META_KEYS[metaKey]] }, { key: metaKey });
            }
            const colon = key.indexOf(':');
            if (colon > 0 && colon <= 8) {
                return void this.report('xxgk/meta-unknown', span, { text: key.slice(0, colon), keys: Object.keys(META_KEYS).join('、') });
            }
            if (/年度报告$/.test(key)) {
                return void this.report('xxgk/line-unknown', span, { text, suggestion: `标题：${text}` });
            }
        }
        if (HEADING_LIKE.test(key)) {
            const suggestion = this.index.sectionVocabulary.suggest(text);
            const label = suggestion?.item.label;
            this.report('xxgk/section-unknown', span, { text, suggestion: label }, { suggestion: label });
            // Read on as that section, so the lines under a misspelt heading land where they belong.
            if (suggestion?.close && !this.model.sectionsById.has(suggestion.item.id)) {
                this.openSection({ item: suggestion.item, quality: 'exact' }, cell, true);
            }
            return;
        }
        if (text.includes('。') || looseKey(text).length >= 24) {
            return void this.report('xxgk/prose-outside', span);
        }
        const suggestion = [
            this.table?.index.rowVocabulary.suggest(text),
            this.index.sectionVocabulary.suggest(text),
            this.section && this.index.openerVocabulary.get(this.section.def.id)!.suggest(text),
        ].find(Boolean)?.item.label;
        this.report('xxgk/line-unknown', span, { text, suggestion }, { suggestion });
    }

    private readTableLine(cells: RawCell[], lineSpan: Span): void {
        const first = cells[0];
        const open = this.table;
        const openMatch = open && first.text ? open.index.rowVocabulary.lookup(first.text) : undefined;
        if (!openMatch) {
            const here = this.section?.def.kind === 'tables' ? this.index.tablesOfSection.get(this.section.def.id)! : [];
            if (!here.some(t => this.fits(open?.index === t ? open : t, cells))) {
                // The section heading was left out: the line belongs to a table of a section not written yet.
                const missing = this.unwrittenSections().find(s => this.index.tablesOfSection.get(s.id)!.some(t => this.fits(t, cells)));
                if (missing) this.openMissingSection(missing, lineSpan);
            }
        }
        if (!this.section || this.section.def.kind !== 'tables') {
            return void this.report('xxgk/table-outside', lineSpan, { text: this.text.slice(lineSpan.start, lineSpan.end) });
        }
        const candidates = this.index.tablesOfSection.get(this.section.def.id)!;
        let table = this.table;
        let rowMatch = table === open ? openMatch : undefined;
        // A line that does not fit the open table but fits another of this section: that table's caption was left out.
        if (!table || (!rowMatch && !this.fits(table, cells))) {
            const others = candidates.filter(t => t !== table?.index && this.fits(t, cells));
            const found = candidates.length === 1 ? candidates[0] : others.find(t => !this.model.tables.has(t.def.id)) ?? others[0];
            if (found && found !== table?.index) {
                table = this.openTable(found, undefined, false, lineSpan);
                rowMatch = first.text ? found.rowVocabulary.lookup(first.text) : undefined;
            }
        }
        if (!table) {
            const suggestion = candidates.map(t => t.rowVocabulary.suggest(first.text)).find(Boolean)?.item.label;
            return void this.reportDropping('xxgk/line-unknown', first.text ? first.span : lineSpan, { text: first.text || '（空）', suggestion }, cells.slice(1), { suggestion });
        }
        if (!rowMatch && this.isHeader(table, cells)) {
            if (table.header) {
                return void this.report('xxgk/header-duplicate', lineSpan, { table: tableName(table.index), line: this.lineOf(table.header.span) });
            }
            this.readHeader(table, cells, lineSpan);
        } else {
            this.addRow(table, rowMatch, first, cells.slice(1), true, lineSpan);
        }
        table.span.end = lineSpan.end;
    }

    /** Whether a line belongs to a table: a header naming its columns, or a row with one of its labels. */
    private fits(table: TableModel | TableIndex, cells: RawCell[]): boolean {
        const index = 'index' in table ? table.index : table;
        const model = 'index' in table ? table : undefined;
        const first = cells[0].text;
        if (this.isHeader(index, cells)) {
            return !model?.header && cells.slice(1).some(c => c.text && index.columnVocabulary.lookup(c.text));
        }
        return Boolean(first && index.rowVocabulary.lookup(first));
    }

    private isHeader(table: TableModel | TableIndex, cells: RawCell[]): boolean {
        const index = 'index' in table ? table.index : table;
        const first = cells[0].text;
        const labels = cells.slice(1).filter(c => c.text && !NUMERIC_LIKE.test(c.text));
        if (!labels.length) return false;
        if (!first || index.cornerVocabulary.lookup(first)) return true;
        if (index.rowVocabulary.lookup(first)) return false;
        return labels.some(c => index.columnVocabulary.lookup(c.text) || index.columnGroupVocabulary.lookup(c.text));
    }

    private readHeader(table: TableModel, cells: RawCell[], lineSpan: Span): void {
        const index = table.index;
        const corner = cells[0];
        if (corner.text) {
            const match = index.cornerVocabulary.lookup(corner.text);
            if (match?.quality === 'variant') this.reportVariant(corner.text, match.item, corner.span);
            else if (!match && index.def.corner?.length) this.reportVariant(corner.text, index.def.corner[0], corner.span);
        }
        const header: HeaderModel = { span: lineSpan, cornerText: corner.text, columns: [], cellSpans: [] };
        const seen = new Set<string>();
        let lastOrder = -1;
        let lastLabel = '';
        for (const cell of cells.slice(1)) {
            header.cellSpans.push(cell.span);
            const column = this.resolveColumn(table, cell, header.columns.length);
            if (column && seen.has(column.id)) {
                this.dropColumn(table, header.columns.length, 'xxgk/column-duplicate', cell.span, { label: column.label });
                header.columns.push(undefined);
                continue;
            }
            header.columns.push(column);
            if (!column) continue;
            seen.add(column.id);
            const order = index.columnOrder.get(column.id)!;
            if (order < lastOrder) this.report('xxgk/column-order', cell.span, { label: column.label, before: lastLabel });
            else {
                lastOrder = order;
                lastLabel = column.label;
            }
        }
        const anchor = cells[cells.length - 1].span;
        for (const column of index.def.columns) {
            if (!seen.has(column.id)) {
                this.report('xxgk/column-missing', anchor, { table: tableName(index), label: column.label },
                    { table: index.def.id, column: column.id });
            }
        }
        table.header = header;
        table.columns = header.columns;
    }

    /** The column a header cell names; `position` is its place among the value columns (for the numbers of a column that cannot be placed). */
    private resolveColumn(table: TableModel, cell: RawCell, position: number): ColumnDef | undefined {
        const index = table.index;
        if (!cell.text) {
            this.dropColumn(table, position, 'xxgk/column-unknown', cell.span, { text: '（空）', table: tableName(index) });
            return undefined;
        }
        const match = index.columnVocabulary.lookup(cell.text);
        if (match) {
            if (match.quality === 'variant') this.reportVariant(cell.text, match.item, cell.span);
            return match.item;
        }
        const group = index.columnGroupVocabulary.lookup(cell.text);
        if (group) {
            const columns = group.item.columns.map(id => index.columnById.get(id)!.label).join('、');
            this.dropColumn(table, position, 'xxgk/column-group', cell.span, { label: group.item.label, columns });
            return undefined;
        }
        const suggestion = index.columnVocabulary.suggest(cell.text);
        const otherFormat = this.otherFormatWith(index.def.id, t => t.columnVocabulary.lookup(cell.text));
        const label = otherFormat ? undefined : suggestion?.item.label;
        const params = { text: cell.text, table: tableName(index), suggestion: label, otherFormat };
        // A misspelt header still names the column it most likely means.
        if (suggestion?.close && !otherFormat) {
            this.report('xxgk/column-unknown', cell.span, params, { suggestion: label });
            return suggestion.item;
        }
        this.dropColumn(table, position, 'xxgk/column-unknown', cell.span, params, { suggestion: label });
        return undefined;
    }

    /**
     * A header cell whose column cannot be placed: its finding lists the numbers written in that
     * column once the table is read (no number is dropped silently), and is an error when one is not 0.
     */
    private dropColumn(table: TableModel, position: number, code: CatalogCode, span: Span, params: Record<string, unknown>, data: Partial<FindingData> = {}): void {
        const finding = this.report(code, span, params, { ...data, table: table.def.id });
        let dropped = this.droppedColumns.get(table);
        if (!dropped) this.droppedColumns.set(table, dropped = new Map());
        dropped.set(position, { finding, code, params, cells: [] });
    }

    /** Puts the numbers of the columns that could not be placed into their findings. */
    private listDroppedColumns(table: TableModel): void {
        for (const { finding, code, params, cells } of this.droppedColumns.get(table)?.values() ?? []) {
            if (!cells.length) continue;
            const dropped = cells.map(c => `${c.text}（第 ${this.lineOf(c.span)} 行）`).join('、');
            finding.message = fillTemplate(catalogEntry(code).message, { ...params, dropped });
            finding.data.dropped = cells.map(c => c.text);
            if (cells.some(c => !isZero(c.text))) finding.severity = catalogEntry(code).severity;
        }
    }

    /** A finding for a line whose numbers cannot be placed: the numbers are listed, and it is an error when one is not 0. */
    private reportDropping(code: CatalogCode, span: Span, params: Record<string, unknown>, cells: readonly RawCell[],
        data: Partial<FindingData> = {}): Finding {
        const written = cells.filter(c => c.text);
        const dropped = written.length ? written.map(c => c.text).join('、') : undefined;
        const strict = written.some(c => !isZero(c.text)) ? false : undefined;
        return this.report(code, span, { ...params, dropped }, dropped ? { ...data, dropped: written.map(c => c.text) } : data, undefined, strict);
    }

    /** The name of another registered format whose table of the same id knows a label. */
    private otherFormatWith(tableId: string, knows: (table: TableIndex) => unknown): string | undefined {
        for (const other of this.registry.all()) {
            if (other === this.template) continue;
            const table = indexOf(other).tables.get(tableId);
            if (table && knows(table)) return `${other.id} 格式（${other.citation}）`;
        }
        return undefined;
    }

    private addRow(table: TableModel, match: LabelMatch<RowDef> | undefined, label: RawCell, valueCells: RawCell[], piped: boolean, lineSpan: Span): void {
        const index = table.index;
        let def = match?.item;
        if (!def) {
            const suggestion = label.text ? index.rowVocabulary.suggest(label.text) : undefined;
            const otherFormat = label.text ? this.otherFormatWith(index.def.id, t => t.rowVocabulary.lookup(label.text)) : undefined;
            const suggested = otherFormat ? undefined : suggestion?.item.label;
            // A misspelt label still carries its numbers to the row it most likely means.
            if (suggestion?.close && !otherFormat && !table.rowsById.has(suggestion.item.id)) def = suggestion.item;
            const params = { text: label.text || '（空）', table: tableName(index), suggestion: suggested, otherFormat };
            const span = label.text ? label.span : lineSpan;
            if (def) this.report('xxgk/row-unknown', span, params, { suggestion: suggested });
            else this.reportDropping('xxgk/row-unknown', span, params, valueCells, { suggestion: suggested });
        } else if (match!.quality === 'variant') {
            this.reportVariant(label.text, def, label.span);
        }
        const row: RowModel = { def, label: label.text, labelSpan: label.span, lineSpan, cells: [], byColumn: new Map(), piped };
        if (def) {
            const previous = table.rowsById.get(def.id);
            if (previous) {
                this.reportDropping('xxgk/row-duplicate', label.span, { label: def.label, line: this.lineOf(previous.labelSpan) }, valueCells);
                row.def = def = undefined;
            } else {
                table.rowsById.set(def.id, row);
                const order = index.rowById.get(def.id)!.order;
                if (order < this.lastRowOrder) {
                    this.report('xxgk/row-order', label.span, { label: def.label, before: this.lastRowLabel });
                } else {
                    this.lastRowOrder = order;
                    this.lastRowLabel = def.label;
                }
            }
        }
        table.rows.push(row);
        table.span.end = Math.max(table.span.end, lineSpan.end);
        if (def?.children && !def.subtotal && !def.leafAllowed) {
            if (valueCells.some(c => c.text)) this.reportDropping('xxgk/group-values', label.span, { label: def.label }, valueCells);
            return;
        }
        if (def?.children && !piped) return; // a group label line
        this.readCells(table, row, valueCells);
    }

    private readCells(table: TableModel, row: RowModel, valueCells: RawCell[]): void {
        const columns = table.columns;
        if (!table.header && !this.headerReported.has(table)) {
            this.headerReported.add(table);
            this.report('xxgk/header-missing', row.lineSpan, {
                table: tableName(table.index), columns: table.def.columns.map(c => c.label).join(' | '),
            }, { table: table.def.id });
        }
        for (let i = 0; i < valueCells.length; i++) {
            const cell = valueCells[i];
            if (i >= columns.length) {
                if (cell.text) this.report('xxgk/cell-extra', cell.span, { text: cell.text, count: columns.length });
                continue;
            }
            const column = columns[i];
            if (!column) {
                if (cell.text) this.droppedColumns.get(table)?.get(i)?.cells.push(cell);
                continue;
            }
            if (column.kind !== 'amount' && isPlainNumber(cell.text)) {
                // The common case, without the general reader: a plain non-negative integer.
                const model: CellModel = { span: cell.span, text: cell.text, column, state: 'number', value: Number(cell.text) };
                row.cells.push(model);
                if (!row.byColumn.has(column.id)) row.byColumn.set(column.id, model);
                continue;
            }
            const parsed = parseCell(cell.text, column);
            const model: CellModel = { span: cell.span, text: cell.text, column, state: parsed.state, value: parsed.value };
            if (parsed.note !== undefined) model.note = parsed.note;
            row.cells.push(model);
            if (!row.byColumn.has(column.id)) row.byColumn.set(column.id, model);
            for (const problem of parsed.problems) {
                this.report(problem.code, cell.span, problem.params, { table: table.def.id, row: row.def?.id, column: column.id });
            }
        }
        // Cells left out at the end of the row; blank, `-`, `/` and missing cells are reported per row by src/rules/blanks.ts.
        const missing = valueCells.length < columns.length ? columns.slice(valueCells.length).filter((c): c is ColumnDef => Boolean(c)) : [];
        const end = row.lineSpan.end;
        for (const column of missing) {
            const model: CellModel = { span: { start: end, end }, text: '', column, state: 'missing', value: 0 };
            row.cells.push(model);
            if (!row.byColumn.has(column.id)) row.byColumn.set(column.id, model);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Sections and tables

    private openSection(match: LabelMatch<SectionDef>, cell: RawCell, misspelt = false): void {
        const def = match.item;
        this.table = undefined;
        const existing = this.model.sectionsById.get(def.id);
        if (existing) {
            this.report('xxgk/section-duplicate', cell.span, { label: def.label, line: this.lineOf(existing.headingSpan) });
            this.section = existing;
            return;
        }
        if (match.quality === 'variant' && !misspelt) this.reportVariant(cell.text, def, cell.span);
        const previous = this.section;
        if (previous && this.index.sectionOrder.get(previous.def.id)! > this.index.sectionOrder.get(def.id)!) {
            this.report('xxgk/section-order', cell.span, { label: def.label, before: previous.def.label });
        }
        const section: SectionModel = { def, label: cell.text, headingSpan: cell.span, prose: [], tables: [], span: { ...cell.span } };
        this.model.sections.push(section);
        this.model.sectionsById.set(def.id, section);
        this.section = section;
    }

    private openTable(index: TableIndex, openerSpan: Span | undefined, viaCaption: boolean, firstLine?: Span): TableModel {
        const section = this.section!;
        const existing = this.model.tables.get(index.def.id);
        this.lastRowOrder = -1;
        this.lastRowLabel = '';
        if (existing) {
            this.report('xxgk/table-duplicate', openerSpan ?? firstLine!, { table: tableName(index), line: this.lineOf(existing.span) });
            this.table = existing;
            return existing;
        }
        if (index.def.caption && !viaCaption) {
            this.report('xxgk/caption-missing', openerSpan ?? firstLine!, { caption: index.def.caption.label }, { table: index.def.id });
        }
        const span = { ...(openerSpan ?? firstLine!) };
        const table: TableModel = {
            def: index.def, index, openerSpan, columns: [...index.def.columns], rows: [], rowsById: new Map(), span,
        };
        section.tables.push(table);
        this.model.tables.set(index.def.id, table);
        this.table = table;
        return table;
    }

    // -----------------------------------------------------------------------------------------
    // What the template has and the file does not

    private checkCompleteness(): void {
        const { model, index } = this;
        const end = this.text.length;
        // The last line (the one before a final line break, if the text ends with one).
        const lastLine = { start: lineStartAt(this.text, end - breakBefore(this.text, end)), end };
        this.template.sections.forEach((def, i) => {
            const section = model.sectionsById.get(def.id);
            if (!section) {
                const next = this.template.sections.slice(i + 1).map(s => model.sectionsById.get(s.id)).find(Boolean);
                this.report('xxgk/section-missing', next?.headingSpan ?? lastLine, { numeral: def.numeral, label: def.label }, { section: def.id });
                return;
            }
            section.span.end = Math.max(section.span.end, ...section.tables.map(t => t.span.end));
            if (def.kind === 'prose' && !section.prose.some(p => p.text.trim())) {
                const hint = section.prose.length ? undefined : '在标题下另起一行写 """，写完正文再写 """';
                this.report('xxgk/section-empty', section.headingSpan, { label: def.label, hint }, { section: def.id });
            }
            for (const table of index.tablesOfSection.get(def.id)!) {
                const model = this.model.tables.get(table.def.id);
                if (!model) {
                    this.report('xxgk/table-missing', section.headingSpan, { section: def.label, table: tableName(table) }, { table: table.def.id });
                } else {
                    this.listDroppedColumns(model);
                    this.checkRows(model);
                    this.checkEmpty(model);
                }
            }
        });
    }

    private checkRows(table: TableModel): void {
        const index = table.index;
        const present = (def: RowDef): boolean => table.rowsById.has(def.id) || Boolean(def.children?.some(present));
        const anchorAfter = (order: number): Span => {
            const next = index.rows.slice(order + 1).map(r => table.rowsById.get(r.def.id)).find(Boolean);
            return next?.labelSpan ?? table.rows[table.rows.length - 1]?.lineSpan ?? table.span;
        };
        const visit = (defs: readonly RowDef[]) => {
            for (const def of defs) {
                const info = index.rowById.get(def.id)!;
                const row = table.rowsById.get(def.id);
                if (def.optional && !present(def)) continue;
                if (def.children) {
                    if (!present(def)) {
                        const count = index.leavesOf(def.id).length;
                        this.report('xxgk/row-missing', anchorAfter(info.order), {
                            table: tableName(index), label: `${def.label}（含 ${count} 个子项）`,
                        }, { table: index.def.id, row: def.id });
                        continue;
                    }
                    const childrenWritten = def.children.some(present);
                    if (def.leafAllowed && row?.piped && !childrenWritten) {
                        this.report('xxgk/group-as-leaf', row.labelSpan, {
                            format: `${this.template.id} 格式`, label: def.label, count: def.children.length,
                            children: def.children.map(c => c.label).join('；'),
                        }, { table: index.def.id, row: def.id });
                        continue;
                    }
                    if (!row) this.report('xxgk/group-missing', anchorAfter(info.order), { table: tableName(index), label: def.label }, { table: index.def.id, row: def.id });
                    visit(def.children);
                } else if (!row) {
                    this.report('xxgk/row-missing', anchorAfter(info.order), { table: tableName(index), label: def.label }, { table: index.def.id, row: def.id });
                }
            }
        };
        visit(index.def.rows);
    }

    /** A table without a single number gets one finding instead of one per row (src/rules/blanks.ts). */
    private checkEmpty(table: TableModel): void {
        const cells = emptyTableCells(table);
        if (!cells) return;
        this.report('xxgk/table-empty', table.openerSpan ?? table.header?.span ?? table.span,
            { table: tableName(table.index), cells }, { table: table.def.id, computed: 0 });
    }
}

/** How many cells an empty table has: 0 when it has a number (or an unreadable cell) or no cells at all. */
function emptyTableCells(table: TableModel): number {
    let cells = 0;
    for (const row of table.rows) {
        for (const cell of row.cells) {
            if (cell.state === 'number' || cell.state === 'invalid') return 0;
            cells++;
        }
    }
    return cells;
}

export { tableName };

/** The visible tokens of a line (a row's or metadata line's node holds its tokens directly). */
function leavesOf(node: CstNode): LeafCstNode[] {
    const out: LeafCstNode[] = [];
    const walk = (n: CstNode) => {
        for (const child of (n as CompositeCstNode).content) {
            if (!isLeafCstNode(child)) walk(child);
            else if (!child.hidden) out.push(child);
        }
    };
    walk(node);
    return out;
}

const PIPE = 0x7c; // |
const FULLWIDTH_PIPE = 0xff5c; // ｜

/** Splits a row's tokens at | and ｜ into cells with their spans. A trailing | closes the row. */
function splitCells(node: CstNode, text: string): { cells: RawCell[]; piped: boolean } {
    const cells: RawCell[] = [];
    let start = -1;
    let end = -1;
    let cellStart = -1;
    let piped = false;
    // A row's node holds its tokens directly (see xxgk.langium); comments are hidden tokens.
    for (const child of (node as CompositeCstNode).content) {
        if (!isLeafCstNode(child) || child.hidden) continue;
        const offset = child.offset;
        if (cellStart < 0) cellStart = offset;
        // A cell never holds a pipe, so a token that starts with one is a pipe.
        const first = text.charCodeAt(offset);
        if (first === PIPE || first === FULLWIDTH_PIPE) {
            cells.push(start < 0 ? { text: '', span: { start: cellStart, end: offset } } : { text: text.slice(start, end), span: { start, end } });
            piped = true;
            cellStart = offset + child.length;
            start = -1;
        } else {
            if (start < 0) start = offset;
            end = offset + child.length;
        }
    }
    if (start >= 0) cells.push({ text: text.slice(start, end), span: { start, end } });
    return { cells, piped };
}
