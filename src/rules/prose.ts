/**
 * R24, the generic evaluator: finds the phrases of the template's prose rules (src/templates/prose.ts)
 * in every text block and compares what they state with the tables. A finding goes on the number in
 * the prose (or on the words a phrase marks as `at`), with the table cells as related information.
 * R25: topics a section's prose is expected to mention (信息处理费 …), also data.
 *
 * Linear in the length of the prose: a block is scanned once for the phrases' keywords; the clauses
 * (and sentences) around the hits are cut out in text order, each looked at once however long it is;
 * a phrase's pattern runs once over each clause holding one of its keywords, and a `requires` /
 * `excludes` expression once per clause or sentence. Lines wrapped inside a sentence (prose copied
 * from a PDF) are joined first; a blank line or a new numbered paragraph still breaks.
 */
import type { CellModel, Finding, ReportModel, SectionModel, Span, TableModel } from '../model/types.js';
import { MAX_CELL_VALUE } from '../model/values.js';
import type { ProseExpectationDef, ProseFactDef, ProseRulesDef, TableCellRef } from '../templates/types.js';
import { fillTemplate } from '../util/text.js';
import { contributingCells, effectiveValue, ruleInstances, type Term } from './engine.js';

const PLACEHOLDERS: Record<string, string> = {
    n: '(?<n>[0-9０-９]+|[零〇一二两三四五六七八九十百]+)',
    amount: '(?<n>[0-9０-９]+(?:[.．][0-9０-９]+)?)\\s*万元',
    unit: '\\s*(?:件|条|宗|起|个|份|例|次|项|案)',
    gap: '[^，,；;。！？!?：:、\\r\\n0-9０-９]{0,8}?',
};

interface Compiled {
    /** Finds the phrase (without named groups and indices: several times faster on a miss). */
    pattern: RegExp;
    /** The same at a match's position, with the groups `n` and `at` and their indices. */
    detail: RegExp;
    requires?: RegExp;
    excludes?: RegExp;
}

const compiled = new WeakMap<ProseFactDef, Compiled>();

function compile(fact: ProseFactDef): Compiled {
    let c = compiled.get(fact);
    if (!c) {
        const source = fact.pattern.replace(/\{(n|amount|unit|gap)\}/g, (_, name: string) => PLACEHOLDERS[name]);
        c = {
            pattern: new RegExp(source.replace(/\(\?<[A-Za-z]\w*>/g, '('), 'g'),
            detail: new RegExp(source, 'dy'),
            requires: fact.requires ? new RegExp(fact.requires) : undefined,
            excludes: fact.excludes ? new RegExp(fact.excludes) : undefined,
        };
        compiled.set(fact, c);
    }
    return c;
}

interface Unit {
    text: string;
    /** Offset of text[0] in the block's (joined) text. */
    start: number;
}

const breakSets = new Map<string, Uint8Array>();

/** The char codes of a rule set's `clauseBreaks` / `sentenceBreaks` (a regex character class), as a table: 1 for a break (BMP). */
function breakSet(breaks: string): Uint8Array {
    let table = breakSets.get(breaks);
    if (!table) {
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
        const chars = breaks.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c);
        table = new Uint8Array(0x10000);
        for (const c of chars) table[c.charCodeAt(0)] = 1;
        breakSets.set(breaks, table);
    }
    return table;
}

/**
 * The clauses or sentences of a block's text (maximal runs without a break character), cut out
 * only around the offsets asked for. Offsets are asked for in text order, so a unit's start is
 * looked for backwards no further than the end of the unit before: every character is looked at a
 * bounded number of times, however long the units. The last test of an expression on the last
 * unit is remembered.
 */
class Units {
    private last?: Unit;
    /** Where the last unit ends (its break character, or the text's end). */
    private lastEnd = 0;
    private readonly breaks: Uint8Array;
    private readonly tests = new Map<RegExp, { unit: Unit; result: boolean }>();

    constructor(private readonly text: string, breaks: string) {
        this.breaks = breakSet(breaks);
    }

    /** The unit containing a text offset; none at a break character. */
    at(offset: number): Unit | undefined {
        const { text, breaks, last } = this;
        if (offset < 0 || offset >= text.length || breaks[text.charCodeAt(offset)]) return undefined;
        if (last && offset >= last.start && offset < this.lastEnd) return last;
        // Offsets come in order: the unit before ends at lastEnd, so the start is not before it.
        const floor = last && offset > this.lastEnd ? this.lastEnd + 1 : 0;
        let start = offset;
        while (start > floor && !breaks[text.charCodeAt(start - 1)]) start--;
        let end = offset + 1;
        while (end < text.length && !breaks[text.charCodeAt(end)]) end++;
        this.lastEnd = end;
        return this.last = { text: text.slice(start, end), start };
    }

