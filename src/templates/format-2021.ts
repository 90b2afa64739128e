/** 国办公开办函〔2021〕30号 — the format for reports from 2021 on. */
import {
    applicationsSection, applicationsTable, infoContentCorner, overviewSection, otherSection, problemsSection,
    proactiveHeading, regulationsByLevelRule, reviewSection, rollupRule, sharedRules, tableSection,
} from './common.js';
import { proseRules2021 } from './prose.js';
import type { ColumnDef, TableDef, TemplateDef } from './types.js';

const decisionsThisYear: ColumnDef = {
    id: 'decisions', label: '本年处理决定数量', kind: 'count',
    doc: '本年度作出的处理决定数量（含公开的和依法不公开的决定），不是事项数。',
};

const regulations: TableDef = {
    id: 'item1',
    caption: { label: '第二十条第（一）项', doc: '条例第二十条第（一）项：行政法规、规章和规范性文件。' },
    corner: [infoContentCorner],
    columns: [
        { id: 'issued', label: '本年制发件数', kind: 'count', variants: ['本年发件'], doc: '本年度制定并发布的件数。' },
        { id: 'repealed', label: '本年废止件数', kind: 'count', doc: '本年度废止的件数。' },
        {
            id: 'inForce', label: '现行有效件数', kind: 'count', variants: ['现行有效件'],
            doc: '截至本年底仍然有效的件数：通常不小于本年制发件数（R8），并应等于上年现行有效件数 + 本年制发 − 本年废止（R15，跨年度核对）。',
        },
    ],
    rows: [
        {
            id: 'rules', label: '规章',
            doc: '规章只能由国务院部门、省级人民政府和设区的市、自治州人民政府制定；县、乡和一般部门通常填 0（R12）。',
        },
        {
            id: 'normative', label: '行政规范性文件', variants: ['规范性文件'],
            doc: '本机关制发的行政规范性文件（2019 格式称「规范性文件」）。规章和行政规范性文件的数字宜与司法行政部门核对。',
        },
    ],
};

const licensing: TableDef = {
    id: 'item5',
    caption: { label: '第二十条第（五）项', doc: '条例第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果。' },
    corner: [infoContentCorner],
    columns: [decisionsThisYear],
    rows: [{ id: 'licensing', label: '行政许可', doc: '本年度作出的行政许可决定数量。' }],
};

const enforcement: TableDef = {
    id: 'item6',
    caption: { label: '第二十条第（六）项', doc: '条例第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的处罚决定。' },
    corner: [infoContentCorner],
    columns: [decisionsThisYear],
    rows: [
        { id: 'penalty', label: '行政处罚', doc: '本年度作出的行政处罚决定数量。' },
        { id: 'coercion', label: '行政强制', doc: '本年度作出的行政强制决定数量。' },
    ],
};

const fees: TableDef = {
    id: 'item8',
    caption: { label: '第二十条第（八）项', doc: '条例第二十条第（八）项：行政事业性收费项目及其依据、标准。' },
    corner: [infoContentCorner],
    columns: [{
        id: 'amount', label: '本年收费金额（单位：万元）', short: '本年收费金额', kind: 'amount',
        aliases: ['本年收费金额'], unit: '万元',
        // The 2021 header sets the unit only (unlike 2019's 「保留4位小数」): 8316.204517 万元 is exact to the fen.
        doc: '本年度收取的行政事业性收费金额，单位万元（R6）；表头没有规定小数位数，例如 75.9260、8316.204517（精确到分）。',
    }],
    rows: [{ id: 'fees', label: '行政事业性收费', doc: '行政事业性收费（2021 格式填金额）。' }],
};

export const format2021: TemplateDef = {
    id: '2021',
    name: '2021 格式',
    citation: '国办公开办函〔2021〕30号',
    aliases: ['国办公开办函〔2021〕30号', '〔2021〕30号', '2021〕30号', '30号', '2021格式'],
    years: { from: 2021 },
    sections: [
        overviewSection,
        tableSection('proactive', '二', proactiveHeading, [regulations, licensing, enforcement, fees]),
        applicationsSection(applicationsTable({
            id: 'otherHandling', label: '（六）其他处理', subtotal: true, leafAllowed: true,
            doc: '其他处理结果。2021 格式分为三个子项；模板中没有小计行（R23）。',
            children: [
                {
                    id: 'overdueCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
                    short: '（六）1.逾期不补正',
                    variants: ['1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请'],
                    doc: '申请人无正当理由逾期不补正，行政机关不再处理其申请的。',
                },
                {
                    id: 'unpaidFee', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
                    short: '（六）2.逾期未缴费',
                    variants: ['2.申请人逾期未按收费通知要求缴纳费用，行政机关不再处理其政府信息公开申请'],
                    doc: '申请人逾期未按收费通知缴纳信息处理费，行政机关不再处理其申请的（国办函〔2020〕109号）。',
                },
                { id: 'otherReason', label: '3.其他', short: '（六）3.其他', doc: '其他处理情形。' },
            ],
        })),
        reviewSection,
        problemsSection,
        otherSection,
    ],
    rules: [
        ...sharedRules,
        {
            kind: 'linear', code: 'xxgk/in-force', domainRule: 'R8', severity: 'warning',
            title: '现行有效件数 ≥ 本年制发件数',
            table: 'item1', each: 'row', lhs: ['inForce'], op: '>=', rhs: ['issued'], target: 'inForce',
            message: '{at}：现行有效件数 {lhs} 小于本年制发件数 {rhs}；本年制发且未废止的文件都应计入现行有效件数',
        },
        regulationsByLevelRule,
        rollupRule(['item1', 'item5', 'item6', 'item8', 'applications', 'review']),
        {
            kind: 'cross-year', code: 'xxgk/in-force-roll', domainRule: 'R15', severity: 'warning',
            title: '现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数',
            table: 'item1', each: 'row',
            lhs: [{ year: 'this', id: 'inForce' }, { year: 'this', id: 'repealed' }], op: '=',
            rhs: [{ year: 'last', id: 'inForce' }, { year: 'this', id: 'issued' }], target: 'inForce',
            message: '{at}：现行有效件数应为 {computed}（{lastYear} 年度报告的现行有效件数 {last_inForce} + 本年制发件数 {this_issued}' +
                ' − 本年废止件数 {this_repealed}），实际为 {reported}',
        },
    ],
    prose: proseRules2021,
};
