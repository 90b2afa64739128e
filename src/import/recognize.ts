/**
 * A SourceDocument → the report it holds: metadata, sections with their prose, and tables whose
 * rows and cells are placed by the template's data (src/templates: vocabularies, rules), never by
 * table-specific code.
 *
 * The document is read as a sequence of units (a paragraph, or a table row with its grid columns).
 * Each unit is cut into items — labels, values, blanks — and a small state machine per section
 * decides from the template which item is a heading, a caption, a header, a row label or a value.
 * Values land in their columns by the grid (HTML, DOCX, XLSX, PDF: the header cells' columns), or,
 * where a text copy lost the grid, by count; a row that cannot be read one way only is resolved by
 * the table's own sums (src/import/cells.ts) or marked unreadable.
 */
import { indexOf, type TableIndex, type TemplateIndex } from '../templates/template-index.js';
import type { TemplateRegistry } from '../templates/registry.js';
import type { ColumnDef, LabelSpec, RowDef, SectionDef, TemplateDef } from '../templates/types.js';
import type { Vocabulary } from '../templates/vocabulary.js';
import { looseKey, numberingOf } from '../util/text.js';
import { placements, rowEqualities, satisfies, splits, type Slot } from './cells.js';
import { expandGrid, type SourceDocument, type SourceLocation } from './source.js';

// ---------------------------------------------------------------------------------------------
// What recognition produces

export interface Printed {
    text: string;
    at?: SourceLocation;
}

export type CellState = 'value' | 'blank' | 'missing' | 'unreadable';

export interface RecognizedCell {
    column: ColumnDef;
    /** The cell as printed ('' for a blank cell); absent for a missing or unreadable cell. */
    text?: string;
    state: CellState;
    at?: SourceLocation;
}

export interface RecognizedRow {
    /** Undefined: a row the template does not have (written as printed; the checker reports it). */
    def?: RowDef;
    printed: Printed;
    /** A group label the source did not print (its rows are there): written so the table has its shape. */
    synthesized?: boolean;
    /** Undefined: a label line (a group, or a row printed without any value). */
    cells?: RecognizedCell[];
    /** A comment for the end of the line (what was printed, when it could not be read). */
    comment?: string;
    depth: number;
}

export interface RecognizedTable {
    index: TableIndex;
    caption?: Printed;
    note?: Printed;
    corner?: Printed;
    /** The columns in the order the file writes them, with their printed headers. */
    columns: { def: ColumnDef; printed?: Printed }[];
    headerFound: boolean;
    rows: RecognizedRow[];
    /** Text of the source's table that is neither a label nor a value (written as comment lines). */
    leftovers: Printed[];
    at?: SourceLocation;
}

export type RecognizedBlock = { kind: 'prose'; paragraphs: string[] } | { kind: 'table'; table: RecognizedTable };

export interface RecognizedSection {
    def: SectionDef;
    /** The heading as printed; absent when the source has none (the file writes the official one). */
    heading?: Printed;
    blocks: RecognizedBlock[];
}

export type NoteKind = 'unreadable' | 'ambiguous' | 'split' | 'placed' | 'label' | 'missing' | 'dropped' | 'meta' | 'structure';

export interface ImportNote {
    kind: NoteKind;
    /** Chinese, for the import report. */
    message: string;
    at?: SourceLocation;
    table?: string;
    row?: string;
    column?: string;
    printed?: string;
    official?: string;
}

export interface RecognizedMeta {
    title?: string;
    agency?: string;
    year?: number;
    /** YYYY-MM-DD */
    published?: string;
    /** YYYY-MM-DD 至 YYYY-MM-DD */
    period?: string;
}

export interface Recognized {
    template: TemplateDef;
    /** How the format was decided. */
    formatBy: 'tables' | 'year' | 'latest';
    meta: RecognizedMeta;
    preamble: string[];
    sections: RecognizedSection[];
    notes: ImportNote[];
}

// ---------------------------------------------------------------------------------------------
// Units and items

interface UnitCell {
    text: string;
    at: SourceLocation;
    gridCol?: number;
    colSpan: number;
}

interface Unit {
    /** A paragraph, or a row of a table. */
    kind: 'paragraph' | 'row';
    cells: UnitCell[];
    /** For rows: the source table's number (blocks of the document, 1-based) and whether its grid is real. */
    table?: number;
    grid: boolean;
    at: SourceLocation;
}

type ItemKind = 'label' | 'value' | 'empty' | 'glued';

interface Item {
    kind: ItemKind;
    text: string;
    at: SourceLocation;
    gridCol?: number;
    colSpan: number;
}

const WIDE_GAP = /([\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])\s+(?=[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef])/g;

/** A label's text as printed, without the spaces and line breaks between two Chinese characters (letter spacing, wraps). */
export function cleanLabel(text: string): string {
    return text.replace(/\s*\n\s*/g, '\n').replace(WIDE_GAP, '$1').replace(/\n/g, '').replace(/[ \t]+/g, ' ').trim();
}

/** A value cell's text as printed: lines joined, outer spaces trimmed. */
function cleanValue(text: string): string {
    return text.split('\n').map(l => l.trim()).join('').trim();
}

const VALUE = /^(?:[+\-−－]|增|减)?\s*\d+(?:[.,，]\d+)*\s*(?:万元|万|元|件|个|条|项|次)?\s*(?:[（(][^（()）]*[)）])?$/;
const DASH = /^(?:[-－—–−/／\\]+|无|\?|？)$/;

export function isValue(text: string): boolean {
    const t = text.normalize('NFKC').trim();
    return VALUE.test(t) || DASH.test(t);
}

const GLUED = /^(.*?[^\d\s+\-.])(\d[\d+\-.]*)$/;

// ---------------------------------------------------------------------------------------------
// Label matching

interface Match<T> {
    item: T;
    quality: 'exact' | 'variant' | 'guess';
}

/** A vocabulary lookup that refuses a match whose numbering contradicts the printed one (（六） vs 3.). */
export function matchLabel<T extends LabelSpec>(vocabulary: Vocabulary<T>, text: string, guess = true): Match<T> | undefined {
    if (!text) return undefined;
    let cache = matchCache.get(vocabulary) as Map<string, Match<T> | null> | undefined;
    if (!cache) matchCache.set(vocabulary, cache = new Map());
    const key = guess ? `1${text}` : `0${text}`;
    let hit = cache.get(key);
    if (hit === undefined) {
        if (cache.size > 20_000) cache.clear();
        hit = findLabel(vocabulary, text, guess) ?? null;
        cache.set(key, hit);
    }
    return hit ?? undefined;
}

// The same labels come back in every report: answers are remembered per vocabulary.
const matchCache = new WeakMap<object, Map<string, unknown>>();

function findLabel<T extends LabelSpec>(vocabulary: Vocabulary<T>, text: string, guess: boolean): Match<T> | undefined {
    const printedNumber = numberingOf(looseKey(text));
    const agrees = (item: T) => {
        const official = numberingOf(looseKey(item.label));
        return !printedNumber || !official || printedNumber === official;
    };
    const found = vocabulary.lookup(text);
    if (found && agrees(found.item)) return found;
    if (!guess) return undefined;
    const suggestion = vocabulary.suggest(text);
    if (suggestion && agrees(suggestion.item) && (suggestion.close || looseKey(text).length >= 4)) {
        return { item: suggestion.item, quality: 'guess' };
    }
    return undefined;
}

