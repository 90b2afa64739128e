/**
 * The status table as an Excel workbook (exceljs, loaded by the caller on first use): 报送情况 (every
 * unit, children grouped under their parent with Excel's row outline, header frozen, a filter), 按上级单位,
 * 每日报送, and when there are any, 未对应到单位的报告 and 内容雷同.
 */
import ExcelJS from 'exceljs';
import { displayWidth } from '../util/text.js';
import { percent, STATUS_LABELS, STATUS_ORDER, type StatusCode, type StatusReport } from './status.js';
import { UNMATCHED_LABELS } from './status-text.js';

const FILLS: Record<StatusCode, string> = {
    filed: 'FFE3F4E8', 'filed-empty': 'FFE1EEF5', late: 'FFFCEBD6', missing: 'FFFADBD8', exempt: 'FFEEEEEE',
};

type Cell = string | number | null;

function addSheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]): ExcelJS.Worksheet {
    const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(header).font = { bold: true };
    for (const row of rows) sheet.addRow(row);
    header.forEach((title, i) => {
        const widest = Math.max(displayWidth(title), ...rows.map(r => displayWidth(String(r[i] ?? ''))));
        sheet.getColumn(i + 1).width = Math.min(60, widest + 2);
    });
    return sheet;
}

export async function statusXlsx(report: StatusReport, options: { registry?: string } = {}): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.creator = 'xxgk';
    wb.title = `${report.year} 年度政府信息公开工作年度报告报送情况`;
    if (options.registry) wb.subject = `单位名单：${options.registry}`;

    const header = ['编号', '单位', '上级编号', '机关层级', '状态', '发布日期', '截止日期', '逾期天数', '错误', '警告', '与上年相似度', '报告', '备注'];
    const rows = report.units.map(u => [
        u.id, `${'  '.repeat(u.depth)}${u.name}`, u.parentId ?? null, u.level ?? null, u.label, u.published ?? null, u.deadline ?? null,
        u.daysLate ?? null, u.errors ?? null, u.warnings ?? null, u.similarity ?? null, u.source ?? null, u.notes.join('；') || null,
    ]);
    const sheet = addSheet(wb, '报送情况', header, rows);
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
    sheet.properties.outlineProperties = { summaryBelow: false, summaryRight: false };
    report.units.forEach((u, i) => {
        const row = sheet.getRow(i + 2);
        row.outlineLevel = Math.min(7, u.depth);
        row.getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[u.status] } };
        if (u.similarity !== undefined) row.getCell(11).numFmt = '0.0%';
        if (u.children) row.font = { bold: true };
    });
    const totals = sheet.addRow([]);
    totals.getCell(1).value = '合计';
    sheet.addRow(['应报送', report.counts.required]);
    for (const s of STATUS_ORDER) sheet.addRow([STATUS_LABELS[s], report.counts[s]]);
    if (report.asOf) sheet.addRow(['截至', report.asOf]);

    const parents = report.units.filter(u => u.children);
    addSheet(wb, '按上级单位', ['编号', '上级单位', '下级', '应报送', ...STATUS_ORDER.map(s => STATUS_LABELS[s])],
        parents.map(p => [p.id, p.name, p.children!.total, p.children!.required, ...STATUS_ORDER.map(s => p.children![s])]));

    addSheet(wb, '每日报送', ['日期', '当日报送', '累计', '应报送', '截止日期'],
        report.curve.days.map(d => [d.date, d.filed, d.cumulative, report.curve.required, report.curve.deadlines.includes(d.date) ? '截止日期' : null]));

    if (report.unmatched.length) {
        addSheet(wb, '未对应到单位的报告', ['报告', '机关', '单位编号', '年度', '问题', '可能的单位'], report.unmatched.map(u => [
            u.source, u.agency ?? null, u.unitId ?? null, u.year ?? null, UNMATCHED_LABELS[u.kind], u.candidates.map(c => `${c.name}（编号 ${c.id}）`).join('、') || null,
        ]));
    }
    if (report.similar.length) {
        addSheet(wb, '内容雷同', ['编号', '单位', '雷同', '相似度', '本年报告', '上年报告'], report.similar.map(s => [
            s.id, s.name, s.kind === 'prose' ? `正文相似度 ${percent(s.similarity)}%` : '各表数字完全相同', s.similarity, s.source, s.previousSource,
        ]));
    }
    return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
