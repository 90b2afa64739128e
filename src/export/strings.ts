/** Every message the exporters show: one place, so they can be localised. */
import { cellNotes } from '../util/cell-notes.js';
export const exportStrings = {
    noFont: '未找到可用的中文字体，无法导出 PDF。请安装中文字体（例如 Debian/Ubuntu 上的 fonts-noto-cjk），' +
        '或用设置 xxgk.export.fontPath（命令行 --font）指定一个字体文件（.ttf、.otf 或 .ttc）。',
    fontPathMissing: (path: string) => `字体文件不存在：${path}（见设置 xxgk.export.fontPath 或命令行 --font）`,
    fontUnreadable: (path: string, reason: string) => `无法读取字体文件 ${path}：${reason}`,
    fontNotAFile: (path: string) => `字体 ${path} 不是普通文件（目录、命名管道或设备文件），未读取`,
    fontTooLarge: (path: string, size: string, limit: number) => `字体文件 ${path} 过大（${size} MB），超过 ${limit} MB 的上限，未读取`,
    fontNoCjk: (path: string) => `字体 ${path} 不含中文字形，不能用于导出 PDF`,
    roleNames: { title: '标题', heading: '一级标题', subheading: '二级标题', body: '正文', table: '表格' },
    fontsUsed: (list: string, source: 'system' | 'setting' | 'fallback') => `字体：${list}` + {
        system: '（本机字体）',
        setting: '（设置 xxgk.export.fontPath 或 --font 指定）',
        fallback: '（本机未找到中文字体，使用随 xxgk 安装的 Noto Serif SC；可用 xxgk.export.fontPath 或 --font 另选）',
    }[source],
    wouldOverwriteSource: (path: string) => `导出文件 ${path} 就是年报源文件；为免覆盖已写的内容，未做任何修改`,
    wouldWriteReport: (path: string) => `导出文件 ${path} 的扩展名是 .xxgk；为免覆盖年报，请换一个文件名`,
    cannotWrite: (path: string, reason: string) => `无法写入 ${path}（${reason}）`,
    unknownFormat: (format: string) => `未知的导出格式「${format}」；可用：html、docx、xlsx、pdf`,
    checksSheet: '核对',
    checksHeader: ['规则', '核对对象', '左边', '关系', '右边', '是否成立'],
    checkHolds: '成立',
    checkFails: '不成立',
    ...cellNotes,
    /** Around the page number in the footer: 「— 1 —」. */
    pageNumberAround: ['— ', ' —'] as const,
    formatNames: { html: 'HTML 网页', docx: 'Word 文档（DOCX）', xlsx: 'Excel 表格（XLSX）', pdf: 'PDF 文档' },
} as const;
