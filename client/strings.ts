/** Every word the VS Code side shows: one place, so it can be localised. */
export const clientStrings = {
    previewTitle: (name: string) => `预览：${name}`,
    noReport: '请先打开一份 .xxgk 年报',
    loading: '正在生成预览…',
    previewFailed: (message: string) => `无法生成预览：${message}`,
    exportPick: '选择导出格式',
    formats: {
        html: { label: 'HTML', description: '单个网页文件，样式内嵌，可直接打印为 A4' },
        docx: { label: 'Word（DOCX）', description: '按公文格式排版，可继续编辑' },
        xlsx: { label: 'Excel（XLSX）', description: '每张表一个工作表，合计为公式' },
        pdf: { label: 'PDF', description: '嵌入本机中文字体，文字可复制' },
    },
    saveLabel: '导出',
    hasErrors: (errors: number) => `这份年报还有 ${errors} 个错误，仍要导出吗？`,
    hasErrorsDetail: '导出的文件会照原样包含这些错误。',
    exportAnyway: '仍然导出',
    exported: (path: string) => `已导出：${path}`,
    open: '打开',
    reveal: '在文件夹中显示',
    exportFailed: (message: string) => `导出失败：${message}`,
} as const;
