/**
 * The unit registry (单位名单): the units an office collects reports from, their parents, the years
 * they exist, whether and by when they must file. One name is not one unit (区财政局 exists in every
 * district; names change with 机构改革), so a unit has a stable 编号 and any number of 别名.
 *
 * `readRegistry` turns the rows of a table (CSV or XLSX, see registry-file.ts) into a UnitRegistry
 * and a list of problems, each with the row number Excel shows. Bad rows are reported and left out or
 * read as far as they go; nothing stops the rest from being used.
 *
 * The registry answers what status (status.ts) and roll-up need: units by id, parents and children
 * in a year, existence by year, and which unit a report is (by 单位编号, else by 机关 or an alias).
 */
import type { FindingData } from '../model/types.js';
import { parseDate, parseYear } from '../model/meta-values.js';
import { catalogEntry, type CatalogCode } from '../rules/catalog.js';
import { levels, type LevelDef } from '../templates/levels.js';
import type { Severity } from '../templates/types.js';
import { Vocabulary } from '../templates/vocabulary.js';
import { editDistance, fillTemplate, looseKey } from '../util/text.js';

export interface Unit {
    /** 编号: stable across years and renames. */
    id: string;
    /** 名称: the current name. */
    name: string;
    /** 别名: former and other names. */
    aliases: readonly string[];
    /** 机关层级 (undefined: not given; the report's own 机关层级 is used where one is needed). */
    level?: LevelDef;
    /** 上级编号 (only when that unit is in the registry and no cycle runs through it). */
    parentId?: string;
    /** 起始年度: the first year the unit exists (undefined: always existed). */
    from?: number;
    /** 终止年度: the last year the unit exists and files (undefined: still exists). */
    to?: number;
    /** 须报送: false when the registry says 否. */
    mustFile: boolean;
    /**
     * 截止日期: this unit's own deadline, a month and day of the year after the report's year
     * (undefined: the national one for its level). A full date in the registry is read as its month and day.
     */
    deadline?: MonthDay;
    /** 1-based row of the registry (as Excel numbers rows). */
    row: number;
    /** 1-based line of the file where the row starts (CSV; the row for XLSX). */
    line: number;
    /** Offset of the row in a CSV text (0 in an XLSX file). */
    offset: number;
}

export interface MonthDay {
    month: number;
    day: number;
}

export interface RegistryProblem {
    code: string;
    severity: Severity;
    message: string;
    row: number;
    line: number;
    /** Offset of the row in a CSV text (0 in an XLSX file). */
    offset: number;
    data: FindingData;
}

/** A row of the registry's table: cells as text, with where it is. */
export interface RegistryRecord {
    cells: readonly string[];
    row: number;
    line: number;
    offset?: number;
}

export type UnitMatch =
    /** `by`: 单位编号, the name, or an alias. */
    | { kind: 'unit'; unit: Unit; by: 'id' | 'name' | 'alias' }
    /** 单位编号 names no unit; `candidates`: ids close to it. */
    | { kind: 'unknown-id'; id: string; candidates: Unit[] }
    /** The name is several units' (in the report's year, or in no year at all). */
    | { kind: 'ambiguous'; candidates: Unit[] }
    /** The name is no unit's; `candidates`: the closest names. */
    | { kind: 'unmatched'; candidates: Unit[] }
    /** Neither 单位编号 nor 机关. */
    | { kind: 'none' };

/** What a report says about its unit. */
export interface UnitClaim {
    agency?: string;
    unitId?: string;
    year?: number;
}

/** The key names are compared under: NFKC (full/half width), no whitespace; otherwise exact. */
export function unitNameKey(name: string): string {
    return looseKey(name);
}

const levelVocabulary = new Vocabulary(levels);

export function levelOf(text: string | undefined): LevelDef | undefined {
    return text ? levelVocabulary.lookup(text)?.item : undefined;
}

