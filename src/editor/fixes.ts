/**
 * Quick fixes for findings whose repair is determined: a total set to its computed value (from the
 * finding's data — never recomputed here), all totals of a table or of the report in dependency
 * order, missing rows added with zeros at their template place, variant labels replaced by the
 * official ones, a row's (or a table's) blank cells filled with the values the blank-cell finding
 * gives (0, or what the sums determine), 格式 set to match 年度, a missing colon added, and for every
 * finding a comment that suppresses it. No fix changes a character inside a text block or a comment:
 * one that would is not offered (`keepsRegions`).
 */
import type { Analysis } from '../rules/check.js';
import type { CellModel, Finding, ReportModel, Span, TableModel } from '../model/types.js';
import { INDENT } from '../format/table-layout.js';
import type { BlankCellData } from '../rules/blanks.js';
import { isSuppressible } from '../rules/suppress.js';
import { textRegions, type TextRegions } from '../util/regions.js';
import type { RowDef } from '../templates/types.js';
import { LineIndex, lineBreakOf, lineEndAt, lineRanges, lineStartAt } from '../util/lines.js';

export interface SpanEdit {
    span: Span;
    newText: string;
}

export interface Fix {
    title: string;
    kind: 'quickfix' | 'source.fixAll';
    edits: SpanEdit[];
    preferred?: boolean;
    /** The findings this fix repairs. */
    fixes: Finding[];
}

export type Reanalyze = (text: string) => Analysis;

/** Codes of the rules that set a total, in the order their fixes must be applied (row totals first). */
export function totalCodes(model: ReportModel): string[] {
    return [...new Set(model.template.rules.filter(r => r.kind === 'subtotal' || (r.kind === 'linear' && r.target !== undefined)).map(r => r.code))];
}

export function fixesFor(analysis: Analysis, findings: readonly Finding[], reanalyze: Reanalyze): Fix[] {
    // A fix that would change a character inside a text block or a comment is never offered.
    return offeredFixes(analysis, findings, reanalyze).filter(f => keepsRegions(analysis.model, f.edits));
}

function offeredFixes(analysis: Analysis, findings: readonly Finding[], reanalyze: Reanalyze): Fix[] {
    const { model } = analysis;
    const out: Fix[] = [];
    const totals = new Set(totalCodes(model));
    let totalSeen: Finding | undefined;
    for (const finding of findings) {
        if (totals.has(finding.code)) {
            const fix = totalFix(model, finding);
            if (fix) out.push(fix);
            totalSeen ??= finding;
            continue;
        }
        const fix = simpleFix(model, finding);
        if (fix) out.push(fix);
        if (finding.code === 'xxgk/blank-cell') {
            const table = tableBlanksFix(analysis, finding);
            if (table) out.push(table);
        }
    }

    if (totalSeen) {
        // Offered only when they do more than the single fixes already listed.
        const results = new Set(out.map(f => applyEdits(model.text, f.edits)));
        const table = totalSeen.data.table;
        const inTable = fixAllTotals(model.text, reanalyze, table);
        const inTableText = applyEdits(model.text, inTable);
        if (inTable.length && !results.has(inTableText)) {
            out.push({ title: '修正本表的全部总计（按依赖顺序）', kind: 'quickfix', edits: inTable, fixes: [totalSeen] });
            results.add(inTableText);
        }
        const all = fixAllTotals(model.text, reanalyze);
        if (all.length && !results.has(applyEdits(model.text, all))) {
            out.push({ title: '修正全文的全部总计（按依赖顺序）', kind: 'quickfix', edits: all, fixes: [totalSeen] });
        }
    }
    // Last: keeping the finding and saying why.
    for (const finding of findings) {
        const fix = suppressionFix(model, finding);
        if (fix) out.push(fix);
    }
    return out;
}

/** "Fix all" for the whole report (source.fixAll): every total, in dependency order. */
export function fixAllAction(analysis: Analysis, reanalyze: Reanalyze): Fix | undefined {
    const edits = fixAllTotals(analysis.model.text, reanalyze);
    return edits.length && keepsRegions(analysis.model, edits) ? { title: '修正全文的全部总计', kind: 'source.fixAll', edits, fixes: [] } : undefined;
}

