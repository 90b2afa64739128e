/** The report's structure for the editor: outline symbols, folding ranges, semantic tokens, inlay hints. */
import type { Finding, ReportModel, Span } from '../model/types.js';
import { ruleInstances } from '../rules/engine.js';

export type SymbolKind = 'metadata' | 'section' | 'table' | 'row' | 'group';

export interface OutlineSymbol {
    name: string;
    detail?: string;
    kind: SymbolKind;
    span: Span;
    selection: Span;
    children: OutlineSymbol[];
}

export function outline(model: ReportModel): OutlineSymbol[] {
    const out: OutlineSymbol[] = [];
    const meta = Object.values(model.meta).filter(Boolean);
    if (meta.length) {
        const start = Math.min(...meta.map(m => m!.span.start));
        const end = Math.max(...meta.map(m => m!.span.end));
        out.push({
            name: '元数据', detail: model.title, kind: 'metadata', span: { start, end }, selection: { start, end: meta[0]!.span.end },
            children: [],
        });
    }
    for (const section of model.sections) {
        const tables = section.tables.map(table => {
            const name = table.def.caption?.label ?? table.def.title ?? table.def.id;
            const rows: OutlineSymbol[] = [];
            const stack: { depth: number; symbol: OutlineSymbol }[] = [];
            for (const row of table.rows) {
                const depth = row.def ? table.index.rowById.get(row.def.id)?.depth ?? 0 : 0;
                const symbol: OutlineSymbol = {
                    name: row.def?.label ?? row.label, kind: row.def?.children ? 'group' : 'row',
                    span: row.lineSpan, selection: row.labelSpan, children: [],
                };
                while (stack.length && stack[stack.length - 1].depth >= depth) stack.pop();
                const parent = stack[stack.length - 1]?.symbol;
                if (parent) {
                    parent.children.push(symbol);
                    parent.span = { start: parent.span.start, end: Math.max(parent.span.end, symbol.span.end) };
                } else rows.push(symbol);
                stack.push({ depth, symbol });
            }
            return { name, kind: 'table', span: table.span, selection: table.openerSpan ?? table.header?.span ?? table.span, children: rows } as OutlineSymbol;
        });
        out.push({ name: section.def.label, kind: 'section', span: section.span, selection: section.headingSpan, children: tables });
    }
    return out;
}

/** Foldable regions: sections, tables, groups of rows and text blocks. */
export function foldingSpans(model: ReportModel): Span[] {
    const spans: Span[] = [];
    const walk = (symbols: OutlineSymbol[]) => symbols.forEach(s => {
        if (s.kind !== 'row') spans.push(s.span);
        walk(s.children);
    });
    walk(outline(model).filter(s => s.kind !== 'metadata'));
    for (const prose of [...model.preamble, ...model.sections.flatMap(s => s.prose)]) spans.push(prose.span);
    return spans;
}

export type TokenType = 'keyword' | 'namespace' | 'class' | 'property' | 'enumMember' | 'number' | 'string';

export interface Token {
    span: Span;
    type: TokenType;
    invalid?: boolean;
}

/**
 * Semantic tokens: metadata keys, section headings, captions and notes, column headers, row labels,
 * numbers; a cell or label with an error is marked invalid.
 */
export function semanticTokens(model: ReportModel, findings: readonly Finding[]): Token[] {
    const invalid = errorStarts(findings);
    const out: Token[] = [];
    for (const entry of Object.values(model.meta)) {
        if (!entry) continue;
        const keyEnd = model.text.slice(entry.span.start, entry.valueSpan.start).search(/\s*[:：]/);
        if (keyEnd > 0) out.push({ span: { start: entry.span.start, end: entry.span.start + keyEnd }, type: 'keyword' });
    }
    for (const section of model.sections) {
        if (!section.headingMissing) out.push({ span: section.headingSpan, type: 'namespace', invalid: invalid(section.headingSpan) });
        for (const table of section.tables) {
            if (table.openerSpan) out.push({ span: table.openerSpan, type: 'class' });
            table.header?.cellSpans.forEach(span => out.push({ span, type: 'property', invalid: invalid(span) }));
            for (const row of table.rows) {
                if (row.labelSpan.end > row.labelSpan.start) out.push({ span: row.labelSpan, type: 'enumMember', invalid: invalid(row.labelSpan) });
                for (const cell of row.cells) {
                    if (cell.state === 'number' || cell.state === 'invalid') out.push({ span: cell.span, type: 'number', invalid: cell.state === 'invalid' || invalid(cell.span) });
                }
            }
        }
    }
    return out.filter(t => t.span.end > t.span.start).sort((a, b) => a.span.start - b.span.start);
}

/**
 * Whether an error starts inside a span (an empty span: at its start). The errors' starts are read
 * once and sorted, each question is a binary search: n log n for n findings and tokens, where
 * testing every token against every finding took minutes on a 5 MB report.
 */
function errorStarts(findings: readonly Finding[]): (span: Span) => boolean {
    const starts: number[] = [];
    for (const f of findings) if (f.severity === 'error') starts.push(f.span.start);
    const sorted = Float64Array.from(starts).sort();
    return span => {
        const end = Math.max(span.end, span.start + 1);
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (sorted[mid] < span.start) lo = mid + 1;
            else hi = mid;
        }
        return lo < sorted.length && sorted[lo] < end;
    };
}

export interface InlayHint {
    offset: number;
    label: string;
    tooltip: string;
}

/**
 * Next to each total, the value the rules compute for it: when it differs from what is written
 * ('whenDifferent'), or always.
 */
export function computedTotalHints(model: ReportModel, mode: 'whenDifferent' | 'always' | 'off', range?: Span): InlayHint[] {
    if (mode === 'off') return [];
    const hints = new Map<number, InlayHint>();
    for (const i of ruleInstances(model)) {
        const cell = i.target?.cell;
        if (!cell || i.computed === undefined || cell.state !== 'number') continue;
        if (range && (cell.span.end < range.start || cell.span.start > range.end)) continue;
        if (i.holds && mode !== 'always') continue;
        const existing = hints.get(cell.span.end);
        if (existing && (existing.label.startsWith('应为') || i.holds)) continue; // a failing rule's hint wins
        const terms = [...i.lhs, ...i.rhs].filter(t => t !== i.target).map(t => `${t.label} ${t.value}`).join('、');
        hints.set(cell.span.end, {
            offset: cell.span.end,
            label: i.holds ? `= ${i.computed}` : `应为 ${i.computed}`,
            tooltip: `${i.rule.title}（${i.at}）：按 ${terms} 计算为 ${i.computed}${i.holds ? '' : `，填写的是 ${i.target!.value}`}`,
        });
    }
    return [...hints.values()].sort((a, b) => a.offset - b.offset);
}
