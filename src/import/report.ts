/**
 * The import report: what was found, what could not be read and where it is in the source, which
 * printed labels map to which official ones, and every conversion applied. Plain JSON (schema
 * `xxgk-import/1`) and a Chinese text rendering of it.
 */
import { indexOf } from '../templates/template-index.js';
import type { Recognized } from './recognize.js';
import type { SourceConversion, SourceDocument, SourceIssue, SourceLocation } from './source.js';
import type { LabelMapping } from './write.js';

export const IMPORT_SCHEMA = 'xxgk-import/1';

export const kindNames: Record<SourceDocument['kind'], string> = {
    text: '文本', html: '网页', docx: 'Word 文档', xlsx: 'Excel 表格', pdf: 'PDF',
};

export interface CellCounts {
    /** Every cell of the tables found (value, blank, unreadable, missing). */
    total: number;
    /** Cells read with their printed value (blank ones included). */
    read: number;
    blank: number;
    unreadable: number;
    /** Cells the source does not have (cut off, or a row printed without values). */
    missing: number;
}

export interface ReportedPlace {
    message: string;
    /** Where in the source, in words (第 3 行 / 表 2 第 5 行第 3 列 / 第 2 页). */
    where?: string;
    at?: SourceLocation;
    table?: string;
    row?: string;
    column?: string;
    printed?: string;
}

export interface ImportReport {
    schema: typeof IMPORT_SCHEMA;
    source: { name?: string; kind: SourceDocument['kind']; bytes?: number };
    format: { id: string; citation: string; by: Recognized['formatBy'] };
    title?: string;
    agency?: string;
    year?: number;
    published?: string;
    period?: string;
    sections: string[];
    tables: ({ id: string; name: string; rows: number; where?: string } & CellCounts)[];
    cells: CellCounts;
    /** Every cell that could not be read, at its place. */
    unreadable: ReportedPlace[];
    /** Readings taken because the table's sums allow only them (glued digits, lost blank cells). */
    decided: ReportedPlace[];
    labels: (LabelMapping & { where?: string })[];
    missing: { sections: string[]; tables: string[]; rows: ReportedPlace[] };
    conversions: SourceConversion[];
    notes: ReportedPlace[];
    issues: (SourceIssue & { where?: string })[];
}

/** A place in the source in words. */
export function formatLocation(at: SourceLocation | undefined): string | undefined {
    if (!at) return undefined;
    const parts: string[] = [];
    if (at.page !== undefined) {
        parts.push(`第 ${at.page} 页`);
        if (at.x !== undefined && at.y !== undefined) parts.push(`（x ${Math.round(at.x)}，y ${Math.round(at.y)}）`);
    }
    if (at.table !== undefined) parts.push(`表 ${at.table}`);
    if (at.row !== undefined && at.table !== undefined) parts.push(`第 ${at.row} 行`);
    if (at.column !== undefined && at.table !== undefined) parts.push(`第 ${at.column} 列`);
    if (at.line !== undefined) parts.push(`第 ${at.line} 行`);
    return parts.length ? parts.join(' ') : undefined;
}