const HEADING_LIKE = /^[一二三四五六七八九十]+\s*[、.．]/;

// ---------------------------------------------------------------------------------------------
// Format detection

/** How many distinct labels of a template's tables the document prints (its captions, columns and rows). */
function scoreTemplate(template: TemplateDef, texts: readonly string[]): number {
    const index = indexOf(template);
    const hits = new Set<string>();
    for (const table of index.tables.values()) {
        for (const text of texts) {
            const column = table.columnVocabulary.lookup(text);
            if (column?.quality === 'exact') hits.add(`${table.def.id}.c.${column.item.id}`);
            const row = table.rowVocabulary.lookup(text);
            if (row?.quality === 'exact' && numberingOf(looseKey(text)) === numberingOf(looseKey(row.item.label))) hits.add(`${table.def.id}.r.${row.item.id}`);
        }
    }
    return hits.size;
}

// ---------------------------------------------------------------------------------------------

export interface RecognizeOptions {
    registry: TemplateRegistry;
}

const PERIOD = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^\d]{0,8}?(?:至|到|-|—|~|～)\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/;
const PERIOD_WORDS = /统计(?:期限|时间|期|区间|时段|周期)|数据(?:统计)?(?:期限|时间)|所列数据/;
const PUBLISHED = /(?:发布|发表|公开|成文)(?:时间|日期)\s*[:：]\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;
const DATE_LINE = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const FURNITURE = /^(?:(?:发布|发表)(?:时间|日期)|来源|信息来源|浏览次数|阅读次数|点击数|访问量|作者|编辑|责任编辑|字号|分享到|打印|关闭|【|\[|索引号|文号|主题分类|发文机关|成文日期|生效日期|有效性|Page\s*\d+|P\.\s*\d+|第\s*\d+\s*页|[-—–]\s*\d+\s*[-—–]|\d{1,3})/i;
const AGENCY_LIKE = /(?:局|委|办|办公室|政府|人民政府|镇|乡|街道|街道办事处|管委会|委员会|中心|院|厅|部|署|会|区|县|市|所|站|队|处|公司|集团|园区|开发区)$/;

function pad(n: number | string): string {
    return String(n).padStart(2, '0');
}

export function recognize(doc: SourceDocument, options: RecognizeOptions): Recognized {
    return new Recognizer(doc, options.registry).run();
}

class Recognizer {
    private readonly notes: ImportNote[] = [];
    private readonly units: Unit[] = [];
    private template!: TemplateDef;
    private index!: TemplateIndex;
    private readonly sections: RecognizedSection[] = [];
    private section?: RecognizedSection;
    private readonly meta: RecognizedMeta = {};
    private preamble: string[] = [];
    /** Sections whose heading the document prints somewhere (others may be opened by their tables). */
    private headed = new Set<string>();

    constructor(private readonly doc: SourceDocument, private readonly registry: TemplateRegistry) {
        this.linearize();
    }

    private linearize(): void {
        let tableNo = 0;
        for (const block of this.doc.blocks) {
            if (block.kind === 'paragraph') {
                if (block.text.trim()) this.units.push({ kind: 'paragraph', cells: [{ text: block.text, at: block.at, colSpan: 1 }], grid: false, at: block.at });
                continue;
            }
            tableNo++;
            const grid = expandGrid(block);
            const real = this.doc.kind !== 'text';
            block.rows.forEach((row, r) => {
                const cells: UnitCell[] = row.map(cell => ({ text: cell.text, at: cell.at, colSpan: cell.colSpan, gridCol: grid[r]?.indexOf(cell) }));
                if (!cells.some(c => c.text.trim())) return;
                this.units.push({ kind: 'row', cells, table: block.at.table ?? tableNo, grid: real, at: row[0]?.at ?? block.at });
            });
        }
    }

    run(): Recognized {
        this.chooseTemplate();
        const start = this.findBody();
        this.walk(start);
        this.finishMeta();
        return {
            template: this.template, formatBy: this.formatBy, meta: this.meta, preamble: this.preamble,
            sections: this.sections, notes: this.notes,
        };
    }

    // -----------------------------------------------------------------------------------------
    // Format

    private formatBy: Recognized['formatBy'] = 'latest';

    private allTexts(): string[] {
        const texts: string[] = [];
        for (const unit of this.units) {
            for (const cell of unit.cells) {
                const t = cleanLabel(cell.text);
                if (t && t.length <= 80 && !isValue(t)) texts.push(t);
            }
        }
        return texts;
    }

    private chooseTemplate(): void {
        const texts = this.allTexts();
        const templates = this.registry.all();
        const scores = templates.map(t => ({ t, score: scoreTemplate(t, texts) }));
        const best = Math.max(...scores.map(s => s.score));
        const year = this.yearGuess();
        const expected = year !== undefined ? this.registry.forYear(year) : undefined;
        if (best > 0) {
            const top = scores.filter(s => s.score === best).map(s => s.t);
            // 2019 and 2021 share 三 and 四: only 二's columns and 三（六） tell them apart.
            this.template = (expected && top.includes(expected) ? expected : undefined) ?? top.find(t => !t.basedOn) ?? top[0];
            this.formatBy = 'tables';
            const national = scores.filter(s => !s.t.basedOn).sort((a, b) => b.score - a.score);
            if (top.length > 1 && national.length > 1 && national[0].score === national[1].score && !expected) this.formatBy = 'latest';
        } else if (expected) {
            this.template = expected;
            this.formatBy = 'year';
        } else {
            this.template = this.registry.latest() ?? templates[0];
            this.formatBy = 'latest';
        }
        this.index = indexOf(this.template);
    }

    /** The report year from a title-like line, else from the period statement. */
    private yearGuess(): number | undefined {
        for (const unit of this.units.slice(0, 60)) {
            const text = unit.cells.map(c => c.text).join(' ');
            const t = /(\d{4})\s*年(?:度)?\s*(?:政府信息公开|政务公开|信息公开)[^。]{0,20}(?:年度报告|年报)/.exec(text) ?? /(?:关于)?(\d{4})\s*年度.{0,16}报告/.exec(text);
            if (t) return Number(t[1]);
        }
        for (const unit of this.units.slice(0, 80)) {
            const text = unit.cells.map(c => c.text).join(' ');
            const p = PERIOD.exec(text);
            if (p && PERIOD_WORDS.test(text)) return Number(p[1]);
        }
        return undefined;
    }

    // -----------------------------------------------------------------------------------------
    // Title, preamble, where the body starts

    private headingOf(text: string, after?: SectionDef): Match<SectionDef> | undefined {
        const clean = cleanLabel(text);
        if (clean.length > 40 || /[。；]/.test(clean)) return undefined;
        const exact = matchLabel(this.index.sectionVocabulary, clean, false);
        if (exact) return exact;
        if (!HEADING_LIKE.test(clean)) return undefined;
        const order = after ? this.index.sectionOrder.get(after.id)! : -1;
        const guess = matchLabel(this.index.sectionVocabulary, clean);
        if (guess && this.index.sectionOrder.get(guess.item.id)! > order) return guess;
        // The numbering alone: 五、… where 五 is a later section of the format.
        const numeral = /^([一二三四五六七八九十]+)/.exec(clean)?.[1];
        const byNumber = this.template.sections.find(s => s.numeral === numeral);
        if (byNumber && this.index.sectionOrder.get(byNumber.id)! > order && /情况|事项|问题|措施|报告/.test(clean)) return { item: byNumber, quality: 'guess' };
        return undefined;
    }

    private findBody(): number {
        let first = this.units.findIndex(u => u.cells.filter(c => c.text.trim()).length === 1 && this.headingOf(u.cells.find(c => c.text.trim())!.text));
        for (const unit of this.units) {
            const only = unit.cells.filter(c => c.text.trim());
            if (only.length === 1) {
                const h = matchLabel(this.index.sectionVocabulary, cleanLabel(only[0].text), false);
                if (h) this.headed.add(h.item.id);
            }
        }
        // Without any heading: the body starts at the first table (a paste of tables only).
        if (first < 0) first = this.units.findIndex(u => u.kind === 'row');
        if (first < 0) first = this.units.length;
        // The title: the last line before the body that names a report.
        let titleAt = -1;
        for (let i = first - 1; i >= 0; i--) {
            const text = this.unitText(this.units[i]);
            if (/年度报告|年报|工作报告/.test(text) && text.length <= 90 && !/。/.test(text)) {
                titleAt = i;
                break;
            }
        }
        let title: string | undefined;
        let agencyLine: string | undefined;
        if (titleAt >= 0) {
            // A page or site prefix before the title (Page 8 - …).
            title = this.unitText(this.units[titleAt]).replace(/^[A-Za-z.\s]*\d*\s*[-—–:：|]\s*(?=[\u3400-\u9fff])/, '').trim();
            // An agency printed on the line above the title (孝感市人民政府办公室 / 2020年…年度报告).
            const above = titleAt > 0 ? this.unitText(this.units[titleAt - 1]) : '';
            const beforeYear = /^(.*?)(?:关于)?\d{4}\s*年/.exec(title)?.[1].trim() ?? (/年度报告/.test(title) && !/^\d/.test(title) ? title.replace(/(?:关于)?(?:\d{4}\s*年度?)?政府信息公开.*$/, '').trim() : '');
            if (!beforeYear && above && above.length <= 30 && AGENCY_LIKE.test(above) && !/[，。,:：]/.test(above)) {
                agencyLine = above;
                title = `${above}${title}`;
            }
        } else if (this.doc.meta.title) {
            title = this.doc.meta.title.split(/\s*[_|｜—-]{1,2}\s*(?=[^_|｜—-]*$)/)[0].trim();
            if (!/年度报告|年报/.test(title)) title = undefined;
        }
        if (title) {
            this.meta.title = title;
            const agency = /^(.*?)(?:关于)?\d{4}\s*年/.exec(title)?.[1].trim() || agencyLine ||
                (/年度报告/.test(title) ? title.replace(/(?:关于)?(?:\d{4}\s*年度?)?(?:政府信息公开|政务公开|信息公开).*$/, '').trim() : '');
            if (agency) this.meta.agency = agency;
            const year = /(\d{4})\s*年/.exec(title);
            if (year) this.meta.year = Number(year[1]);
        }
        // Before the title: page furniture (navigation, columns); read only for a publication date.
        const dropped = titleAt >= 0 ? this.units.slice(0, agencyLine ? titleAt - 1 : titleAt) : [];
        for (const unit of [...dropped, ...this.units.slice(Math.max(0, titleAt + 1), first)]) this.readPublished(this.unitText(unit));
        if (dropped.length) {
            this.notes.push({ kind: 'dropped', message: `标题之前的 ${dropped.length} 段（网页栏目、导航、页眉等）未导入：${dropped.slice(0, 3).map(u => `「${this.unitText(u).slice(0, 24)}」`).join('')}${dropped.length > 3 ? '…' : ''}` });
        }
        for (const unit of this.units.slice(titleAt + 1, first)) {
            const text = this.unitText(unit);
            if (this.isFurniture(text) || (title && cleanLabel(text) === cleanLabel(title))) {
                this.notes.push({ kind: 'dropped', message: `页面信息「${text.slice(0, 40)}」未写入正文`, at: unit.at });
                continue;
            }
            if (this.readPeriodLine(text)) continue;
            this.preamble.push(text);
        }
        return first;
    }

    private unitText(unit: Unit): string {
        return unit.cells.map(c => c.text.trim()).filter(Boolean).join(' ');
    }

    private isFurniture(text: string): boolean {
        return FURNITURE.test(text.trim()) && text.length <= 120 && !/。/.test(text);
    }

    private readPublished(text: string): void {
        if (this.meta.published) return;
        const m = PUBLISHED.exec(text);
        if (m) this.meta.published = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    }

    /** 「统计期限：2024年1月1日至2024年12月31日」 on a line of its own (xxgk's own exports print it under the title). */
    private readPeriodLine(text: string): boolean {
        const m = /^统计期限\s*[:：]\s*(.*)$/.exec(text.trim());
        const p = m && PERIOD.exec(m[1]);
        if (!p) return false;
        this.meta.period ??= `${p[1]}-${pad(p[2])}-${pad(p[3])} 至 ${p[4]}-${pad(p[5])}-${pad(p[6])}`;
        return true;
    }

    private finishMeta(): void {
        if (!this.meta.period) {
            const prose = [...this.preamble, ...(this.sections[0]?.blocks.flatMap(b => (b.kind === 'prose' ? b.paragraphs : [])) ?? [])];
            for (const text of prose) {
                const p = PERIOD.exec(text);
                if (p && PERIOD_WORDS.test(text)) {
                    this.meta.period = `${p[1]}-${pad(p[2])}-${pad(p[3])} 至 ${p[4]}-${pad(p[5])}-${pad(p[6])}`;
                    break;
                }
            }
        }
        if (this.meta.year === undefined && this.meta.period) this.meta.year = Number(this.meta.period.slice(0, 4));
        if (!this.meta.published && this.doc.meta.published) {
            const m = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(this.doc.meta.published);
            if (m) this.meta.published = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
        }
        this.takeSignature();
        if (this.formatBy !== 'tables' && this.meta.year !== undefined) {
            const expected = this.registry.forYear(this.meta.year);
            if (expected && expected !== this.template) {
                this.template = expected;
                this.index = indexOf(expected);
            }
            if (expected) this.formatBy = 'year';
        }
    }

    /** The agency and date printed at the end (the signature) are the report's 机关 and 发布日期, not prose. */
    private takeSignature(): void {
        const last = this.sections[this.sections.length - 1];
        const block = last?.blocks[last.blocks.length - 1];
        if (!block || block.kind !== 'prose') return;
        const paragraphs = block.paragraphs;
        const tail = paragraphs[paragraphs.length - 1];
        const date = tail && DATE_LINE.exec(tail.trim());
        if (date) {
            const value = `${date[1]}-${pad(date[2])}-${pad(date[3])}`;
            if (!this.meta.published || this.meta.published === value) {
                this.meta.published = value;
                paragraphs.pop();
                this.notes.push({ kind: 'meta', message: `文末日期「${tail}」写作 发布日期：${value}` });
            }
        }
        const signer = paragraphs[paragraphs.length - 1]?.trim();
        if (signer && signer.length <= 30 && AGENCY_LIKE.test(signer) && !/[，。,；;:：]/.test(signer) && (date || paragraphs.length > 1)) {
            if (!this.meta.agency || looseKey(this.meta.agency) === looseKey(signer)) {
                this.meta.agency = signer;
                paragraphs.pop();
                this.notes.push({ kind: 'meta', message: `文末署名「${signer}」写作 机关` });
            }
        }
        if (!paragraphs.length) last.blocks.pop();
    }

    // -----------------------------------------------------------------------------------------
    // The body

    private walk(start: number): void {
        const tables = new TableReader(this);
        for (let i = start; i < this.units.length; i++) {
            const unit = this.units[i];
            const last = i === this.units.length - 1;
            // A cell of several lines that is no label as a whole (三、…heading + its note in one cell): line by line.
            const only = unit.cells.length === 1 ? unit.cells[0] : undefined;
            if (only && only.text.includes('\n') && (!this.anyLabel(cleanLabel(only.text)) || this.opensSomething(only.text))) {
                const lines = only.text.split('\n').map(l => l.trim()).filter(Boolean);
                lines.forEach((line, k) => this.readUnit(tables, { ...unit, cells: [{ ...only, text: line }] }, last && k === lines.length - 1));
                continue;
            }
            this.readUnit(tables, unit, last);
        }
        tables.close();
    }

    private readUnit(tables: TableReader, unit: Unit, last: boolean): void {
        const nonEmpty = unit.cells.filter(c => c.text.trim());
        // 1. A section heading (unless it is a row label of the table being read: 三、本年度办理结果).
        if (nonEmpty.length === 1 && !tables.claims(nonEmpty[0].text)) {
            const heading = this.headingOf(nonEmpty[0].text, this.section?.def);
            if (heading && !this.sections.some(s => s.def === heading.item)) {
                tables.close();
                this.openSection(heading.item, { text: cleanLabel(nonEmpty[0].text), at: nonEmpty[0].at });
                return;
            }
        }
        // 2. A table of a section whose heading the document does not print opens that section.
        const implicit = this.implicitSection(unit);
        if (implicit) {
            tables.close();
            this.openSection(implicit);
            this.notes.push({ kind: 'structure', message: `原文没有「${implicit.label}」标题，按其表格补写`, at: unit.at });
        }
        if (!this.section) {
            this.preamble.push(...this.unitLines(unit));
            return;
        }
        if (this.section.def.kind === 'prose') {
            this.prose(this.unitLines(unit));
            return;
        }
        tables.read(unit, last);
    }

    /** Whether one line of a cell is a heading, caption or note by itself (the cell holds two things). */
    private opensSomething(text: string): boolean {
        return text.split('\n').some(line => {
            const l = cleanLabel(line);
            return Boolean(matchLabel(this.index.sectionVocabulary, l, false)) ||
                this.template.sections.some(section => matchLabel(this.index.openerVocabulary.get(section.id)!, l, false));
        });
    }

    /** Whether a text is any label of the format: a heading, caption, note, header or row label. */
    private anyLabel(text: string): boolean {
        if (!text) return false;
        if (matchLabel(this.index.sectionVocabulary, text, false)) return true;
        for (const section of this.template.sections) if (matchLabel(this.index.openerVocabulary.get(section.id)!, text, false)) return true;
        return this.tablesKnowing(text).length > 0;
    }

    /** The tables of the format that have a text as a row, column, column group or corner label. */
    private tablesKnowing(text: string): TableIndex[] {
        let hit = this.knowing.get(text);
        if (!hit) {
            hit = [...this.index.tables.values()].filter(t => matchLabel(t.rowVocabulary, text, false) || matchLabel(t.columnVocabulary, text, false) ||
                matchLabel(t.columnGroupVocabulary, text, false) || matchLabel(t.cornerVocabulary, text, false));
            this.knowing.set(text, hit);
        }
        return hit;
    }

    private readonly knowing = new Map<string, TableIndex[]>();

    /** A unit that holds a caption, note or header of a table in a later section that has no printed heading. */
    private implicitSection(unit: Unit): SectionDef | undefined {
        const order = this.section ? this.index.sectionOrder.get(this.section.def.id)! : -1;
        for (const cell of unit.cells) {
            const text = cleanLabel(cell.text);
            if (!text || isValue(text)) continue;
            // Only a label no other table has (行政复议, not 总计) says which table this is.
            const knowing = this.tablesKnowing(text);
            if (knowing.length > 1) break;
            for (const section of this.template.sections) {
                if (section.kind !== 'tables' || this.headed.has(section.id) || this.index.sectionOrder.get(section.id)! <= order) continue;
                if (this.sections.some(s => s.def === section)) continue;
                const opener = this.index.openerVocabulary.get(section.id)!;
                if (matchLabel(opener, text, false)) return section;
                for (const table of this.index.tablesOfSection.get(section.id)!) {
                    if (!table.def.caption && knowing[0] === table) return section;
                }
            }
            break;
        }
        return undefined;
    }

    private unitLines(unit: Unit): string[] {
        if (unit.kind === 'paragraph') return [unit.cells[0].text.trim()];
        return [unit.cells.map(c => c.text.replace(/\n/g, ' ').trim()).filter(Boolean).join(' | ')];
    }

    openSection(def: SectionDef, heading?: Printed): void {
        const section: RecognizedSection = { def, blocks: [], ...(heading ? { heading } : {}) };
        this.sections.push(section);
        this.section = section;
    }

    prose(lines: string[]): void {
        const section = this.section!;
        const last = section.blocks[section.blocks.length - 1];
        const target = last?.kind === 'prose' ? last : { kind: 'prose' as const, paragraphs: [] };
        if (target !== last) section.blocks.push(target);
        for (const line of lines) if (line.trim()) target.paragraphs.push(line.trim());
    }

    addTable(table: RecognizedTable): void {
        this.section!.blocks.push({ kind: 'table', table });
    }

    note(note: ImportNote): void {
        this.notes.push(note);
    }

    get currentSection(): RecognizedSection | undefined {
        return this.section;
    }

    get templateIndex(): TemplateIndex {
        return this.index;
    }

    get templateDef(): TemplateDef {
        return this.template;
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

interface RowState {
    def?: RowDef;
    printed: Printed;
    /** Value items in order (values, blanks, glued runs). */
    items: Item[];
    /** The row's label and values came in one unit (a row of a table or a line of text). */
    delimited: boolean;
    unit: Unit;
    /** Values arrived in later units (one value per line). */
    streamed: boolean;
    last: boolean;
    group: boolean;
}

interface TableState {
    index: TableIndex;
    caption?: Printed;
    note?: Printed;
    corner?: Printed;
    printedColumns: Map<string, Printed>;
    /** Grid column → column, from header cells of a real grid. */
    gridColumns: Map<number, ColumnDef>;
    /** Grid column → row (transposed tables: the row labels in the header). */
    gridRows: Map<number, { def: RowDef; span: number }>;
    /** Column orders of header lines that name every column (a reordered header). */
    lineOrders: ColumnDef[][];
    headerSeen: boolean;
    rows: RowState[];
    /** Transposed tables: values printed in one row under the header (四: 15 cells). */
    loose: { item: Item; unit: Unit }[];
    leftovers: Printed[];
    /** Prose met inside the table: written after it. */
    prose: string[];
    at?: SourceLocation;
    printedRows: Map<string, Printed>;
}

class TableReader {
    private table?: TableState;
    private row?: RowState;

    constructor(private readonly r: Recognizer) {}

    private get index(): TemplateIndex {
        return this.r.templateIndex;
    }

    /** Whether a text is a row label of the table being read (so not a section heading). */
    claims(text: string): boolean {
        return Boolean(this.table && matchLabel(this.table.index.rowVocabulary, cleanLabel(text), false));
    }

    private itemsOf(unit: Unit): Item[] {
        const items: Item[] = [];
        const push = (kind: ItemKind, text: string, cell: UnitCell) => items.push({ kind, text, at: cell.at, gridCol: cell.gridCol, colSpan: cell.colSpan });
        for (const cell of unit.cells) {
            const raw = cell.text.trim();
            if (!raw) {
                push('empty', '', cell);
                continue;
            }
            if (isValue(raw.replace(/\n/g, ''))) {
                push('value', cleanValue(raw), cell);
                continue;
            }
            const label = cleanLabel(raw);
            if (this.known(label)) {
                push('label', label, cell);
                continue;
            }
            // A cell of several lines that is not one label: each line by itself (三、… heading and a note).
            const lines = raw.split('\n').map(l => l.trim()).filter(Boolean);
            const pieces = lines.length > 1 ? lines : raw.split(/\s+/).length > 1 && unit.kind === 'paragraph' ? raw.split(/\s+/) : [raw];
            if (pieces.length > 1 && pieces.every(p => isValue(p) || this.known(cleanLabel(p)) || pieces.some(q => isValue(q)))) {
                for (const p of pieces) {
                    if (isValue(p)) push('value', cleanValue(p), cell);
                    else push('label', cleanLabel(p), cell);
                }
                continue;
            }
            if (lines.length > 1 && lines.some(l => this.known(cleanLabel(l)))) {
                for (const l of lines) push(isValue(l) ? 'value' : 'label', isValue(l) ? cleanValue(l) : cleanLabel(l), cell);
                continue;
            }
            // A label with its digits glued on (行政许可2140937, 规章000).
            const glued = GLUED.exec(label.replace(/\s+/g, ''));
            if (glued && this.known(glued[1])) {
                push('label', glued[1], cell);
                push('glued', glued[2], cell);
                continue;
            }
            push('label', label, cell);
        }
        return items;
    }

    /** Whether a text is any label of this section's tables. */
    private known(text: string): boolean {
        const section = this.r.currentSection;
        if (!section || !text) return false;
        const key = `${section.def.id}\u0000${text}`;
        let hit = this.knownCache.get(key);
        if (hit === undefined) this.knownCache.set(key, hit = this.findKnown(section, text));
        return hit;
    }

    private readonly knownCache = new Map<string, boolean>();

    private findKnown(section: RecognizedSection, text: string): boolean {
        const opener = this.index.openerVocabulary.get(section.def.id)!;
        if (matchLabel(opener, text, false)) return true;
        for (const table of this.index.tablesOfSection.get(section.def.id)!) {
            if (matchLabel(table.rowVocabulary, text, false) || matchLabel(table.columnVocabulary, text, false) ||
                matchLabel(table.columnGroupVocabulary, text, false) || matchLabel(table.cornerVocabulary, text, false)) return true;
            if (table.def.spanningHeader && looseKey(text) === looseKey(table.def.spanningHeader)) return true;
        }
        return false;
    }

    read(unit: Unit, lastUnit: boolean): void {
        this.currentUnit = unit;
        const items = this.itemsOf(unit);
        const delimited = items.length > 1;
        for (const item of items) {
            if (item.kind === 'label') this.label(item, unit, delimited);
            else this.value(item, unit);
        }
        if (this.row && this.row.unit === unit && this.row.items.length) this.row.delimited = delimited;
        if (this.row) this.row.last = lastUnit;
        if (delimited && this.row && (this.row.unit === unit || unit.kind === 'row') && this.row.items.length && !this.table?.index.def.printTransposed) {
            this.closeRow();
        }
    }

    private label(item: Item, unit: Unit, delimited: boolean): void {
        const text = item.text;
        const section = this.r.currentSection!;
        const table = this.table;
        // 1. A row of the table being read.
        if (table) {
            const row = matchLabel(table.index.rowVocabulary, text, text.length >= 2);
            // 总计 and 其他 are columns too: a row only when written with its numbering.
            if (row && !(row.quality !== 'exact' && this.headerish(table, text))) {
                if (table.index.def.printTransposed && !this.rowWise(unit, item)) {
                    this.headerRow(table, row.item, item);
                    return;
                }
                this.startRow(table, row.item, item, unit);
                return;
            }
        }
        // 2. A caption or note opens a table of this section.
        const opener = matchLabel(this.index.openerVocabulary.get(section.def.id)!, text, false);
        if (opener) {
            const wanted = opener.item.table;
            if (table && table.index === wanted && opener.item.kind === 'note' && !table.note) {
                table.note = { text, at: item.at };
                return;
            }
            this.open(wanted);
            if (opener.item.kind === 'caption') this.table!.caption = { text, at: item.at };
            else this.table!.note = { text, at: item.at };
            return;
        }
        // 3. A header of the table being read.
        if (table && this.header(table, item)) return;
        // 4. A row or header of another table of this section: that table's caption was not printed.
        for (const other of this.index.tablesOfSection.get(section.def.id)!) {
            if (table && other === table.index) continue;
            const row = matchLabel(other.rowVocabulary, text, false);
            const column = matchLabel(other.columnVocabulary, text, false);
            if ((row && !table) || (row && other.def.printTransposed !== true && !this.fitsCurrent(text)) || (column && (!table || table.rows.length > 0 || table.loose.length > 0))) {
                this.open(other);
                if (row) {
                    if (other.def.printTransposed && !this.rowWise(unit, item)) this.headerRow(this.table!, row.item, item);
                    else this.startRow(this.table!, row.item, item, unit);
                } else {
                    this.header(this.table!, item);
                }
                return;
            }
        }
        // 5. Something else. 小计 beside a group's label says the group row carries its subtotal.
        if (this.row?.group && /^(?:小计|合计)$/.test(text)) return;
        // Beside a row's label it is that row's cell as printed (二十五, 不详): the checker judges it.
        if (this.row && this.row.unit === unit && unit.cells.length > 1) {
            this.value({ ...item, kind: 'value' }, unit);
            return;
        }
        if (!table) {
            this.r.prose([text]);
            return;
        }
        if (/[。；]/.test(text) || text.length >= 40) {
            this.closeRow();
            table.prose.push(text);
            return;
        }
        if (delimited && unit.cells.findIndex(c => c.text.trim()) === unit.cells.findIndex(c => c.at === item.at) && table.headerSeen &&
            unit.cells.some(c => isValue(c.text.trim()))) {
            // An extra row the template does not have (other provinces' rows, misspelt labels): kept as printed.
            this.startRow(table, undefined, item, unit);
            return;
        }
        this.fragment(table, item);
    }

    /** Header words split over two cells or lines (商业 / 企业): joined when together they name a column. */
    private fragment(table: TableState, item: Item): void {
        const previous = table.leftovers[table.leftovers.length - 1];
        if (previous && this.lastFragment === previous) {
            const joined = cleanLabel(`${previous.text}${item.text}`);
            if (matchLabel(table.index.columnVocabulary, joined, false)) {
                table.leftovers.pop();
                this.lastFragment = undefined;
                this.header(table, { ...item, text: joined, at: previous.at ?? item.at });
                return;
            }
        }
        const printed = { text: item.text, at: item.at };
        table.leftovers.push(printed);
        this.lastFragment = printed;
    }

    private lastFragment?: Printed;

    /** A short text that reads like a header fragment (结果, 总) rather than a row. */
    private headerish(table: TableState, text: string): boolean {
        return !numberingOf(looseKey(text)) && Boolean(matchLabel(table.index.columnVocabulary, text, false));
    }

    private fitsCurrent(text: string): boolean {
        return Boolean(this.table && (matchLabel(this.table.index.columnVocabulary, text, false) || matchLabel(this.table.index.cornerVocabulary, text, false)));
    }

    /** In a transposed table, a row label with its values beside it (行政复议 | 0 | 0 …) is read row-wise. */
    private rowWise(unit: Unit, item: Item): boolean {
        const cells = unit.cells;
        const at = cells.findIndex(c => c.at === item.at && c.gridCol === item.gridCol);
        const rest = cells.slice(at + 1).filter(c => c.text.trim());
        return rest.length > 0 && rest.every(c => isValue(c.text.trim()));
    }

    private header(table: TableState, item: Item): boolean {
        const index = table.index;
        const text = item.text;
        const column = matchLabel(index.columnVocabulary, text, false) ?? (text.length >= 3 ? matchLabel(index.columnVocabulary, text) : undefined);
        if (column) {
            table.headerSeen = true;
            if (!table.printedColumns.has(column.item.id)) table.printedColumns.set(column.item.id, { text, at: item.at });
            if (item.gridCol !== undefined && this.lastUnitGrid()) {
                for (let k = 0; k < item.colSpan; k++) if (!table.gridColumns.has(item.gridCol + k)) table.gridColumns.set(item.gridCol + k, column.item);
            }
            this.lineColumn(table, column.item);
            return true;
        }
        if (matchLabel(index.columnGroupVocabulary, text, false)) {
            table.headerSeen = true;
            return true;
        }
        const corner = matchLabel(index.cornerVocabulary, text, false);
        if (corner || (index.def.spanningHeader && looseKey(text) === looseKey(index.def.spanningHeader))) {
            table.headerSeen = true;
            if (corner && index.def.note && corner.item.label === index.def.note.label) table.note ??= { text, at: item.at };
            else table.corner ??= { text, at: item.at };
            return true;
        }
        return false;
    }

    private currentLine?: { unit: Unit; columns: ColumnDef[] };
    private lineColumn(table: TableState, column: ColumnDef): void {
        const unit = this.currentUnit;
        if (!unit) return;
        if (this.currentLine?.unit !== unit) this.currentLine = { unit, columns: [] };
        this.currentLine.columns.push(column);
        const distinct = new Set(this.currentLine.columns.map(c => c.id));
        if (distinct.size === table.index.def.columns.length && this.currentLine.columns.length === distinct.size) table.lineOrders.push([...this.currentLine.columns]);
    }

    private currentUnit?: Unit;
    private lastUnitGrid(): boolean {
        return Boolean(this.currentUnit?.grid);
    }

    /** A row label printed in a transposed table's header (行政复议 over five columns). */
    private headerRow(table: TableState, def: RowDef, item: Item): void {
        table.headerSeen = true;
        if (!table.printedRows.has(def.id)) table.printedRows.set(def.id, { text: item.text, at: item.at });
        if (item.gridCol !== undefined && this.lastUnitGrid()) {
            for (let k = 0; k < item.colSpan; k++) {
                const old = table.gridRows.get(item.gridCol + k);
                if (!old || old.span > item.colSpan) table.gridRows.set(item.gridCol + k, { def, span: item.colSpan });
            }
        }
    }

    private value(item: Item, unit: Unit): void {
        const table = this.table;
        if (table?.index.def.printTransposed && (!this.row || this.row.unit !== unit)) {
            if (item.kind !== 'empty' || table.loose.length) table.loose.push({ item, unit });
            return;
        }
        if (this.row) {
            if (this.row.unit !== unit) this.row.streamed = true;
            if (item.kind === 'empty' && !this.row.items.length && this.row.unit !== unit) return;
            this.row.items.push(item);
            return;
        }
        if (item.kind === 'empty') return;
        if (table) {
            table.leftovers.push({ text: item.text, at: item.at });
            this.r.note({ kind: 'unreadable', message: `数字「${item.text}」不在任何一行中，未能归入表格`, at: item.at, table: table.index.def.id, printed: item.text });
        }
    }

    private startRow(table: TableState, def: RowDef | undefined, item: Item, unit: Unit): void {
        this.closeRow();
        this.row = { def, printed: { text: item.text, at: item.at }, items: [], delimited: false, unit, streamed: false, last: false, group: Boolean(def?.children) };
        table.rows.push(this.row);
        this.currentUnit = unit;
    }

    private closeRow(): void {
        this.row = undefined;
    }

    private open(index: TableIndex): void {
        this.close();
        this.table = {
            index, printedColumns: new Map(), gridColumns: new Map(), gridRows: new Map(), lineOrders: [], headerSeen: false, rows: [],
            loose: [], leftovers: [], prose: [], printedRows: new Map(),
        };
    }

    /** Ends the table being read: places its values and hands it to the section. */
    close(): void {
        this.closeRow();
        const table = this.table;
        this.table = undefined;
        if (!table) return;
        const built = new TableBuilder(this.r, table).build();
        this.r.addTable(built);
        if (table.prose.length) this.r.prose(table.prose);
    }

}

// ---------------------------------------------------------------------------------------------
// Placing values

class TableBuilder {
    private readonly index: TableIndex;
    private readonly columns: ColumnDef[];

    private readonly rules: ReturnType<typeof rowEqualities>;

    constructor(private readonly r: Recognizer, private readonly t: TableState) {
        this.index = t.index;
        this.rules = rowEqualities(r.templateDef, t.index.def);
        const order = t.lineOrders[0];
        this.columns = order ?? [...t.index.def.columns];
    }

    private get id(): string {
        return this.index.def.id;
    }

    private name(): string {
        return this.index.def.caption?.label ?? this.index.def.title ?? this.index.section.label;
    }

    build(): RecognizedTable {
        const t = this.t;
        const out: RecognizedTable = {
            index: this.index,
            ...(t.caption ? { caption: t.caption } : {}),
            ...(t.note ? { note: t.note } : {}),
            ...(t.corner ? { corner: t.corner } : {}),
            columns: this.columns.map(def => ({ def, ...(t.printedColumns.has(def.id) ? { printed: t.printedColumns.get(def.id)! } : {}) })),
            headerFound: t.headerSeen,
            rows: [],
            leftovers: t.leftovers,
            at: t.caption?.at ?? t.note?.at ?? t.rows[0]?.printed.at,
        };
        if (this.index.def.printTransposed && t.loose.length) this.placeLoose(out);
        else if (this.index.def.printTransposed && !t.rows.length) {
            // Row labels printed without any value (an unfilled template): rows without numbers.
            for (const info of this.index.rows) {
                const printed = t.printedRows.get(info.def.id);
                if (!printed) continue;
                out.rows.push({ def: info.def, printed, depth: info.depth });
                if (!info.def.children) this.r.note({ kind: 'missing', message: `「${printed.text}」没有数字`, at: printed.at, table: this.id, row: info.def.id });
            }
        }
        for (const row of t.rows) this.addRow(out, row);
        this.addGroups(out);
        return out;
    }

    /** Rows of group labels the source did not print, before their first child (the file needs them for its shape). */
    private addGroups(out: RecognizedTable): void {
        const rows: RecognizedRow[] = [];
        const present = new Set(out.rows.map(r => r.def?.id).filter(Boolean));
        for (const row of out.rows) {
            const info = row.def && this.index.rowById.get(row.def.id);
            const parent = info?.parent;
            if (parent && !present.has(parent.id)) {
                const printed = this.t.printedRows.get(parent.id);
                rows.push({ def: parent, printed: printed ?? { text: parent.label }, synthesized: !printed, depth: this.index.rowById.get(parent.id)!.depth });
                present.add(parent.id);
                // Its own parent too (三、本年度办理结果 above （三）不予公开).
                const grand = this.index.rowById.get(parent.id)!.parent;
                if (grand && !present.has(grand.id)) {
                    rows.splice(rows.length - 1, 0, { def: grand, printed: { text: grand.label }, synthesized: true, depth: this.index.rowById.get(grand.id)!.depth });
                    present.add(grand.id);
                }
            }
            rows.push(row);
        }
        out.rows = rows;
    }

    private depthOf(def: RowDef | undefined, previous: number): number {
        return def ? this.index.rowById.get(def.id)!.depth : previous;
    }

    private addRow(out: RecognizedTable, row: RowState): void {
        const previousDepth = out.rows[out.rows.length - 1]?.depth ?? 0;
        const depth = this.depthOf(row.def, previousDepth);
        const base = { def: row.def, printed: row.printed, depth };
        const isGroup = Boolean(row.def?.children);
        const values = row.items.filter(i => i.kind !== 'empty');
        if (!row.items.length || (isGroup && !values.length)) {
            out.rows.push(base);
            if (!isGroup && row.def) this.r.note({ kind: 'missing', message: `「${row.printed.text}」没有数字`, at: row.printed.at, table: this.id, row: row.def.id });
            return;
        }
        const cells = this.place(row);
        // A cell missing before the last one present cannot be left out of the line: it is unreadable.
        let end = cells.cells.length;
        while (end > 0 && cells.cells[end - 1].state === 'missing') end--;
        cells.cells.forEach((cell, i) => {
            if (i < end && cell.state === 'missing') {
                cell.state = 'unreadable';
                this.r.note({ kind: 'unreadable', message: `「${this.name()}」「${row.printed.text}」的${cell.column.short ?? cell.column.label}在原文中没有对应的格`, at: row.printed.at, table: this.id, row: row.def?.id, column: cell.column.id });
            }
        });
        out.rows.push({ ...base, cells: cells.cells, ...(cells.comment ? { comment: cells.comment } : {}) });
    }

    private place(row: RowState): { cells: RecognizedCell[]; comment?: string } {
        const n = this.columns.length;
        const items = row.items;
        const where = `「${this.name()}」「${row.printed.text}」`;
        const make = (slots: Slot[], state?: (i: number) => CellState): RecognizedCell[] => this.columns.map((column, i) => {
            const text = slots[i];
            const s = state?.(i) ?? (text === undefined ? 'missing' : text === '' ? 'blank' : 'value');
            const at = this.atOf(row, i, slots);
            return { column, state: s, ...(s === 'value' || s === 'blank' ? { text: text ?? '' } : {}), ...(at ? { at } : {}) };
        });
        const unreadable = (reason: string, printed: string): { cells: RecognizedCell[]; comment: string } => {
            for (const column of this.columns) {
                this.r.note({ kind: 'unreadable', message: `${where}的${column.short ?? column.label}无法确定：${reason}`, at: row.printed.at, table: this.id, row: row.def?.id, column: column.id, printed });
            }
            return { cells: this.columns.map(column => ({ column, state: 'unreadable' as const, ...(row.printed.at ? { at: row.printed.at } : {}) })), comment: `导入：原文「${printed}」，${reason}` };
        };
        const printedRun = items.map(i => i.kind === 'empty' ? '（空）' : i.text).join(' | ');
        const rules = this.rules;

        // Glued digits: every cut of the run that reads as the columns' kinds and satisfies the row's sums.
        const glued = items.find(i => i.kind === 'glued');
        if (glued) {
            const others = items.filter(i => i.kind !== 'empty' && i !== glued);
            if (!others.length) {
                const all = splits(glued.text, this.columns);
                const fitting = all?.filter(s => satisfies(this.columns, s, rules));
                if (fitting && fitting.length === 1) {
                    this.r.note({ kind: 'split', message: `${where}：原文数字连写为「${glued.text}」，按本表的合计关系只能拆为 ${fitting[0].join(' | ')}`, at: glued.at, table: this.id, row: row.def?.id, printed: glued.text });
                    return { cells: make(fitting[0]), comment: `导入：原文连写「${glued.text}」，按合计关系拆分` };
                }
                const count = all === undefined ? '过多' : String(fitting?.length ?? 0);
                return unreadable(fitting && fitting.length === 0 ? '连写的数字无法按本表的列拆开' : `连写的数字可有 ${count} 种拆法，无法唯一确定`, glued.text);
            }
            return unreadable('数字连写且另有数字，无法确定各格', printedRun);
        }

        // A real grid with a known header: every value by its grid column.
        if (row.unit.grid && this.t.gridColumns.size) {
            const slots: Slot[] = new Array(n).fill(undefined);
            const extras: Item[] = [];
            for (const item of items) {
                if (item.gridCol === undefined) continue;
                const column = this.t.gridColumns.get(item.gridCol);
                const i = column ? this.columns.indexOf(column) : -1;
                if (i < 0 || slots[i] !== undefined) {
                    if (item.kind !== 'empty') extras.push(item);
                    continue;
                }
                slots[i] = item.kind === 'empty' ? '' : item.text;
            }
            if (!extras.length) {
                const missing = this.columns.filter((_, i) => slots[i] === undefined);
                if (missing.length) this.r.note({ kind: 'missing', message: `${where}缺少 ${missing.map(c => c.short ?? c.label).join('、')}`, at: row.printed.at, table: this.id, row: row.def?.id });
                return { cells: make(slots) };
            }
        }

        // Text: by count.
        let slots: Slot[] = items.map(i => (i.kind === 'empty' ? '' : i.text));
        const streamed = row.streamed;
        if (!streamed) {
            while (slots.length > n && slots[slots.length - 1] === '') slots.pop();
            while (slots.length > n && slots[0] === '') slots.shift();
        } else {
            // One value per line: blank cells leave no trace, so only the values count.
            if (slots.length !== n) slots = slots.filter(s => s !== '');
        }
        if (slots.length === n) return { cells: make(slots) };
        if (slots.length > n) {
            // More values than columns: written as printed; the checker reports the extra cells.
            const cells = make(slots.slice(0, n));
            this.r.note({ kind: 'ambiguous', message: `${where}有 ${slots.length} 格，本表只有 ${n} 列；多出的「${slots.slice(n).join(' | ')}」未写入`, at: row.printed.at, table: this.id, row: row.def?.id, printed: printedRun });
            return { cells, comment: `导入：原文多出 ${slots.length - n} 格「${slots.slice(n).join(' | ')}」` };
        }
        // Fewer cells than columns.
        if (row.last) {
            // The copy ends inside this row: what is there, left to right; the rest is missing.
            this.r.note({ kind: 'missing', message: `${where}：原文在此中断，只有 ${slots.length} 格（本表 ${n} 列）`, at: row.printed.at, table: this.id, row: row.def?.id, printed: printedRun });
            return { cells: make(slots) };
        }
        const candidates = placements(slots.filter(s => s !== '' || !streamed), n);
        const fitting = candidates?.filter(c => satisfies(this.columns, c, rules));
        if (fitting && fitting.length === 1) {
            const chosen = fitting[0].map(s => (s === undefined ? '' : s));
            this.r.note({ kind: 'placed', message: `${where}：原文只有 ${slots.length} 格（本表 ${n} 列），按本表的合计关系只能这样放：${chosen.map(s => s || '（空）').join(' | ')}`, at: row.printed.at, table: this.id, row: row.def?.id, printed: printedRun });
            return { cells: make(chosen), comment: `导入：原文只有 ${slots.length} 格，按合计关系定位` };
        }
        const ways = fitting === undefined ? '很多' : String(fitting.length);
        return unreadable(`原文只有 ${slots.length} 格，本表 ${n} 列，空格的位置有 ${ways} 种可能`, printedRun);
    }

    private atOf(row: RowState, i: number, _slots: Slot[]): SourceLocation | undefined {
        const column = this.columns[i];
        if (row.unit.grid) {
            const item = row.items.find(it => it.gridCol !== undefined && this.t.gridColumns.get(it.gridCol) === column);
            if (item) return item.at;
        }
        const values = row.items.filter(it => it.kind !== 'empty');
        return values[i]?.at ?? row.printed.at;
    }

    /** Transposed tables (四): one printed row of leaves × columns, by the header's grid or in print order. */
    private placeLoose(out: RecognizedTable): void {
        const t = this.t;
        const leaves = this.index.rows.filter(r => !r.def.children).map(r => r.def);
        const columns = this.columns;
        const cellsOf = new Map<string, Slot[]>();
        const atOf = new Map<string, (SourceLocation | undefined)[]>();
        const loose = t.loose;
        const values = loose.map(l => l.item);
        const gridded = loose.every(l => l.unit.grid) && t.gridColumns.size > 0 && t.gridRows.size > 0;
        let placed = false;
        if (gridded) {
            for (const { item } of loose) {
                if (item.gridCol === undefined) continue;
                const row = t.gridRows.get(item.gridCol)?.def;
                const column = t.gridColumns.get(item.gridCol);
                if (!row || !column || row.children) continue;
                const slots = cellsOf.get(row.id) ?? new Array(columns.length).fill(undefined);
                const ats = atOf.get(row.id) ?? new Array(columns.length).fill(undefined);
                const i = columns.indexOf(column);
                slots[i] = item.kind === 'empty' ? '' : item.text;
                ats[i] = item.at;
                cellsOf.set(row.id, slots);
                atOf.set(row.id, ats);
            }
            placed = cellsOf.size > 0;
        }
        if (!placed) {
            const slotsText = values.map(v => (v.kind === 'empty' ? '' : v.text));
            const expected = leaves.length * columns.length;
            let flat: Slot[] | undefined;
            const glued = values.length === 1 && values[0].kind === 'glued' ? values[0].text : undefined;
            if (glued) {
                const wide = leaves.flatMap(() => columns);
                const rules = rowEqualities(this.r.templateDef, this.index.def);
                const all = splits(glued, wide);
                const fitting = all?.filter(s => leaves.every((_, k) => satisfies(columns, s.slice(k * columns.length, (k + 1) * columns.length), rules)));
                if (fitting?.length === 1) {
                    flat = fitting[0];
                    this.r.note({ kind: 'split', message: `「${this.name()}」：原文数字连写为「${glued}」，按本表的合计关系只能拆为 ${flat.join(' | ')}`, at: values[0].at, table: this.id, printed: glued });
                }
            } else if (slotsText.length === expected) {
                flat = slotsText;
            } else if (slotsText.length > expected && slotsText.slice(expected).every(s => s === '')) {
                flat = slotsText.slice(0, expected);
            }
            if (!flat) {
                const printed = values.map(v => v.text || '（空）').join(' | ');
                for (const leaf of leaves) {
                    out.rows.push({
                        def: leaf, printed: t.printedRows.get(leaf.id) ?? { text: leaf.label }, depth: this.index.rowById.get(leaf.id)!.depth,
                        cells: columns.map(column => ({ column, state: 'unreadable' as const })),
                        comment: `导入：原文「${printed}」共 ${values.length} 格，本表应有 ${expected} 格`,
                    });
                    for (const column of columns) {
                        this.r.note({ kind: 'unreadable', message: `「${this.name()}」「${leaf.label}」的${column.label}无法确定：原文 ${values.length} 格，应为 ${expected} 格`, at: values[0]?.at, table: this.id, row: leaf.id, column: column.id, printed });
                    }
                }
                return;
            }
            leaves.forEach((leaf, k) => {
                cellsOf.set(leaf.id, flat!.slice(k * columns.length, (k + 1) * columns.length));
                atOf.set(leaf.id, values.slice(k * columns.length, (k + 1) * columns.length).map(v => v?.at));
            });
        }
        for (const leaf of leaves) {
            const slots = cellsOf.get(leaf.id);
            if (!slots) continue;
            const ats = atOf.get(leaf.id) ?? [];
            out.rows.push({
                def: leaf, printed: t.printedRows.get(leaf.id) ?? { text: leaf.label }, depth: this.index.rowById.get(leaf.id)!.depth,
                cells: columns.map((column, i) => {
                    const text = slots[i];
                    const state: CellState = text === undefined ? 'missing' : text === '' ? 'blank' : 'value';
                    return { column, state, ...(text !== undefined ? { text } : {}), ...(ats[i] ? { at: ats[i] } : {}) };
                }),
            });
        }
    }
}