    /** `re.test(unit.text)`, remembered for the last unit it was asked about. */
    holds(re: RegExp, unit: Unit): boolean {
        const known = this.tests.get(re);
        if (known?.unit === unit) return known.result;
        const result = re.test(unit.text);
        this.tests.set(re, { unit, result });
        return result;
    }
}

/**
 * A block's text with the line breaks inside a sentence removed (prose copied from a PDF wraps
 * lines anywhere: 「予以公开及部\n分公开 57 件」), and the way back to the block's offsets. A break
 * stays after a blank line, after a line ending in punctuation, after a short numbered heading, and
 * before a line that starts a new numbered paragraph.
 */
export interface JoinedText {
    text: string;
    /** Block offset of a joined-text offset. */
    source(offset: number): number;
}

const SPACE = (c: number) => c === 0x20 || c === 0x09 || c === 0x3000;

/** A short numbered line without punctuation (（一）主动公开情况) stands alone. */
function isHeading(text: string, start: number, end: number, paragraph: RegExp, breaks: Uint8Array): boolean {
    if (end - start > 30 || !paragraph.test(text.slice(start, start + 16))) return false;
    for (let i = start; i < end; i++) if (breaks[text.charCodeAt(i)]) return false;
    return true;
}

export function joinWrappedLines(text: string, rules: Pick<ProseRulesDef, 'clauseBreaks' | 'sentenceBreaks' | 'paragraphStart'>): JoinedText {
    if (!text.includes('\n')) return { text, source: offset => offset };
    const breaks = breakSet(rules.clauseBreaks + rules.sentenceBreaks);
    const paragraph = rules.paragraphStart ? new RegExp(`^(?:${rules.paragraphStart})`) : undefined;
    /** Pieces kept: [start, end) of the block's text, in order. */
    const pieces: number[] = [];
    let lineStart = 0;
    let pieceStart = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
        let end = nl;
        if (end > lineStart && text.charCodeAt(end - 1) === 13) end--;
        let last = end;
        while (last > lineStart && SPACE(text.charCodeAt(last - 1))) last--;
        let next = nl + 1;
        while (next < text.length && SPACE(text.charCodeAt(next))) next++;
        const keep = last === lineStart || // a blank line (or the line before is)
            next >= text.length || text.charCodeAt(next) === 10 || text.charCodeAt(next) === 13 ||
            breaks[text.charCodeAt(last - 1)] === 1 ||
            (paragraph !== undefined && (paragraph.test(text.slice(next, next + 16)) || isHeading(text, lineStart, last, paragraph, breaks)));
        if (!keep) {
            pieces.push(pieceStart, last);
            pieceStart = next;
        }
        lineStart = nl + 1;
    }
    if (!pieces.length) return { text, source: offset => offset };
    pieces.push(pieceStart, text.length);
    /** Joined offset where each piece starts, and its block offset. */
    const joinedStarts: number[] = [];
    const sourceStarts: number[] = [];
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; i < pieces.length; i += 2) {
        joinedStarts.push(length);
        sourceStarts.push(pieces[i]);
        parts.push(text.slice(pieces[i], pieces[i + 1]));
        length += pieces[i + 1] - pieces[i];
    }
    return {
        text: parts.join(''),
        source(offset) {
            let lo = 0;
            let hi = joinedStarts.length - 1;
            while (lo < hi) {
                const mid = (lo + hi + 1) >> 1;
                if (joinedStarts[mid] <= offset) lo = mid;
                else hi = mid - 1;
            }
            return sourceStarts[lo] + offset - joinedStarts[lo];
        },
    };
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 66, ６６, 12.5, 十二, 一百零五 → a number (undefined when it does not read as one). */
export function readNumber(text: string): number | undefined {
    const ascii = text.normalize('NFKC');
    if (/^[0-9]+(?:\.[0-9]+)?$/.test(ascii)) return Number(ascii);
    let total = 0;
    let digit: number | undefined;
    for (const ch of text) {
        if (ch in DIGITS) {
            if (digit !== undefined && DIGITS[ch] !== 0) return undefined; // 二三
            digit = DIGITS[ch] === 0 ? undefined : DIGITS[ch];
        } else if (ch === '十' || ch === '百') {
            total += (digit ?? 1) * (ch === '十' ? 10 : 100);
            digit = undefined;
        } else {
            return undefined;
        }
    }
    return total + (digit ?? 0);
}