/** Whether edits leave every character of the text blocks and comments as it is (and add none to them). */
export function keepsRegions(model: ReportModel, edits: readonly SpanEdit[]): boolean {
    const { blocks, comments } = regionsOf(model);
    const text = model.text;
    for (const { span, newText } of edits) {
        for (const b of blocks) {
            const closed = b.end - b.start >= 6 && text.startsWith('"""', b.end - 3);
            if (span.start < b.end && span.end > b.start) return false;
            if (span.start === span.end && span.start > b.start && (span.start < b.end || (!closed && span.start === b.end))) return false;
        }
        for (const c of comments) {
            if (span.start < c.end && span.end > c.start) return false;
            // Text inserted right after a comment, on its line, would become part of it.
            if (span.start === span.end && span.start > c.start && span.start <= c.end && !(span.start === c.end && /^[\r\n]/.test(newText))) return false;
        }
    }
    return true;
}

// ---------------------------------------------------------------------------------------------

function targetCell(model: ReportModel, finding: Finding): CellModel | undefined {
    const { table, row, column } = finding.data;
    if (!table || !row || !column) return undefined;
    return model.tables.get(table)?.rowsById.get(row)?.byColumn.get(column);
}

function cellEdit(model: ReportModel, cell: CellModel, value: string): SpanEdit {
    const blank = !model.text.slice(cell.span.start, cell.span.end).trim();
    return { span: cell.span, newText: blank ? ` ${value} ` : value };
}

function totalFix(model: ReportModel, finding: Finding): Fix | undefined {
    const computed = finding.data.computed;
    const cell = targetCell(model, finding);
    if (computed === undefined || !cell || cell.state === 'missing' || cell.state === 'invalid') return undefined;
    const row = model.tables.get(finding.data.table!)!.index.rowById.get(finding.data.row!)?.def;
    const name = `「${row?.short ?? row?.label ?? ''}」的${cell.column?.short ?? cell.column?.label ?? ''}`;
    return {
        title: `将${name}改为 ${computed}`, kind: 'quickfix', preferred: true,
        edits: [cellEdit(model, cell, String(computed))], fixes: [finding],
    };
}

/**
 * Every total of the report (or of one table) set to its computed value, rule by rule in template
 * order, re-checking after each rule: row totals first, then （七）总计, then the balance, so that
 * they all agree in the end. Returns edits against the original text, one per changed line.
 */
export function fixAllTotals(text: string, reanalyze: Reanalyze, table?: string): SpanEdit[] {
    let current = text;
    for (let round = 0; round < 40; round++) {
        const analysis = reanalyze(current);
        const order = totalCodes(analysis.model);
        const fixable = analysis.findings.filter(f => order.includes(f.code) && (!table || f.data.table === table))
            .map(f => ({ f, fix: totalFix(analysis.model, f) }))
            .filter((x): x is { f: Finding; fix: Fix } => Boolean(x.fix));
        if (!fixable.length) break;
        const code = order.find(c => fixable.some(x => x.f.code === c))!;
        const seen = new Set<number>();
        const edits = fixable.filter(x => x.f.code === code).map(x => x.fix.edits[0]).filter(e => !seen.has(e.span.start) && seen.add(e.span.start));
        current = applyEdits(current, edits);
    }
    return lineDiff(text, current);
}

export function applyEdits(text: string, edits: readonly SpanEdit[]): string {
    const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
    let out = text;
    for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
    return out;
}

/** Edits that turn `before` into `after` when both have the same lines, one per changed line. */
function lineDiff(before: string, after: string): SpanEdit[] {
    const a = lineRanges(before);
    const b = lineRanges(after);
    if (a.length !== b.length) return [{ span: { start: 0, end: before.length }, newText: after }];
    const edits: SpanEdit[] = [];
    a.forEach((line, i) => {
        // A line with its break: a fix that changed only the kind of a break is not lost.
        const end = Math.min(line.next, before.length);
        const oldText = before.slice(line.start, end);
        const newText = after.slice(b[i].start, Math.min(b[i].next, after.length));
        if (oldText === newText) return;
        // Only the part that differs: the rest of the line (a trailing comment …) is left alone.
        let head = 0;
        while (head < oldText.length && head < newText.length && oldText[head] === newText[head]) head++;
        let tail = 0;
        while (tail < oldText.length - head && tail < newText.length - head && oldText[oldText.length - 1 - tail] === newText[newText.length - 1 - tail]) tail++;
        edits.push({ span: { start: line.start + head, end: end - tail }, newText: newText.slice(head, newText.length - tail) });
    });
    return edits;
}

// ---------------------------------------------------------------------------------------------

