/**
 * The shape of a report format (模板) as data.
 *
 * A template lists the sections, tables, rows and columns of one format with their official
 * labels, and the rules that hold between its cells. The model builder (src/model) and the rule
 * engine (src/rules) read nothing else: adding a format or a provincial variant means adding a
 * TemplateDef, never code.
 */

export type Severity = 'error' | 'warning' | 'info';

/** 数值类型: 非负整数 / 可带符号的整数 (2019 本年增/减) / 金额 (万元). */
export type ValueKind = 'count' | 'signed' | 'amount';

/** A label as the template prints it, plus the other spellings a report may use. */
export interface LabelSpec {
    /** The official label, verbatim. */
    label: string;
    /** A short name used in messages ("自然人", "（七）总计"). Defaults to the label. */
    short?: string;
    /** Shorter spellings accepted silently (they help typing). */
    aliases?: readonly string[];
    /** Spellings seen in real reports: accepted with a warning that names the official label. */
    variants?: readonly string[];
    /** Hover documentation: the official meaning and counting rule (Markdown). */
    doc?: string;
}

export interface ColumnDef extends LabelSpec {
    id: string;
    kind: ValueKind;
    /** Unit printed in the label (万元) — a cell may repeat it; another unit is a finding. */
    unit?: string;
    /** Most decimals allowed for an amount. */
    maxDecimals?: number;
    /** An amount at or above this many units probably was written in 元 (R6). */
    suspiciousFrom?: number;
}

/** A merged header cell above several columns (三: 法人或其他组织 over five columns). */
export interface ColumnGroupDef extends LabelSpec {
    columns: readonly string[];
}

export interface RowDef extends LabelSpec {
    id: string;
    /** Sub-rows. A row with children is a group row: in the file it is a label line. */
    children?: readonly RowDef[];
    /** The group may carry numbers: then they must equal the sum of its children. */
    subtotal?: boolean;
    /**
     * The group may instead be written as one row with numbers and no sub-rows
     * (e.g. 2021 （六）其他处理 written the 2019 way). Reported as a warning, not as missing rows.
     */
    leafAllowed?: boolean;
    /** The row may be left out (provincial extras). */
    optional?: boolean;
}

export interface TableDef {
    id: string;
    /** The table's name in messages when it has no caption (收到和处理政府信息公开申请情况表). */
    title?: string;
    /** Caption line that opens the table (二: 第二十条第（一）项). Tables that are alone in their section have none. */
    caption?: LabelSpec;
    /** What may stand in the header's first cell (信息内容). Empty is always allowed. */
    corner?: readonly LabelSpec[];
    /** A note printed with the table (三: 本列数据的勾稽关系…); optional in the file. */
    note?: LabelSpec;
    /** Header spanning every data column (三: 申请人情况), printed only. */
    spanningHeader?: string;
    columns: readonly ColumnDef[];
    columnGroups?: readonly ColumnGroupDef[];
    rows: readonly RowDef[];
    /** The printed layout transposes the file's rows and columns (四 prints one row of 15 cells). */
    printTransposed?: boolean;
    doc?: string;
}

export interface SectionDef extends LabelSpec {
    id: string;
    /** 一 … 六 */
    numeral: string;
    kind: 'prose' | 'tables';
    tables: readonly TableDef[];
}

/** Addresses one cell: a row id and a column id of a table. */
export interface CellRef {
    row: string;
    column: string;
}

/** What every rule has: a stable code, the rule of docs/domain.md it implements, a severity, a title and a Chinese message. */
export interface RuleBase {
    code: string;
    /** The rule in docs/domain.md (R1 …). */
    domainRule: string;
    severity: Severity;
    title: string;
    /** Chinese message template: {name} placeholders; a [ … ] part is kept only when its placeholders have values. */
    message: string;
}

/**
 * A linear relation between cells of one table, checked for every row (`each: 'row'`: terms are
 * column ids) or for every column (`each: 'column'`: terms are row ids).
 */
export interface LinearRuleDef extends RuleBase {
    kind: 'linear';
    table: string;
    each: 'row' | 'column';
    /** Rows (each row) or columns (each column) to check; default all that the file has. */
    over?: readonly string[];
    lhs: readonly string[];
    op: '=' | '>=' | '<=';
    rhs: readonly string[];
    /** The term a fix would change (its computed value travels in the diagnostic's data). */
    target?: string;
    /**
     * Chinese message. Placeholders: {at} (the row or column checked), {target}, {computed},
     * {reported}, {lhs}, {rhs}, {lhsTerms}, {rhsTerms}. `[ … ]` is kept only when {computed} exists.
     */
    message: string;
}

