/**
 * R24, the generic evaluator: finds the phrases of the template's prose rules (src/templates/prose.ts)
 * in every text block and compares what they state with the tables. A finding goes on the number in
 * the prose (or on the words a phrase marks as `at`), with the table cells as related information.
 */
import type { CellModel, Finding, ReportModel, Span } from '../model/types.js';
import { MAX_CELL_VALUE } from '../model/values.js';
import type { ProseFactDef, ProseRulesDef, TableCellRef } from '../templates/types.js';
import { fillTemplate } from '../util/text.js';
import { contributingCells, effectiveValue } from './engine.js';

const PLACEHOLDERS: Record<string, string> = {
    n: '(?<n>[0-9０-９]+|[零〇一二两三四五六七八九十百]+)',
    unit: '\\s*(?:件|条|宗|起|个|份|例|次|项|案)',
    gap: '[^，,；;。！？!?：:、\\r\\n0-9０-９]{0,8}?',
};

interface Compiled {
    pattern: RegExp;
    requires?: RegExp;
    excludes?: RegExp;
}

const compiled = new WeakMap<ProseFactDef, Compiled>();

function compile(fact: ProseFactDef): Compiled {
    let c = compiled.get(fact);
    if (!c) {
        const source = fact.pattern.replace(/\{(n|unit|gap)\}/g, (_, name: string) => PLACEHOLDERS[name]);
        c = {
            pattern: new RegExp(source, 'gd'),
            requires: fact.requires ? new RegExp(fact.requires) : undefined,
            excludes: fact.excludes ? new RegExp(fact.excludes) : undefined,
        };
        compiled.set(fact, c);
    }
    return c;
}

interface Unit {
    text: string;
    /** Offset of text[0] in the block's text. */
    start: number;
}

const breakSets = new Map<string, ReadonlySet<number>>();

/** The char codes of a rule set's `clauseBreaks` / `sentenceBreaks` (a regex character class). */
function breakSet(breaks: string): ReadonlySet<number> {
    let set = breakSets.get(breaks);
    if (!set) {
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
        const chars = breaks.replace(/\\(.)/g, (_, c: string) => escapes[c] ?? c);
        breakSets.set(breaks, set = new Set([...chars].map(c => c.charCodeAt(0))));
    }
    return set;
}

/**
 * The clauses or sentences of a block's text (maximal runs without a break character), cut out only
 * around the offsets asked for: most of a report's prose holds no phrase to compare.
 */
class Units {
    private readonly byStart = new Map<number, Unit>();
    private readonly breaks: ReadonlySet<number>;

    constructor(private readonly text: string, breaks: string) {
        this.breaks = breakSet(breaks);
    }

    /** The unit containing a text offset; none at a break character. */
    at(offset: number): Unit | undefined {
        const { text, breaks } = this;
        if (offset >= text.length || breaks.has(text.charCodeAt(offset))) return undefined;
        let start = offset;
        while (start > 0 && !breaks.has(text.charCodeAt(start - 1))) start--;
        let unit = this.byStart.get(start);
        if (!unit) {
            let end = offset + 1;
            while (end < text.length && !breaks.has(text.charCodeAt(end))) end++;
            this.byStart.set(start, unit = { text: text.slice(start, end), start });
        }
        return unit;
    }
}

/**
 * Every match of a global regular expression, like String.prototype.matchAll but without the copy of
 * the expression that matchAll makes on each call (the expression is shared; its lastIndex is reset).
 */
function* matches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        if (m[0] === '') pattern.lastIndex++; // an empty match must not stop the scan
        yield m;
    }
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 66, ６６, 十二, 一百零五 → a number (undefined when it does not read as one). */
export function readNumber(text: string): number | undefined {
    const ascii = text.normalize('NFKC');
    if (/^[0-9]+$/.test(ascii)) return Number(ascii);
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
}

function resolve(model: ReportModel, ref: TableCellRef): Resolved | undefined {
    const table = model.tables.get(ref.table);
    if (!table) return undefined;
    const value = effectiveValue(table, ref.row, ref.column);
    if (value === undefined) return undefined;
    const cells = contributingCells(table, {
        id: ref.row, label: '', value, row: ref.row, column: ref.column, cell: table.rowsById.get(ref.row)?.byColumn.get(ref.column),
    });
    // Blank, dashed or missing cells have their own findings (R7); a prose number is compared with numbers only.
    if (!cells.length || cells.some(c => c.state !== 'number')) return undefined;
    return { ref, value, cells };
}

/** 「row」column, the way messages name a cell (only needed when something is reported). */
function labelOf(model: ReportModel, ref: TableCellRef, cell?: CellModel): string {
    const table = model.tables.get(ref.table)!;
    const row = cell ? table.rows.find(r => r.cells.includes(cell))?.def : table.index.rowById.get(ref.row)?.def;
    const column = table.index.columnById.get(ref.column);
    return `「${row?.short ?? row?.label ?? ref.row}」${column?.short ?? column?.label ?? ref.column}`;
}

const keywordScans = new WeakMap<ProseRulesDef, RegExp>();
const keywordFacts = new WeakMap<ProseRulesDef, Map<string, ProseFactDef[]>>();

