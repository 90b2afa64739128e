/**
 * The status table as one self-contained HTML page (inline CSS, an inline SVG chart of the daily
 * filings; no script, nothing fetched). Every row and bar carries its data in data-* attributes.
 */
import { escapeHtml as h } from '../render/escape.js';
import { percent, STATUS_LABELS, STATUS_ORDER, type FilingCurve, type StatusCounts, type StatusReport } from './status.js';
import { countsText, UNMATCHED_LABELS } from './status-text.js';

const css = `
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 24px; color: #1a1a1a; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 16px; margin: 24px 0 8px; }
.about { color: #555; margin: 0 0 12px; }
.counts { display: flex; flex-wrap: wrap; gap: 8px; padding: 0; list-style: none; }
.counts li { border-radius: 4px; padding: 4px 10px; background: #f3f3f3; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border: 1px solid #d0d0d0; padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: #f3f3f3; font-weight: 600; }
td.num { text-align: right; }
tr.parent td.name { font-weight: 600; }
.s-filed { color: #1b7f3b; } .s-filed-empty { color: #2b6f8f; } .s-late { color: #b35c00; }
.s-missing { color: #c62828; font-weight: 600; } .s-exempt { color: #888; }
li.s-filed, li.s-filed-empty, li.s-late, li.s-missing, li.s-exempt { font-weight: 600; }
svg.curve { max-width: 100%; height: auto; font-size: 11px; }
svg.curve .bar { fill: #5b8def; } svg.curve .bar.late { fill: #e08a2c; }
svg.curve .cumulative { fill: none; stroke: #1b7f3b; stroke-width: 2; }
svg.curve .deadline { stroke: #c62828; stroke-dasharray: 4 3; } svg.curve .asof { stroke: #555; stroke-dasharray: 2 2; }
svg.curve .axis { stroke: #999; } svg.curve text { fill: #444; }
@media print { body { margin: 0; } }
`;

function countsList(c: StatusCounts): string {
    const items = STATUS_ORDER.map(s => `<li class="s-${s}" data-status="${s}" data-count="${c[s]}">${h(STATUS_LABELS[s])} ${c[s]}</li>`);
    return `<ul class="counts"><li data-status="required" data-count="${c.required}">应报送 ${c.required}</li>${items.join('')}</ul>`;
}

export interface HtmlOptions {
    registry?: string;
}

