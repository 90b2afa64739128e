/**
 * CSV as Excel and text editors write it: UTF-8 with or without a BOM, GBK/GB18030 (Excel's
 * 「CSV（逗号分隔）」 on a Chinese Windows), UTF-16 with a BOM (Excel's 「Unicode 文本」, tab-separated);
 * RFC 4180 quoting (quotes, commas and line breaks inside a quoted field). Pure: bytes in, rows out.
 */

export interface DecodedText {
    text: string;
    encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
}

/** Bytes as text: a BOM decides; else UTF-8 if the bytes are valid UTF-8, else GB18030 (a superset of GBK). */
export function decodeText(bytes: Uint8Array): DecodedText {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
    try {
        return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
    } catch {
        return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
    }
}

export interface CsvRecord {
    /** The fields, as written (quotes removed, "" unescaped). */
    cells: string[];
    /** 1-based: the row number Excel shows for this record. */
    row: number;
    /** 1-based line of the text the record starts on (differs from `row` after a field with line breaks). */
    line: number;
    /** Offset in the text where the record starts. */
    offset: number;
}

export interface CsvParse {
    records: CsvRecord[];
    /** Set when a quoted field is never closed: the row it starts in. */
    unclosedQuoteRow?: number;
}

/** The separator of a file: a tab when the first line has tabs and no commas (Excel's Unicode text), else a comma. */
function separatorOf(text: string): string {
    const end = text.search(/\r|\n/);
    const first = end < 0 ? text : text.slice(0, end);
    return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

export function parseCsv(text: string): CsvParse {
    const sep = separatorOf(text);
    const records: CsvRecord[] = [];
    let cells: string[] = [];
    let field = '';
    let line = 1;
    let recordLine = 1;
    let recordOffset = 0;
    let quoted = false;
    let quoteRow = 0;
    let i = 0;
    const endRecord = () => {
        cells.push(field);
        records.push({ cells, row: records.length + 1, line: recordLine, offset: recordOffset });
        cells = [];
        field = '';
    };
    while (i < text.length) {
        const ch = text[i];
        if (quoted) {
            if (ch === '"') {
                if (text[i + 1] === '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                quoted = false;
                i++;
                continue;
            }
            if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
            field += ch;
            i++;
            continue;
        }
        if (ch === '"' && field.trim() === '') {
            quoted = true;
            quoteRow = records.length + 1;
            field = '';
            i++;
        } else if (ch === sep) {
            cells.push(field);
            field = '';
            i++;
        } else if (ch === '\r' || ch === '\n') {
            i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
            endRecord();
            line++;
            recordLine = line;
            recordOffset = i;
        } else {
            field += ch;
            i++;
        }
    }
    if (quoted || field !== '' || cells.length) endRecord();
    return quoted ? { records, unclosedQuoteRow: quoteRow } : { records };
}

/** One field as CSV: quoted when it holds a separator, a quote, a line break or outer spaces. */
function csvField(value: string): string {
    return /[",\r\n\t]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV text for Excel: CRLF line ends; the caller adds a BOM so that Excel reads UTF-8. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
    return rows.map(r => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The byte-order mark that makes Excel open a UTF-8 CSV as UTF-8. */
export const UTF8_BOM = '\ufeff';
