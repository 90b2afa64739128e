/**
 * Word and WPS files (.docx) → paragraphs and table grids, read from word/document.xml directly:
 * w:gridSpan is colspan, w:vMerge restart/continue is rowspan, w:gridBefore/w:gridAfter leave
 * grid columns empty, a cell with no text stays blank. Tracked deletions and field codes are not
 * text; content controls and hyperlinks are read through. Legacy .doc files are refused with a
 * message (they are OLE containers, not ZIP archives).
 */
import JSZip from 'jszip';
import { ImportError } from './errors.js';
import type { SourceBlock, SourceCell, SourceDocument, SourceTable } from './source.js';
import { scanXml } from './xml.js';

/** The elements the reader acts on; the scanner passes over every other (run properties, drawings …). */
const DOCX_ELEMENTS = new Set([
    'w:del', 'w:instrText', 'w:delText', 'mc:Fallback', 'w:rPrChange', 'w:pPrChange', 'w:p', 'w:t', 'w:tab', 'w:br', 'w:cr',
    'w:noBreakHyphen', 'w:tbl', 'w:tr', 'w:gridBefore', 'w:tc', 'w:gridSpan', 'w:vMerge',
]);

/** Bigger parts than this are refused (a zip bomb or not a report). */
const MAX_PART = 64 * 1024 * 1024;

interface TableState {
    table: SourceTable;
    row?: SourceCell[];
    gridCol: number;
    cell?: { paragraphs: string[]; gridSpan: number; vMerge?: 'restart' | 'continue'; hidden: boolean };
    /** The cell that opened a vertical merge, by grid column. */
    merges: Map<number, SourceCell>;
}

export async function openZip(data: Uint8Array, what: string): Promise<JSZip> {
    try {
        return await JSZip.loadAsync(data, { checkCRC32: false });
    } catch (e) {
        throw new ImportError(`不是有效的 ${what} 文件：ZIP 结构损坏或文件不完整（${e instanceof Error ? e.message : String(e)}）`);
    }
}

