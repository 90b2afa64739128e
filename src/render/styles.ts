/**
 * The stylesheet of the printed report (screen and A4 print), shared by the preview and the HTML
 * export, plus what only the preview shows (marks on failing cells, the summary bar).
 */
import { bodyLineSpacing, cssStack, faces, page } from './typography.js';

export const reportCss = `
.xxgk-page { box-sizing: border-box; max-width: ${page.width}mm; margin: 0 auto; padding: 12mm 14mm 16mm;
  background: #fff; color: #000; font-family: ${cssStack('body')}; font-size: ${faces.body.size}pt; line-height: 1.8; }
.xxgk-title { font-family: ${cssStack('title')}; font-size: ${faces.title.size}pt; font-weight: 700; font-synthesis: none;
  text-align: center; line-height: 1.4; margin: 0 0 0.6em; }
.xxgk-period { font-family: ${cssStack('subheading')}; text-align: center; margin: 0 0 1.2em; }
.xxgk-page h2 { font-family: ${cssStack('heading')}; font-size: ${faces.heading.size}pt; font-weight: normal; margin: 0.8em 0 0.3em;
  text-indent: 2em; line-height: 1.8; }
.xxgk-page p { margin: 0; text-indent: 2em; text-align: justify; }
.xxgk-lead { font-family: ${cssStack('subheading')}; }
.xxgk-table-wrap { overflow-x: auto; margin: 0.4em 0 1em; }
.xxgk-table { border-collapse: collapse; width: 100%; font-family: ${cssStack('table')}; font-size: ${faces.table.size}pt;
  line-height: 1.35; text-indent: 0; }
.xxgk-table th, .xxgk-table td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
.xxgk-table th { font-weight: normal; text-align: center; }
.xxgk-table .caption { font-weight: 700; background: #f2f2f2; text-align: center; }
.xxgk-table .corner { text-align: center; }
.xxgk-table td.label { text-align: left; }
.xxgk-table td.value { text-align: center; min-width: 2.5em; white-space: nowrap; }
.xxgk-sign { text-align: right; margin-top: 2em; }
.xxgk-sign p { text-indent: 0; text-align: right; }
@media print {
  @page { size: A4; margin: ${page.top}mm ${page.right}mm ${page.bottom}mm ${page.left}mm; }
  html, body { background: #fff; margin: 0; }
  .xxgk-page { max-width: none; padding: 0; line-height: ${bodyLineSpacing}pt; }
  .xxgk-table { line-height: 1.3; }
  /* On paper nothing scrolls: a wide table (四, 15 columns) must fit the page, not be cut off. */
  .xxgk-table-wrap { overflow: visible; }
  .xxgk-table td.value { min-width: 0; padding: 2px 1px; }
  .xxgk-table thead { display: table-header-group; }
  .xxgk-table tr { page-break-inside: avoid; break-inside: avoid; }
  .xxgk-page h2 { page-break-after: avoid; break-after: avoid; }
  .xxgk-bar, .computed { display: none !important; }
}
`;

/** Cells and paragraphs with findings, and the computed value under a wrong total: the preview, and exported comparisons. */
export const markCss = `
.f-error { background: #fde0dc !important; outline: 2px solid #d93025; outline-offset: -2px; }
.f-warning { background: #fff2cc !important; outline: 2px dashed #e3a008; outline-offset: -2px; }
.f-info { outline: 1px dotted #1a73e8; outline-offset: -1px; }
p.f-error, p.f-warning, h2.f-error, h2.f-warning, .xxgk-title.f-error, .xxgk-title.f-warning { outline-offset: 2px; }
.computed { display: block; font-size: 8pt; color: #d93025; line-height: 1.1; }
`;

/** Marks and controls only the preview has. */
export const previewCss = `
html, body { margin: 0; padding: 0; }
body { background: var(--vscode-editorWidget-background, #e8e8e8); }
body.xxgk-preview { padding: 0 0 24px; }
.xxgk-preview .xxgk-page { margin-top: 12px; box-shadow: 0 1px 6px rgba(0,0,0,.25); }
.xxgk-bar { position: sticky; top: 0; z-index: 10; display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center;
  padding: 6px 12px; font: 13px/1.4 var(--vscode-font-family, sans-serif);
  background: var(--vscode-editor-background, #fff); color: var(--vscode-foreground, #333);
  border-bottom: 1px solid var(--vscode-panel-border, #ccc); }
.xxgk-bar .count.error { color: var(--vscode-errorForeground, #c00); }
.xxgk-bar .count.warning { color: var(--vscode-editorWarning-foreground, #b57600); }
.xxgk-bar button { font: inherit; cursor: pointer; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px;
  padding: 2px 8px; background: var(--vscode-button-secondaryBackground, #ddd); color: var(--vscode-button-secondaryForeground, #000); }
.xxgk-bar button:disabled { opacity: .5; cursor: default; }
.xxgk-bar details { flex-basis: 100%; }
.xxgk-bar details li { cursor: pointer; }
.xxgk-bar .state { margin-left: auto; opacity: .7; }
[data-line] { cursor: default; }
${markCss}.xxgk-active { box-shadow: inset 3px 0 0 #1a73e8; }
td.xxgk-active, th.xxgk-active { box-shadow: inset 0 0 0 2px #1a73e8; }
.xxgk-flash { animation: xxgk-flash 1s ease-out; }
@keyframes xxgk-flash { from { background: #c6dafc; } }
td.value.absent { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #f3f3f3 4px, #f3f3f3 8px); }
`;