function simpleFix(model: ReportModel, finding: Finding): Fix | undefined {
    const { data, span } = finding;
    const fix = (title: string, edits: SpanEdit[], preferred = true): Fix => ({ title, kind: 'quickfix', edits, preferred, fixes: [finding] });
    switch (finding.code) {
        case 'xxgk/label-variant':
            return data.canonical ? fix(`改为「${data.canonical}」`, [{ span, newText: data.canonical }]) : undefined;
        case 'xxgk/section-heading-missing': {
            if (!data.canonical) return undefined;
            const at = model.text.lastIndexOf('\n', span.start - 1) + 1;
            const eol = model.text.includes('\r\n') ? '\r\n' : '\n';
            return fix(`补上标题「${data.canonical}」`, [{ span: { start: at, end: at }, newText: `${data.canonical}${eol}${eol}` }]);
        }
        case 'xxgk/row-unknown':
        case 'xxgk/column-unknown':
        case 'xxgk/section-unknown':
        case 'xxgk/line-unknown': {
            const suggestion = data.suggestion as string | undefined;
            return suggestion ? fix(`改为「${suggestion}」`, [{ span, newText: suggestion }], false) : undefined;
        }
        case 'xxgk/blank-cell': {
            const cells = blankCells(finding);
            const columns = (list: BlankCellData[]) => list.map(c => model.tables.get(data.table!)?.index.columnById.get(c.column)?.short ??
                model.tables.get(data.table!)?.index.columnById.get(c.column)?.label ?? c.column).join('、');
            const determined = cells.filter(c => c.rule);
            const zeros = cells.length - determined.length;
            const title = !determined.length ? '以 0 填写本行空格' : !zeros ? `按计算值填写${columns(determined)}` :
                `以 0 填写本行空格，并按计算值填写${columns(determined)}`;
            return cells.length ? fix(title, blankEdits(model, cells)) : undefined;
        }
        case 'xxgk/table-empty': {
            const table = model.tables.get(data.table!);
            return table ? fix('将表中的空格都填为 0', tableZeroEdits(model, table)) : undefined;
        }
        case 'xxgk/row-missing':
        case 'xxgk/group-missing': {
            const table = model.tables.get(data.table!);
            const edit = table && data.row ? insertRowEdit(model, table, data.row, finding.code === 'xxgk/row-missing') : undefined;
            return edit ? fix(`补上「${table!.index.rowById.get(data.row!)!.def.label}」${finding.code === 'xxgk/group-missing' ? '分组行' : '行（各项为 0）'}`, [edit]) : undefined;
        }
        case 'xxgk/format-year': {
            const entry = model.meta.format;
            const expected = data.expected as string | undefined;
            return entry && expected ? fix(`将格式改为 ${expected}（表格还需按 ${expected} 格式调整）`, [{ span: entry.valueSpan, newText: expected }]) : undefined;
        }
        case 'xxgk/meta-colon': {
            const key = data.key as string | undefined;
            return key ? fix('补上冒号', [{ span: { start: span.start + key.length, end: span.start + key.length }, newText: '：' }]) : undefined;
        }
        default:
            return undefined;
    }
}

function blankCells(finding: Finding): BlankCellData[] {
    return Array.isArray(finding.data.cells) ? finding.data.cells as BlankCellData[] : [];
}

/** The values a blank-cell finding's data gives its cells (0, or what the rules determine), written in; left-out cells appended. */
function blankEdits(model: ReportModel, cells: readonly BlankCellData[]): SpanEdit[] {
    const edits: SpanEdit[] = [];
    const appended = new Map<number, string[]>();
    for (const cell of cells) {
        const value = String(cell.value);
        if (cell.state === 'missing') {
            let list = appended.get(cell.start);
            if (!list) appended.set(cell.start, list = []);
            list.push(value);
            continue;
        }
        const blank = !model.text.slice(cell.start, cell.end).trim();
        edits.push({ span: { start: cell.start, end: cell.end }, newText: blank ? ` ${value} ` : value });
    }
    for (const [at, values] of appended) edits.push({ span: { start: at, end: at }, newText: values.map(v => ` | ${v}`).join('') });
    return edits;
}

/** Every blank of a table filled as its row's finding says, when the table has blanks on more than one row. */
function tableBlanksFix(analysis: Analysis, finding: Finding): Fix | undefined {
    const rows = analysis.findings.filter(f => f.code === 'xxgk/blank-cell' && f.data.table === finding.data.table);
    if (rows.length < 2) return undefined;
    return {
        title: '填写本表的全部空格（按 0 或计算值）', kind: 'quickfix', preferred: false,
        edits: blankEdits(analysis.model, rows.flatMap(blankCells)), fixes: rows,
    };
}