export async function readPart(zip: JSZip, path: string, what: string): Promise<string | undefined> {
    const file = zip.file(path);
    if (!file) return undefined;
    const size = (file as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize;
    if (size !== undefined && size > MAX_PART) throw new ImportError(`${what} 文件中的 ${path} 解压后有 ${Math.round(size / 1048576)} MB，超过 ${MAX_PART / 1048576} MB，不予导入`);
    try {
        // Bytes, decoded by the platform: much faster than JSZip's own string conversion.
        return new TextDecoder('utf-8').decode(await file.async('uint8array'));
    } catch (e) {
        throw new ImportError(`${what} 文件中的 ${path} 无法解压（${e instanceof Error ? e.message : String(e)}）`);
    }
}

export async function readDocx(data: Uint8Array, _options: { name?: string } = {}): Promise<SourceDocument> {
    const zip = await openZip(data, 'DOCX');
    const xml = await readPart(zip, 'word/document.xml', 'DOCX');
    if (xml === undefined) throw new ImportError('不是 Word 文档：DOCX 文件中没有 word/document.xml');
    const blocks: SourceBlock[] = [];
    const tables: TableState[] = [];
    let paragraph: string | undefined;
    let skip = 0; // depth inside parts that are not text (deleted runs, field codes, fallbacks)
    let tableCount = 0;
    let inText = false;
    let title: string | undefined;
    const core = await readPart(zip, 'docProps/core.xml', 'DOCX');
    if (core) {
        const m = /<dc:title>([^<]*)<\/dc:title>/.exec(core);
        if (m && m[1].trim()) title = m[1].trim();
    }
    const top = () => tables[tables.length - 1];
    scanXml(xml, {
        elements: DOCX_ELEMENTS,
        wantsText: () => inText && !skip && paragraph !== undefined,
        open(name, attrs, selfClosing) {
            if (skip) {
                if (!selfClosing) skip++;
                return;
            }
            switch (name) {
                case 'w:del': case 'w:instrText': case 'w:delText': case 'mc:Fallback': case 'w:rPrChange': case 'w:pPrChange':
                    if (!selfClosing) skip = 1;
                    break;
                case 'w:p':
                    paragraph = '';
                    break;
                case 'w:t':
                    inText = true;
                    break;
                case 'w:tab':
                    if (paragraph !== undefined) paragraph += '\t';
                    break;
                case 'w:br': case 'w:cr':
                    if (paragraph !== undefined) paragraph += '\n';
                    break;
                case 'w:noBreakHyphen':
                    if (paragraph !== undefined) paragraph += '-';
                    break;
                case 'w:tbl':
                    tables.push({ table: { kind: 'table', rows: [], at: { table: ++tableCount } }, gridCol: 0, merges: new Map() });
                    break;
                case 'w:tr': {
                    const t = top();
                    if (t) {
                        t.row = [];
                        t.gridCol = 0;
                    }
                    break;
                }
                case 'w:gridBefore': {
                    const t = top();
                    const before = Math.min(1000, Math.max(0, Number.parseInt(attrs.get('w:val') ?? '0', 10) || 0));
                    // Grid columns before the first cell: a blank cell keeps the others in their columns.
                    if (t?.row && before) {
                        t.row.push({ text: '', rowSpan: 1, colSpan: before, at: { table: t.table.at.table, row: t.table.rows.length + 1, column: t.gridCol + 1 } });
                        t.gridCol += before;
                    }
                    break;
                }
                case 'w:tc': {
                    const t = top();
                    if (t) t.cell = { paragraphs: [], gridSpan: 1, hidden: false };
                    break;
                }
                case 'w:gridSpan': {
                    const t = top();
                    if (t?.cell) t.cell.gridSpan = Math.min(1000, Math.max(1, Number.parseInt(attrs.get('w:val') ?? '1', 10) || 1));
                    break;
                }
                case 'w:vMerge': {
                    const t = top();
                    if (t?.cell) t.cell.vMerge = attrs.get('w:val') === 'restart' ? 'restart' : 'continue';
                    break;
                }
            }
        },
        text(text) {
            if (inText && !skip && paragraph !== undefined) paragraph += text;
        },
        close(name) {
            if (skip) {
                skip--;
                return;
            }
            switch (name) {
                case 'w:t':
                    inText = false;
                    break;
                case 'w:p': {
                    const text = paragraph ?? '';
                    paragraph = undefined;
                    const t = top();
                    if (t?.cell) t.cell.paragraphs.push(text);
                    else for (const line of text.split('\n')) if (line.trim()) blocks.push({ kind: 'paragraph', text: line.trim(), at: { row: blocks.length + 1 } });
                    break;
                }
                case 'w:tc': {
                    const t = top();
                    if (!t?.cell || !t.row) break;
                    const c = t.cell;
                    t.cell = undefined;
                    const text = c.paragraphs.map(p => p.trim()).filter(Boolean).join('\n');
                    const col = t.gridCol;
                    t.gridCol += c.gridSpan;
                    const above = t.merges.get(col);
                    if (c.vMerge === 'continue' && above) {
                        above.rowSpan++;
                        break;
                    }
                    const cell: SourceCell = { text, rowSpan: 1, colSpan: c.gridSpan, at: { table: t.table.at.table, row: t.table.rows.length + 1, column: col + 1 } };
                    for (let k = 0; k < c.gridSpan; k++) t.merges.delete(col + k);
                    if (c.vMerge === 'restart') t.merges.set(col, cell);
                    t.row.push(cell);
                    break;
                }
                case 'w:tr': {
                    const t = top();
                    if (t?.row) {
                        t.table.rows.push(t.row);
                        t.row = undefined;
                    }
                    break;
                }
                case 'w:tbl': {
                    const t = tables.pop();
                    if (t && t.table.rows.some(r => r.length)) {
                        const cells = t.table.rows.flat();
                        if (cells.length === 1) {
                            for (const line of cells[0].text.split('\n')) if (line.trim()) blocks.push({ kind: 'paragraph', text: line.trim(), at: {} });
                        } else {
                            blocks.push(t.table);
                        }
                    }
                    break;
                }
            }
        },
    });
    return { kind: 'docx', blocks, meta: title ? { title } : {}, conversions: [], issues: [] };
}
