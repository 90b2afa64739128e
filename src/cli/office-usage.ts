/** The usage lines of `xxgk status` and `xxgk units` (kept apart from their code, which loads only when needed). */
export const OFFICE_USAGE = `  xxgk status --year 年度 [--registry 单位名单] [--as-of 日期] [--format text|json|html|xlsx] [-o 文件]
              [--similarity 90] [--jobs N] <目录>…                各单位的报送情况（单位名单默认取目录下的 单位名单.csv/.xlsx）
  xxgk units init <目录> [-o 单位名单.csv] [--force]               按目录中的年报生成单位名单草稿`;
