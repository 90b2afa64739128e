/** The ids the manifest (package.json) and the client share: commands and the preview's view type. */
export const commandIds = {
    showPreview: 'xxgk.showPreview',
    showPreviewToSide: 'xxgk.showPreviewToSide',
    showSource: 'xxgk.showSource',
    export: 'xxgk.export',
    importReport: 'xxgk.importReport',
} as const;

export const PREVIEW_VIEW_TYPE = 'xxgk.preview';
