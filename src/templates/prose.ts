/**
 * R24 as data: phrases in the prose that state what the tables also say. Tables 三 and 四 are the
 * same in both national formats; the phrases on table 二 differ (2019: 本年新制作 / 本年新公开 and item
 * counts; 2021: 制发 / 废止 / 现行有效, decisions and 收费金额). Each phrase maps to the table cells whose
 * sum it states; src/rules/prose.ts is the generic evaluator. R25 (topics a section should mention) too.
 *
 * Order matters: a number (or, without a number, the words marked `at`) is compared by the first
 * phrase that matches it, so the combined phrases (予以公开及部分公开 N 件) come before the single ones.
 *
 * Real-world trap (docs/domain.md R24): prose sometimes calls the 「不掌握」 cases 「不予公开」,
 * but they belong to （四）无法提供. Such a clause is reported as a misnomer and its number is not
 * compared with （三）不予公开.
 */
import type { ProseExpectationDef, ProseFactDef, ProseRulesDef, TableCellRef } from './types.js';

const cell = (table: string, row: string, column: string): TableCellRef => ({ table, row, column });
const applications = (row: string) => cell('applications', row, 'total');
const review = (row: string, column = 'total') => cell('review', row, column);

/** A prose number differs from the tables: the prose number, the cells and both values; blank cells say how they were counted. */
const count = {
    code: 'xxgk/prose-count', domainRule: 'R24', severity: 'warning', title: '正文数字与表格不符',
    message: '正文写「{phrase}」，与表格不符：正文为 {stated}，表格中{where} = {actual}[（{blanks}）]',
} as const;

/** A phrase that states a count is 0 (未收到…申请), while the tables say otherwise. */
const none = {
    ...count,
    message: '正文写「{phrase}」，但表格中{where} = {actual}[（{blanks}）]',
    value: 0,
} as const;

/** 「均获维持」 while cases were corrected or are still pending. */
const upheld = {
    code: 'xxgk/prose-upheld', domainRule: 'R24', severity: 'warning', title: '正文称均获维持，表四不符',
    scope: 'sentence', pattern: '(?<at>(?:均|全部|全都|都)(?:获得?|被|予以?|已被?|得到)?维持)', value: 0,
    message: '正文说「{phrase}」，但表四中{nonzero}',
} as const;

/** Words that make a review/litigation count a count of results, not of cases. */
const RESULT_WORDS = '维持|纠正|撤销|驳回|审结|败诉|胜诉|确认违法|终止';
/** A count written next to the phrase: then it is not a 「未发生」 statement. */
const A_COUNT = '[0-9０-９]+\\s*[件起宗例案]';
/**
 * 「未发生被行政复议纠错或行政诉讼败诉的情形」 denies corrections or lost suits, not reviews or suits:
 * no claim that there were none.
 */
const DENIED_RESULTS = '纠错|纠正|败诉|撤销|确认违法|责令';
const RECEIVE = '(?:新收|收到|受理|接收|接到)';
/** 上年结转, also as some reports write it (上年转结, docs/domain.md §5). */
const CARRIED_IN = '上年(?:结转|转结)';
const LONG_GAP = '[^，,；;。！？!?\\r\\n0-9０-９]{0,24}?';

