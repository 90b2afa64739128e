/**
 * Quick fixes for findings whose repair is determined: a total set to its computed value (from the
 * finding's data — never recomputed here), all totals of a table or of the report in dependency
 * order, missing rows added with zeros at their template place, variant labels replaced by the
 * official ones, blank and `-` cells turned into 0, 格式 set to match 年度, a missing colon added.
 * Fixes only ever touch table lines and metadata, never prose.
 */
import type { Analysis } from '../rules/check.js';
import type { CellModel, Finding, ReportModel, Span, TableModel } from '../model/types.js';
import { INDENT } from '../format/table-layout.js';
import type { RowDef } from '../templates/types.js';
import { lineBreakOf, lineEndAt, lineRanges, lineStartAt } from '../util/lines.js';

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
    return out;
}

/** "Fix all" for the whole report (source.fixAll): every total, in dependency order. */
export function fixAllAction(analysis: Analysis, reanalyze: Reanalyze): Fix | undefined {
    const edits = fixAllTotals(analysis.model.text, reanalyze);
    return edits.length ? { title: '修正全文的全部总计', kind: 'source.fixAll', edits, fixes: [] } : undefined;
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
        const newText = after.slice(b[i].start, Math.min(b[i].next, after.length));
        if (before.slice(line.start, end) !== newText) edits.push({ span: { start: line.start, end }, newText });
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
        case 'xxgk/blank-cell':
            return fix('填写 0', blankEdits(model, finding));
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

function blankEdits(model: ReportModel, finding: Finding): SpanEdit[] {
    const missing = finding.data.missing as string[] | undefined;
    if (missing?.length) {
        const at = finding.span.end;
        return [{ span: { start: at, end: at }, newText: missing.map(() => ' | 0').join('') }];
    }
    const cell = targetCell(model, finding);
    return cell ? [cellEdit(model, cell, '0')] : [{ span: finding.span, newText: '0' }];
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
    if (next) {
        const at = lineStartAt(text, next.lineSpan.start);
        return { span: { start: at, end: at }, newText: lines.map(l => l + eol).join('') };
    }
    const last = table.rows[table.rows.length - 1]?.lineSpan ?? table.header?.span ?? table.span;
    const at = lineEndAt(text, last.end);
    return { span: { start: at, end: at }, newText: lines.map(l => eol + l).join('') };
}

function countDescendants(def: RowDef): number {
    return (def.children ?? []).reduce((n, c) => n + 1 + countDescendants(c), 0);
}
