/**
 * The whole-area comparison as one self-contained HTML file: a bar chart (inline SVG) of the
 * charted figure per unit in both years, and the table of every figure, sortable by a click on a
 * column's heading (a small inline script allowed by a nonce; no network).
 */
import { escapeHtml as esc } from '../render/escape.js';
import { standaloneDocument } from '../render/html.js';
import { cssStack, faces } from '../render/typography.js';
import type { AreaFigure, AreaView } from './area.js';
import { compareStrings as S } from './strings.js';

/** How many units the chart shows (the largest by this year's value); the table has them all. */
export const CHART_UNITS = 40;

export function formatFigure(value: number | undefined, share: boolean): string {
    if (value === undefined) return '';
    return share ? `${(value * 100).toFixed(1)}%` : String(Math.round(value * 10000) / 10000);
}

export function formatChange(value: number | undefined, share: boolean): string {
    if (value === undefined) return '';
    const text = share ? `${(value * 100).toFixed(1)}` : String(Math.round(value * 10000) / 10000);
    const signed = value > 0 ? `+${text}` : text;
    return share ? `${signed} 个百分点` : signed;
}

const areaCss = `
body { margin: 0; background: #fff; color: #000; font-family: ${cssStack('table')}; font-size: ${faces.table.size}pt; }
.xxgk-area { max-width: 1200px; margin: 0 auto; padding: 12px 16px 32px; }
.xxgk-area h1 { font-size: 16pt; text-align: center; margin: 0.4em 0; }
.xxgk-area p { text-align: center; margin: 0.2em 0; }
.xxgk-area table { border-collapse: collapse; width: 100%; margin-top: 12px; }
.xxgk-area th, .xxgk-area td { border: 1px solid #000; padding: 2px 6px; }
.xxgk-area th { font-weight: normal; background: #f2f2f2; }
.xxgk-area th[data-sort-key] { cursor: pointer; }
.xxgk-area th[aria-sort="ascending"]::after { content: " ▲"; }
.xxgk-area th[aria-sort="descending"]::after { content: " ▼"; }
.xxgk-area td.num { text-align: right; white-space: nowrap; }
.xxgk-area td.up { color: #1e7d32; }
.xxgk-area td.down { color: #c62828; }
.xxgk-area td.none { color: #999; }
.xxgk-chart { display: block; margin: 12px auto; max-width: 100%; height: auto; }
@media print { .xxgk-area th[data-sort-key] { cursor: default; } }
`;

/** Sorts the table by the clicked heading's column (numbers; empty cells last), again to reverse. */
const sortScript = `(function () {
  var table = document.querySelector('table[data-sortable]');
  if (!table) return;
  var body = table.querySelector('tbody');
  table.querySelectorAll('th[data-sort-key]').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.getAttribute('data-sort-key');
      var descending = th.getAttribute('aria-sort') !== 'descending';
      table.querySelectorAll('th[aria-sort]').forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
      var rows = Array.prototype.slice.call(body.querySelectorAll('tr'));
      var value = function (row) {
        var cell = row.querySelector('[data-key="' + key + '"]');
        var text = cell ? cell.getAttribute('data-sort') : '';
        return text === '' || text === null ? null : (isNaN(Number(text)) ? text : Number(text));
      };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
        var order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'zh-CN');
        return descending ? -order : order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();`;

