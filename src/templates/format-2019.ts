/** 国办公开办函〔2019〕60号 — the format for the 2019 and 2020 reports (试行; optional for 2019). */
import {
    applicationsSection, applicationsTable, infoContentCorner, overviewSection, otherSection, problemsSection,
    proactiveHeading, regulationsByLevelRule, reviewSection, rollupRule, sharedRules, tableSection,
} from './common.js';
import { proseRules2019 } from './prose.js';
import type { ColumnDef, RuleDef, TableDef, TemplateDef } from './types.js';

const lastYearItems: ColumnDef = {
    id: 'lastYearItems', label: '上一年项目数量', kind: 'count',
    variants: ['上一年项目'],
    doc: '上一年度末的事项（项目）数量。本年的值应等于上年的「上一年项目数量 + 本年增/减」（R16，跨年度核对）。',
};
const change: ColumnDef = {
    id: 'change', label: '本年增/减', kind: 'signed',
    aliases: ['本年增减'],
    variants: ['本年增/'],
    doc: '本年度事项的增加或减少数，可为负数：写作 +2、-1（也接受 增2、减1、−1）。',
};
const decisions: ColumnDef = {
    id: 'decisions', label: '处理决定数量', kind: 'count',
    doc: '本年度作出的处理决定（办件）数量，不是现有事项数。若每行都等于「上一年项目数量 + 本年增/减」，多半填错了（R11）。',
};

const regulations: TableDef = {
    id: 'item1',
    caption: { label: '第二十条第（一）项', doc: '条例第二十条第（一）项：行政法规、规章和规范性文件。' },
    corner: [infoContentCorner],
    columns: [
        { id: 'made', label: '本年新制作数量', kind: 'count', variants: ['本年新'], doc: '本年度新制作的件数。' },
        {
            id: 'published', label: '本年新公开数量', kind: 'count',
            doc: '本年度新公开的件数；通常不大于本年新制作数量（R9）。',
        },
        {
            id: 'publishedTotal', label: '对外公开总数量', kind: 'count',
            doc: '截至本年底累计对外公开的件数；应不小于本年新公开数量（R9），一般也不小于上年的值（R17）。',
        },
    ],
    rows: [
        {
            id: 'rules', label: '规章',
            doc: '规章只能由国务院部门、省级人民政府和设区的市、自治州人民政府制定；县、乡和一般部门通常填 0（R12）。',
        },
        {
            id: 'normative', label: '规范性文件',
            doc: '本机关制发的规范性文件。2019 格式写「规范性文件」，2021 格式改为「行政规范性文件」。',
        },
    ],
};

const licensing: TableDef = {
    id: 'item5',
    caption: { label: '第二十条第（五）项', doc: '条例第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果。' },
    corner: [infoContentCorner],
    columns: [lastYearItems, change, decisions],
    rows: [
        { id: 'licensing', label: '行政许可', doc: '行政许可事项。' },
        {
            id: 'otherServices', label: '其他对外管理服务事项',
            doc: '除行政许可以外的其他对外管理服务事项（各地口径不一：湖北含处罚、强制、检查、征收等，内蒙古某市不含许可、处罚、强制）。',
        },
    ],
};

const enforcement: TableDef = {
    id: 'item6',
    caption: { label: '第二十条第（六）项', doc: '条例第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的处罚决定。' },
    corner: [infoContentCorner],
    columns: [lastYearItems, change, decisions],
    rows: [
        { id: 'penalty', label: '行政处罚', doc: '行政处罚事项。' },
        { id: 'coercion', label: '行政强制', doc: '行政强制事项。' },
    ],
};

const fees: TableDef = {
    id: 'item8',
    caption: { label: '第二十条第（八）项', doc: '条例第二十条第（八）项：行政事业性收费项目及其依据、标准。' },
    corner: [infoContentCorner],
    columns: [lastYearItems, change],
    rows: [{ id: 'fees', label: '行政事业性收费', doc: '行政事业性收费项目（2019 格式按项目数填写）。' }],
};

const procurement: TableDef = {
    id: 'item9',
    caption: { label: '第二十条第（九）项', doc: '条例第二十条第（九）项：政府集中采购项目的目录、标准及实施情况。2021 格式已删去本表。' },
    corner: [infoContentCorner],
    columns: [
        { id: 'projects', label: '采购项目数量', kind: 'count', doc: '政府集中采购项目数量。' },
        {
            id: 'amount', label: '采购总金额（单位：万元，保留4位小数）', short: '采购总金额', kind: 'amount',
            aliases: ['采购总金额'], unit: '万元', maxDecimals: 4, suspiciousFrom: 100000,
            doc: '政府集中采购总金额，单位万元，保留 4 位小数。实际报告常误按「元」填写（R6）。',
        },
    ],
    rows: [{ id: 'procurement', label: '政府集中采购', doc: '政府集中采购。' }],
};

