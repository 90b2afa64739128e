/**
 * What the 2019 and 2021 national formats share: the six section headings, table 三 (applications)
 * except its row （六）, table 四 (review and litigation), and the rules on them.
 * Labels are verbatim from docs/domain.md; variants are the spellings seen in real reports.
 */
import type { CapabilityRuleDef, ColumnDef, ColumnGroupDef, LabelSpec, RollupRuleDef, RowDef, RuleDef, SectionDef, TableDef } from './types.js';

// ---------------------------------------------------------------------------------------------
// Sections (一 … 六)

export function proseSection(id: string, numeral: string, spec: LabelSpec): SectionDef {
    return { id, numeral, kind: 'prose', tables: [], ...spec };
}

export function tableSection(id: string, numeral: string, spec: LabelSpec, tables: readonly TableDef[]): SectionDef {
    return { id, numeral, kind: 'tables', tables, ...spec };
}

export const overviewSection = proseSection('overview', '一', {
    label: '一、总体情况',
    doc: '总体情况：主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况。' +
        '各级人民政府还应报告工作考核、社会评议和责任追究结果情况（条例第五十条）。',
});

export const problemsSection = proseSection('problems', '五', {
    label: '五、存在的主要问题及改进情况',
    variants: ['五、政府信息公开工作存在的主要问题及改进情况', '五、存在的问题及改进措施'],
    doc: '本机关政府信息公开工作存在的主要问题及改进情况。',
});

export const otherSection = proseSection('other', '六', {
    label: '六、其他需要报告的事项',
    doc: '其他需要报告的事项。2021 年起实践中在此说明信息处理费收取情况（国办函〔2020〕109号），即使“未收取”。',
});

export const proactiveHeading: LabelSpec = {
    label: '二、主动公开政府信息情况',
    variants: ['二、行政机关主动公开政府信息情况', '二、主动公开政府政府情况', '二、主动公开信息情况'],
    doc: '按条例第二十条各项列出主动公开的政府信息情况。',
};

// ---------------------------------------------------------------------------------------------
// 三、收到和处理政府信息公开申请情况

const applicantColumns: readonly ColumnDef[] = [
    { id: 'person', label: '自然人', kind: 'count', doc: '以个人名义提出申请的公民。' },
    { id: 'business', label: '商业企业', kind: 'count', doc: '法人或其他组织中的商业企业。' },
    { id: 'research', label: '科研机构', kind: 'count', doc: '法人或其他组织中的科研机构。' },
    { id: 'charity', label: '社会公益组织', kind: 'count', doc: '法人或其他组织中的社会公益组织。' },
    { id: 'legal', label: '法律服务机构', kind: 'count', doc: '法人或其他组织中的法律服务机构（律师事务所等）。' },
    { id: 'otherOrg', label: '其他', kind: 'count', doc: '法人或其他组织中不属于以上四类的。' },
    { id: 'total', label: '总计', kind: 'count', doc: '本行六类申请人之和：自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他（R2）。' },
];

const applicantGroups: readonly ColumnGroupDef[] = [
    {
        label: '法人或其他组织',
        columns: ['business', 'research', 'charity', 'legal', 'otherOrg'],
        doc: '以法人或其他组织名义提出的申请，分五类填写。表头只写其下五列，不单列「法人或其他组织」。',
    },
];

