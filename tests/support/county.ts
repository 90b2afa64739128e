/**
 * Made-up areas for the office features (src/office): a unit registry and every unit's reports over
 * some years, deterministic from a seed. The fixture county (tests/fixtures/office/county, written
 * by scripts/office-fixture.ts) and the province-sized bench folder (bench/office.ts) are both made here.
 *
 * Reports are in the 2021 format and consistent: every total and balance holds, 上年结转 is last
 * year's 结转下年度 and 现行有效件数 rolls from last year's (R14, R15), a parent marked `rollUp`
 * reports the sum of its children's filed tables (the 汇总). Prose avoids the phrases R24 compares.
 */
import { renderTable } from '../../src/format/skeleton.js';
import { flattenRows } from '../../src/templates/template-index.js';
import { nationalRegistry } from '../../src/templates/registry.js';
import type { TableDef } from '../../src/templates/types.js';

export interface UnitSpec {
    id: string;
    name: string;
    aliases?: string[];
    /** 机关层级 as the registry writes it (县, 部门, 乡, 其他 …). */
    level: string;
    parent?: string;
    from?: number;
    to?: number;
    /** 须报送 否. */
    exempt?: boolean;
    /** 截止日期 in the registry (e.g. 1-15). */
    deadline?: string;
    /** 机关 as written in a year's report (a former name). */
    names?: Record<number, string>;
    /** Years without a report (in existence, but not filed). */
    missing?: number[];
    /** 发布日期 of a year's report; null: none written. */
    published?: Record<number, string | null>;
    /** Years whose tables are all zero. */
    empty?: number[];
    /** Years whose prose is last year's with this year's numbers and a few words more (内容雷同). */
    copied?: number[];
    /** Years whose tables repeat last year's. */
    sameTables?: number[];
    /** Years whose report writes 单位编号. */
    writesId?: number[];
    /** No carry-over and no 行政规范性文件: the unit can start, end or miss a year without breaking its parent's sums. */
    quiet?: boolean;
    /** The report's tables are the sum of its children's filed reports. */
    rollUp?: boolean;
    /** Years in which the 汇总 is off by one in one cell (行政许可 +1). */
    offByOne?: number[];
}

export interface AreaSpec {
    years: number[];
    units: UnitSpec[];
    seed: number;
    /** Reports that are no unit's (unmatched), by path. */
    extra?: { path: string; agency: string; year: number; level: string }[];
    /** How many sentences of 总体情况 (default 8). */
    sentences?: number;
    /** The comment on every file's first line. */
    origin: string;
}

export interface Area {
    /** The registry's rows, header first. */
    registry: string[][];
    /** Report texts by path (year/编号-名称.xxgk). */
    files: Map<string, string>;
}

const template = nationalRegistry.get('2021')!;

/** A small deterministic generator (mulberry32): `random(seed)(n)` is an integer in [0, n). */
export function random(seed: number): (n: number) => number {
    let a = seed >>> 0;
    return (n: number) => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return (((t ^ (t >>> 14)) >>> 0) % n);
    };
}

