/** The ids the manifest (package.json) and the client share: commands and the preview's view type. */
export const commandIds = {
    showPreview: 'xxgk.showPreview',
    showPreviewToSide: 'xxgk.showPreviewToSide',
    showSource: 'xxgk.showSource',
    export: 'xxgk.export',
    newFromLastYear: 'xxgk.newFromLastYear',
    compare: 'xxgk.compareWithLastYear',
    exportComparison: 'xxgk.exportComparison',
    importReport: 'xxgk.importReport',
} as const;

export const PREVIEW_VIEW_TYPE = 'xxgk.preview';
export const COMPARE_VIEW_TYPE = 'xxgk.compare';
