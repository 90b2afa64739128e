/**
 * Every word the renderer prints that is not the user's: one place, so it can be localised.
 */
export const renderStrings = {
    periodLine: (from: string, to: string) => `统计期限：${from}至${to}`,
    periodAsWritten: (text: string) => `统计期限：${text}`,
    date: (year: number, month: number, day: number) => `${year}年${month}月${day}日`,
    subtotal: '小计',
    severity: { error: '错误', warning: '警告', info: '提示' } as const,
    counts: (errors: number, warnings: number, infos: number) => `错误 ${errors} · 警告 ${warnings} · 提示 ${infos}`,
    clean: '未发现问题',
    goToFirst: '定位第一个问题',
    exportButton: '导出…',
    unplacedSummary: (n: number) => `另有 ${n} 条问题不在正文中显示`,
    computed: (value: string) => `应为 ${value}`,
    formatLine: (name: string, citation: string) => `${name}（${citation}）`,
    previewTitle: (title: string) => `预览：${title}`,
} as const;