const applicationAndReviewFacts: readonly ProseFactDef[] = [
    // --- 三、收到和处理政府信息公开申请
    {
        ...count, id: 'received-with-carried', keywords: ['申请'], scope: 'clause',
        pattern: `${RECEIVE}[^，,；;。！？!?\\r\\n0-9０-９]{0,16}?申请(?!人){gap}{n}{unit}`, requires: `(?:含|包括|包含)${CARRIED_IN}`,
        cells: [applications('received'), applications('carriedIn')],
    },
    {
        // 「共受理申请 N 件」 sometimes counts the carried-over ones too: either reading is accepted.
        ...count, id: 'received', keywords: ['申请'], scope: 'clause',
        pattern: `${RECEIVE}[^，,；;。！？!?\\r\\n0-9０-９]{0,16}?申请(?!人){gap}{n}{unit}`,
        cells: [applications('received')], alternatives: [[applications('received'), applications('carriedIn')]],
    },
    {
        ...none, id: 'received-none', keywords: ['未收到', '未接到', '未受理'], scope: 'clause',
        pattern: `未(?:收到|接到|受理)${LONG_GAP}(?:政府信息公开申请|依申请公开|公开申请)`, excludes: `(?:其他|其它|另外)的?(?:政府信息公开|依申请公开)?申请|除[^，,；;。]*外|以外|之外|${A_COUNT}`,
        cells: [applications('received')],
    },
    {
        ...count, id: 'carried-in', keywords: ['上年结转', '上年转结'], scope: 'clause',
        pattern: `${CARRIED_IN}{gap}{n}{unit}`, cells: [applications('carriedIn')],
    },
    {
        ...count, id: 'carried-over', keywords: ['结转'], scope: 'clause',
        pattern: '结转(?:下一?年度?|至?下一?年){gap}{n}{unit}', cells: [applications('carriedOver')],
    },
    {
        ...count, id: 'concluded', keywords: ['办结'], scope: 'clause', excludes: CARRIED_IN,
        pattern: '办结{gap}{n}{unit}', cells: [applications('resultsTotal')],
    },
    {
        ...count, id: 'disclosed-and-partly', keywords: ['部分公开'], scope: 'clause',
        pattern: '予以公开(?:[及和与、]|以及)部分公开{gap}{n}{unit}', cells: [applications('disclosed'), applications('partly')],
    },
    {
        ...count, id: 'disclosed', keywords: ['予以公开'], scope: 'clause',
        pattern: '(?<!不)予以公开{gap}{n}{unit}', cells: [applications('disclosed')],
    },
    {
        ...count, id: 'partly', keywords: ['部分公开'], scope: 'clause',
        pattern: '部分公开{gap}{n}{unit}', cells: [applications('partly')],
    },
    {
        id: 'not-held-withheld', keywords: ['不予'], code: 'xxgk/prose-not-held', domainRule: 'R24', severity: 'warning',
        title: '正文把「不掌握」说成「不予公开」', scope: 'clause',
        pattern: '(?<at>不予(?:以)?公开)', requires: '不掌握', see: [applications('notHeld')],
        message: '正文把「本机关不掌握相关政府信息」的申请说成「{phrase}」；这类申请属于「（四）无法提供」，不是「（三）不予公开」',
    },
    {
        ...count, id: 'withheld', keywords: ['不予'], scope: 'clause', excludes: '不掌握',
        pattern: '不予(?:以)?公开{gap}{n}{unit}', cells: [applications('withheld')],
    },
    {
        ...count, id: 'unable', keywords: ['无法提供'], scope: 'clause',
        pattern: '无法提供{gap}{n}{unit}', cells: [applications('unable')],
    },
    {
        ...count, id: 'not-processed', keywords: ['不予处理'], scope: 'clause',
        pattern: '不予处理{gap}{n}{unit}', cells: [applications('notProcessed')],
    },

    // --- 四、行政复议、行政诉讼
    {
        ...count, id: 'review-and-litigation', keywords: ['诉讼'], scope: 'clause', excludes: `各|${RESULT_WORDS}`,
        pattern: '行政复议(?:[和及与、]|以及)(?:提起)?(?:行政)?诉讼(?:案件)?{gap}{n}{unit}',
        cells: [review('adminReview'), review('litigation')],
    },
    {
        ...count, id: 'review', keywords: ['行政复议'], scope: 'clause', excludes: RESULT_WORDS,
        pattern: '行政复议(?:案件|申请)?{gap}{n}{unit}', cells: [review('adminReview')],
    },
    {
        ...count, id: 'litigation', keywords: ['行政诉讼'], scope: 'clause', excludes: RESULT_WORDS,
        pattern: '行政诉讼(?:案件)?{gap}{n}{unit}', cells: [review('litigation')],
    },
    {
        ...none, id: 'review-none', keywords: ['行政复议'], scope: 'clause', excludes: `${A_COUNT}|${DENIED_RESULTS}`,
        pattern: `未(?:发生|收到|出现|接到|产生|有)${LONG_GAP}行政复议`, cells: [review('adminReview')],
    },
    {
        ...none, id: 'litigation-none', keywords: ['行政诉讼'], scope: 'clause', excludes: `${A_COUNT}|${DENIED_RESULTS}`,
        pattern: `未(?:发生|收到|出现|接到|产生|有)${LONG_GAP}行政诉讼`, cells: [review('litigation')],
    },
    // 「均获维持」: about the reviews, the suits, or (both or neither named) all cases.
    {
        ...upheld, id: 'upheld-review', keywords: ['维持'], requires: '复议', excludes: '诉讼',
        cells: [review('adminReview', 'corrected'), review('adminReview', 'pending')],
    },
    {
        ...upheld, id: 'upheld-litigation', keywords: ['维持'], requires: '诉讼', excludes: '复议',
        cells: [review('litigation', 'corrected'), review('litigation', 'pending')],
    },
    {
        ...upheld, id: 'upheld-all', keywords: ['维持'],
        cells: ['adminReview', 'litigation'].flatMap(row => [review(row, 'corrected'), review(row, 'pending')]),
    },
];

// --- 二、主动公开政府信息情况

const item = (table: string, row: string, column: string) => cell(table, row, column);
/** Another kind of 二 item in the same clause: the number may be theirs. */
const OTHER_ITEMS = (own: string) => ['行政许可', '行政处罚', '行政强制'].filter(w => w !== own).join('|');
const decisionsOf = (id: string, word: string, table: string, row: string, alternatives?: ProseFactDef['alternatives']): ProseFactDef => ({
    ...count, id, keywords: [word], scope: 'clause', excludes: OTHER_ITEMS(word),
    pattern: `${word}(?:决定|信息|事项|办件|案件)?{gap}{n}{unit}`, cells: [item(table, row, 'decisions')], alternatives,
});

