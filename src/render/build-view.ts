/**
 * From the checked report (model + findings) to the view model.
 *
 * Table layout comes from the template data alone: the caption row (`caption`), the corner cell
 * (`note`, else the corner label), the header tree (`spanningHeader` over `columnGroups` over
 * columns), the row tree (`children`), and `printTransposed` (the row tree becomes the header
 * and the table prints as one row). Totals and checks come from the template's rules.
 */
import type { CellModel, DateValue, Finding, ReportModel, RowModel, Span, TableModel } from '../model/types.js';
import type { ColumnDef, LinearRuleDef, RowDef, TableDef } from '../templates/types.js';
import { LineIndex, lineRanges } from '../util/lines.js';
import { leavesOf, placeTree, treeHeight, type Placed, type TreeNode } from './layout.js';
import { placeFindings } from './place.js';
import { renderStrings as S } from './strings.js';
import {
    VIEW_SCHEMA, type ReportView, type ViewAnchored, type ViewBlock, type ViewCell, type ViewCheck, type ViewFinding,
    type ViewParagraph, type ViewRange, type ViewSection, type ViewTable, type ViewText,
} from './view-model.js';

/** What buildView needs: the result of src/rules/check.ts (analyze, analyzeCached, checkText). */
export interface CheckedReport {
    model: ReportModel;
    findings: readonly Finding[];
}

export function buildView(checked: CheckedReport): ReportView {
    return new ViewBuilder(checked).build();
}

interface Anchor extends Span {
    target: ViewAnchored;
}

/** A row of the printed table: a template row (or a row the template does not know). */
interface RowItem {
    label: string;
    span?: Span;
    depth: number;
    /** Leaves: the row whose cells this printed row shows. */
    row?: RowModel;
    /** Leaves: the template row id, used in refs. */
    rowId?: string;
    /** Group nodes: the template row id. */
    groupId?: string;
    /** The 小计 row of a group that carries its own numbers. */
    subtotal?: boolean;
}

/** A header node: a column, a column group, the spanning header, or (transposed tables) a row label. */
interface HeaderItem {
    text: string;
    span?: Span;
}

const LEAD = /^([（(]\s*[一二三四五六七八九十]+\s*[）)][^。！？；\r\n]{1,40}?[。：:])/;
const TRIM = /^[\s\u3000]+|[\s\u3000]+$/g;

class ViewBuilder {
    private readonly model: ReportModel;
    private readonly lines: LineIndex;
    private readonly anchors: Anchor[] = [];
    private readonly findings: ViewFinding[];

    /** Blank cells the rules read as a value a rule determined (a blank-cell finding's `data.cells`), by offset and column. */
    private readonly determined = new Map<string, number>();

    constructor(private readonly checked: CheckedReport) {
        this.model = checked.model;
        this.lines = new LineIndex(this.model.text);
        for (const f of checked.findings) {
            if (!Array.isArray(f.data.cells)) continue;
            for (const c of f.data.cells as { start: number; column: string; value: number; rule?: string }[]) {
                if (c.rule) this.determined.set(`${c.start}:${c.column}`, c.value);
            }
        }
        this.findings = checked.findings.map(f => {
            const out: ViewFinding = { code: f.code, severity: f.severity, message: f.message, range: this.range(f.span) };
            if (f.rule) out.rule = f.rule;
            if (typeof f.data.computed === 'number') out.computed = f.data.computed;
            if (typeof f.data.reported === 'number') out.reported = f.data.reported;
            return out;
        });
    }

