/** The status table as text for a terminal: aligned by display width (CJK = 2 columns). */
import { displayWidth } from '../util/text.js';
import { percent, STATUS_LABELS, STATUS_ORDER, type FilingCurve, type StatusCounts, type StatusReport, type UnmatchedFiling } from './status.js';

export const UNMATCHED_LABELS: Readonly<Record<UnmatchedFiling['kind'], string>> = {
    unmatched: '不在单位名单中', ambiguous: '对应名单中的多个单位', 'unknown-id': '不在单位名单中', none: '没有写机关',
};

export function countsText(c: StatusCounts): string {
    const filed = STATUS_ORDER.filter(s => s !== 'exempt').map(s => `${STATUS_LABELS[s]} ${c[s]}`).join('，');
    return `应报送 ${c.required}：${filed}；无需报送 ${c.exempt}`;
}

function table(rows: string[][], right: ReadonlySet<number>): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => displayWidth(r[i] ?? ''))));
    const last = widths.length - 1;
    return rows.map(r => r.map((cell, i) => {
        const gap = ' '.repeat(widths[i] - displayWidth(cell));
        return right.has(i) ? gap + cell : i === last ? cell : cell + gap;
    }).join('  ').trimEnd());
}

export interface TextOptions {
    /** The registry's file name, for the heading. */
    registry?: string;
    /** Show the daily filings (the CLI shows them with --as-of). */
    curve?: boolean;
}

export function statusText(report: StatusReport, options: TextOptions = {}): string {
    const out: string[] = [];
    const about = [
        options.registry ? `单位名单：${options.registry}（${report.units.length} 个单位）` : `${report.units.length} 个单位`,
        report.asOf ? `截至 ${report.asOf}` : undefined,
        `内容雷同：与上年相似度不低于 ${percent(report.threshold)}%`,
    ].filter(Boolean).join('；');
    out.push(`${report.year} 年度政府信息公开工作年度报告报送情况`, about, '');
    const rows = [['编号', '单位', '状态', '发布日期', '截止日期', '错误', '警告', '与上年相似度', '报告', '备注']];
    for (const u of report.units) {
        rows.push([
            u.id, `${'  '.repeat(u.depth)}${u.name}`, u.label, u.published ?? '', u.deadline ?? '',
            u.errors === undefined ? '' : String(u.errors), u.warnings === undefined ? '' : String(u.warnings),
            u.similarity === undefined ? '' : `${percent(u.similarity)}%`, u.source ?? '', u.notes.join('；'),
        ]);
    }
    out.push(...table(rows, new Set([5, 6, 7])), '');
    out.push(`合计 ${report.counts.total} 个单位，${countsText(report.counts)}`);
    const parents = report.units.filter(u => u.children);
    if (parents.length) {
        out.push('', '按上级单位：');
        for (const p of parents) out.push(`  ${p.name}（编号 ${p.id}）下级 ${p.children!.total} 个，${countsText(p.children!)}`);
    }
    if (report.unmatched.length) {
        out.push('', `未对应到单位的报告（${report.unmatched.length}）：`);
        for (const u of report.unmatched) {
            const who = u.unitId !== undefined ? `单位编号「${u.unitId}」` : u.agency !== undefined ? `机关「${u.agency}」` : '';
            const candidates = u.candidates.length ? `；${u.kind === 'ambiguous' ? '可能是' : '相近的有'}：${u.candidates.map(c => `${c.name}（编号 ${c.id}）`).join('、')}` : '';
            out.push(`  ${u.source}  ${who}${UNMATCHED_LABELS[u.kind]}${candidates}`);
        }
    }
    if (report.similar.length) {
        out.push('', `内容雷同（${report.similar.length}）：`);
        for (const s of report.similar) {
            const what = s.kind === 'prose' ? `正文与上年报告相似度 ${percent(s.similarity)}%` : '各表数字与上年报告完全相同';
            out.push(`  ${s.name}（编号 ${s.id}）：${what}（${s.source} ↔ ${s.previousSource}）`);
        }
    }
    if (options.curve) out.push('', ...curveText(report.curve, report.asOf));
    return `${out.join('\n')}\n`;
}

/** The daily filings as a compact table: the days with filings, the deadlines and the day looked at, with a bar each. */
export function curveText(curve: FilingCurve, asOf?: string): string[] {
    const out = [`每日报送（${curve.from} 至 ${curve.to}，应报送 ${curve.required}）：`];
    const deadlines = new Set(curve.deadlines);
    const shown = curve.days.filter(d => d.filed > 0 || deadlines.has(d.date) || d.date === asOf);
    if (!shown.length) return [...out, '  （这段时间没有报送）'];
    const max = Math.max(1, ...shown.map(d => d.filed));
    const rows = [['日期', '当日', '累计', '']];
    for (const d of shown) {
        const bar = '█'.repeat(Math.ceil((d.filed / max) * 20));
        const marks = [deadlines.has(d.date) ? '← 截止日期' : '', d.date === asOf ? '← 查看日期' : ''].filter(Boolean).join(' ');
        rows.push([d.date, String(d.filed), `${d.cumulative}/${curve.required}`, `${bar}${bar && marks ? ' ' : ''}${marks}`]);
    }
    out.push(...table(rows, new Set([1, 2])).map(l => `  ${l}`));
    if (curve.undated) out.push(`  另有 ${curve.undated} 份报告没有写发布日期`);
    return out;
}
