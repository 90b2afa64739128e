/**
 * Suppression comments, the way CI users know them from linters:
 *
 *   // xxgk-disable-next-line xxgk/row-total 理由……   the next line that is not blank or a comment
 *                                                     (a text block opening there: the whole block)
 *   规章 | 1 | 0 | 1 // xxgk-disable-line R12 理由……  this line
 *   // xxgk-disable R7, xxgk/balance 理由……           from here to a matching // xxgk-enable [codes]
 *   // xxgk-enable                                     (or to the end of the file)
 *
 * Codes are rule codes (xxgk/row-total) or R-numbers of docs/domain.md (R7: every code of that
 * rule); after them, the reason, kept as the justification. An unknown code is an error, a
 * suppression that suppresses nothing a warning (codes found later excepted: the cross-year,
 * roll-up and registry findings come from other reports or the unit registry). Applied in one place,
 * src/rules/check.ts, and to those later findings (the CLI's cross-year and registry stages, the server's cross-year checks)
 * with the same ranges (SuppressionRange), so that the editor, the CLI, the preview and the exports agree.
 */
import type { Finding, Span } from '../model/types.js';
import type { TemplateRegistry } from '../templates/registry.js';
import { LineIndex } from '../util/lines.js';
import { textRegions } from '../util/regions.js';
import { fillTemplate } from '../util/text.js';
import { catalog, catalogEntry, type CatalogCode } from './catalog.js';

/** Lines a suppression covers and the codes it suppresses there (serialisable: it travels with a report's summary). */
export interface SuppressionRange {
    /** Zero-based, inclusive. */
    from: number;
    to: number;
    codes: string[];
    justification: string;
}

interface Entry {
    written: string;
    codes: ReadonlySet<string>;
    from: number;
    to: number;
    used: boolean;
}

interface Directive {
    kind: 'next-line' | 'line' | 'disable' | 'enable';
    span: Span;
    text: string;
    justification: string;
    entries: Entry[];
    /** enable: whether it closed a block. */
    closed?: boolean;
}

const DIRECTIVE = /^\/\/\s*(xxgk-disable-next-line|xxgk-disable-line|xxgk-disable|xxgk-enable)(?![\w-])/;
const KINDS = { 'xxgk-disable-next-line': 'next-line', 'xxgk-disable-line': 'line', 'xxgk-disable': 'disable', 'xxgk-enable': 'enable' } as const;
const CODE_LIKE = /^(?:xxgk\/[A-Za-z0-9-]+|[Rr]\d+)$/;
const NOT_SUPPRESSIBLE = new Set(['xxgk/syntax', 'xxgk/unused-suppression', 'xxgk/suppression-code']);

/** Whether a finding of this code can be suppressed by a comment (not the syntax, not the suppression findings). */
export function isSuppressible(code: string): boolean {
    return !NOT_SUPPRESSIBLE.has(code);
}

/** Code or R-number (lower case) → the codes it stands for; and the codes found after a report's own check (cross-year, roll-up, registry). */
interface CodeIndex {
    byName: Map<string, Set<string>>;
    later: Set<string>;
}

const indexes = new WeakMap<TemplateRegistry, CodeIndex>();

function codeIndex(registry: TemplateRegistry): CodeIndex {
    let index = indexes.get(registry);
    if (index) return index;
    index = { byName: new Map(), later: new Set() };
    const add = (code: string, domainRule?: string) => {
        if (NOT_SUPPRESSIBLE.has(code)) return;
        const own = index!.byName.get(code.toLowerCase()) ?? new Set<string>();
        own.add(code);
        index!.byName.set(code.toLowerCase(), own);
        if (domainRule) {
            const rule = index!.byName.get(domainRule.toLowerCase()) ?? new Set<string>();
            rule.add(code);
            index!.byName.set(domainRule.toLowerCase(), rule);
        }
    };
    for (const entry of catalog.values()) {
        add(entry.code, entry.domainRule);
        if (entry.later) index.later.add(entry.code);
    }
    for (const template of registry.all()) {
        for (const rule of [...template.rules, ...(template.prose?.facts ?? []), ...(template.prose?.expectations ?? [])]) {
            add(rule.code, rule.domainRule);
            if ('kind' in rule && (rule.kind === 'cross-year' || rule.kind === 'rollup')) index.later.add(rule.code);
        }
    }
    indexes.set(registry, index);
    return index;
}

export interface Suppressions {
    findings: Finding[];
    suppressed: Finding[];
    ranges: SuppressionRange[];
}

/** Whether a text may hold a suppression at all (the common case has none: nothing else is done). */
export function mayHaveSuppressions(text: string): boolean {
    return text.includes('xxgk-disable') || text.includes('xxgk-enable');
}

/**
 * Applies the text's suppression comments to its findings: the suppressed ones move out of
 * `findings` (each with its `suppression`), the problems with the comments themselves come in.
 */