    build(): ReportView {
        const { model } = this;
        const meta = model.meta;
        // 标题 as written (the model's title falls back to one made from 机关 and 年度).
        const title: ViewText = this.anchored<ViewText>({ text: meta.title?.text.trim() || model.title }, meta.title?.span);
        const view: ReportView = {
            schema: VIEW_SCHEMA,
            title,
            format: { id: model.template.id, name: model.template.name, citation: model.template.citation, declared: model.templateDeclared },
            preamble: model.preamble.flatMap(p => this.paragraphs(p.text, p.span, p.closed)),
            sections: [],
            findings: this.findings,
            counts: { error: 0, warning: 0, info: 0 },
            unplaced: [],
            lineCount: this.lines.lineCount,
        };
        const period = meta.period?.value;
        const year = meta.year?.value;
        if (period) view.period = this.anchored<ViewText>({ text: S.periodLine(chineseDate(period.from), chineseDate(period.to)) }, meta.period!.span);
        else if (meta.period?.text) view.period = this.anchored<ViewText>({ text: S.periodAsWritten(meta.period.text) }, meta.period.span);
        else if (year !== undefined) view.period = { text: S.periodLine(S.date(year, 1, 1), S.date(year, 12, 31)) };
        if (meta.agency?.value) view.agency = meta.agency.value;
        if (year !== undefined) view.year = year;
        if (meta.published?.value) view.published = chineseDate(meta.published.value);

        for (const section of model.sections) {
            const out: ViewSection = { id: section.def.id, numeral: section.def.numeral, heading: section.label, blocks: [] };
            this.anchor(out, section.headingSpan);
            this.anchor(out, section.span);
            const blocks: { start: number; blocks: ViewBlock[] }[] = [
                ...section.prose.map(p => ({ start: p.span.start, blocks: this.paragraphs(p.text, p.span, p.closed) as ViewBlock[] })),
                ...section.tables.map(t => ({ start: t.span.start, blocks: [this.table(t, section.label)] })),
            ].sort((a, b) => a.start - b.start);
            out.blocks = blocks.flatMap(b => b.blocks);
            view.sections.push(out);
        }
        this.place(view);
        return view;
    }

    // -----------------------------------------------------------------------------------------
    // Positions and findings

    private range(span: Span): ViewRange {
        return { start: this.lines.position(span.start), end: this.lines.position(span.end) };
    }

    private anchored<T extends ViewAnchored>(target: T, span?: Span): T {
        if (span) this.anchor(target, span);
        return target;
    }

    /** Registers a printed element for a source span; the first span registered is its range. */
    private anchor(target: ViewAnchored, span: Span): void {
        target.range ??= this.range(span);
        this.anchors.push({ start: span.start, end: span.end, target });
    }

    /**
     * Hangs each finding on the printed elements it concerns: every element written exactly at its
     * span (a row's missing cells share one), else the smallest one that contains its start. A
     * finding that names its cell (data.row and data.column) hangs only on that cell among those:
     * a blank written as `||` just before a row's closing `|` shares the span of the cells left out.
     */
    private place(view: ReportView): void {
        const findings = this.checked.findings;
        const placed = placeFindings(this.anchors, findings.map(f => f.span));
        findings.forEach((f, i) => {
            view.counts[f.severity]++;
            if (!placed[i].length) view.unplaced.push(i);
            const targets = [...new Set(placed[i].map(a => this.anchors[a].target))];
            const ref = cellRef(f);
            const own = ref === undefined || targets.length < 2 ? [] : targets.filter(t => (t as ViewCell).ref === ref);
            for (const t of own.length ? own : targets) (t.findings ??= []).push(i);
        });
    }

    // -----------------------------------------------------------------------------------------
    // Prose

    /** One paragraph per written line; a leading （一）…。 is a run-in heading. */
    private paragraphs(text: string, span: Span, closed: boolean): ViewParagraph[] {
        const source = this.model.text;
        const body = text ? source.indexOf(text, span.start) : -1;
        const out: ViewParagraph[] = [];
        if (body >= 0) {
            for (const line of lineRanges(text)) {
                const raw = text.slice(line.start, line.end);
                const trimmed = raw.replace(TRIM, '');
                if (trimmed) {
                    const start = body + line.start + raw.search(/[^\s\u3000]/);
                    const lead = LEAD.exec(trimmed)?.[1];
                    const paragraph: ViewParagraph = { kind: 'paragraph', text: lead ? trimmed.slice(lead.length) : trimmed };
                    if (lead) paragraph.lead = lead;
                    this.anchor(paragraph, { start, end: start + trimmed.length });
                    out.push(paragraph);
                }
            }
        }
        // The fences and an unclosed block's findings land on the block's first paragraph.
        if (out.length) this.anchors.push({ start: span.start, end: closed ? span.end : span.start + 3, target: out[0] });
        return out;
    }

    // -----------------------------------------------------------------------------------------
    // Tables

