/**
 * Spreadsheets (.xlsx) → one table per sheet (the tables' own captions and labels say which they are).
 * Merged ranges become spans; a formula cell gives its cached value; an empty cell stays blank.
 * xxgk's own export adds a sheet 「核对」 of checks, which is not part of the report: skipped; and where
 * a cell holds a formula or value the report did not print (a blank total), its note says what was
 * printed (src/util/cell-notes.ts): that text is read instead.
 */
import { ImportError } from './errors.js';
import { openZip, readPart } from './read-docx.js';
import type { SourceBlock, SourceCell, SourceDocument, SourceTable } from './source.js';
import { writtenFromNote } from '../util/cell-notes.js';
import { scanXml, type XmlAttributes } from './xml.js';

/** The scanner's events as a list (the parts of a workbook other than sheets are small). */
function events(xml: string): ({ type: 'open'; name: string; attrs: XmlAttributes } | { type: 'close'; name: string } | { type: 'text'; text: string })[] {
    const out: ({ type: 'open'; name: string; attrs: XmlAttributes } | { type: 'close'; name: string } | { type: 'text'; text: string })[] = [];
    scanXml(xml, { open: (name, attrs) => out.push({ type: 'open', name, attrs }), close: name => out.push({ type: 'close', name }), text: text => out.push({ type: 'text', text }) });
    return out;
}

const CHECK_SHEET = '核对';

function columnIndex(ref: string): { row: number; col: number } {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    if (!m) return { row: -1, col: -1 };
    let col = 0;
    for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
}

function sharedStrings(xml: string | undefined): string[] {
    const out: string[] = [];
    if (!xml) return out;
    let current: string | undefined;
    let inText = false;
    let inPhonetic = 0;
    for (const ev of events(xml)) {
        if (ev.type === 'open') {
            if (ev.name === 'si') current = '';
            else if (ev.name === 't') inText = true;
            else if (ev.name === 'rPh') inPhonetic++;
        } else if (ev.type === 'close') {
            if (ev.name === 'si') {
                out.push(current ?? '');
                current = undefined;
            } else if (ev.name === 't') inText = false;
            else if (ev.name === 'rPh') inPhonetic--;
        } else if (inText && !inPhonetic && current !== undefined) {
            current += ev.text;
        }
    }
    return out;
}

/** The notes of a sheet (xl/commentsN.xml), by cell reference. */
function comments(xml: string | undefined): Map<string, string> {
    const out = new Map<string, string>();
    if (!xml) return out;
    let ref: string | undefined;
    let text = '';
    let inText = false;
    for (const ev of events(xml)) {
        if (ev.type === 'open') {
            if (ev.name === 'comment') {
                ref = ev.attrs.get('ref');
                text = '';
            } else if (ev.name === 't') inText = true;
        } else if (ev.type === 'close') {
            if (ev.name === 't') inText = false;
            else if (ev.name === 'comment' && ref) {
                out.set(ref, text);
                ref = undefined;
            }
        } else if (inText && ref) text += ev.text;
    }
    return out;
}

/** The part a sheet's relationship of `type` points to (the rels next to the sheet, targets relative to it). */
async function relatedPart(zip: Parameters<typeof readPart>[0], sheetPath: string, type: string): Promise<string | undefined> {
    const dir = sheetPath.slice(0, sheetPath.lastIndexOf('/'));
    const rels = await readPart(zip, `${dir}/_rels/${sheetPath.slice(dir.length + 1)}.rels`, 'XLSX');
    if (!rels) return undefined;
    for (const ev of events(rels)) {
        if (ev.type !== 'open' || ev.name !== 'Relationship' || !ev.attrs.get('Type')?.endsWith(`/${type}`)) continue;
        const target = ev.attrs.get('Target') ?? '';
        if (target.startsWith('/')) return target.slice(1);
        const parts = `${dir}/${target}`.split('/');
        const out: string[] = [];
        for (const part of parts) {
            if (part === '..') out.pop();
            else if (part !== '.') out.push(part);
        }
        return out.join('/');
    }
    return undefined;
}

