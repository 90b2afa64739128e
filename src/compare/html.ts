/**
 * The comparison as HTML: both years' tables side by side, printed by the report renderer
 * (src/render/html.ts renderTable: one renderer), each of this year's cells with its change, spikes
 * and cross-year findings marked. The VS Code view shows the content (with source positions, so a
 * click reveals the cell in its report); the export is one self-contained file.
 */
import { renderTable, standaloneDocument } from '../render/html.js';
import { escapeHtml as esc } from '../render/escape.js';
import { markCss, reportCss } from '../render/styles.js';
import { cssStack, faces } from '../render/typography.js';
import type { ViewTable } from '../render/view-model.js';
import { tablesOf, type CompareView } from './view.js';
import { compareStrings as S } from './strings.js';

/** The comparison's stylesheet (with the report's and the marks' stylesheets). */
export const compareCss = `
.xxgk-compare { box-sizing: border-box; margin: 0 auto; padding: 8px 14px 24px; max-width: 420mm; background: #fff; color: #000;
  font-family: ${cssStack('table')}; font-size: ${faces.table.size}pt; }
.xxgk-compare h1 { font-size: 16pt; text-align: center; margin: 0.4em 0; }
.xxgk-compare h2 { font-size: 13pt; margin: 1em 0 0.3em; }
.xxgk-compare h3 { font-size: 11pt; font-weight: normal; margin: 0.2em 0; color: #444; }
.xxgk-compare-summary, .xxgk-compare-note, .xxgk-compare-legend { margin: 0.2em 0; text-align: center; }
.xxgk-compare-note { color: #b57600; }
.xxgk-compare-legend { font-size: 9pt; color: #555; }
.xxgk-pair { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.xxgk-side { flex: 1 1 420px; min-width: 0; }
.xxgk-side .xxgk-table-wrap { margin-top: 0; }
.xxgk-only { color: #777; font-style: italic; }
.change { display: block; font-size: 8pt; line-height: 1.1; }
.change.up { color: #1e7d32; }
.change.down { color: #c62828; }
.change.spike { font-weight: 700; }
td.value:has(.spike) { background: #fff3e0; }
@media print { .xxgk-pair { display: block; } .xxgk-side { break-inside: avoid; } }
`;

export interface CompareRenderOptions {
    /** The VS Code view: source positions on every element (per side), so a click reveals the cell. */
    preview: boolean;
}

function pairedTables(view: CompareView): { numeral: string; heading: string; tables: CompareView['tables'] }[] {
    const out: { numeral: string; heading: string; tables: CompareView['tables'] }[] = [];
    for (const t of view.tables) {
        let group = out.find(g => g.numeral === t.numeral);
        if (!group) out.push(group = { numeral: t.numeral, heading: t.heading, tables: [] });
        group.tables.push(t);
    }
    return out;
}

/** The comparison page (an <article>). */
export function renderCompare(view: CompareView, options: CompareRenderOptions): string {
    const render = { preview: options.preview, marks: true };
    const lastTables = tablesOf(view.last);
    const thisTables = tablesOf(view.this);
    const problems = view.this.findings.length;
    const parts = [`<article class="xxgk-compare" data-schema="${esc(view.schema)}">`, `<h1>${esc(view.title)}</h1>`];
    parts.push(`<p class="xxgk-compare-summary">${esc(S.summary(view.counts.changed, view.counts.spikes, problems))}</p>`);
    if (!view.paired) parts.push(`<p class="xxgk-compare-note">${esc(S.notPaired)}</p>`);
    parts.push(`<p class="xxgk-compare-legend">${esc(S.spikeLegend)}</p>`);
    const side = (which: 'last' | 'this', table: ViewTable | undefined, otherYear: number | undefined) => {
        const report = which === 'last' ? view.last : view.this;
        const year = which === 'last' ? view.lastYear : view.year;
        const body = table ? renderTable(report, table, render) : `<p class="xxgk-only">${esc(S.onlyIn(otherYear))}</p>`;
        return `<div class="xxgk-side" data-side="${which}"><h3>${esc(S.yearHeading(year, which))}</h3>\n${body}\n</div>`;
    };
    for (const group of pairedTables(view)) {
        parts.push(`<section data-section="${esc(group.numeral)}">`, `<h2>${esc(group.heading)}</h2>`);
        for (const t of group.tables) {
            parts.push(`<div class="xxgk-pair" data-table="${esc(t.id)}">`);
            parts.push(side('last', lastTables.get(t.id)?.table, view.year), side('this', thisTables.get(t.id)?.table, view.lastYear));
            parts.push('</div>');
        }
        parts.push('</section>');
    }
    parts.push('</article>');
    return parts.join('\n');
}

/** A self-contained HTML file of the comparison: inline CSS, no script, no external request. */
export function renderCompareStandalone(view: CompareView): string {
    return standaloneDocument({
        title: view.title, css: `${reportCss}${markCss}${compareCss}\nbody { margin: 0; background: #fff; }`, body: renderCompare(view, { preview: false }),
    });
}