    private table(table: TableModel, sectionLabel: string): ViewTable {
        const def = table.def;
        const rowTree = this.rowTree(table);
        const name = def.caption?.label ?? def.title ?? sectionLabel;
        const view: ViewTable = {
            kind: 'table', id: def.id, name, columnCount: 0, labelColumns: 0, head: [], body: [], totals: [], checks: [],
        };
        this.anchor(view, table.span);
        const leafRows = leavesOf(rowTree);
        const cells = new Map<string, ViewCell>();
        const valueCell = (row: RowItem, column: ColumnDef): ViewCell => {
            const cell = this.valueCell(row, column);
            if (cell.ref) cells.set(cell.ref, cell);
            return cell;
        };

        const caption = def.caption ? this.anchored({ kind: 'caption', text: def.caption.label } as ViewCell, table.openerSpan) : undefined;
        if (caption && table.openerSpan) caption.text = this.slice(table.openerSpan);
        const columnNodes = this.columnTree(table);

        if (def.printTransposed) {
            // The row tree becomes the header; each row's columns hang below it; one printed row of values.
            const toHeader = (node: TreeNode<RowItem>): TreeNode<HeaderItem> => ({
                item: { text: node.item.label, span: node.item.span },
                children: node.children?.length ? node.children.map(toHeader) : columnNodes.flatMap(leavesOfNode).map(item => ({ item })),
            });
            const roots = this.spanning(def, rowTree.map(toHeader));
            const { rows, width } = this.headerRows(roots);
            view.columnCount = width;
            if (caption) view.head.push([{ ...caption, colSpan: width }]);
            view.head.push(...rows);
            view.body.push(leafRows.flatMap(row => def.columns.map(column => valueCell(row, column))));
        } else {
            const levels = Math.max(1, treeHeight(rowTree) + 1);
            const roots = this.spanning(def, columnNodes);
            const { rows, levels: headLevels, width } = this.headerRows(roots);
            view.labelColumns = levels;
            view.columnCount = levels + width;
            if (caption) view.head.push([{ ...caption, colSpan: view.columnCount }]);
            const corner: ViewCell = { kind: 'corner', text: this.cornerText(table) };
            const cornerSpan = def.note && !def.caption ? table.openerSpan : table.header?.span && table.header.cornerText ? this.cornerSpan(table) : undefined;
            this.anchored(corner, cornerSpan);
            if (levels > 1) corner.colSpan = levels;
            if (headLevels > 1) corner.rowSpan = headLevels;
            rows[0]?.unshift(corner);
            view.head.push(...rows);
            const placed = placeTree(rowTree, levels);
            const byLeaf = new Map<number, Placed<RowItem>[]>();
            for (const p of placed.placed) byLeaf.set(p.leafStart, [...(byLeaf.get(p.leafStart) ?? []), p]);
            leafRows.forEach((row, i) => {
                const out: ViewCell[] = [];
                for (const p of byLeaf.get(i) ?? []) {
                    const label: ViewCell = { kind: 'label', text: p.item.label, depth: p.item.depth };
                    if (p.levelSpan > 1) label.colSpan = p.levelSpan;
                    if (p.leafSpan > 1) label.rowSpan = p.leafSpan;
                    this.anchored(label, p.item.span);
                    if (p.isLeaf && p.item.row) this.anchors.push({ ...p.item.row.lineSpan, target: label });
                    out.push(label);
                }
                out.push(...def.columns.map(column => valueCell(row, column)));
                view.body.push(out);
            });
        }
        this.relations(table, rowTree, cells, view);
        return view;
    }

    private slice(span: Span): string {
        return this.model.text.slice(span.start, span.end);
    }

    private cornerSpan(table: TableModel): Span | undefined {
        const header = table.header!;
        const start = this.model.text.indexOf(header.cornerText, header.span.start);
        return start >= 0 ? { start, end: start + header.cornerText.length } : undefined;
    }

    /** The printed corner: the table's note (三's 勾稽 note), else the corner label as written or as the template has it. */
    private cornerText(table: TableModel): string {
        const def = table.def;
        if (def.note) return !def.caption && table.openerSpan ? this.slice(table.openerSpan) : def.note.label;
        return table.header?.cornerText || def.corner?.[0]?.label || '';
    }

    /** Wraps the header forest in the table's spanning header, if it has one. */
    private spanning(def: TableDef, roots: TreeNode<HeaderItem>[]): TreeNode<HeaderItem>[] {
        return def.spanningHeader ? [{ item: { text: def.spanningHeader }, children: roots }] : roots;
    }

    /** Header rows from a header forest. */
    private headerRows(roots: TreeNode<HeaderItem>[]): { rows: ViewCell[][]; levels: number; width: number } {
        const { placed, levels, leaves } = placeTree(roots);
        const rows: ViewCell[][] = Array.from({ length: levels }, () => []);
        for (const p of placed) {
            const cell: ViewCell = { kind: 'header', text: p.item.text };
            if (p.leafSpan > 1) cell.colSpan = p.leafSpan;
            if (p.levelSpan > 1) cell.rowSpan = p.levelSpan;
            this.anchored(cell, p.item.span);
            rows[p.levelStart].push(cell);
        }
        return { rows: rows.filter(r => r.length), levels, width: leaves };
    }