/** A group row that carries numbers must equal the sum of its children, in every column. */
export interface SubtotalRuleDef extends RuleBase {
    kind: 'subtotal';
    /** Tables to check; default every table. */
    tables?: readonly string[];
}

/**
 * An identity between cells of one row that is suspicious when it holds on *every* row with a
 * non-zero term of the tables named (R11: 处理决定数量 = 上一年项目数量 + 本年增/减 everywhere means
 * the column was filled with item counts, not decisions). The tables are checked together; rows
 * where a term is missing or unreadable are left out. One finding per such row, on `target`.
 */
export interface CoincidenceRuleDef extends RuleBase {
    kind: 'coincidence';
    tables: readonly string[];
    /** Column ids of each row. */
    lhs: readonly string[];
    rhs: readonly string[];
    /** The column probably filled wrongly: the finding goes on its cell. */
    target: string;
    /** Placeholders: {at} (the row), {target}, {reported}, {lhs}, {rhs}, {lhsTerms}, {rhsTerms}, {rows} (how many rows). */
    message: string;
}

/** What a 机关层级 may do or is (boolean fields of LevelDef in levels.ts). */
export type LevelCapability = 'makesRegulations' | 'government';

/**
 * Cells that must be zero unless the agency's 机关层级 has a capability (R12: only levels that make
 * 规章 report 规章). Not checked when the level is not declared or not recognised.
 */
export interface CapabilityRuleDef extends RuleBase {
    kind: 'capability';
    table: string;
    rows: readonly string[];
    /** Columns to check; default every column of the table. */
    columns?: readonly string[];
    capability: LevelCapability;
    /** Placeholders: {level}, {capable} (the levels that have the capability), {row}, {column}, {reported}. */
    message: string;
}

/** A term of a cross-year rule: a row or column id, read from this year's or last year's report. */
export interface YearTerm {
    year: 'this' | 'last';
    id: string;
}

/**
 * A linear relation between this year's report and last year's report of the same 机关 (R14–R17),
 * checked per row (terms are column ids) or per column (terms are row ids) of one table. Both reports
 * are read by the same table, row and column ids; where a term does not exist in one of them (a
 * column the other format does not have) the rule is skipped.
 */
export interface CrossYearRuleDef extends RuleBase {
    kind: 'cross-year';
    table: string;
    each: 'row' | 'column';
    /** Rows (each row) or columns (each column) to check; default all that this year's file has. */
    over?: readonly string[];
    lhs: readonly YearTerm[];
    op: '=' | '>=' | '<=';
    rhs: readonly YearTerm[];
    /** The this-year term the finding goes on (and whose value a fix would change). */
    target: string;
    /**
     * Placeholders: {at}, {target}, {computed}, {reported}, {lhs}, {rhs}, {lhsTerms}, {rhsTerms}, {lastYear},
     * and every term's value as {this_<id>} / {last_<id>}. `[ … ]` is kept only when its placeholders exist.
     */
    message: string;
}

/**
 * Roll-up (汇总): a parent unit's report states, in every value cell of the tables named, the sum of
 * the same cell (table, row and column id) of its children's reports for the same year — counts,
 * 本年增/减 and 金额 alike (金额 summed as decimals). Evaluated over the reports' figures
 * (src/office/rollup.ts), as the cross-year rules are over summaries; the unit registry says who the
 * children are. The finding goes on the parent's cell.
 */
export interface RollupRuleDef extends RuleBase {
    kind: 'rollup';
    tables: readonly string[];
    /**
     * Placeholders: {table}, {row}, {column}, {computed}, {reported}, {count} (children summed),
     * {missing} (children without a report), {blank} (children whose cell is blank or absent).
     */
    message: string;
}

export type RuleDef = LinearRuleDef | SubtotalRuleDef | CoincidenceRuleDef | CapabilityRuleDef | CrossYearRuleDef | RollupRuleDef;

/** Addresses one cell of a table (group rows count as the sum of their sub-rows). */
export interface TableCellRef {
    table: string;
    row: string;
    column: string;
}