function readSheet(xml: string, strings: string[], number: number, notes: Map<string, string> = new Map()): SourceTable | undefined {
    const values = new Map<string, string>();
    let maxRow = -1;
    let maxCol = -1;
    const merges: { r0: number; c0: number; r1: number; c1: number }[] = [];
    let cell: { ref: string; type?: string } | undefined;
    let text = '';
    let capture = false;
    for (const ev of events(xml)) {
        if (ev.type === 'open') {
            if (ev.name === 'c') {
                cell = { ref: ev.attrs.get('r') ?? '', type: ev.attrs.get('t') };
                text = '';
            } else if ((ev.name === 'v' || ev.name === 't') && cell) {
                capture = true;
            } else if (ev.name === 'mergeCell' && ev.attrs.get('ref')) {
                const [a, b] = ev.attrs.get('ref')!.split(':');
                const from = columnIndex(a);
                const to = columnIndex(b ?? a);
                if (from.row >= 0 && to.row >= 0) merges.push({ r0: from.row, c0: from.col, r1: to.row, c1: to.col });
            }
        } else if (ev.type === 'text') {
            if (capture) text += ev.text;
        } else if (ev.name === 'v' || ev.name === 't') {
            capture = false;
        } else if (ev.name === 'c' && cell) {
            const { row, col } = columnIndex(cell.ref);
            if (row >= 0 && row < 100_000 && col < 16_384) {
                const stored = cell.type === 's' ? strings[Number(text)] ?? '' : cell.type === 'b' ? (text === '1' ? 'TRUE' : 'FALSE') : text;
                const note = notes.get(cell.ref);
                const value = (note !== undefined ? writtenFromNote(note) : undefined) ?? stored;
                if (value !== '') {
                    values.set(`${row},${col}`, value);
                    maxRow = Math.max(maxRow, row);
                    maxCol = Math.max(maxCol, col);
                }
            }
            cell = undefined;
        }
    }
    if (maxRow < 0) return undefined;
    for (const m of merges) {
        maxRow = Math.max(maxRow, Math.min(m.r1, 99_999));
        maxCol = Math.max(maxCol, Math.min(m.c1, 16_383));
    }
    const covered = new Set<string>();
    const spans = new Map<string, { rowSpan: number; colSpan: number }>();
    for (const m of merges) {
        spans.set(`${m.r0},${m.c0}`, { rowSpan: m.r1 - m.r0 + 1, colSpan: m.c1 - m.c0 + 1 });
        for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) covered.add(`${r},${c}`);
    }
    const rows: SourceCell[][] = [];
    for (let r = 0; r <= maxRow; r++) {
        const row: SourceCell[] = [];
        for (let c = 0; c <= maxCol; c++) {
            const key = `${r},${c}`;
            if (covered.has(key)) continue;
            const span = spans.get(key);
            row.push({ text: (values.get(key) ?? '').trim(), rowSpan: span?.rowSpan ?? 1, colSpan: span?.colSpan ?? 1, at: { table: number, row: r + 1, column: c + 1 } });
        }
        rows.push(row);
    }
    return { kind: 'table', rows, at: { table: number } };
}

export async function readXlsx(data: Uint8Array, _options: { name?: string } = {}): Promise<SourceDocument> {
    const zip = await openZip(data, 'XLSX');
    const workbook = await readPart(zip, 'xl/workbook.xml', 'XLSX');
    if (!workbook) throw new ImportError('不是 Excel 工作簿：XLSX 文件中没有 xl/workbook.xml');
    const rels = (await readPart(zip, 'xl/_rels/workbook.xml.rels', 'XLSX')) ?? '';
    const targets = new Map<string, string>();
    for (const ev of events(rels)) {
        if (ev.type === 'open' && ev.name === 'Relationship' && ev.attrs.get('Id') && ev.attrs.get('Target')) {
            const target = ev.attrs.get('Target')!.replace(/^\/?xl\//, '').replace(/^\//, '');
            targets.set(ev.attrs.get('Id')!, `xl/${target}`);
        }
    }
    const strings = sharedStrings(await readPart(zip, 'xl/sharedStrings.xml', 'XLSX'));
    const blocks: SourceBlock[] = [];
    let number = 0;
    for (const ev of events(workbook)) {
        if (ev.type !== 'open' || ev.name !== 'sheet') continue;
        const name = ev.attrs.get('name') ?? '';
        if (name === CHECK_SHEET || ev.attrs.get('state') === 'hidden' || ev.attrs.get('state') === 'veryHidden') continue;
        const path = targets.get(ev.attrs.get('r:id') ?? '');
        const xml = path ? await readPart(zip, path, 'XLSX') : undefined;
        if (!xml) continue;
        const commentsPath = await relatedPart(zip, path!, 'comments');
        const table = readSheet(xml, strings, ++number, comments(commentsPath ? await readPart(zip, commentsPath, 'XLSX') : undefined));
        if (!table) continue;
        blocks.push(table);
    }
    return { kind: 'xlsx', blocks, meta: {}, conversions: [], issues: [] };
}