interface Resolved {
    ref: TableCellRef;
    value: number;
    /** The cells written in the file that make up the value. */
    cells: CellModel[];
    /** Blank cells counted as 0, and blank totals counted as their computed value (said in the message). */
    blanks: string[];
}

/**
 * The value the tables give a cell reference, as the rules see it: a group is the sum of its
 * sub-rows, a blank cell counts as 0, and a blank total counts as the sum of its row (the value
 * the row-total rule computes for it). Undefined when the report lacks the cell or cannot read it.
 */
function resolve(model: ReportModel, ref: TableCellRef): Resolved | undefined {
    const table = model.tables.get(ref.table);
    if (!table) return undefined;
    // Undefined when the report lacks the row or column (or a sub-row of a group).
    const written = effectiveValue(table, ref.row, ref.column);
    if (written === undefined) return undefined;
    const cells = contributingCells(table, {
        id: ref.row, label: '', value: written, row: ref.row, column: ref.column, cell: table.rowsById.get(ref.row)?.byColumn.get(ref.column),
    });
    if (!cells.length || cells.some(c => c.state === 'invalid')) return undefined;
    // The sum of the cells as the prose is compared with them (whatever the engine makes of blanks).
    let value = 0;
    const blanks: string[] = [];
    for (const cell of cells) {
        if (cell.state === 'number') {
            value += cell.value ?? 0;
            continue;
        }
        const computed = computedTotal(model, table, cell);
        const name = labelOf(model, { ...ref, row: rowOf(table, cell) ?? ref.row, column: cell.column?.id ?? ref.column }, cell) +
            (cell.state === 'dash' ? `写作「${cell.text}」` : '为空');
        if (computed === undefined) {
            blanks.push(`${name}，按 0 计`);
        } else {
            value += computed;
            blanks.push(`${name}，按本行各项之和 ${computed} 计`);
        }
    }
    return { ref, value: round(value), cells, blanks };
}

/** The value a row rule computes for a blank total cell (a total is the target of an `=` rule per row). */
function computedTotal(model: ReportModel, table: TableModel, cell: CellModel): number | undefined {
    const instances = ruleInstances(model).filter(i => i.table === table && i.target?.cell === cell && i.computed !== undefined &&
        i.rule.kind === 'linear' && i.rule.op === '=');
    const byRow = instances.find(i => i.rule.kind === 'linear' && i.rule.each === 'row') ?? instances[0];
    if (!byRow?.target) return undefined;
    // The row's cells as written: a blank term counts as 0 here too, not as a value the equalities determine.
    const asWritten = (t: Term) => (t.source === 'inferred' ? 0 : t.value);
    const targetLeft = byRow.lhs.includes(byRow.target);
    const same = (targetLeft ? byRow.lhs : byRow.rhs).filter(t => t !== byRow.target);
    const other = targetLeft ? byRow.rhs : byRow.lhs;
    return round(other.reduce((sum, t) => sum + asWritten(t), 0) - same.reduce((sum, t) => sum + asWritten(t), 0));
}

function rowOf(table: TableModel, cell: CellModel): string | undefined {
    return table.rows.find(r => r.cells.includes(cell))?.def?.id;
}

/** 「row」column, the way messages name a cell (only needed when something is reported). */
function labelOf(model: ReportModel, ref: TableCellRef, cell?: CellModel): string {
    const table = model.tables.get(ref.table)!;
    const row = cell ? table.rows.find(r => r.cells.includes(cell))?.def : table.index.rowById.get(ref.row)?.def;
    const column = table.index.columnById.get(ref.column);
    return `「${row?.short ?? row?.label ?? ref.row}」${column?.short ?? column?.label ?? ref.column}`;
}

const keywordScans = new WeakMap<ProseRulesDef, RegExp>();
const keywordFacts = new WeakMap<ProseRulesDef, Map<string, number[]>>();