function tableZeroEdits(model: ReportModel, table: TableModel): SpanEdit[] {
    const edits: SpanEdit[] = [];
    for (const row of table.rows) {
        const missing = row.cells.filter(c => c.state === 'missing');
        for (const cell of row.cells) if (cell.state === 'blank' || cell.state === 'dash') edits.push(cellEdit(model, cell, '0'));
        if (missing.length) {
            const at = row.piped ? missing[0].span.start : row.labelSpan.end;
            edits.push({ span: { start: at, end: at }, newText: missing.map(() => ' | 0').join('') });
        }
    }
    return edits;
}

/** The missing row (with its sub-rows when the whole group is missing) inserted where the template puts it. */
function insertRowEdit(model: ReportModel, table: TableModel, rowId: string, withChildren: boolean): SpanEdit | undefined {
    const index = table.index;
    const info = index.rowById.get(rowId);
    if (!info) return undefined;
    const columns = table.columns.length;
    const lines: string[] = [];
    const add = (def: RowDef, depth: number) => {
        lines.push(INDENT.repeat(depth) + def.label + (def.children ? '' : ` | ${Array(columns).fill('0').join(' | ')}`));
        if (withChildren) def.children?.forEach(c => add(c, depth + 1));
    };
    add(info.def, info.depth);
    const after = withChildren ? info.order + countDescendants(info.def) : info.order;
    const next = index.rows.slice(after + 1).map(r => table.rowsById.get(r.def.id)).find(Boolean);
    const text = model.text;
    const eol = lineBreakOf(text);
    const { blocks } = regionsOf(model);
    if (next) {
        const at = lineStartAt(text, next.lineSpan.start);
        // A text block that closes on the next row's line, before the row: the new rows go right after it.
        const block = blocks.find(b => b.start < at && at < b.end);
        if (block) return { span: { start: block.end, end: block.end }, newText: lines.map(l => eol + l).join('') };
        return { span: { start: at, end: at }, newText: lines.map(l => l + eol).join('') };
    }
    const last = table.rows[table.rows.length - 1]?.lineSpan ?? table.header?.span ?? table.span;
    let at = lineEndAt(text, last.end);
    // A text block that opens on the rest of the line (「行政强制 | 0 """…」): the new rows go before it, not into it.
    const block = blocks.find(b => b.start >= last.end && b.start < at);
    if (block) at = last.end;
    return { span: { start: at, end: at }, newText: lines.map(l => eol + l).join('') };
}

/**
 * A comment that suppresses the finding (src/rules/suppress.ts), inserted above its line with that
 * line's indentation; for a finding in a text block, above the line the block opens on (a
 * disable-next-line there covers the whole block).
 */
function suppressionFix(model: ReportModel, finding: Finding): Fix | undefined {
    if (!isSuppressible(finding.code)) return undefined;
    const text = model.text;
    const lines = new LineIndex(text);
    const { blocks } = regionsOf(model);
    let line = lines.position(finding.span.start).line;
    for (;;) {
        // The line must start outside any text block: go up to where the block opens.
        const start = lines.lineStart(line);
        const block = blocks.find(b => b.start < start && start < b.end) ?? blocks.find(b => b.start <= finding.span.start && finding.span.start < b.end && b.start < start);
        if (!block) break;
        line = lines.position(block.start).line;
    }
    const start = lines.lineStart(line);
    const indent = /^[ \t\u3000]*/.exec(text.slice(start, lines.lineEnd(line)))![0];
    const eol = lineBreakOf(text);
    // A finding about the whole file sits on its first line, whatever that line is: a disable from the top covers it.
    const directive = finding.span.start === 0 ? 'xxgk-disable' : 'xxgk-disable-next-line';
    return {
        title: `忽略此处的 ${finding.code}（插入 ${directive} 注释）`, kind: 'quickfix', preferred: false,
        edits: [{ span: { start, end: start }, newText: `${indent}// ${directive} ${finding.code} 理由：${eol}` }], fixes: [finding],
    };
}

const regionCache = new WeakMap<ReportModel, TextRegions>();

/** The text blocks and comments of the report (no fix may change a character inside them). */
function regionsOf(model: ReportModel): TextRegions {
    let regions = regionCache.get(model);
    if (!regions) regionCache.set(model, regions = textRegions(model.text));
    return regions;
}

function countDescendants(def: RowDef): number {
    return (def.children ?? []).reduce((n, c) => n + 1 + countDescendants(c), 0);
}