export class UnitRegistry {
    readonly units: readonly Unit[];
    private readonly byId = new Map<string, Unit>();
    private readonly children = new Map<string, Unit[]>();
    private readonly byName = new Map<string, { unit: Unit; alias: boolean }[]>();

    constructor(units: readonly Unit[]) {
        this.units = units;
        for (const unit of units) this.byId.set(unit.id, unit);
        for (const unit of units) {
            if (unit.parentId !== undefined) {
                let list = this.children.get(unit.parentId);
                if (!list) this.children.set(unit.parentId, list = []);
                list.push(unit);
            }
            const keys = new Set<string>();
            for (const [name, alias] of [[unit.name, false], ...unit.aliases.map(a => [a, true] as const)] as const) {
                const key = unitNameKey(name);
                if (!key || keys.has(key)) continue;
                keys.add(key);
                let list = this.byName.get(key);
                if (!list) this.byName.set(key, list = []);
                list.push({ unit, alias });
            }
        }
    }

    get(id: string): Unit | undefined {
        return this.byId.get(id);
    }

    /** Whether the unit exists in a year (起始年度 ≤ year ≤ 终止年度). */
    existsIn(unit: Unit, year: number): boolean {
        return (unit.from === undefined || unit.from <= year) && (unit.to === undefined || year <= unit.to);
    }

    /** Whether the unit must file a report for the year: it exists and 须报送 is not 否. */
    mustFileIn(unit: Unit, year: number): boolean {
        return unit.mustFile && this.existsIn(unit, year);
    }

    parentOf(unit: Unit | string): Unit | undefined {
        const u = typeof unit === 'string' ? this.byId.get(unit) : unit;
        return u?.parentId === undefined ? undefined : this.byId.get(u.parentId);
    }

    /** The direct children of a unit, in registry order; with a year, those that exist that year. */
    childrenOf(unit: Unit | string, year?: number): Unit[] {
        const id = typeof unit === 'string' ? unit : unit.id;
        const list = this.children.get(id) ?? [];
        return year === undefined ? [...list] : list.filter(u => this.existsIn(u, year));
    }

    /** Every unit below a unit (children first, then theirs), in registry order within each level. */
    descendantsOf(unit: Unit | string, year?: number): Unit[] {
        const out: Unit[] = [];
        const walk = (u: Unit | string) => {
            for (const child of this.childrenOf(u, year)) {
                out.push(child);
                walk(child);
            }
        };
        walk(unit);
        return out;
    }

    /** The parent, its parent, … up to a unit without one. */
    ancestorsOf(unit: Unit | string): Unit[] {
        const out: Unit[] = [];
        for (let p = this.parentOf(unit); p; p = this.parentOf(p)) out.push(p);
        return out;
    }

    /** Units without a parent, in registry order; with a year, those that exist that year. */
    roots(year?: number): Unit[] {
        return this.units.filter(u => u.parentId === undefined && (year === undefined || this.existsIn(u, year)));
    }

    /** Every unit with its depth, parents before children, siblings in registry order. */
    tree(): { unit: Unit; depth: number }[] {
        const out: { unit: Unit; depth: number }[] = [];
        const walk = (u: Unit, depth: number) => {
            out.push({ unit: u, depth });
            for (const child of this.childrenOf(u)) walk(child, depth + 1);
        };
        for (const root of this.roots()) walk(root, 0);
        return out;
    }

    /**
     * The unit a report is: by 单位编号 when it has one, else by 机关 — the name or an alias, compared
     * after NFKC and without whitespace. A name of several units is narrowed to those that exist in the
     * report's year; still several is ambiguous.
     */
    unitFor(claim: UnitClaim): UnitMatch {
        if (claim.unitId !== undefined) {
            const unit = this.byId.get(claim.unitId) ?? this.byId.get(claim.unitId.normalize('NFKC').trim());
            if (unit) return { kind: 'unit', unit, by: 'id' };
            return { kind: 'unknown-id', id: claim.unitId, candidates: this.closeIds(claim.unitId) };
        }
        if (!claim.agency) return { kind: 'none' };
        return this.matchName(claim.agency, claim.year);
    }

