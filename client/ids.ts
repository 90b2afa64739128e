import { SumMethods } from '../src/office/sum-protocol.js';

/** The ids the manifest (package.json) and the client share: commands, the preview's view type, the status view. */
export const commandIds = {
    showPreview: 'xxgk.showPreview',
    showPreviewToSide: 'xxgk.showPreviewToSide',
    showSource: 'xxgk.showSource',
    export: 'xxgk.export',
    newFromLastYear: 'xxgk.newFromLastYear',
    compare: 'xxgk.compareWithLastYear',
    exportComparison: 'xxgk.exportComparison',
    statusRefresh: 'xxgk.status.refresh',
    statusChooseYear: 'xxgk.status.chooseYear',
    statusAsOf: 'xxgk.status.asOf',
    statusExport: 'xxgk.status.export',
    registryInit: 'xxgk.registry.init',
    importReport: 'xxgk.importReport',
    sumReport: SumMethods.command,
} as const;

/** The 「年报报送情况」 tree view (contributed to the Explorer). */
export const STATUS_VIEW_ID = 'xxgk.status';

export const PREVIEW_VIEW_TYPE = 'xxgk.preview';
export const COMPARE_VIEW_TYPE = 'xxgk.compare';