export function buildReport(rec: Recognized, doc: SourceDocument, labels: LabelMapping[], source: { name?: string; bytes?: number }): ImportReport {
    const index = indexOf(rec.template);
    const place = (n: { message: string; at?: SourceLocation; table?: string; row?: string; column?: string; printed?: string }): ReportedPlace => ({
        message: n.message, ...(formatLocation(n.at) ? { where: formatLocation(n.at) } : {}), ...(n.at ? { at: n.at } : {}),
        ...(n.table ? { table: n.table } : {}), ...(n.row ? { row: n.row } : {}), ...(n.column ? { column: n.column } : {}),
        ...(n.printed !== undefined ? { printed: n.printed } : {}),
    });
    const total: CellCounts = { total: 0, read: 0, blank: 0, unreadable: 0, missing: 0 };
    const tables: ImportReport['tables'] = [];
    const foundTables = new Set<string>();
    for (const section of rec.sections) {
        for (const block of section.blocks) {
            if (block.kind !== 'table') continue;
            const t = block.table;
            foundTables.add(t.index.def.id);
            const counts: CellCounts = { total: 0, read: 0, blank: 0, unreadable: 0, missing: 0 };
            let rows = 0;
            for (const row of t.rows) {
                if (row.synthesized) continue;
                rows++;
                const isGroupLine = !row.cells && row.def?.children;
                if (isGroupLine) continue;
                const cells = row.cells ?? t.columns.map(c => ({ column: c.def, state: 'missing' as const }));
                for (const cell of cells) {
                    counts.total++;
                    if (cell.state === 'value' || cell.state === 'blank') counts.read++;
                    if (cell.state === 'blank') counts.blank++;
                    if (cell.state === 'unreadable') counts.unreadable++;
                    if (cell.state === 'missing') counts.missing++;
                }
            }
            for (const k of Object.keys(counts) as (keyof CellCounts)[]) total[k] += counts[k];
            tables.push({
                id: t.index.def.id, name: t.index.def.caption?.label ?? t.index.def.title ?? t.index.section.label, rows,
                ...(formatLocation(t.at) ? { where: formatLocation(t.at) } : {}), ...counts,
            });
        }
    }
    const present = new Set(rec.sections.map(s => s.def.id));
    const missingSections = rec.template.sections.filter(s => !present.has(s.id)).map(s => s.label);
    const missingTables = [...index.tables.values()].filter(t => present.has(t.section.id) && !foundTables.has(t.def.id))
        .map(t => t.def.caption?.label ?? t.def.title ?? t.section.label);
    return {
        schema: IMPORT_SCHEMA,
        source: { ...(source.name ? { name: source.name } : {}), kind: doc.kind, ...(source.bytes !== undefined ? { bytes: source.bytes } : {}) },
        format: { id: rec.template.id, citation: rec.template.citation, by: rec.formatBy },
        ...(rec.meta.title ? { title: rec.meta.title } : {}),
        ...(rec.meta.agency ? { agency: rec.meta.agency } : {}),
        ...(rec.meta.year !== undefined ? { year: rec.meta.year } : {}),
        ...(rec.meta.published ? { published: rec.meta.published } : {}),
        ...(rec.meta.period ? { period: rec.meta.period } : {}),
        sections: rec.sections.map(s => s.def.label),
        tables,
        cells: total,
        unreadable: rec.notes.filter(n => n.kind === 'unreadable').map(place),
        decided: rec.notes.filter(n => n.kind === 'split' || n.kind === 'placed' || n.kind === 'ambiguous').map(place),
        labels: labels.map(l => ({ ...l, ...(formatLocation(l.at) ? { where: formatLocation(l.at) } : {}) })),
        missing: { sections: missingSections, tables: missingTables, rows: rec.notes.filter(n => n.kind === 'missing').map(place) },
        conversions: doc.conversions,
        notes: rec.notes.filter(n => n.kind === 'dropped' || n.kind === 'meta' || n.kind === 'structure').map(place),
        issues: doc.issues.map(i => ({ ...i, ...(formatLocation(i.at) ? { where: formatLocation(i.at) } : {}) })),
    };
}

const byLabel: Record<Recognized['formatBy'], string> = { tables: '按表格判断', year: '按年度推定', latest: '未能判断，按现行格式' };

/** The report in Chinese, for the terminal and the editor's output channel. */
export function formatImportReport(report: ImportReport): string {
    const out: string[] = [];
    const name = report.source.name ? `${report.source.name}（${kindNames[report.source.kind]}）` : kindNames[report.source.kind];
    out.push(`导入报告：${name}`);
    out.push(`  格式：${report.format.id}（${report.format.citation}，${byLabel[report.format.by]}）`);
    out.push(`  年度：${report.year ?? '未找到'}　机关：${report.agency ?? '未找到'}${report.published ? `　发布日期：${report.published}` : ''}${report.period ? `　统计期限：${report.period}` : ''}`);
    const c = report.cells;
    out.push(`  表格：${report.tables.length} 张，单元格 ${c.total} 个：读出 ${c.read} 个（其中空格 ${c.blank} 个），无法识别 ${c.unreadable} 个，原文缺 ${c.missing} 个`);
    const list = (title: string, items: ReportedPlace[]) => {
        if (!items.length) return;
        out.push(`  ${title}：`);
        for (const item of items) out.push(`    ${item.where ? `${item.where}：` : ''}${item.message}`);
    };
    list('无法识别的单元格', report.unreadable);
    list('按本表合计关系确定的读法', report.decided);
    if (report.labels.length) {
        out.push('  标签（原文 → 官方）：');
        for (const l of report.labels) {
            out.push(`    ${l.where ? `${l.where}：` : ''}「${l.printed}」→「${l.official}」，写${l.written === 'printed' ? '原文' : '官方标签'}${l.reason ? `（${l.reason}）` : ''}`);
        }
    }
    if (report.missing.sections.length) out.push(`  原文缺少的部分：${report.missing.sections.join('、')}`);
    if (report.missing.tables.length) out.push(`  原文缺少的表格：${report.missing.tables.join('、')}`);
    list('原文缺少的数字', report.missing.rows);
    if (report.conversions.length) {
        out.push('  转换：');
        for (const conv of report.conversions) out.push(`    ${conv.detail}`);
    }
    list('其他', report.notes);
    list('读取时的问题', report.issues.map(i => ({ message: i.message, where: i.where })));
    return out.join('\n');
}
