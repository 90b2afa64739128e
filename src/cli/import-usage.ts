/** The usage line of `xxgk import` (apart from import.ts, so that `xxgk --help` does not load the readers). */
export const IMPORT_USAGE = `  xxgk import <文件或目录>… [-o 目录] [--labels printed|official] [--json] [--check] [--force] [--jobs N]
                                                                 把已发布的年报（网页、Word、Excel、文本）导入为 .xxgk，旁边写出；附导入报告`;