export function seedOf(...parts: (string | number)[]): number {
    let h = 2166136261;
    for (const ch of parts.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
    return h >>> 0;
}

/** Values by table id → row id → column id; amounts in tenths of 万元. */
type Values = Map<string, Map<string, Map<string, number>>>;

const tables = template.sections.flatMap(s => s.tables);
const leafRows = (table: TableDef) => flattenRows(table.rows).filter(r => !r.def.children).map(r => r.def.id);

function zeroValues(): Values {
    const v: Values = new Map();
    for (const t of tables) v.set(t.id, new Map(leafRows(t).map(r => [r, new Map(t.columns.map(c => [c.id, 0]))])));
    return v;
}

function cellOf(v: Values, table: string, row: string, column: string): number {
    return v.get(table)?.get(row)?.get(column) ?? 0;
}

function setCell(v: Values, table: string, row: string, column: string, value: number): void {
    v.get(table)!.get(row)!.set(column, value);
}

const APPLICANTS = ['person', 'business', 'research', 'charity', 'legal', 'otherOrg'];

/** One unit's values for a year, consistent with itself and with last year's. */
function unitValues(unit: UnitSpec, last: Values | undefined, rand: (n: number) => number): Values {
    const v = zeroValues();
    const quiet = Boolean(unit.quiet);
    // 二: 规章 0 (no level here makes them but 省/市); 行政规范性文件 rolls from last year.
    const lastInForce = cellOf(last ?? v, 'item1', 'normative', 'inForce');
    if (!quiet) {
        const issued = rand(6);
        const repealed = Math.min(lastInForce, rand(3));
        const base = last ? lastInForce : 8 + rand(20);
        setCell(v, 'item1', 'normative', 'issued', issued);
        setCell(v, 'item1', 'normative', 'repealed', last ? repealed : 0);
        setCell(v, 'item1', 'normative', 'inForce', base + issued - (last ? repealed : 0));
    }
    setCell(v, 'item5', 'licensing', 'decisions', rand(300));
    setCell(v, 'item6', 'penalty', 'decisions', rand(120));
    setCell(v, 'item6', 'coercion', 'decisions', rand(15));
    setCell(v, 'item8', 'fees', 'amount', rand(500));
    // 三: per applicant column, 一 + 二 = （七） + 四.
    const resultRows = leafRows(tables.find(t => t.id === 'applications')!)
        .filter(r => !['received', 'carriedIn', 'carriedOver', 'resultsTotal'].includes(r));
    for (const col of APPLICANTS) {
        const weight = col === 'person' ? 12 : col === 'business' ? 4 : 2;
        const carriedIn = quiet ? 0 : cellOf(last ?? v, 'applications', 'carriedOver', col);
        let results = 0;
        for (const row of resultRows) {
            const common = row === 'disclosed' || row === 'partly' || row === 'notHeld';
            const value = common ? rand(weight) : rand(7) === 0 ? rand(2) : 0;
            setCell(v, 'applications', row, col, value);
            results += value;
        }
        const carriedOver = quiet ? 0 : rand(3);
        let received = results + carriedOver - carriedIn;
        if (received < 0) {
            setCell(v, 'applications', 'disclosed', col, cellOf(v, 'applications', 'disclosed', col) - received);
            results -= received;
            received = 0;
        }
        setCell(v, 'applications', 'carriedIn', col, carriedIn);
        setCell(v, 'applications', 'resultsTotal', col, results);
        setCell(v, 'applications', 'carriedOver', col, carriedOver);
        setCell(v, 'applications', 'received', col, received);
    }
    // 四: mostly nothing.
    for (const row of ['adminReview', 'directSuit', 'suitAfterReview']) {
        for (const col of ['upheld', 'corrected', 'otherOutcome', 'pending']) setCell(v, 'review', row, col, rand(5) === 0 ? rand(3) : 0);
    }
    return v;
}

/** Row totals (总计 columns) from the other cells. */
function withTotals(v: Values): Values {
    for (const table of tables) {
        if (!table.columns.some(c => c.id === 'total')) continue;
        for (const row of v.get(table.id)!.values()) {
            row.set('total', [...row].filter(([c]) => c !== 'total').reduce((s, [, n]) => s + n, 0));
        }
    }
    return v;
}

function sumValues(parts: readonly Values[]): Values {
    const v = zeroValues();
    for (const part of parts) {
        for (const [t, rows] of part) for (const [r, cols] of rows) for (const [c, n] of cols) setCell(v, t, r, c, cellOf(v, t, r, c) + n);
    }
    return v;
}

function renderValue(table: TableDef, column: string, n: number): string {
    return table.columns.find(c => c.id === column)?.kind === 'amount' ? (n / 10).toFixed(1) : String(n);
}

// ---------------------------------------------------------------------------------------------
// Prose: sentences drawn per unit and year, so that two years of one unit differ as real ones do.

const OVERVIEW = [
    '{short}坚持以公开为常态、不公开为例外，将政务公开纳入年度重点工作统筹推进',
    '全年通过门户网站发布政务信息{n}条，及时回应社会关切',
    '围绕优化营商环境，集中发布惠企政策解读材料{n}篇',
    '召开专题会议{n}次，研究部署政务公开重点任务',
    '组织政务公开业务培训{n}场，覆盖干部职工{m}人次',
    '动态调整政府信息公开目录，新增目录事项{n}项',
    '推进基层政务公开标准化规范化建设，完善{short}事项清单',
    '落实信息发布保密审查制度，全年未发生泄密事件',
    '依托政务新媒体矩阵发布信息{n}条，阅读量稳步提升',
    '在政务服务大厅设置政府信息查阅点，方便群众就近查阅',
    '开展政策图解、视频解读等多元化解读{n}次',
    '完善政务舆情回应机制，{short}回应群众关切问题{n}个',
    '落实重大行政决策预公开，广泛听取社会公众意见',
    '规范公文公开属性源头认定，做到应公开尽公开',
    '对照年度要点逐项建立工作台账，按月调度推进',
    '加强政府网站内容保障，更新栏目信息{n}条',
    '推动财政预决算信息按规定时限全部公开',
    '做好建议提案办理结果公开，公开办理复文{n}件',
    '开展政务公开工作自查，整改发现的问题{n}个',
    '建立健全政务公开工作机制，明确专人负责日常工作',
    '围绕民生关切领域加大公开力度，细化公开内容',
    '推进政务公开与政务服务融合，公开服务指南{n}项',
];
const PROBLEMS = [
    '{short}政务公开工作仍存在政策解读形式较为单一、公开内容针对性不够强等问题。',
    '下一步，{short}将进一步丰富解读形式，提升信息发布质量，持续推进政务公开工作走深走实。',
    '部分栏目信息更新不够及时，基层工作人员业务水平有待提高，将加强业务培训和督促检查。',
];

function prose(unit: UnitSpec, agency: string, year: number, sentences: number, copyOf?: string): { overview: string; problems: string } {
    const short = agency.replace(/^青溪县|人民政府$/g, '') || agency;
    const rand = random(seedOf('prose', unit.id, copyOf ? year - 1 : year));
    const numbers = random(seedOf('numbers', unit.id, year));
    const fill = (s: string) => s.replace(/\{short\}/g, short).replace(/\{n\}/g, () => String(3 + numbers(200))).replace(/\{m\}/g, () => String(20 + numbers(900)));
    const pool = [...OVERVIEW];
    const chosen: string[] = [];
    for (let i = 0; i < sentences && pool.length; i++) chosen.push(pool.splice(rand(pool.length), 1)[0]);
    let overview = `${year}年，${chosen.map(fill).join('；')}。`;
    if (copyOf) overview += '今年继续保持上述做法。';
    // A people's government reports its 考核、评议、追究 (条例第五十条, R25).
    const accountability = ['县', '市', '省', '乡'].includes(unit.level) ? '全年将政务公开纳入绩效考核，组织社会评议，未发生责任追究情形。' : '';
    return { overview, problems: PROBLEMS.map(fill).join('') + accountability };
}

function reportText(spec: AreaSpec, unit: UnitSpec, year: number, values: Values | undefined, published: string | null, proseText: { overview: string; problems: string }): string {
    const agency = unit.names?.[year] ?? unit.name;
    const lines = [
        `// ${agency}${year}年政府信息公开工作年度报告（${spec.origin}）`,
        `标题：${agency}${year}年政府信息公开工作年度报告`,
        `机关：${agency}`,
        ...(unit.writesId?.includes(year) ? [`单位编号：${unit.id}`] : []),
        `机关层级：${unit.level}`,
        `年度：${year}`,
        '格式：2021',
        ...(published ? [`发布日期：${published}`] : []),
        `统计期限：${year}-01-01 至 ${year}-12-31`,
        '',
    ];
    for (const section of template.sections) {
        lines.push(section.label);
        if (section.kind === 'prose') {
            const text = section.id === template.sections[0].id ? proseText.overview
                : section.numeral === '五' ? proseText.problems : '本年度未收取信息处理费，无其他需要报告的事项。';
            lines.push('"""', text, '"""', '');
            continue;
        }
        lines.push('');
        for (const table of section.tables) {
            lines.push(...renderTable(table, (row, column) => renderValue(table, column, values ? cellOf(values, table.id, row.id, column) : 0)), '');
        }
    }
    return lines.join('\n');
}

function publishedDate(unit: UnitSpec, year: number): string | null {
    if (unit.published && year in unit.published) return unit.published[year];
    const rand = random(seedOf('published', unit.id, year));
    if (unit.level === '县' || unit.level === '市' || unit.level === '省') return `${year + 1}-03-${String(20 + rand(11)).padStart(2, '0')}`;
    // Most units file in the last days before the deadline.
    const r = rand(1000) / 1000;
    const day = 31 - Math.floor(r * r * 24);
    return `${year + 1}-01-${String(day).padStart(2, '0')}`;
}

export function fileName(unit: UnitSpec, year: number): string {
    return `${year}/${unit.id}-${unit.names?.[year] ?? unit.name}.xxgk`;
}

export function generateArea(spec: AreaSpec): Area {
    const registry = [['编号', '名称', '别名', '机关层级', '上级编号', '起始年度', '终止年度', '须报送', '截止日期']];
    for (const u of spec.units) {
        registry.push([u.id, u.name, (u.aliases ?? []).join('；'), u.level, u.parent ?? '', u.from ? String(u.from) : '', u.to ? String(u.to) : '',
            u.exempt ? '否' : '', u.deadline ?? '']);
    }
    const exists = (u: UnitSpec, y: number) => (u.from === undefined || u.from <= y) && (u.to === undefined || y <= u.to);
    const files = (u: UnitSpec, y: number) => exists(u, y) && !u.exempt && !u.missing?.includes(y);
    const children = new Map<string, UnitSpec[]>();
    for (const u of spec.units) if (u.parent) children.set(u.parent, [...(children.get(u.parent) ?? []), u]);
    // Children before parents, so that a 汇总 can add up its children's values.
    const order: UnitSpec[] = [];
    const visit = (u: UnitSpec) => {
        for (const c of children.get(u.id) ?? []) visit(c);
        order.push(u);
    };
    for (const u of spec.units) if (!u.parent || !spec.units.some(p => p.id === u.parent)) visit(u);

    const out = new Map<string, string>();
    const valuesOf = new Map<string, Values>();
    const key = (u: UnitSpec, y: number) => `${u.id}#${y}`;
    for (const year of [...spec.years].sort((a, b) => a - b)) {
        for (const unit of order) {
            if (!exists(unit, year)) continue;
            const last = valuesOf.get(key(unit, year - 1));
            let values: Values;
            if (unit.empty?.includes(year)) values = zeroValues();
            else if (unit.sameTables?.includes(year) && last) values = last;
            else if (unit.rollUp) {
                const filed = (children.get(unit.id) ?? []).filter(c => files(c, year)).map(c => valuesOf.get(key(c, year))!);
                values = sumValues(filed);
                if (unit.offByOne?.includes(year)) setCell(values, 'item5', 'licensing', 'decisions', cellOf(values, 'item5', 'licensing', 'decisions') + 1);
            } else {
                values = unitValues(unit, last, random(seedOf('values', spec.seed, unit.id, year)));
            }
            valuesOf.set(key(unit, year), withTotals(values));
            if (!files(unit, year)) continue;
            const agency = unit.names?.[year] ?? unit.name;
            const text = reportText(spec, unit, year, values, publishedDate(unit, year),
                prose(unit, agency, year, spec.sentences ?? 8, unit.copied?.includes(year) ? 'copy' : undefined));
            out.set(fileName(unit, year), text);
        }
    }
    for (const extra of spec.extra ?? []) {
        const unit: UnitSpec = { id: 'x', name: extra.agency, level: extra.level };
        out.set(extra.path, reportText(spec, unit, extra.year, withTotals(unitValues(unit, undefined, random(seedOf('extra', extra.path)))),
            `${extra.year + 1}-01-20`, prose(unit, extra.agency, extra.year, spec.sentences ?? 8)));
    }
    return { registry, files: new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}