    /** Columns under their groups, in template order; labels as the file's header writes them. */
    private columnTree(table: TableModel): TreeNode<HeaderItem>[] {
        const def = table.def;
        const written = new Map<string, Span>();
        table.header?.columns.forEach((c, i) => {
            if (c && !written.has(c.id)) written.set(c.id, table.header!.cellSpans[i]);
        });
        const leaf = (column: ColumnDef): TreeNode<HeaderItem> => {
            const span = written.get(column.id);
            return { item: { text: span ? this.slice(span) : column.label, span } };
        };
        const out: TreeNode<HeaderItem>[] = [];
        const done = new Set<string>();
        for (const column of def.columns) {
            if (done.has(column.id)) continue;
            const group = def.columnGroups?.find(g => g.columns.includes(column.id));
            if (group) {
                const members = def.columns.filter(c => group.columns.includes(c.id));
                members.forEach(c => done.add(c.id));
                out.push({ item: { text: group.label }, children: members.map(leaf) });
            } else {
                done.add(column.id);
                out.push(leaf(column));
            }
        }
        return out;
    }

    /**
     * The printed rows: the template's rows in template order (optional ones only when written),
     * a group written as one row printed as one row, a group that carries its own numbers with a
     * 小计 row, then rows the template does not know, in file order.
     */
    private rowTree(table: TableModel): TreeNode<RowItem>[] {
        const present = (def: RowDef): boolean => table.rowsById.has(def.id) || Boolean(def.children?.some(present));
        const build = (defs: readonly RowDef[], depth: number): TreeNode<RowItem>[] => defs.flatMap((def): TreeNode<RowItem>[] => {
            if (def.optional && !present(def)) return [];
            const row = table.rowsById.get(def.id);
            const item: RowItem = { label: row?.label || def.label, span: row?.labelSpan, depth };
            if (!def.children?.length || (row?.piped && !def.children.some(present))) {
                return [{ item: { ...item, row, rowId: def.id } }];
            }
            const children = build(def.children, depth + 1);
            if (def.subtotal && row?.piped && row.cells.some(c => c.state !== 'missing')) {
                children.unshift({ item: { label: S.subtotal, depth: depth + 1, row, rowId: def.id, subtotal: true } });
            }
            return [{ item: { ...item, groupId: def.id }, children }];
        });
        const tree = build(table.def.rows, 0);
        for (const row of table.rows) {
            if (!row.def && row.piped) tree.push({ item: { label: row.label, span: row.label ? row.labelSpan : row.lineSpan, depth: 0, row } });
        }
        return tree;
    }

    private valueCell(row: RowItem, column: ColumnDef): ViewCell {
        const written: CellModel | undefined = row.row?.byColumn.get(column.id);
        const cell: ViewCell = {
            kind: 'value', text: written?.text ?? '', state: written?.state ?? (row.row ? 'missing' : 'absent'), valueKind: column.kind,
        };
        if (row.rowId) cell.ref = `${row.rowId}.${column.id}`;
        if (written?.value !== undefined) cell.value = written.value;
        if (written?.note !== undefined) cell.note = written.note;
        if (written) {
            this.anchor(cell, written.span);
            // A blank the rules read as another value than 0 (a blank 总计 whose terms are filled) shows that value;
            // cells left out at the end of a row share one span, so only what was determined for each is theirs.
            const determined = this.determined.get(`${written.span.start}:${column.id}`);
            const computed = determined ?? (written.state === 'missing' ? undefined : this.computedAt(written.span, cell.ref));
            if (computed !== undefined) cell.computed = computed;
        }
        return cell;
    }

    private computedBySpan?: Map<string, { computed: number; ref?: string }[]>;

    /** The value the first warning or error at exactly a span computes for the cell there (not for another cell it names). */
    private computedAt(span: Span, ref: string | undefined): number | undefined {
        if (!this.computedBySpan) {
            this.computedBySpan = new Map();
            for (const f of this.checked.findings) {
                if (f.severity === 'info' || typeof f.data.computed !== 'number') continue;
                const key = `${f.span.start}:${f.span.end}`;
                const list = this.computedBySpan.get(key);
                const entry = { computed: f.data.computed, ref: cellRef(f) };
                if (list) list.push(entry);
                else this.computedBySpan.set(key, [entry]);
            }
        }
        return this.computedBySpan.get(`${span.start}:${span.end}`)?.find(e => e.ref === undefined || e.ref === ref)?.computed;
    }