/** Grouped horizontal bars: each unit's value last year (grey) and this year (blue). */
export function areaChart(view: AreaView): string {
    const metric = view.metrics.find(m => m.chart) ?? view.metrics[0];
    if (!metric) return '';
    const share = view.shares.includes(metric.id);
    const units = view.units.filter(u => u.figures[metric.id].this !== undefined || u.figures[metric.id].last !== undefined)
        .sort((a, b) => (b.figures[metric.id].this ?? 0) - (a.figures[metric.id].this ?? 0)).slice(0, CHART_UNITS);
    const max = Math.max(1, ...units.flatMap(u => [u.figures[metric.id].this ?? 0, u.figures[metric.id].last ?? 0]));
    const labelWidth = 220;
    const barWidth = 460;
    const rowHeight = 26;
    const top = 40;
    const height = top + units.length * rowHeight + 10;
    const width = labelWidth + barWidth + 80;
    const parts = [`<svg class="xxgk-chart" xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" aria-label="${esc(S.chartTitle(metric.label, view.year))}">`];
    parts.push(`<text x="${width / 2}" y="16" text-anchor="middle" font-size="14">${esc(S.chartTitle(metric.label, view.year))}</text>`);
    parts.push(`<rect x="${labelWidth}" y="24" width="10" height="10" fill="#b0b0b0"/><text x="${labelWidth + 14}" y="33" font-size="11">${view.year - 1}</text>`);
    parts.push(`<rect x="${labelWidth + 60}" y="24" width="10" height="10" fill="#1a73e8"/><text x="${labelWidth + 74}" y="33" font-size="11">${view.year}</text>`);
    units.forEach((u, i) => {
        const f: AreaFigure = u.figures[metric.id];
        const y = top + i * rowHeight;
        const bar = (value: number | undefined, dy: number, fill: string, year: number) => {
            if (value === undefined) return '';
            const w = Math.max(1, Math.round((value / max) * barWidth));
            return `<rect x="${labelWidth}" y="${y + dy}" width="${w}" height="10" fill="${fill}"><title>${esc(`${u.agency} ${year}：${formatFigure(value, share)}`)}</title></rect>` +
                `<text x="${labelWidth + w + 4}" y="${y + dy + 9}" font-size="10">${esc(formatFigure(value, share))}</text>`;
        };
        parts.push(`<g data-unit="${esc(u.agency)}"><text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end" font-size="11">${esc(u.agency)}</text>` +
            bar(f.last, 1, '#b0b0b0', view.year - 1) + bar(f.this, 12, '#1a73e8', view.year) + '</g>');
    });
    parts.push('</svg>');
    return parts.join('\n');
}

export function areaTable(view: AreaView): string {
    const head1 = [`<th rowspan="2" data-sort-key="unit">${esc(S.unit)}</th>`];
    const head2: string[] = [];
    for (const m of view.metrics) {
        head1.push(`<th colspan="3" title="${esc(m.doc)}">${esc(m.label)}</th>`);
        head2.push(`<th data-sort-key="${esc(m.id)}.last">${esc(S.areaLast(view.year))}</th>`,
            `<th data-sort-key="${esc(m.id)}.this">${esc(S.areaThis(view.year))}</th>`,
            `<th data-sort-key="${esc(m.id)}.change">${esc(S.areaChange)}</th>`);
    }
    const rows = view.units.map(u => {
        const cells = [`<td data-key="unit" data-sort="${esc(u.agency)}">${esc(u.agency)}</td>`];
        for (const m of view.metrics) {
            const share = view.shares.includes(m.id);
            const f = u.figures[m.id];
            const cell = (which: 'last' | 'this', missing: boolean) => {
                const value = f[which];
                const text = value === undefined ? (missing ? S.missing : S.notApplicable) : formatFigure(value, share);
                return `<td class="num${value === undefined ? ' none' : ''}" data-key="${esc(m.id)}.${which}" data-sort="${value ?? ''}">${esc(text)}</td>`;
            };
            const direction = f.change === undefined || f.change === 0 ? '' : f.change > 0 ? ' up' : ' down';
            cells.push(cell('last', !u.lastPath), cell('this', !u.thisPath),
                `<td class="num${direction}" data-key="${esc(m.id)}.change" data-sort="${f.change ?? ''}">${esc(formatChange(f.change, share))}</td>`);
        }
        return `<tr>${cells.join('')}</tr>`;
    });
    return `<table data-sortable="true">\n<thead>\n<tr>${head1.join('')}</tr>\n<tr>${head2.join('')}</tr>\n</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function renderAreaStandalone(view: AreaView): string {
    const both = view.units.filter(u => u.thisPath && u.lastPath).length;
    const body = `<main class="xxgk-area" data-schema="${esc(view.schema)}">
<h1>${esc(S.areaTitle(view.year))}</h1>
<p>${esc(S.areaSummary(view.units.length, both))}；${esc(S.sortHint)}</p>
${areaChart(view)}
${areaTable(view)}
</main>`;
    return standaloneDocument({ title: S.areaTitle(view.year), css: areaCss, body, script: sortScript });
}
