/**
 * Every finding xxgk reports that is not a template rule: structure, metadata and cell values.
 * Each has a stable code, the rule of docs/domain.md it implements, a default severity and a
 * Chinese message template ({name} placeholders; a [ … ] part only when its placeholders exist).
 *
 * `lenient`: the check is about following the format; in a format's lenient years (2019: 可参照)
 * it is reported as information only.
 */
import type { Severity } from '../templates/types.js';

export interface CatalogEntry {
    code: string;
    domainRule?: string;
    severity: Severity;
    lenient?: boolean;
    /** Found after the report's own check, against other reports or the unit registry (src/office): a suppression of it is not "unused" in the report's own check. */
    later?: boolean;
    title: string;
    message: string;
}

const entries = [
    // --- metadata (R19, R20)
    { code: 'xxgk/meta-missing', severity: 'error', title: '缺少必填元数据', message: '缺少元数据「{key}」[，{hint}]' },
    { code: 'xxgk/meta-recommended', severity: 'warning', title: '缺少建议填写的元数据', message: '缺少元数据「{key}」[，{hint}]' },
    { code: 'xxgk/meta-invalid', severity: 'error', title: '元数据无法识别', message: '{key}「{text}」无法识别：{hint}' },
    { code: 'xxgk/meta-duplicate', severity: 'error', title: '元数据重复', message: '元数据「{key}」重复（第一次在第 {line} 行）' },
    { code: 'xxgk/meta-unknown', severity: 'error', title: '未知元数据项', message: '未知的元数据项「{text}」；可用的有：{keys}' },
    { code: 'xxgk/meta-colon', severity: 'error', title: '元数据缺少冒号', message: '元数据「{key}」后应写冒号，例如「{key}：{example}」' },
    { code: 'xxgk/format-year', domainRule: 'R19', severity: 'error', lenient: true, title: '格式与年度不符', message: '{year} 年度报告应使用 {expected}，本报告声明的是 {actual}' },
    { code: 'xxgk/period', domainRule: 'R20', severity: 'warning', title: '统计期限与年度不符', message: '统计期限应为 {year}-01-01 至 {year}-12-31，实际为「{text}」' },
    { code: 'xxgk/published-late', domainRule: 'R21', severity: 'warning', title: '发布日期晚于发布期限', message: '发布日期 {date} 晚于发布期限 {deadline}（{basis}）' },
    { code: 'xxgk/published-early', domainRule: 'R21', severity: 'warning', title: '发布日期早于年度结束', message: '发布日期 {date} 不在 {year} 年度结束之后；年度报告应在次年发布' },
    { code: 'xxgk/published-missing', domainRule: 'R21', severity: 'info', title: '缺少发布日期', message: '缺少元数据「发布日期」，无法核对发布期限（{deadline} 前；{basis}）' },
    { code: 'xxgk/title-year', domainRule: 'R20', severity: 'warning', title: '标题年份与年度不符', message: '标题中的年份 {titleYear} 与年度 {year} 不一致' },

    // --- document structure (R22, R23)
    { code: 'xxgk/section-missing', domainRule: 'R22', severity: 'error', lenient: true, title: '缺少部分', message: '缺少第{numeral}部分「{label}」' },
    { code: 'xxgk/section-heading-missing', domainRule: 'R22', severity: 'warning', lenient: true, title: '缺少部分标题', message: '缺少第{numeral}部分的标题「{label}」；以下各行按该部分读取' },
    { code: 'xxgk/section-empty', domainRule: 'R22', severity: 'warning', title: '部分没有内容', message: '「{label}」没有内容[：{hint}]' },
    { code: 'xxgk/section-duplicate', domainRule: 'R22', severity: 'error', title: '部分重复', message: '「{label}」重复出现（第一次在第 {line} 行）' },
    { code: 'xxgk/section-order', domainRule: 'R22', severity: 'warning', lenient: true, title: '部分顺序不对', message: '「{label}」应在「{before}」之前' },
    { code: 'xxgk/section-unknown', domainRule: 'R22', severity: 'error', lenient: true, title: '未知的部分标题', message: '「{text}」不是本格式的部分标题[；是否要写「{suggestion}」？]' },
    { code: 'xxgk/table-missing', domainRule: 'R22', severity: 'error', lenient: true, title: '缺少表格', message: '「{section}」缺少表格「{table}」' },
    { code: 'xxgk/table-duplicate', domainRule: 'R22', severity: 'error', title: '表格重复', message: '表格「{table}」重复出现（第一次在第 {line} 行）' },
    { code: 'xxgk/table-empty', domainRule: 'R22', severity: 'warning', title: '表格未填写', message: '表格「{table}」没有填写任何数字（{cells} 格）；空格按 0 计' },
    { code: 'xxgk/caption-missing', domainRule: 'R23', severity: 'warning', lenient: true, title: '表格缺少标题行', message: '这张表缺少标题行「{caption}」' },
    { code: 'xxgk/header-missing', domainRule: 'R23', severity: 'warning', lenient: true, title: '表格缺少表头行', message: '表格「{table}」缺少表头行，按模板列序读取：{columns}' },
    { code: 'xxgk/header-duplicate', domainRule: 'R23', severity: 'error', title: '表头行重复', message: '表格「{table}」的表头行重复（第一次在第 {line} 行）' },
    { code: 'xxgk/row-missing', domainRule: 'R23', severity: 'error', lenient: true, title: '缺少行', message: '表格「{table}」缺少「{label}」行' },
    { code: 'xxgk/group-missing', domainRule: 'R23', severity: 'warning', lenient: true, title: '缺少分组行', message: '表格「{table}」缺少分组行「{label}」' },
    { code: 'xxgk/group-as-leaf', domainRule: 'R23', severity: 'warning', lenient: true, title: '分组写成了一行', message: '按 {format}，「{label}」应分为 {count} 个子项（{children}）；此处按一行读取' },
    { code: 'xxgk/group-values', domainRule: 'R23', severity: 'error', title: '分组行不填数字', message: '「{label}」是分组行，不填数字；请填在其下各项中[（本行的数字未参与核对：{dropped}）]' },
    { code: 'xxgk/row-unknown', domainRule: 'R23', severity: 'error', lenient: true, title: '未知的行', message: '「{text}」不是表格「{table}」的行[；是否要写「{suggestion}」？][（该行属于 {otherFormat}）][；本行的数字未参与核对：{dropped}]' },
    { code: 'xxgk/row-duplicate', domainRule: 'R23', severity: 'error', title: '行重复', message: '「{label}」重复出现（第一次在第 {line} 行）；本行不参与核对[：{dropped}]' },
    { code: 'xxgk/row-order', domainRule: 'R23', severity: 'warning', lenient: true, title: '行顺序不对', message: '「{label}」应在「{before}」之前' },
    { code: 'xxgk/column-missing', domainRule: 'R23', severity: 'error', lenient: true, title: '缺少列', message: '表格「{table}」的表头缺少「{label}」列' },
    { code: 'xxgk/column-unknown', domainRule: 'R23', severity: 'error', lenient: true, title: '未知的列', message: '「{text}」不是表格「{table}」的列[；是否要写「{suggestion}」？][（该列属于 {otherFormat}）][；本列的数字未参与核对：{dropped}]' },
    { code: 'xxgk/column-group', domainRule: 'R23', severity: 'error', title: '表头写了分组名', message: '「{label}」是分组表头，不单独成列；请分别写出：{columns}[；本列的数字未参与核对：{dropped}]' },
    { code: 'xxgk/column-duplicate', domainRule: 'R23', severity: 'error', title: '列重复', message: '「{label}」列重复；本列不参与核对[：{dropped}]' },
    { code: 'xxgk/column-order', domainRule: 'R23', severity: 'warning', lenient: true, title: '列顺序不对', message: '「{label}」列应在「{before}」列之前' },
    { code: 'xxgk/cell-extra', domainRule: 'R23', severity: 'error', title: '多余的单元格', message: '多余的单元格「{text}」：表头只有 {count} 列' },
    { code: 'xxgk/label-variant', severity: 'warning', title: '非标准写法', message: '「{text}」应写作「{label}」' },
    { code: 'xxgk/line-unknown', severity: 'error', title: '无法识别的行', message: '无法识别「{text}」[；是否要写「{suggestion}」？][；本行的数字未参与核对：{dropped}]' },
    { code: 'xxgk/prose-outside', severity: 'error', title: '正文不在文本块中', message: '正文要写在文本块中：另起一行写 """，写完正文再另起一行写 """' },
    { code: 'xxgk/text-unclosed', severity: 'error', title: '文本块没有结束', message: '文本块从这里开始，但没有结束的 """；之后的内容都被当作正文' },
    { code: 'xxgk/table-outside', severity: 'error', title: '表格行不在表格部分中', message: '表格行「{text}」不在二、三、四部分的表格中' },

    { code: 'xxgk/syntax', severity: 'error', title: '语法错误', message: '语法错误：[无法识别的字符{chars}][此处不应出现{token}][文件在此处意外结束{end}]' },

    // --- cell values (R5, R6, R7)
    { code: 'xxgk/value-kind', domainRule: 'R5', severity: 'error', title: '数值类型不符', message: '{column}应为{kind}，实际为「{text}」[，超出可核对的范围（最大 {limit}）]' },
    { code: 'xxgk/amount-unit', domainRule: 'R6', severity: 'warning', title: '金额单位', message: '{column}以万元为单位[，「{text}」合 {converted} 万元][；{hint}]' },
    { code: 'xxgk/amount-decimals', domainRule: 'R6', severity: 'warning', title: '金额小数位数', message: '{column}最多保留 {max} 位小数，「{text}」有 {decimals} 位' },
    { code: 'xxgk/value-suffix', domainRule: 'R5', severity: 'warning', title: '单元格带了计量单位', message: '{column}只填数字：「{text}」按 {value} 计（单位「{word}」由表格规定）' },
    // One finding per row, listing its blank cells (blankPhrases); a blank whose value the rules determine says that value.
    { code: 'xxgk/blank-cell', domainRule: 'R7', severity: 'warning', title: '空单元格', message: '「{row}」{parts}' },

    // --- suppression comments (src/rules/suppress.ts)
    { code: 'xxgk/unused-suppression', severity: 'warning', title: '没有起作用的忽略注释', message: '「{directive}」[中的 {codes} ]没有忽略任何问题[：{hint}]' },
    { code: 'xxgk/suppression-code', severity: 'error', title: '忽略注释中的规则代码无法识别', message: '{problem}；可写规则代码（如 xxgk/row-total）或规则编号（如 R7）' },

    // --- the unit registry file (单位名单, src/office/registry.ts); {row} is the row Excel shows
    { code: 'xxgk/registry-unreadable', severity: 'error', title: '单位名单无法读取', message: '无法读取单位名单：{reason}' },
    { code: 'xxgk/registry-header', severity: 'error', title: '单位名单缺少列', message: '单位名单缺少「{column}」列；前几行中没有找到同时含「编号」和「名称」的表头行[（第 {row} 行是：{found}）]' },
    { code: 'xxgk/registry-missing', severity: 'error', title: '单位名单缺少必填项', message: '第 {row} 行：缺少{column}；本行未读入' },
    { code: 'xxgk/registry-value', severity: 'error', title: '单位名单的值无法识别', message: '第 {row} 行：{column}「{text}」无法识别：{hint}' },
    { code: 'xxgk/registry-duplicate', severity: 'error', title: '单位编号重复', message: '第 {row} 行：编号「{id}」重复（第一次在第 {first} 行）；本行未读入' },
    { code: 'xxgk/registry-parent', severity: 'error', title: '上级编号不在名单中', message: '第 {row} 行：上级编号「{parent}」不在单位名单中[；是否要写「{suggestion}」？]；本单位暂按没有上级处理' },
    { code: 'xxgk/registry-cycle', severity: 'error', title: '上级关系成环', message: '第 {row} 行：上级关系成环：{chain}；本单位暂按没有上级处理' },
    { code: 'xxgk/registry-years', severity: 'error', title: '起止年度颠倒', message: '第 {row} 行：起始年度 {from} 晚于终止年度 {to}' },
    { code: 'xxgk/registry-name-shared', severity: 'warning', title: '名称不能区分单位', message: '第 {row} 行：「{name}」也是第 {otherRow} 行单位（编号 {otherId}）的名称或别名，{when}两者都在名单中；这两个单位的报告须写「单位编号：」才能区分' },
    { code: 'xxgk/registry-empty', severity: 'warning', title: '单位名单没有单位', message: '单位名单中没有单位[（表头在第 {row} 行）]' },

    // --- reports against the unit registry (src/office/checks.ts)
    { code: 'xxgk/unit-unmatched', later: true, severity: 'warning', title: '机关不在单位名单中', message: '机关「{agency}」不在单位名单中[；相近的有：{candidates}]；如是名单中的单位，请在名单中加别名，或在报告中写「单位编号：」' },
    { code: 'xxgk/unit-ambiguous', later: true, severity: 'warning', title: '机关对应多个单位', message: '机关「{agency}」对应单位名单中的 {count} 个单位：{candidates}；请写「单位编号：」指明是哪一个' },
    { code: 'xxgk/unit-id-unknown', later: true, severity: 'error', title: '单位编号不在名单中', message: '单位编号「{id}」不在单位名单中[；是否要写「{suggestion}」？]' },
    { code: 'xxgk/unit-id-name', later: true, severity: 'warning', title: '单位编号与机关不符', message: '单位编号「{id}」在单位名单中是「{name}」，而机关写的是「{agency}」，也不是它的别名' },
    { code: 'xxgk/unit-inactive', later: true, severity: 'warning', title: '单位当年不在名单中', message: '「{name}」（编号 {id}）{when}，{year} 年度不在单位名单中' },
    { code: 'xxgk/unit-duplicate', later: true, severity: 'warning', title: '同一单位同一年度有两份报告', message: '「{name}」（编号 {id}）的 {year} 年度报告不止一份，另一份是 {other}；报送情况按「{chosen}」计' },
    { code: 'xxgk/content-similar', later: true, severity: 'info', title: '正文与上年雷同', message: '正文与本单位 {lastYear} 年度报告的相似度为 {percent}%（不低于 {threshold}%），内容可能雷同（{lastSource}）' },
    { code: 'xxgk/tables-identical', severity: 'info', title: '各表数字与上年相同', message: '二、三、四部分各表的数字与本单位 {lastYear} 年度报告完全相同（{lastSource}）' },

    // --- the tool itself
    { code: 'xxgk/too-large', severity: 'error', title: '报告过大，未检查', message: '本报告有 {size} MB，超过 {limit} MB 的上限（与读取文件的上限相同），不解析也不检查，预览、导出和编辑辅助功能暂不可用；文本保持原样，删减到 {limit} MB 以下后即恢复检查' },
    { code: 'xxgk/too-many-findings', severity: 'warning', title: '问题过多', message: '本报告共有 {total} 条问题，编辑器只列出其中 {shown} 条（错误在先）；全部问题请用命令行 xxgk check 查看' },
    { code: 'xxgk/internal', severity: 'error', title: '内部错误', message: '{stage}本报告时出现内部错误，部分检查没有完成；其他报告不受影响。详情见输出面板「xxgk」的日志，请把本报告反馈给开发者' },
] as const satisfies readonly CatalogEntry[];

/** How a cell that states no number is described: 为空, 写作「-」, 未填写 (missing at the end of its row). */
export function placeholderPhrase(cell: { state: string; text: string }): string {
    return cell.state === 'blank' ? '为空' : cell.state === 'missing' ? '未填写' : `写作「${cell.text}」`;
}

/** A rule term whose cell states no number, as a value in a message. */
export const valuePhrases = {
    blank: '{value}（此格{cell}）',
    inferred: '{value}（此格{cell}，按「{rule}」推算）',
} as const;

/** The parts of a blank-cell finding (joined with ；). */
export const blankPhrases = {
    /** Cells counted as 0: {cells} = 商业企业、科研机构为空，规章写作「-」 … */
    zeros: '{cells}，按 0 计',
    /** A cell whose value the rules determine. */
    inferred: '{column}{cell}，按「{rule}」应为 {computed}',
    missing: '缺少 {count} 格（{columns}）',
    noCells: '没有填写数字',
} as const;

export type CatalogCode = (typeof entries)[number]['code'];

export const catalog: ReadonlyMap<string, CatalogEntry> = new Map(entries.map(e => [e.code, e]));

export function catalogEntry(code: CatalogCode): CatalogEntry {
    return catalog.get(code)!;
}
