/**
 * R24 as data: phrases in the prose that state what the tables also say, shared by both national
 * formats (tables 三 and 四 are the same in both). Each phrase maps to the table cells whose sum it
 * states; src/rules/prose.ts is the generic evaluator.
 *
 * Order matters: a number (or, without a number, the words marked `at`) is compared by the first
 * phrase that matches it, so the combined phrases (予以公开及部分公开 N 件) come before the single ones.
 *
 * Real-world trap (docs/domain.md R24): prose sometimes calls the 「不掌握」 cases 「不予公开」,
 * but they belong to （四）无法提供. Such a clause is reported as a misnomer and its number is not
 * compared with （三）不予公开.
 */
import type { ProseFactDef, ProseRulesDef, TableCellRef } from './types.js';

const cell = (table: string, row: string, column: string): TableCellRef => ({ table, row, column });
const applications = (row: string) => cell('applications', row, 'total');
const review = (row: string, column = 'total') => cell('review', row, column);

/** A prose number of an application count or a review/litigation count differs from the tables. */
const count = {
    code: 'xxgk/prose-count', domainRule: 'R24', severity: 'warning', title: '正文数字与表格不符',
    message: '正文写「{phrase}」，与表格不符：{where} = {actual}',
} as const;

/** A phrase that states a count is 0 (未收到…申请), while the tables say otherwise. */
const none = {
    ...count,
    message: '正文写「{phrase}」，但表格中{where} = {actual}',
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
const RECEIVE = '(?:新收|收到|受理|接收|接到)';
const LONG_GAP = '[^，,；;。！？!?\\r\\n0-9０-９]{0,24}?';

const facts: readonly ProseFactDef[] = [
    // --- 三、收到和处理政府信息公开申请
    {
        ...count, id: 'received-with-carried', keywords: ['申请'], scope: 'clause',
        pattern: `${RECEIVE}[^，,；;。！？!?\\r\\n0-9０-９]{0,16}?申请(?!人){gap}{n}{unit}`, requires: '(?:含|包括|包含)上年结转',
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
        ...count, id: 'carried-in', keywords: ['上年结转'], scope: 'clause',
        pattern: '上年结转{gap}{n}{unit}', cells: [applications('carriedIn')],
    },
    {
        ...count, id: 'carried-over', keywords: ['结转'], scope: 'clause',
        pattern: '结转(?:下一?年度?|至?下一?年){gap}{n}{unit}', cells: [applications('carriedOver')],
    },
    {
        ...count, id: 'concluded', keywords: ['办结'], scope: 'clause', excludes: '上年结转',
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
        ...none, id: 'review-none', keywords: ['行政复议'], scope: 'clause', excludes: A_COUNT,
        pattern: `未(?:发生|收到|出现|接到|产生|有)${LONG_GAP}行政复议`, cells: [review('adminReview')],
    },
    {
        ...none, id: 'litigation-none', keywords: ['行政诉讼'], scope: 'clause', excludes: A_COUNT,
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

export const proseRules: ProseRulesDef = {
    facts,
    clauseBreaks: '，,；;。！？!?\\r\\n',
    sentenceBreaks: '。；;！？!?\\r\\n',
    approximate: '(?:约|近|超过|逾|将近|不足|不到)$',
};