const withheldRows: readonly RowDef[] = [
    { id: 'secret', label: '1.属于国家秘密', doc: '所申请信息属于国家秘密，依法不予公开。' },
    {
        id: 'prohibited', label: '2.其他法律行政法规禁止公开',
        variants: ['2.其他法律法规禁止公开'],
        doc: '法律、行政法规禁止公开的其他信息。',
    },
    { id: 'security', label: '3.危及“三安全一稳定”', doc: '公开后可能危及国家安全、公共安全、经济安全、社会稳定的信息。' },
    { id: 'thirdParty', label: '4.保护第三方合法权益', doc: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害的信息。' },
    { id: 'internal', label: '5.属于三类内部事务信息', doc: '人事管理、后勤管理、内部工作流程等内部事务信息。' },
    { id: 'process', label: '6.属于四类过程性信息', doc: '讨论记录、过程稿、磋商信函、请示报告等过程性信息。' },
    { id: 'enforcement', label: '7.属于行政执法案卷', doc: '行政执法案卷信息。' },
    { id: 'inquiry', label: '8.属于行政查询事项', doc: '法律、行政法规对信息获取有特别规定、应依照其规定办理的查询事项（如工商、不动产登记资料）。' },
];

const unableRows: readonly RowDef[] = [
    { id: 'notHeld', label: '1.本机关不掌握相关政府信息', doc: '经检索，本机关没有所申请的政府信息（属于「无法提供」，不是「不予公开」）。' },
    { id: 'needsCreation', label: '2.没有现成信息需要另行制作', doc: '需要对现有信息另行制作、加工、分析才能提供的。' },
    { id: 'unclear', label: '3.补正后申请内容仍不明确', doc: '经告知补正后，申请内容仍不明确的。' },
];

const notProcessedRows: readonly RowDef[] = [
    { id: 'petition', label: '1.信访举报投诉类申请', doc: '以政府信息公开申请形式进行信访、投诉、举报等活动的。' },
    { id: 'repeated', label: '2.重复申请', doc: '重复申请相同政府信息的。' },
    { id: 'publication', label: '3.要求提供公开出版物', doc: '要求提供公开出版物的。' },
    { id: 'massRequests', label: '4.无正当理由大量反复申请', doc: '无正当理由大量、反复申请，明显超过合理范围的。' },
    { id: 'reissue', label: '5.要求行政机关确认或重新出具已获取信息', doc: '要求行政机关确认或者重新出具已获取信息的。' },
];

/** （六）其他处理 differs between the formats; everything else in table 三 is shared. */
export function applicationsTable(otherHandling: RowDef): TableDef {
    return {
        id: 'applications',
        title: '收到和处理政府信息公开申请情况表',
        note: {
            label: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
            variants: ['（本列数据的钩稽关系为：第一项加第二项之和，等于第三项加第四项之和）'],
            doc: '表三每一列：一 + 二 = 三（七）+ 四（R1）。',
        },
        corner: [{ label: '申请人情况' }],
        spanningHeader: '申请人情况',
        columns: applicantColumns,
        columnGroups: applicantGroups,
        rows: [
            {
                id: 'received', label: '一、本年新收政府信息公开申请数量', short: '一、本年新收',
                doc: '本年度新收到的政府信息公开申请件数，按申请人类别分列。',
            },
            {
                id: 'carriedIn', label: '二、上年结转政府信息公开申请数量', short: '二、上年结转',
                variants: ['二、上年转结政府信息公开申请数量'],
                doc: '上一年度未办结、结转本年度办理的申请件数；应等于上年报告的「四、结转下年度继续办理」（R14）。',
            },
            {
                id: 'results', label: '三、本年度办理结果', short: '三、办理结果',
                doc: '本年度办结的申请按办理结果分类。（一）至（六）之和为（七）总计（R3）。',
                children: [
                    { id: 'disclosed', label: '（一）予以公开', doc: '全部予以公开的申请。' },
                    {
                        id: 'partly', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', short: '（二）部分公开',
                        aliases: ['（二）部分公开'],
                        doc: '部分公开的申请。同一申请既有公开部分又有不公开部分（区分处理）的，只计入「部分公开」，' +
                            '不再计入「不予公开」等其他情形（R13，无法用数字核对）。',
                    },
                    {
                        id: 'withheld', label: '（三）不予公开', subtotal: true, children: withheldRows,
                        doc: '依法不予公开的申请，按理由分 8 项填写；模板中没有小计行。',
                    },
                    {
                        id: 'unable', label: '（四）无法提供', subtotal: true, children: unableRows,
                        doc: '无法提供所申请信息的，按原因分 3 项填写；模板中没有小计行。',
                    },
                    {
                        id: 'notProcessed', label: '（五）不予处理', subtotal: true, children: notProcessedRows,
                        doc: '不予处理的申请，按情形分 5 项填写；模板中没有小计行。',
                    },
                    otherHandling,
                    {
                        id: 'resultsTotal', label: '（七）总计', short: '（七）总计',
                        doc: '（一）至（六）之和，每列分别核对（R3）；（三）（四）（五）按其子项之和计。',
                    },
                ],
            },
            {
                id: 'carriedOver', label: '四、结转下年度继续办理', short: '四、结转下年度',
                doc: '本年度未办结、结转下年度继续办理的申请件数。每列：一 + 二 = 三（七）+ 四（R1）。',
            },
        ],
        doc: '收到和处理政府信息公开申请情况：七列申请人类别 × 各项办理结果。',
    };
}

// ---------------------------------------------------------------------------------------------
// 四、政府信息公开行政复议、行政诉讼情况 — written as three rows of five columns; printed as one row of 15 cells.

const outcomeColumns: readonly ColumnDef[] = [
    { id: 'upheld', label: '结果维持', kind: 'count', doc: '复议机关或法院维持原行政行为的案件数。' },
    { id: 'corrected', label: '结果纠正', kind: 'count', doc: '原行政行为被撤销、变更、确认违法或责令履行等予以纠正的案件数。' },
    { id: 'otherOutcome', label: '其他结果', kind: 'count', doc: '驳回、终止等其他结果的案件数。' },
    { id: 'pending', label: '尚未审结', kind: 'count', doc: '本年度内尚未审结的案件数。' },
    { id: 'total', label: '总计', kind: 'count', doc: '结果维持 + 结果纠正 + 其他结果 + 尚未审结（R4）。' },
];

export const reviewTable: TableDef = {
    id: 'review',
    title: '行政复议、行政诉讼情况表',
    columns: outcomeColumns,
    printTransposed: true,
    rows: [
        { id: 'adminReview', label: '行政复议', doc: '因政府信息公开工作被申请行政复议的案件。' },
        {
            id: 'litigation', label: '行政诉讼', doc: '因政府信息公开工作被提起行政诉讼的案件，分两类。',
            children: [
                { id: 'directSuit', label: '未经复议直接起诉', doc: '未经行政复议直接提起行政诉讼的案件。' },
                { id: 'suitAfterReview', label: '复议后起诉', doc: '经行政复议后又提起行政诉讼的案件。' },
            ],
        },
    ],
    doc: '政府信息公开行政复议、行政诉讼情况。文件中按三行（行政复议、未经复议直接起诉、复议后起诉）× 五列书写；预览按官方格式排成一行 15 格。',
};

export const reviewSection = tableSection('review', '四', {
    label: '四、政府信息公开行政复议、行政诉讼情况',
    variants: [
        '四、因政府信息公开工作被申请行政复议提起行政诉讼情况',
        '四、因政府信息公开工作被申请行政复议和提起行政诉讼情况',
        '四、政府信息公开行政复议和行政诉讼情况',
    ],
    doc: '因政府信息公开工作被申请行政复议、提起行政诉讼的情况。',
}, [reviewTable]);

export function applicationsSection(table: TableDef): SectionDef {
    return tableSection('applications', '三', {
        label: '三、收到和处理政府信息公开申请情况',
        doc: '收到和处理政府信息公开申请的情况。',
    }, [table]);
}

// ---------------------------------------------------------------------------------------------
// Rules on 三 and 四, the same in both formats.

const applicantTerms = ['person', 'business', 'research', 'charity', 'legal', 'otherOrg'];

export const sharedRules: readonly RuleDef[] = [
    {
        kind: 'linear', code: 'xxgk/row-total', domainRule: 'R2', severity: 'error',
        title: '行总计 = 六类申请人之和',
        table: 'applications', each: 'row', lhs: ['total'], op: '=', rhs: applicantTerms, target: 'total',
        message: '{at}：总计应为 {computed}（{rhsTerms}），实际为 {reported}',
    },
    {
        kind: 'linear', code: 'xxgk/results-total', domainRule: 'R3', severity: 'error',
        title: '（七）总计 = （一）至（六）之和',
        table: 'applications', each: 'column',
        lhs: ['resultsTotal'], op: '=', rhs: ['disclosed', 'partly', 'withheld', 'unable', 'notProcessed', 'otherHandling'],
        target: 'resultsTotal',
        message: '{at}列：（七）总计应为 {computed}（{rhsTerms}），实际为 {reported}',
    },
    {
        kind: 'linear', code: 'xxgk/balance', domainRule: 'R1', severity: 'error',
        title: '一 + 二 = 三（七）+ 四',
        table: 'applications', each: 'column',
        lhs: ['received', 'carriedIn'], op: '=', rhs: ['resultsTotal', 'carriedOver'], target: 'carriedOver',
        message: '{at}列勾稽关系不成立：一 + 二 = {lhsTerms} = {lhs}，三（七）+ 四 = {rhsTerms} = {rhs}' +
            '[；四、结转下年度继续办理应为 {computed}，实际为 {reported}]',
    },
    {
        kind: 'subtotal', code: 'xxgk/subtotal', domainRule: 'R3', severity: 'error',
        title: '小计 = 子项之和',
        message: '{at}列：{target}小计应为 {computed}（{terms}），实际为 {reported}',
    },
    {
        kind: 'cross-year', code: 'xxgk/carried-in', domainRule: 'R14', severity: 'warning',
        title: '上年结转 = 上年报告的结转下年度继续办理',
        table: 'applications', each: 'column',
        lhs: [{ year: 'this', id: 'carriedIn' }], op: '=', rhs: [{ year: 'last', id: 'carriedOver' }], target: 'carriedIn',
        message: '{at}列：二、上年结转应为 {computed}（{lastYear} 年度报告的「四、结转下年度继续办理」），实际为 {reported}',
    },
    {
        kind: 'linear', code: 'xxgk/review-total', domainRule: 'R4', severity: 'error',
        title: '复议、诉讼总计 = 四种结果之和',
        table: 'review', each: 'row', lhs: ['total'], op: '=', rhs: ['upheld', 'corrected', 'otherOutcome', 'pending'],
        target: 'total',
        message: '{at}：总计应为 {computed}（{rhsTerms}），实际为 {reported}',
    },
];

export const infoContentCorner: LabelSpec = { label: '信息内容' };

/** R12: 规章 (第二十条第（一）项, row 规章 in both formats) only from levels that make 规章. */
export const regulationsByLevelRule: CapabilityRuleDef = {
    kind: 'capability', code: 'xxgk/regulations-level', domainRule: 'R12', severity: 'warning',
    title: '无权制定规章的机关填报了规章',
    table: 'item1', rows: ['rules'], capability: 'makesRegulations',
    message: '机关层级为「{level}」，不能制定规章（可以制定规章的是：{capable}）；「{row}」的{column}应为 0，实际为 {reported}',
};

/**
 * 汇总: every cell of the tables named (二's tables, 三, 四) in a parent's report = Σ the same cell of
 * its children's reports (the unit registry says who they are).
 */
export function rollupRule(tables: readonly string[]): RollupRuleDef {
    return {
        kind: 'rollup', code: 'xxgk/rollup', domainRule: 'R26', severity: 'warning',
        title: '汇总 = 下级单位之和',
        tables,
        message: '{table}「{row}」{column}：汇总应为 {computed}（{count} 个下级单位报告之和），实际为 {reported}[；未报送：{missing}][；该格空白：{blank}]',
    };
}