    /** The unit of a name (and year), as unitFor without 单位编号. */
    matchName(name: string, year?: number): UnitMatch {
        const hits = this.byName.get(unitNameKey(name)) ?? [];
        if (!hits.length) return { kind: 'unmatched', candidates: this.closeNames(name) };
        let pool = hits;
        if (hits.length > 1 && year !== undefined) {
            const living = hits.filter(h => this.existsIn(h.unit, year));
            if (living.length) pool = living;
        }
        if (pool.length > 1) return { kind: 'ambiguous', candidates: pool.map(h => h.unit) };
        return { kind: 'unit', unit: pool[0].unit, by: pool[0].alias ? 'alias' : 'name' };
    }

    /** Up to three units whose name or alias is a few characters away, or contains the name or is contained in it. */
    private closeNames(name: string): Unit[] {
        const key = unitNameKey(name);
        if (!key) return [];
        const limit = Math.max(1, Math.floor(key.length / 3));
        const scored: { unit: Unit; score: number }[] = [];
        for (const [other, hits] of this.byName) {
            const distance = editDistance(key, other, limit);
            const contained = other.length >= 2 && key.length >= 2 && (other.includes(key) || key.includes(other));
            const score = distance <= limit ? distance : contained ? limit + 1 : Infinity;
            if (score !== Infinity) for (const h of hits) scored.push({ unit: h.unit, score });
        }
        return uniqueUnits(scored.sort((a, b) => a.score - b.score || a.unit.row - b.unit.row).map(s => s.unit)).slice(0, 3);
    }

    private closeIds(id: string): Unit[] {
        const key = id.normalize('NFKC').trim();
        if (key.length < 3) return []; // one edit from a short id is any short id
        return this.units.filter(u => editDistance(key, u.id, 1) <= 1).slice(0, 3);
    }
}

function uniqueUnits(units: Unit[]): Unit[] {
    return [...new Set(units)];
}

/** A unit as a message names it: 名称（编号 X）. */
export function describeUnit(unit: Unit): string {
    return `${unit.name}（编号 ${unit.id}）`;
}

// ---------------------------------------------------------------------------------------------
// Reading the table

type Field = 'id' | 'name' | 'aliases' | 'level' | 'parent' | 'from' | 'to' | 'mustFile' | 'deadline';

/** The official column names, and other names people give them. */
export const REGISTRY_COLUMNS: readonly { field: Field; label: string; aliases: readonly string[] }[] = [
    { field: 'id', label: '编号', aliases: ['单位编号', 'ID'] },
    { field: 'name', label: '名称', aliases: ['单位名称', '单位', '机关', '机关名称'] },
    { field: 'aliases', label: '别名', aliases: ['曾用名', '其他名称'] },
    { field: 'level', label: '机关层级', aliases: ['层级'] },
    { field: 'parent', label: '上级编号', aliases: ['上级单位编号', '上级'] },
    { field: 'from', label: '起始年度', aliases: ['起始年份', '开始年度', '设立年度'] },
    { field: 'to', label: '终止年度', aliases: ['终止年份', '结束年度', '撤销年度'] },
    { field: 'mustFile', label: '须报送', aliases: ['是否报送', '需报送', '应报送', '是否须报送'] },
    { field: 'deadline', label: '截止日期', aliases: ['报送截止日期', '截止'] },
];

const headerKey = (text: string) => looseKey(text).replace(/\(.*\)$/, '').toLowerCase();
const COLUMN_BY_KEY = new Map(REGISTRY_COLUMNS.flatMap(c => [c.label, ...c.aliases].map(n => [headerKey(n), c.field] as const)));
const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '须', '需', '要', '报送']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '不', '无需', '不须', '不需', '免报']);
/** How many rows above the header a registry may have (a title, a note). */
const HEADER_SEARCH_ROWS = 10;

export interface RegistryRead {
    registry: UnitRegistry;
    problems: RegistryProblem[];
}

