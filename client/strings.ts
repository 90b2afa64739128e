/**
 * Every word the VS Code side shows: one place, localised with `vscode.l10n` (English keys here,
 * translations in l10n/bundle.l10n.zh-cn.json; tests/l10n.test.ts checks that every key has one).
 * Getters, so each text is looked up when shown.
 */
import { l10n } from 'vscode';
import type { PreviewUiStrings } from '../src/render/strings.js';

export const clientStrings = {
    previewTitle: (name: string) => l10n.t('Preview: {0}', name),
    get noReport() { return l10n.t('Open an .xxgk report first'); },
    get loading() { return l10n.t('Generating the preview…'); },
    previewFailed: (message: string) => l10n.t('Could not generate the preview: {0}', message),
    /** The preview's summary bar; the report below it stays Chinese. */
    get previewUi(): PreviewUiStrings {
        return {
            severity: { error: l10n.t('Errors'), warning: l10n.t('Warnings'), info: l10n.t('Infos') },
            clean: l10n.t('No problems found'),
            goToFirst: l10n.t('Go to First Problem'),
            exportButton: l10n.t('Export…'),
            unplacedSummary: (n: number) => l10n.t('{0} more problems are not shown in the report', n),
            pending: l10n.t('Updating…'),
        };
    },
    get exportPick() { return l10n.t('Choose the export format'); },
    get formats() {
        return {
            html: { label: 'HTML', description: l10n.t('A single web page with its styles inside, ready to print on A4') },
            docx: { label: l10n.t('Word (DOCX)'), description: l10n.t('Laid out as an official document, still editable') },
            xlsx: { label: l10n.t('Excel (XLSX)'), description: l10n.t('One worksheet per table, totals as formulas') },
            pdf: { label: 'PDF', description: l10n.t('Embeds a Chinese font from this computer; the text can be copied') },
        };
    },
    get saveLabel() { return l10n.t('Export'); },
    hasErrors: (errors: number) => l10n.t('This report still has {0} errors. Export it anyway?', errors),
    get hasErrorsDetail() { return l10n.t('The exported file will contain these errors as they are.'); },
    get exportAnyway() { return l10n.t('Export Anyway'); },
    exported: (path: string) => l10n.t('Exported: {0}', path),
    get open() { return l10n.t('Open'); },
    get reveal() { return l10n.t('Reveal in Folder'); },
    exportFailed: (message: string) => l10n.t('Export failed: {0}', message),
    get prosePick() { return l10n.t("Last year's text"); },
    get proseKeep() { return l10n.t("Keep last year's text as comments"); },
    get proseKeepDetail() { return l10n.t('A guide above each section; it is not part of the new report'); },
    get proseDrop() { return l10n.t("Leave last year's text out"); },
    get proseDropDetail() { return l10n.t('Every section starts empty'); },
    get reportFilter() { return l10n.t('Annual report'); },
    get nextYearSave() { return l10n.t('Create'); },
    nextYearFailed: (message: string) => l10n.t('Could not create the report: {0}', message),
    nextYearWritten: (year: number) => l10n.t('Created the {0} report: the comments at its top say what was carried over from last year.', year),
    get sumUnitPrompt() { return l10n.t('The 编号 of the parent unit in the unit registry'); },
    sumFailed: (message: string) => l10n.t('Could not create the roll-up report: {0}', message),
    sumWritten: (year: number, included: number, missing: number) =>
        l10n.t('Created the {0} roll-up report from {1} reports ({2} units have not filed); its text is left for you to write.', year, included, missing),
    compareTitle: (name: string) => l10n.t('Compared with Last Year: {0}', name),
    compareFailed: (message: string) => l10n.t('Could not compare with last year: {0}', message),
    get compareUi() {
        return {
            exportButton: l10n.t('Export…'),
            years: (last: string, current: string) => l10n.t('{0} → {1}', last, current),
        };
    },
    get importPick() { return l10n.t('Choose a published report to import'); },
    get importLabel() { return l10n.t('Import'); },
    get importFilter() { return l10n.t('Published reports'); },
    importFailed: (message: string) => l10n.t('Import failed: {0}', message),
    importExists: (name: string) => l10n.t('{0} already exists. Replace it with the imported report?', name),
    get replace() { return l10n.t('Replace'); },
    imported: (name: string, read: number, total: number, unreadable: number) =>
        l10n.t('Imported {0}: {1} of {2} cells read, {3} unreadable (see the import report)', name, read, total, unreadable),
    get importChannel() { return l10n.t('xxgk Import'); },

    // The filing status view (年报报送情况); the statuses themselves are the server's Chinese labels.
    statusDescription: (year: number, required: number, missing: number, late: number, asOf?: string) => asOf
        ? l10n.t('{0}: {1} to file, {2} missing, {3} late (as of {4})', year, required, missing, late, asOf)
        : l10n.t('{0}: {1} to file, {2} missing, {3} late', year, required, missing, late),
    statusBadge: (missing: number, late: number) => l10n.t('{0} units have not filed, {1} filed late', missing, late),
    registryErrors: (n: number) => l10n.t('The unit registry has {0} errors (see the Problems panel)', n),
    get noReports() { return l10n.t('No reports with a year in this workspace yet'); },
    unmatchedGroup: (n: number) => l10n.t('Reports of no unit in the registry ({0})', n),
    candidates: (names: string) => l10n.t('close: {0}', names),
    errorCount: (n: number) => l10n.t('{0} errors', n),
    get similar() { return l10n.t('same as last year'); },
    childrenFiled: (filed: number, required: number) => l10n.t('{0}/{1} units below filed', filed, required),
    get deadline() { return l10n.t('Deadline'); },
    get published() { return l10n.t('Published'); },
    problems: (errors: number, warnings: number) => l10n.t('{0} errors, {1} warnings', errors, warnings),
    get openReport() { return l10n.t('Open Report'); },
    get chooseYear() { return l10n.t('Choose the year of the reports'); },
    get asOfPrompt() { return l10n.t('Show the status on this day (empty: all reports)'); },
    get asOfInvalid() { return l10n.t('Write a date as YYYY-MM-DD'); },
    get statusFormats() {
        return { xlsx: l10n.t('Excel (XLSX)'), html: 'HTML', json: 'JSON', text: l10n.t('Text') };
    },
    registryDrafted: (n: number) => l10n.t('Drafted 单位名单.csv with {0} units: check names, aliases, parents and years', n),
};
