/** The usage lines of `xxgk export` (kept apart from the export code, which loads only when needed). */
export const EXPORT_USAGE = `  xxgk export <文件> --format html|docx|xlsx|pdf [-o 输出文件或目录] [--strict] [--font 字体文件]
                                                                 导出年报（有错误时照常导出并警告；--strict 则不导出）`;