/** 第（五）（六）（八）项: the tables that count items (上一年项目数量, 本年增/减). */
const itemTables = ['item5', 'item6', 'item8'];

const rules2019: readonly RuleDef[] = [
    ...sharedRules,
    {
        kind: 'linear', code: 'xxgk/published-made', domainRule: 'R9', severity: 'warning',
        title: '本年新公开数量 ≤ 本年新制作数量',
        table: 'item1', each: 'row', lhs: ['made'], op: '>=', rhs: ['published'], target: 'published',
        message: '{at}：本年新公开数量 {rhs} 大于本年新制作数量 {lhs}',
    },
    {
        kind: 'linear', code: 'xxgk/published-total', domainRule: 'R9', severity: 'warning',
        title: '对外公开总数量 ≥ 本年新公开数量',
        table: 'item1', each: 'row', lhs: ['publishedTotal'], op: '>=', rhs: ['published'], target: 'publishedTotal',
        message: '{at}：对外公开总数量 {lhs} 小于本年新公开数量 {rhs}；总数量应包含本年新公开的',
    },
    {
        kind: 'linear', code: 'xxgk/published-total-made', domainRule: 'R9', severity: 'warning',
        title: '对外公开总数量 ≥ 本年新制作数量（规章、规范性文件）',
        table: 'item1', each: 'row', over: ['rules', 'normative'], lhs: ['publishedTotal'], op: '>=', rhs: ['made'], target: 'publishedTotal',
        message: '{at}：本年新制作 {rhs} 件，对外公开总数量却只有 {lhs} 件；规章和规范性文件应当公开',
    },
    ...itemTables.map((table): RuleDef => ({
        kind: 'linear', code: 'xxgk/items-negative', domainRule: 'R10', severity: 'warning',
        title: '上一年项目数量 + 本年增/减 ≥ 0',
        table, each: 'row', lhs: ['lastYearItems', 'change'], op: '>=', rhs: [], target: 'change',
        message: '{at}：{lhsTerms} = {lhs}，事项数不能为负',
    })),
    {
        kind: 'coincidence', code: 'xxgk/decisions-as-items', domainRule: 'R11', severity: 'warning',
        title: '处理决定数量疑似填成了事项数',
        tables: ['item5', 'item6'], lhs: ['decisions'], rhs: ['lastYearItems', 'change'], target: 'decisions',
        message: '{at}：处理决定数量 {reported} 恰等于上一年项目数量 + 本年增/减（{rhsTerms}），第（五）（六）项所有非零的 {rows} 行都是如此；' +
            '处理决定数量应填本年作出的处理决定（办件）数，而不是现有事项数',
    },
    regulationsByLevelRule,
    rollupRule(['item1', 'item5', 'item6', 'item8', 'item9', 'applications', 'review']),
    ...itemTables.map((table): RuleDef => ({
        kind: 'cross-year', code: 'xxgk/items-roll', domainRule: 'R16', severity: 'warning',
        title: '上一年项目数量 = 上年报告的上一年项目数量 + 本年增/减',
        table, each: 'row',
        lhs: [{ year: 'this', id: 'lastYearItems' }], op: '=',
        rhs: [{ year: 'last', id: 'lastYearItems' }, { year: 'last', id: 'change' }], target: 'lastYearItems',
        message: '{at}：上一年项目数量应为 {computed}（{lastYear} 年度报告的上一年项目数量 {last_lastYearItems} + 本年增/减 {last_change}），实际为 {reported}',
    })),
    {
        kind: 'cross-year', code: 'xxgk/published-total-decrease', domainRule: 'R17', severity: 'info',
        title: '对外公开总数量不小于上年',
        table: 'item1', each: 'row',
        lhs: [{ year: 'this', id: 'publishedTotal' }], op: '>=', rhs: [{ year: 'last', id: 'publishedTotal' }], target: 'publishedTotal',
        message: '{at}：对外公开总数量 {reported} 小于 {lastYear} 年度报告的 {last_publishedTotal}；累计数一般不会减少，除非有文件撤回',
    },
];

export const format2019: TemplateDef = {
    id: '2019',
    name: '2019 格式（试行）',
    citation: '国办公开办函〔2019〕60号',
    aliases: ['国办公开办函〔2019〕60号', '〔2019〕60号', '2019〕60号', '60号', '2019格式'],
    years: { from: 2019, to: 2020 },
    lenientYears: [2019],
    sections: [
        overviewSection,
        tableSection('proactive', '二', proactiveHeading, [regulations, licensing, enforcement, fees, procurement]),
        applicationsSection(applicationsTable({
            id: 'otherHandling', label: '（六）其他处理', doc: '不属于以上各项的其他处理结果（2019 格式为一行）。',
        })),
        reviewSection,
        problemsSection,
        otherSection,
    ],
    rules: rules2019,
    prose: proseRules2019,
};