class ProblemList {
    readonly items: RegistryProblem[] = [];
    add(code: CatalogCode, at: { row: number; line: number; offset?: number }, params: Record<string, unknown>, data: Partial<FindingData> = {}): void {
        const entry = catalogEntry(code);
        this.items.push({
            code, severity: entry.severity, message: fillTemplate(entry.message, params), row: at.row, line: at.line, offset: at.offset ?? 0, data: { ...data, code },
        });
    }
}

/** The registry of a table's rows (the first rows may be a title; the header is the first row naming 编号 and 名称). */
export function readRegistry(records: readonly RegistryRecord[]): RegistryRead {
    const problems = new ProblemList();
    const headerAt = records.slice(0, HEADER_SEARCH_ROWS).findIndex(r => {
        const fields = new Set(r.cells.map(c => COLUMN_BY_KEY.get(headerKey(c))));
        return fields.has('id') && fields.has('name');
    });
    if (headerAt < 0) {
        const first = records.find(r => r.cells.some(c => c.trim()));
        const fields = new Set(first?.cells.map(c => COLUMN_BY_KEY.get(headerKey(c))));
        problems.add('xxgk/registry-header', first ?? { row: 1, line: 1 }, {
            column: fields.has('id') ? '名称' : '编号', row: first?.row, found: first?.cells.filter(c => c.trim()).join('、'),
        });
        return { registry: new UnitRegistry([]), problems: problems.items };
    }
    const header = records[headerAt];
    const columnOf = new Map<Field, number>();
    header.cells.forEach((cell, i) => {
        const field = COLUMN_BY_KEY.get(headerKey(cell));
        if (field && !columnOf.has(field)) columnOf.set(field, i);
    });
    const units: Unit[] = [];
    const rawParent = new Map<Unit, { parent: string; at: RegistryRecord }>();
    const firstRow = new Map<string, number>();
    for (const record of records.slice(headerAt + 1)) {
        const cell = (field: Field) => {
            const i = columnOf.get(field);
            return i === undefined ? '' : (record.cells[i] ?? '').normalize('NFKC').trim();
        };
        if (!record.cells.some(c => c.trim())) continue;
        const id = cell('id');
        const name = (record.cells[columnOf.get('name')!] ?? '').trim();
        if (!id || !name) {
            problems.add('xxgk/registry-missing', record, { row: record.row, column: !id ? '编号' : '名称' }, { field: !id ? 'id' : 'name' });
            continue;
        }
        if (firstRow.has(id)) {
            problems.add('xxgk/registry-duplicate', record, { row: record.row, id, first: firstRow.get(id) }, { id });
            continue;
        }
        firstRow.set(id, record.row);
        const unit: Unit = { id, name, aliases: splitAliases(record.cells[columnOf.get('aliases') ?? -1] ?? ''), mustFile: true, row: record.row, line: record.line, offset: record.offset ?? 0 };
        const bad = (column: string, text: string, hint: string) =>
            problems.add('xxgk/registry-value', record, { row: record.row, column, text, hint }, { id, column });
        const level = cell('level');
        if (level) {
            unit.level = levelOf(level);
            if (!unit.level) bad('机关层级', level, `可用的层级有：${levels.map(l => l.label).join('、')}`);
        }
        for (const [field, label] of [['from', '起始年度'], ['to', '终止年度']] as const) {
            const text = cell(field);
            if (!text) continue;
            const year = parseYear(text);
            if (year === undefined) bad(label, text, '应为四位年份，例如 2023；空着表示不限');
            else unit[field] = year;
        }
        if (unit.from !== undefined && unit.to !== undefined && unit.from > unit.to) {
            problems.add('xxgk/registry-years', record, { row: record.row, from: unit.from, to: unit.to }, { id });
        }
        const must = cell('mustFile');
        if (must) {
            const key = must.toLowerCase();
            if (NO.has(key)) unit.mustFile = false;
            else if (!YES.has(key)) bad('须报送', must, '应为「是」或「否」；空着表示是');
        }
        const deadline = cell('deadline');
        if (deadline) {
            unit.deadline = parseMonthDay(deadline);
            if (!unit.deadline) bad('截止日期', deadline, '应为次年的月日，例如 1-20 或 1月20日（也可写完整日期）；空着表示按全国规定的期限');
        }
        const parent = cell('parent');
        if (parent) rawParent.set(unit, { parent, at: record });
        units.push(unit);
    }
    // Parents: known ids only; a cycle is cut at the first unit (in registry order) found on it.
    const byId = new Map(units.map(u => [u.id, u]));
    for (const [unit, { parent, at }] of rawParent) {
        if (byId.has(parent)) {
            unit.parentId = parent;
        } else {
            const suggestion = parent.length >= 3 ? units.find(u => editDistance(parent, u.id, 1) <= 1 && u !== unit)?.id : undefined;
            problems.add('xxgk/registry-parent', at, { row: at.row, parent, suggestion }, { id: unit.id, parent });
        }
    }
    for (const unit of units) {
        const chain: Unit[] = [];
        for (let u: Unit | undefined = unit; u; u = u.parentId === undefined ? undefined : byId.get(u.parentId)) {
            const seen = chain.indexOf(u);
            if (seen >= 0) {
                const cycle = chain.slice(seen);
                if (cycle[0] === unit) {
                    problems.add('xxgk/registry-cycle', unit, {
                        row: unit.row, chain: [...cycle, unit].map(c => `${c.name}（${c.id}）`).join(' → '),
                    }, { id: unit.id, cycle: cycle.map(c => c.id) });
                    unit.parentId = undefined;
                }
                break;
            }
            chain.push(u);
        }
    }
    sharedNames(units, problems);
    if (!units.length && !problems.items.some(p => p.severity === 'error')) problems.add('xxgk/registry-empty', header, { row: header.row });
    return { registry: new UnitRegistry(units), problems: problems.items.sort((a, b) => a.row - b.row) };
}