/** For each keyword the scan finds, the phrases it stands for, by index (a keyword holding another counts for both). */
function factsByKeyword(rules: ProseRulesDef): Map<string, number[]> {
    let map = keywordFacts.get(rules);
    if (!map) {
        const words = new Set(rules.facts.flatMap(f => f.keywords));
        map = new Map([...words].map(word => [word, rules.facts.flatMap((f, i) => (f.keywords.some(w => word.includes(w)) ? [i] : []))]));
        keywordFacts.set(rules, map);
    }
    return map;
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression that finds every phrase keyword of the rules (longest first). */
function keywordScan(rules: ProseRulesDef): RegExp {
    let scan = keywordScans.get(rules);
    if (!scan) {
        const words = [...new Set(rules.facts.flatMap(f => f.keywords))].sort((a, b) => b.length - a.length);
        scan = new RegExp(words.map(escape).join('|'), 'g');
        keywordScans.set(rules, scan);
    }
    return scan;
}

const approximates = new WeakMap<ProseRulesDef, RegExp>();

export function evaluateProse(model: ReportModel, rules: ProseRulesDef | undefined = model.template.prose): Finding[] {
    if (!rules) return [];
    const findings: Finding[] = [];
    if (rules.facts.length) {
        for (const block of [...model.preamble, ...model.sections.flatMap(s => s.prose)]) checkBlock(model, rules, block, findings);
    }
    for (const expectation of rules.expectations ?? []) {
        const finding = checkExpectation(model, expectation);
        if (finding) findings.push(finding);
    }
    return findings;
}

function checkBlock(model: ReportModel, rules: ProseRulesDef, block: { text: string; textOffset: number }, findings: Finding[]): void {
    let approximate = approximates.get(rules);
    if (!approximate && rules.approximate) approximates.set(rules, approximate = new RegExp(rules.approximate));
    const joined = joinWrappedLines(block.text, rules);
    const text = joined.text;
    const scan = keywordScan(rules);
    scan.lastIndex = 0;
    let hit = scan.exec(text);
    if (!hit) return;
    const clauses = new Units(text, rules.clauseBreaks);
    let sentences: Units | undefined;
    const factsOf = factsByKeyword(rules);
    const toDocument = (offset: number) => block.textOffset + joined.source(offset);
    /** The phrases to look for in the current clause: those with one of their keywords in it. */
    const wanted = new Uint8Array(rules.facts.length);

    // A phrase never crosses a clause break, so each clause holding a keyword is searched once, for its
    // phrases in rule order: the first phrase to match a number compares it.
    const searchClause = (clause: Unit) => {
        /** Spans of this clause already compared by an earlier phrase, as start × 2^26 + end. */
        let claimed: Set<number> | undefined;
        for (let i = 0; i < wanted.length; i++) {
            if (!wanted[i]) continue;
            wanted[i] = 0;
            const fact = rules.facts[i];
            const { pattern, detail, requires, excludes } = compile(fact);
            pattern.lastIndex = 0;
            for (let found = pattern.exec(clause.text); found; found = pattern.exec(clause.text)) {
                if (found[0] === '') pattern.lastIndex++; // an empty match must not stop the scan
                // The clause or sentence around the phrase decides `requires` and `excludes`.
                const units = fact.scope === 'clause' ? clauses : (sentences ??= new Units(text, rules.sentenceBreaks));
                const unit = fact.scope === 'clause' ? clause : units.at(clause.start + found.index);
                if (!unit) continue;
                if (requires && !units.holds(requires, unit)) continue;
                if (excludes && units.holds(excludes, unit)) continue;
                detail.lastIndex = found.index;
                const m = detail.exec(clause.text);
                if (!m) continue;
                const groups = m.indices!.groups;
                const local = groups?.n ?? groups?.at ?? m.indices![0];
                const span: Span = { start: toDocument(clause.start + local[0]), end: toDocument(clause.start + local[1] - 1) + 1 };
                const key = span.start * 0x4000000 + span.end;
                if (claimed?.has(key)) continue;
                (claimed ??= new Set()).add(key);
                let stated = fact.value;
                if (m.groups?.n !== undefined) {
                    if (approximate?.test(clause.text.slice(Math.max(m.index, local[0] - 8), local[0]))) continue;
                    stated = readNumber(m.groups.n);
                    if (stated === undefined) continue;
                }
                const finding = check(model, fact, m[0], stated, span);
                if (finding) findings.push(finding);
            }
        }
    };
    let current: Unit | undefined;
    for (; hit; hit = scan.exec(text)) {
        const clause = clauses.at(hit.index);
        if (!clause) continue;
        if (clause !== current) {
            if (current) searchClause(current);
            current = clause;
        }
        for (const i of factsOf.get(hit[0]) ?? []) wanted[i] = 1;
    }
    if (current) searchClause(current);
}

function check(model: ReportModel, fact: ProseFactDef, phrase: string, stated: number | undefined, span: Span): Finding | undefined {
    const base = { code: fact.code, severity: fact.severity, rule: fact.domainRule, span };
    if (!fact.cells) {
        const see = (fact.see ?? []).map(ref => resolve(model, ref)).filter((r): r is Resolved => Boolean(r));
        return {
            ...base, message: fillTemplate(fact.message, { phrase }), data: { code: fact.code, fact: fact.id },
            related: see.flatMap(r => r.cells.map(c => ({ span: c.span, message: `${labelOf(model, r.ref, c)} = ${c.value}` }))),
        };
    }
    if (stated === undefined) return undefined;
    const resolved: Resolved[] = [];
    for (const ref of fact.cells) {
        const r = resolve(model, ref);
        if (!r) return undefined; // a table or cell the report lacks or cannot read: nothing to compare
        resolved.push(r);
    }
    const actual = round(resolved.reduce((sum, r) => sum + r.value, 0));
    if (actual === stated) return undefined;
    for (const alternative of fact.alternatives ?? []) {
        const other = alternative.map(ref => resolve(model, ref));
        if (other.every(Boolean) && round(other.reduce((sum, r) => sum + r!.value, 0)) === stated) return undefined;
    }
    const nonzero = resolved.filter(r => r.value !== 0);
    const first = resolved[0].ref;
    const label = (r: Resolved) => labelOf(model, r.ref);
    const blanks = resolved.flatMap(r => r.blanks);
    return {
        ...base,
        message: fillTemplate(fact.message, {
            phrase, stated, actual,
            where: resolved.length === 1 ? label(resolved[0]) : resolved.map(r => `${label(r)} ${r.value}`).join(' + '),
            nonzero: nonzero.map(r => `${label(r)}为 ${r.value}`).join('，'),
            blanks: blanks.length ? blanks.join('；') : undefined,
        }),
        data: {
            code: fact.code, fact: fact.id, table: first.table, row: first.row, column: first.column,
            // A number in the prose: the value the tables give it. A phrase without one states `value`.
            // A number no cell can hold (above MAX_CELL_VALUE) differs from every table value, but as a double it is rounded: not data.
            ...(fact.value === undefined ? { computed: actual, ...(stated <= MAX_CELL_VALUE ? { reported: stated } : {}) } : { stated, actual }),
            cells: resolved.map(r => ({ ...r.ref, value: r.value })),
        },
        related: resolved.flatMap(r => r.cells.filter(c => fact.value === undefined || c.value !== 0 || c.state !== 'number')
            .map(c => ({ span: c.span, message: `${labelOf(model, r.ref, c)} = ${c.state === 'number' ? c.value : '（空）'}` }))),
    };
}

/** R25: a section's prose says nothing about a topic it is expected to cover. */
function checkExpectation(model: ReportModel, def: ProseExpectationDef): Finding | undefined {
    const level = model.meta.level?.value;
    if (def.levels && !(level && level[def.levels])) return undefined;
    const sections = def.sections.map(id => model.sectionsById.get(id)).filter((s): s is SectionModel => Boolean(s));
    // A missing section has its own finding; an empty one too.
    if (sections.length < def.sections.length || !sections.some(s => s.prose.some(p => p.text.trim()))) return undefined;
    const text = sections.flatMap(s => s.prose.map(p => p.text)).join('\n');
    const missing = def.topics.filter(topic => !topic.words.some(word => text.includes(word)));
    if (!missing.length || (def.anyTopic && missing.length < def.topics.length)) return undefined;
    const at = sections[sections.length - 1];
    return {
        code: def.code, severity: def.severity, rule: def.domainRule, span: at.headingMissing ? at.span : at.headingSpan,
        message: fillTemplate(def.message, {
            sections: sections.map(s => s.def.label).join('、'), missing: missing.map(t => t.name).join('、'),
            level: model.meta.level?.text,
        }),
        data: { code: def.code, section: at.def.id, missing: missing.map(t => t.name) },
    };
}

/** Sums of amounts with up to six decimals, without binary noise. */
function round(value: number): number {
    return Math.round(value * 1e6) / 1e6;
}
