/**
 * What the office needs of one report (a filing): who (机关, 单位编号, 机关层级), which year, when
 * published, whether its tables are empty, a digest of its table values and a sketch of its prose.
 * Small and serialisable like the cross-year ReportSummary: the CLI's workers send it to the main
 * thread, the language server keeps it for files no editor shows, instead of whole models.
 */
import type { DateValue, ReportModel, Span } from '../model/types.js';
import type { SummarySpan } from '../rules/cross-year.js';
import { LineIndex } from '../util/lines.js';
import { sketchProse, type ProseSketch } from './similarity.js';

export interface FilingSummary {
    agency?: string;
    unitId?: string;
    year?: number;
    /** 机关层级 as a level id (levels.ts). */
    level?: string;
    published?: DateValue;
    /** The format's id. */
    template: string;
    /** Every cell of every table is zero or blank (or there is no table): a filing, but an empty one. */
    empty: boolean;
    /** A digest of every table value by table/row/column; undefined when the tables are empty. */
    tables?: string;
    prose: ProseSketch;
    /** Where findings about the report's unit go: 单位编号's value, else 机关's, else the first line. */
    unitAnchor: SummarySpan;
    /** Where a finding about the prose goes: the first text block's opening line. */
    proseAnchor: SummarySpan;
    /** Where a finding about the tables goes: the first table's first line. */
    tablesAnchor: SummarySpan;
}

/** A filing as status reads it: the summary, where it came from, and the counts of its check's findings. */
export interface Filing extends FilingSummary {
    /** The file's path (CLI) or uri (language server). */
    source: string;
    errors: number;
    warnings: number;
}

const summaries = new WeakMap<ReportModel, FilingSummary>();

export function filingSummary(model: ReportModel, lines?: LineIndex): FilingSummary {
    let summary = summaries.get(model);
    if (!summary) {
        summary = summarize(model, lines ?? new LineIndex(model.text));
        summaries.set(model, summary);
    }
    return summary;
}

function summarize(model: ReportModel, lines: LineIndex): FilingSummary {
    const at = (span: Span): SummarySpan => ({ span, range: { start: lines.position(span.start), end: lines.position(span.end) } });
    const { meta } = model;
    const firstLine = { start: 0, end: Math.max(0, model.text.search(/\r?\n|$/)) };
    let empty = true;
    let firstTable: Span | undefined;
    for (const table of model.tables.values()) {
        const first = table.openerSpan ?? table.header?.span ?? table.rows[0]?.lineSpan;
        if (first && (!firstTable || first.start < firstTable.start)) firstTable = { start: first.start, end: first.end };
        for (const row of table.rows) {
            for (const cell of row.cells) if (cell.state === 'invalid' || (cell.value !== undefined && cell.value !== 0)) empty = false;
        }
    }
    const blocks = [...model.preamble, ...model.sections.flatMap(s => s.prose)];
    const firstBlock = blocks[0]?.span;
    const unitEntry = meta.unitId ?? meta.agency;
    const summary: FilingSummary = {
        template: model.template.id,
        empty,
        prose: sketchProse(blocks.map(b => b.text).join('\n')),
        unitAnchor: at(unitEntry ? (unitEntry.text ? unitEntry.valueSpan : unitEntry.span) : firstLine),
        proseAnchor: at(firstBlock ? { start: firstBlock.start, end: firstBlock.start + 3 } : firstLine),
        tablesAnchor: at(firstTable ?? firstLine),
    };
    if (meta.agency?.value) summary.agency = meta.agency.value;
    if (meta.unitId?.value) summary.unitId = meta.unitId.value;
    if (meta.year?.value !== undefined) summary.year = meta.year.value;
    if (meta.level?.value) summary.level = meta.level.value.id;
    if (meta.published?.value) summary.published = meta.published.value;
    if (!empty) summary.tables = tablesDigest(model);
    return summary;
}

/**
 * A digest of every value of the tables, in the template's order of tables, rows and columns (so
 * the order rows are written in does not matter): equal tables give equal digests.
 */
function tablesDigest(model: ReportModel): string {
    const hash = new Fnv64();
    for (const section of model.template.sections) {
        for (const def of section.tables) {
            const table = model.tables.get(def.id);
            hash.add(def.id);
            if (!table) continue;
            for (const { def: rowDef } of table.index.rows) {
                const row = table.rowsById.get(rowDef.id);
                if (!row) continue;
                hash.add(rowDef.id);
                for (const column of def.columns) {
                    const cell = row.byColumn.get(column.id);
                    hash.add(cell === undefined ? '' : cell.value === undefined ? cell.text : String(cell.value));
                }
            }
        }
    }
    return hash.hex();
}

/** 64 bits of FNV-1a (two 32-bit lanes) over a sequence of strings, as hex. */
class Fnv64 {
    private h1 = 0x811c9dc5;
    private h2 = 0x050c5d1f;

    add(text: string): void {
        let { h1, h2 } = this;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            h1 = Math.imul(h1 ^ c, 0x01000193);
            h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        this.h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
        this.h2 = Math.imul(h2 ^ 0x1f, 0x01000193);
    }

    hex(): string {
        return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
    }
}