const MONTH_DAY = /^(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?$/;

/** 「1-20」「1月20日」, or a full date read as its month and day. */
function parseMonthDay(text: string): MonthDay | undefined {
    const full = parseDate(text);
    if (full) return { month: full.month, day: full.day };
    const m = MONTH_DAY.exec(text);
    if (!m) return undefined;
    const month = Number(m[1]);
    const day = Number(m[2]);
    const d = new Date(Date.UTC(2024, month - 1, day)); // a leap year: 2-29 is a day
    return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { month, day } : undefined;
}

/** 别名 are separated by ；, ; or line breaks (Alt+Enter in an Excel cell). */
function splitAliases(text: string): string[] {
    return [...new Set(text.split(/[;；\r\n]+/).map(a => a.trim()).filter(Boolean))];
}

/** A name (or alias) of two units whose years overlap: their reports cannot be told apart by 机关. */
function sharedNames(units: readonly Unit[], problems: ProblemList): void {
    const seen = new Map<string, Unit[]>();
    for (const unit of units) {
        const keys = new Set([unit.name, ...unit.aliases].map(unitNameKey));
        for (const key of keys) {
            const earlier = seen.get(key) ?? [];
            for (const other of earlier) {
                const from = Math.max(unit.from ?? -Infinity, other.from ?? -Infinity);
                const to = Math.min(unit.to ?? Infinity, other.to ?? Infinity);
                if (from > to) continue;
                const when = from === -Infinity && to === Infinity ? '每个年度' : from === to ? `${from} 年度` : from === -Infinity ? `${to} 年度及以前`
                    : to === Infinity ? `${from} 年度起` : `${from}–${to} 年度`;
                const name = [unit.name, ...unit.aliases].find(n => unitNameKey(n) === key)!;
                problems.add('xxgk/registry-name-shared', unit, { row: unit.row, name, otherRow: other.row, otherId: other.id, when }, { id: unit.id, other: other.id });
            }
            seen.set(key, [...earlier, unit]);
        }
    }
}