    // -----------------------------------------------------------------------------------------
    // Totals and checks, from the template's rules

    private relations(table: TableModel, rowTree: TreeNode<RowItem>[], cells: Map<string, ViewCell>, view: ViewTable): void {
        const def = table.def;
        const nodes = new Map<string, TreeNode<RowItem>>();
        const walk = (n: TreeNode<RowItem>) => {
            const id = n.item.groupId ?? n.item.rowId;
            if (id && !n.item.subtotal) nodes.set(id, n);
            n.children?.forEach(walk);
        };
        rowTree.forEach(walk);
        /** The printed cells a row stands for in a column: a group is the sum of its rows (not its 小计). */
        const refsOf = (rowId: string, columnId: string): string[] | undefined => {
            const node = nodes.get(rowId);
            if (!node) return undefined;
            if (node.item.rowId) return cells.has(`${rowId}.${columnId}`) ? [`${rowId}.${columnId}`] : undefined;
            const out: string[] = [];
            for (const child of node.children ?? []) {
                if (child.item.subtotal) continue;
                const refs = refsOf(child.item.rowId ?? child.item.groupId!, columnId);
                if (!refs) return undefined;
                out.push(...refs);
            }
            return out;
        };
        const leafRows = leavesOf(rowTree).filter(r => r.rowId);
        for (const rule of this.model.template.rules) {
            if (rule.kind === 'linear' && rule.table === def.id) {
                const total = rule.op === '=' && rule.lhs.length === 1 && rule.lhs[0] === rule.target;
                if (rule.each === 'row') {
                    for (const row of leafRows) {
                        if (rule.over && !rule.over.includes(row.rowId!)) continue;
                        const ref = (col: string) => (cells.has(`${row.rowId}.${col}`) ? [`${row.rowId}.${col}`] : undefined);
                        this.relation(rule, total, row.label, ref, view);
                    }
                } else {
                    for (const column of def.columns) {
                        if (rule.over && !rule.over.includes(column.id)) continue;
                        this.relation(rule, total, column.short ?? column.label, id => refsOf(id, column.id), view);
                    }
                }
            } else if (rule.kind === 'subtotal' && (!rule.tables || rule.tables.includes(def.id))) {
                for (const node of nodes.values()) {
                    const groupId = node.item.groupId;
                    const sub = node.children?.find(c => c.item.subtotal);
                    if (!groupId || !sub) continue;
                    for (const column of def.columns) {
                        const terms = refsOf(groupId, column.id);
                        const target = `${groupId}.${column.id}`;
                        if (terms && cells.has(target)) {
                            view.totals.push({ target, terms, code: rule.code, title: rule.title, at: `${node.item.label}：${column.short ?? column.label}` });
                        }
                    }
                }
            }
        }
    }

    private relation(rule: LinearRuleDef, total: boolean, at: string, refs: (id: string) => string[] | undefined, view: ViewTable): void {
        const side = (ids: readonly string[]) => {
            const out: string[] = [];
            for (const id of ids) {
                const r = refs(id);
                if (!r) return undefined;
                out.push(...r);
            }
            return out;
        };
        const lhs = side(rule.lhs);
        const rhs = side(rule.rhs);
        if (!lhs || !rhs) return;
        if (total && lhs.length === 1) {
            view.totals.push({ target: lhs[0], terms: rhs, code: rule.code, title: rule.title, at });
        } else {
            const check: ViewCheck = { code: rule.code, title: rule.title, at, lhs, op: rule.op, rhs };
            view.checks.push(check);
        }
    }
}

function leavesOfNode(node: TreeNode<HeaderItem>): HeaderItem[] {
    return node.children?.length ? node.children.flatMap(leavesOfNode) : [node.item];
}

function chineseDate(d: DateValue): string {
    return S.date(d.year, d.month, d.day);
}

/** The printed cell a finding names (`row.column`, as ViewCell.ref), if it names one. */
function cellRef(f: Finding): string | undefined {
    return typeof f.data.row === 'string' && typeof f.data.column === 'string' ? `${f.data.row}.${f.data.column}` : undefined;
}