/** 2019: 本年新制作 / 本年新公开 规范性文件; 许可、处罚、强制 decisions (or, read as items, 上一年项目数量 (+ 本年增/减)). */
const proactive2019: readonly ProseFactDef[] = [
    {
        ...count, id: 'normative-made', keywords: ['规范性文件'], scope: 'clause',
        pattern: '(?:新?制作|制发|制定|印发|出台)了?规范性文件{gap}{n}{unit}', cells: [item('item1', 'normative', 'made')],
    },
    {
        ...count, id: 'normative-published', keywords: ['规范性文件'], scope: 'clause',
        pattern: '(?:新?公开|发布)了?规范性文件{gap}{n}{unit}', cells: [item('item1', 'normative', 'published')],
        alternatives: [[item('item1', 'normative', 'publishedTotal')]],
    },
    ...[['licensing', '行政许可', 'item5'], ['penalty', '行政处罚', 'item6'], ['coercion', '行政强制', 'item6']].map(([row, word, table]) =>
        decisionsOf(row, word, table, row, [[item(table, row, 'lastYearItems')], [item(table, row, 'lastYearItems'), item(table, row, 'change')]])),
];

/** 2021: 制发 / 废止 / 现行有效 行政规范性文件; 许可、处罚、强制 decisions; 行政事业性收费 in 万元. */
const proactive2021: readonly ProseFactDef[] = [
    {
        ...count, id: 'normative-in-force', keywords: ['现行有效'], scope: 'sentence', requires: '规范性文件', excludes: '规章',
        pattern: '现行有效的?(?:行政)?(?:规范性文件)?{gap}{n}{unit}', cells: [item('item1', 'normative', 'inForce')],
    },
    {
        ...count, id: 'normative-issued', keywords: ['规范性文件'], scope: 'clause',
        pattern: '(?:制发|制定|印发|出台)了?(?:行政)?规范性文件{gap}{n}{unit}', cells: [item('item1', 'normative', 'issued')],
    },
    {
        ...count, id: 'normative-repealed', keywords: ['废止'], scope: 'sentence', requires: '规范性文件', excludes: '规章',
        pattern: '废止了?(?:行政)?(?:规范性文件)?{gap}{n}{unit}', cells: [item('item1', 'normative', 'repealed')],
    },
    ...[['licensing', '行政许可', 'item5'], ['penalty', '行政处罚', 'item6'], ['coercion', '行政强制', 'item6']].map(([row, word, table]) =>
        decisionsOf(row, word, table, row)),
    {
        ...count, id: 'fees', keywords: ['收费'], scope: 'clause', excludes: '信息处理费',
        pattern: '(?:行政事业性收费|收费金额)(?:金额|总额)?{gap}{amount}', cells: [item('item8', 'fees', 'amount')],
    },
];

// --- R25: what some sections are expected to mention

/** 2021 format: 六 states the 信息处理费 collected, even 「未收取」 (国办函〔2020〕109号). */
const feeStatement: ProseExpectationDef = {
    id: 'fee-statement', code: 'xxgk/fee-statement', domainRule: 'R25', severity: 'info', title: '未说明信息处理费收取情况',
    sections: ['other'], topics: [{ name: '信息处理费', words: ['信息处理费', '未收取', '不收取', '收取', '收费'] }],
    message: '「{sections}」没有说明信息处理费的收取情况（即使未收取，也宜写明「本年度未收取信息处理费」）',
};

/** 各级人民政府: 一 or 五 reports 工作考核、社会评议和责任追究结果 (条例第五十条). */
const governmentAccountability: ProseExpectationDef = {
    id: 'government-accountability', code: 'xxgk/accountability-statement', domainRule: 'R25', severity: 'info',
    title: '人民政府的年报未报告考核、评议和追究情况', sections: ['overview', 'problems'], levels: 'government',
    topics: [
        { name: '工作考核', words: ['考核'] },
        { name: '社会评议', words: ['评议'] },
        { name: '责任追究', words: ['责任追究', '追究', '问责'] },
    ],
    message: '机关层级为「{level}」：各级人民政府的年报应报告政府信息公开工作考核、社会评议和责任追究结果情况（条例第五十条），「{sections}」中没有写到：{missing}',
};

const shared = {
    clauseBreaks: '，,；;。！？!?\\r\\n',
    sentenceBreaks: '。；;！？!?\\r\\n',
    paragraphStart: '[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[、是]|[0-9０-９]+[.、．]|[（(][0-9０-９]+[）)]|第[一二三四五六七八九十]+[、，,是]',
    approximate: '(?:约|近|超过|逾|将近|不足|不到)$',
} as const;

export const proseRules2019: ProseRulesDef = {
    ...shared, facts: [...applicationAndReviewFacts, ...proactive2019], expectations: [governmentAccountability],
};

export const proseRules2021: ProseRulesDef = {
    ...shared, facts: [...applicationAndReviewFacts, ...proactive2021], expectations: [feeStatement, governmentAccountability],
};