export function statusHtml(report: StatusReport, options: HtmlOptions = {}): string {
    const title = `${report.year} 年度政府信息公开工作年度报告报送情况`;
    const about = [
        options.registry ? `单位名单：${options.registry}（${report.units.length} 个单位）` : `${report.units.length} 个单位`,
        report.asOf ? `截至 ${report.asOf}` : '',
        `内容雷同：与上年相似度不低于 ${percent(report.threshold)}%`,
    ].filter(Boolean).join('；');
    const rows = report.units.map(u => {
        const attrs = [`data-id="${h(u.id)}"`, `data-status="${u.status}"`, `data-depth="${u.depth}"`, u.parentId !== undefined ? `data-parent="${h(u.parentId)}"` : '']
            .filter(Boolean).join(' ');
        const cells = [
            `<td>${h(u.id)}</td>`,
            `<td class="name" style="padding-left:${8 + u.depth * 18}px">${h(u.name)}</td>`,
            `<td class="status s-${u.status}">${h(u.label)}</td>`,
            `<td>${h(u.published ?? '')}</td>`,
            `<td>${h(u.deadline ?? '')}</td>`,
            `<td class="num">${u.errors ?? ''}</td>`,
            `<td class="num">${u.warnings ?? ''}</td>`,
            `<td class="num">${u.similarity === undefined ? '' : `${percent(u.similarity)}%`}</td>`,
            `<td>${h(u.source ?? '')}</td>`,
            `<td>${h(u.notes.join('；'))}</td>`,
        ];
        return `<tr class="${u.children ? 'parent' : 'unit'}" ${attrs}>${cells.join('')}</tr>`;
    });
    const parents = report.units.filter(u => u.children).map(p =>
        `<tr data-id="${h(p.id)}"><td>${h(p.name)}（编号 ${h(p.id)}）</td><td class="num">${p.children!.total}</td>${STATUS_ORDER.map(s => `<td class="num" data-status="${s}">${p.children![s]}</td>`).join('')}</tr>`);
    const unmatched = report.unmatched.map(u => `<tr data-kind="${u.kind}"><td>${h(u.source)}</td><td>${h(u.agency ?? '')}</td><td>${h(u.unitId ?? '')}</td><td>${h(UNMATCHED_LABELS[u.kind])}</td><td>${h(u.candidates.map(c => `${c.name}（编号 ${c.id}）`).join('、'))}</td></tr>`);
    const similar = report.similar.map(s => `<tr data-id="${h(s.id)}" data-kind="${s.kind}" data-similarity="${s.similarity}"><td>${h(s.name)}（编号 ${h(s.id)}）</td><td>${s.kind === 'prose' ? `正文相似度 ${percent(s.similarity)}%` : '各表数字完全相同'}</td><td>${h(s.source)}</td><td>${h(s.previousSource)}</td></tr>`);
    const head = (cells: string[]) => `<thead><tr>${cells.map(c => `<th>${h(c)}</th>`).join('')}</tr></thead>`;
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>${css}</style>
</head>
<body>
<h1>${h(title)}</h1>
<p class="about">${h(about)}</p>
${countsList(report.counts)}
<p class="total">合计 ${report.counts.total} 个单位，${h(countsText(report.counts))}</p>
<h2>各单位</h2>
<table class="status">${head(['编号', '单位', '状态', '发布日期', '截止日期', '错误', '警告', '与上年相似度', '报告', '备注'])}<tbody>
${rows.join('\n')}
</tbody></table>
${parents.length ? `<h2>按上级单位</h2>
<table class="groups">${head(['上级单位', '下级', ...STATUS_ORDER.map(s => STATUS_LABELS[s])])}<tbody>
${parents.join('\n')}
</tbody></table>` : ''}
<h2>每日报送</h2>
${curveSvg(report.curve, report.asOf)}
${report.unmatched.length ? `<h2>未对应到单位的报告（${report.unmatched.length}）</h2>
<table class="unmatched">${head(['报告', '机关', '单位编号', '问题', '可能的单位'])}<tbody>
${unmatched.join('\n')}
</tbody></table>` : ''}
${report.similar.length ? `<h2>内容雷同（${report.similar.length}）</h2>
<table class="similar">${head(['单位', '与上年', '本年报告', '上年报告'])}<tbody>
${similar.join('\n')}
</tbody></table>` : ''}
</body>
</html>
`;
}

/** Bars of the daily filings, the cumulative count as a line, the deadlines dashed; a table of the same numbers below. */
export function curveSvg(curve: FilingCurve, asOf?: string): string {
    const days = curve.days;
    if (!days.length) return '<p class="curve-empty">这段时间没有报送。</p>';
    const width = 760;
    const height = 220;
    const left = 40;
    const right = 40;
    const top = 12;
    const bottom = 36;
    const plotW = width - left - right;
    const plotH = height - top - bottom;
    const step = plotW / days.length;
    const maxDaily = Math.max(1, ...days.map(d => d.filed));
    const maxTotal = Math.max(1, curve.required, days.at(-1)!.cumulative);
    const x = (i: number) => left + i * step;
    const yDaily = (n: number) => top + plotH - (n / maxDaily) * plotH;
    const yTotal = (n: number) => top + plotH - (n / maxTotal) * plotH;
    const lastDeadline = curve.deadlines.at(-1);
    const parts: string[] = [];
    parts.push(`<line class="axis" x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}"/>`);
    days.forEach((d, i) => {
        if (!d.filed) return;
        const y = yDaily(d.filed);
        const late = lastDeadline !== undefined && d.date > lastDeadline;
        parts.push(`<rect class="bar${late ? ' late' : ''}" data-date="${d.date}" data-filed="${d.filed}" x="${(x(i) + step * 0.1).toFixed(1)}" y="${y.toFixed(1)}" width="${Math.max(1, step * 0.8).toFixed(1)}" height="${(top + plotH - y).toFixed(1)}"><title>${d.date}：${d.filed} 份</title></rect>`);
    });
    const points = days.map((d, i) => `${(x(i) + step / 2).toFixed(1)},${yTotal(d.cumulative).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="cumulative" points="${points}"><title>累计报送</title></polyline>`);
    const mark = (date: string, cls: string, label: string) => {
        const i = days.findIndex(d => d.date === date);
        if (i < 0) return;
        const cx = (x(i) + step / 2).toFixed(1);
        parts.push(`<line class="${cls}" data-date="${date}" x1="${cx}" y1="${top}" x2="${cx}" y2="${top + plotH}"/>`);
        parts.push(`<text x="${cx}" y="${top + plotH + 28}" text-anchor="middle">${h(label)}</text>`);
    };
    for (const deadline of curve.deadlines) mark(deadline, 'deadline', `截止 ${deadline.slice(5)}`);
    if (asOf) mark(asOf, 'asof', `查看 ${asOf.slice(5)}`);
    parts.push(`<text x="${left}" y="${top + plotH + 14}">${days[0].date.slice(5)}</text>`);
    parts.push(`<text x="${width - right}" y="${top + plotH + 14}" text-anchor="end">${days.at(-1)!.date.slice(5)}</text>`);
    parts.push(`<text x="${left - 6}" y="${top + 8}" text-anchor="end">${maxDaily}</text>`);
    parts.push(`<text x="${width - right + 6}" y="${top + 8}">${maxTotal}</text>`);
    const svg = `<svg class="curve" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="每日报送：柱为当日报送份数（左轴），线为累计（右轴），虚线为截止日期">${parts.join('')}</svg>`;
    const rows = days.filter(d => d.filed).map(d => `<tr data-date="${d.date}"><td>${d.date}</td><td class="num">${d.filed}</td><td class="num">${d.cumulative}</td></tr>`);
    const undated = curve.undated ? `<p>另有 ${curve.undated} 份报告没有写发布日期。</p>` : '';
    return `${svg}
<p class="legend">柱：当日报送份数；线：累计报送（应报送 ${curve.required}）；红色虚线：截止日期。</p>${undated}
<details><summary>每日数字</summary><table class="daily"><thead><tr><th>日期</th><th>当日</th><th>累计</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table></details>`;
}