/** For each keyword the scan finds, the phrases it stands for (a keyword holding another counts for both). */
function factsByKeyword(rules: ProseRulesDef): Map<string, ProseFactDef[]> {
    let map = keywordFacts.get(rules);
    if (!map) {
        const words = new Set(rules.facts.flatMap(f => f.keywords));
        map = new Map([...words].map(word => [word, rules.facts.filter(f => f.keywords.some(w => word.includes(w)))]));
        keywordFacts.set(rules, map);
    }
    return map;
}

/** One regular expression that finds every phrase keyword of the rules (longest first). */
function keywordScan(rules: ProseRulesDef): RegExp {
    let scan = keywordScans.get(rules);
    if (!scan) {
        const words = [...new Set(rules.facts.flatMap(f => f.keywords))].sort((a, b) => b.length - a.length);
        scan = new RegExp(words.map(w => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
        keywordScans.set(rules, scan);
    }
    return scan;
}

const approximates = new WeakMap<ProseRulesDef, RegExp>();

export function evaluateProse(model: ReportModel, rules: ProseRulesDef | undefined = model.template.prose): Finding[] {
    if (!rules?.facts.length) return [];
    let approximate = approximates.get(rules);
    if (!approximate && rules.approximate) approximates.set(rules, approximate = new RegExp(rules.approximate));
    const findings: Finding[] = [];
    const blocks = [...model.preamble, ...model.sections.flatMap(s => s.prose)];
    for (const block of blocks) {
        const text = block.text;
        // Where the keywords are; a phrase is only looked for in the clauses that hold one of its keywords.
        const found = [...matches(text, keywordScan(rules))];
        if (!found.length) continue;
        const clauses = new Units(text, rules.clauseBreaks);
        let sentences: Units | undefined;
        /** Spans already compared by an earlier phrase, as "start:end". */
        const claimed = new Set<string>();
        /** The clauses each phrase is looked for in: those holding one of its keywords. */
        const clausesOf = new Map<ProseFactDef, Set<Unit>>();
        const factsOf = factsByKeyword(rules);
        for (const k of found) {
            const clause = clauses.at(k.index);
            if (!clause) continue;
            for (const fact of factsOf.get(k[0]) ?? []) {
                let set = clausesOf.get(fact);
                if (!set) clausesOf.set(fact, set = new Set());
                set.add(clause);
            }
        }
        for (const fact of rules.facts) {
            const inClauses = clausesOf.get(fact);
            if (!inClauses) continue;
            const { pattern, requires, excludes } = compile(fact);
            // A phrase never crosses a clause break; the clause or sentence around it decides `requires` and `excludes`.
            for (const clause of [...inClauses].sort((a, b) => a.start - b.start)) {
                for (const m of matches(clause.text, pattern)) {
                    const at = clause.start + m.index;
                    const unit = fact.scope === 'clause' ? clause : (sentences ??= new Units(text, rules.sentenceBreaks)).at(at);
                    if (!unit) continue;
                    if (requires && !requires.test(unit.text)) continue;
                    if (excludes?.test(unit.text)) continue;
                    const groups = m.indices!.groups;
                    const local = groups?.n ?? groups?.at ?? m.indices![0];
                    const span: Span = { start: block.textOffset + clause.start + local[0], end: block.textOffset + clause.start + local[1] };
                    const key = `${span.start}:${span.end}`;
                    if (claimed.has(key)) continue;
                    claimed.add(key);
                    let stated = fact.value;
                    if (m.groups?.n !== undefined) {
                        if (approximate?.test(clause.text.slice(m.index, groups!.n![0]))) continue;
                        stated = readNumber(m.groups.n);
                        if (stated === undefined) continue;
                    }
                    const finding = check(model, fact, m[0], stated, span);
                    if (finding) findings.push(finding);
                }
            }
        }
    }
    return findings;
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
    const actual = resolved.reduce((sum, r) => sum + r.value, 0);
    if (actual === stated) return undefined;
    for (const alternative of fact.alternatives ?? []) {
        const other = alternative.map(ref => resolve(model, ref));
        if (other.every(Boolean) && other.reduce((sum, r) => sum + r!.value, 0) === stated) return undefined;
    }
    const nonzero = resolved.filter(r => r.value !== 0);
    const first = resolved[0].ref;
    const label = (r: Resolved) => labelOf(model, r.ref);
    return {
        ...base,
        message: fillTemplate(fact.message, {
            phrase, stated, actual,
            where: resolved.length === 1 ? label(resolved[0]) : resolved.map(r => `${label(r)} ${r.value}`).join(' + '),
            nonzero: nonzero.map(r => `${label(r)}为 ${r.value}`).join('，'),
        }),
        data: {
            code: fact.code, fact: fact.id, table: first.table, row: first.row, column: first.column,
            // A number in the prose: the value the tables give it. A phrase without one states `value`.
            // A number no cell can hold (above MAX_CELL_VALUE) differs from every table value, but as a double it is rounded: not data.
            ...(fact.value === undefined ? { computed: actual, ...(stated <= MAX_CELL_VALUE ? { reported: stated } : {}) } : { stated, actual }),
        },
        related: resolved.flatMap(r => r.cells.filter(c => fact.value === undefined || c.value !== 0)
            .map(c => ({ span: c.span, message: `${labelOf(model, r.ref, c)} = ${c.value}` }))),
    };
}
