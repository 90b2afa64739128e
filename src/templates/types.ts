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

/**
 * A linear relation between cells of one table, checked for every row (`each: 'row'`: terms are
 * column ids) or for every column (`each: 'column'`: terms are row ids).
 */
export interface LinearRuleDef {
    kind: 'linear';
    code: string;
    /** The rule in docs/domain.md (R1 …). */
    domainRule: string;
    severity: Severity;
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
    title: string;
}

/** A group row that carries numbers must equal the sum of its children, in every column. */
export interface SubtotalRuleDef {
    kind: 'subtotal';
    code: string;
    domainRule: string;
    severity: Severity;
    /** Tables to check; default every table. */
    tables?: readonly string[];
    message: string;
    title: string;
}

export type RuleDef = LinearRuleDef | SubtotalRuleDef;

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
}