/**
 * A phrase in the prose that states something the tables also say (R24), e.g. 「予以公开3件」.
 * The pattern is matched in every clause or sentence of every text block.
 */
export interface ProseFactDef extends RuleBase {
    id: string;
    /** The unit the pattern, `requires` and `excludes` are matched in. */
    scope: 'clause' | 'sentence';
    /**
     * A regular expression source (no flags). Placeholders: {n} a number (digits, or 一 … 九百九十九),
     * {amount} an amount in 万元 (75.926万元), {unit} a counting word (件、条、起 …), {gap} a few characters
     * without digits or clause punctuation.
     * Named groups: `n` the number stated; `at` where the finding goes (default: the number, else the match).
     */
    pattern: string;
    /**
     * Every match contains one of these words: a block of prose without any of them is not searched
     * (a fast pre-filter; it must not change what matches).
     */
    keywords: readonly string[];
    /** The clause or sentence must also match this … */
    requires?: string;
    /** … and must not match this. */
    excludes?: string;
    /** The value the phrase states when it has no number (「未收到申请」 states 0). */
    value?: number;
    /** The cells whose sum the phrase states. None: the phrase itself is the finding (a misnomer). */
    cells?: readonly TableCellRef[];
    /** Other readings of the phrase: when the number equals one of these sums, it is not reported either. */
    alternatives?: readonly (readonly TableCellRef[])[];
    /** For a misnomer: the cells it should have named, shown as related information. */
    see?: readonly TableCellRef[];
    /**
     * Placeholders: {phrase} (the words matched), {stated}, {actual} (the tables' sum),
     * {where} (the cells; with their values when there are several), {nonzero} (the cells that are not 0, with values).
     */
    message: string;
}

/**
 * A topic the prose of some sections is expected to mention (R25: 六 on 信息处理费; 一/五 of a
 * people's government on 工作考核、社会评议和责任追究). One finding, on the last section's heading,
 * naming the topics not mentioned. Not checked when a section is missing or has no prose (they
 * have their own findings).
 */
export interface ProseExpectationDef extends RuleBase {
    id: string;
    /** The sections whose prose is searched together. */
    sections: readonly string[];
    /** Only for agencies whose 机关层级 has this capability (levels.ts). */
    levels?: LevelCapability;
    /** Each topic is mentioned when one of its words occurs. */
    topics: readonly { name: string; words: readonly string[] }[];
    /** One topic mentioned is enough (default: every topic must be). */
    anyTopic?: boolean;
    /** Placeholders: {sections}, {missing} (the topics not mentioned), {level}. */
    message: string;
}

/** The prose checks of a format: the phrases and how prose is cut into clauses and sentences. */
export interface ProseRulesDef {
    facts: readonly ProseFactDef[];
    /** Characters that end a clause / a sentence (a regular expression character class). */
    clauseBreaks: string;
    sentenceBreaks: string;
    /**
     * A line that starts a new paragraph even without a blank line before it (（一）, 一、, 1., 一是 …;
     * a regular expression source, matched at the line's start). Other line breaks inside a sentence
     * are joined before phrases are looked for (prose copied from a PDF wraps lines anywhere).
     */
    paragraphStart?: string;
    /** A number preceded by this (约、近、超过) is not a count to compare. */
    approximate?: string;
    /** Topics sections are expected to mention (R25). */
    expectations?: readonly ProseExpectationDef[];
}

export interface TemplateDef {
    /** Identifier used in 格式：… (2019, 2021, or a variant's id). */
    id: string;
    /** Human name. */
    name: string;
    /** The notice that fixes the format. */
    citation: string;
    /** Other ways to write 格式 (the notice number, …). */
    aliases: readonly string[];
    /** Report years this format applies to. */
    years: { from: number; to?: number };
    /**
     * Years for which the format was only recommended (2019: 可参照): structural deviations and
     * the format/year check are reported as information there.
     */
    lenientYears?: readonly number[];
    /** The template this one varies (a provincial variant of a national format). */
    basedOn?: string;
    /**
     * Labels followed by a parenthesised explanation (湖北: 规章(设区的市…)): 'accept' them as the
     * label, or 'warn' (the default) that the official label has no explanation.
     */
    labelAnnotations?: 'accept' | 'warn';
    sections: readonly SectionDef[];
    rules: readonly RuleDef[];
    /** Numbers and claims in the prose compared with the tables (R24). */
    prose?: ProseRulesDef;
}