export function applySuppressions(text: string, findings: readonly Finding[], registry: TemplateRegistry): Suppressions {
    if (!mayHaveSuppressions(text)) return { findings: [...findings], suppressed: [], ranges: [] };
    const lines = new LineIndex(text);
    const index = codeIndex(registry);
    const problems: Finding[] = [];
    const directives = readDirectives(text, lines, index, problems);
    const entries = directives.flatMap(d => d.entries.map(e => ({ e, d })));
    const visible: Finding[] = [];
    const suppressed: Finding[] = [];
    for (const f of findings) {
        if (NOT_SUPPRESSIBLE.has(f.code) || !entries.length) {
            visible.push(f);
            continue;
        }
        const line = lines.position(f.span.start).line;
        let by: Directive | undefined;
        for (const { e, d } of entries) {
            if (line >= e.from && line <= e.to && e.codes.has(f.code)) {
                e.used = true;
                by ??= d;
            }
        }
        if (by) suppressed.push({ ...f, suppression: { justification: by.justification, span: by.span } });
        else visible.push(f);
    }
    for (const d of directives) {
        const unused = d.kind === 'enable' ? (d.closed ? [] : ['']) :
            d.entries.filter(e => !e.used && [...e.codes].some(c => !index.later.has(c))).map(e => e.written);
        if (unused.length) {
            problems.push(finding('xxgk/unused-suppression', d.span, {
                directive: d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text,
                codes: d.kind === 'enable' || unused.length === d.entries.length ? undefined : unused.join('、'),
                hint: d.kind === 'enable' ? '前面没有与之对应的 xxgk-disable' : undefined,
            }));
        }
    }
    const ranges = entries.map(({ e, d }) => ({ from: e.from, to: e.to, codes: [...e.codes], justification: d.justification }));
    return { findings: [...visible, ...problems], suppressed, ranges };
}

/** Findings of another stage (the cross-year rules) split by the ranges of their report; `lineOf` gives a finding's zero-based line. */
export function splitSuppressed<F extends { code: string }>(found: readonly F[], ranges: readonly SuppressionRange[] | undefined,
    lineOf: (f: F) => number): { visible: F[]; suppressed: (F & { suppression: { justification: string } })[] } {
    const visible: F[] = [];
    const suppressed: (F & { suppression: { justification: string } })[] = [];
    for (const f of found) {
        const line = lineOf(f);
        const range = ranges?.find(r => line >= r.from && line <= r.to && r.codes.includes(f.code));
        if (range) suppressed.push({ ...f, suppression: { justification: range.justification } });
        else visible.push(f);
    }
    return { visible, suppressed };
}

function finding(code: CatalogCode, span: Span, params: Record<string, unknown>): Finding {
    const entry = catalogEntry(code);
    return { code, severity: entry.severity, message: fillTemplate(entry.message, params), span, data: { code } };
}

function readDirectives(text: string, lines: LineIndex, index: CodeIndex, problems: Finding[]): Directive[] {
    const { blocks, comments } = textRegions(text);
    const out: Directive[] = [];
    const open: Entry[] = [];
    const last = lines.lineCount - 1;
    /** The line a block opening on `line` ends on, else `line`. */
    const throughBlock = (line: number) => {
        const start = lines.lineStart(line);
        const end = lines.lineEnd(line);
        const block = blocks.find(b => b.start >= start && b.start <= end);
        return block ? lines.position(Math.max(block.start, block.end - 1)).line : line;
    };
    for (const comment of comments) {
        const raw = text.slice(comment.start, comment.end);
        const m = DIRECTIVE.exec(raw);
        if (!m) continue;
        const kind = KINDS[m[1] as keyof typeof KINDS];
        const line = lines.position(comment.start).line;
        const directive: Directive = { kind, span: comment, text: raw.trim(), justification: '', entries: [] };
        // Codes, then the reason.
        const tokens = /[^\s,，、;；]+/g;
        const rest = raw.slice(m[0].length);
        const restStart = comment.start + m[0].length;
        const written: { code: string; span: Span }[] = [];
        let t: RegExpExecArray | null;
        while ((t = tokens.exec(rest))) {
            if (!CODE_LIKE.test(t[0])) {
                directive.justification = rest.slice(t.index).replace(/^(?:--|[:：])\s*/, '').trim();
                break;
            }
            written.push({ code: t[0], span: { start: restStart + t.index, end: restStart + t.index + t[0].length } });
        }
        let from = line;
        let to = line;
        if (kind === 'next-line') {
            from = to = last + 1; // nothing, unless a line follows
            for (let l = line + 1; l <= last; l++) {
                const content = text.slice(lines.lineStart(l), lines.lineEnd(l)).trim();
                if (!content || content.startsWith('//')) continue;
                from = l;
                to = throughBlock(l);
                break;
            }
        } else if (kind === 'disable') {
            to = last;
        }
        const codes: { code: string; expanded: Set<string> }[] = [];
        for (const w of written) {
            const expanded = index.byName.get(w.code.toLowerCase());
            if (!expanded) {
                problems.push(finding('xxgk/suppression-code', w.span, { problem: `「${w.code}」不是 xxgk 的规则代码或规则编号` }));
                continue;
            }
            codes.push({ code: w.code, expanded });
        }
        if (kind === 'enable') {
            for (const entry of [...open]) {
                if (codes.length && !codes.some(c => [...c.expanded].some(x => entry.codes.has(x)))) continue;
                entry.to = Math.max(entry.from, line);
                open.splice(open.indexOf(entry), 1);
                directive.closed = true;
            }
            if (!written.length || codes.length) out.push(directive);
            continue;
        }
        if (!written.length) {
            problems.push(finding('xxgk/suppression-code', comment, { problem: `「${m[1]}」后缺少要忽略的规则代码` }));
            continue;
        }
        for (const c of codes) {
            const entry: Entry = { written: c.code, codes: c.expanded, from, to, used: false };
            directive.entries.push(entry);
            if (kind === 'disable') open.push(entry);
        }
        if (directive.entries.length) out.push(directive);
    }
    return out;
}
