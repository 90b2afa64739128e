/**
 * A registry file's bytes as rows: CSV (any encoding Excel or an editor writes, see csv.ts) or XLSX
 * (exceljs, loaded on first use: the sheet named 单位名单, else the first). No file system here: the
 * CLI and the language server read the bytes.
 */
import { catalogEntry } from '../rules/catalog.js';
import { fillTemplate } from '../util/text.js';
import { decodeText, parseCsv } from './csv.js';
import { readRegistry, type RegistryProblem, type RegistryRead, type RegistryRecord, UnitRegistry } from './registry.js';

export type RegistryFormat = 'csv' | 'xlsx';

/** The registry's format by its file name; undefined for a name that is neither. */
export function registryFormatOf(fileName: string): RegistryFormat | undefined {
    const lower = fileName.toLowerCase();
    if (lower.endsWith('.xlsx') || lower.endsWith('.xlsm')) return 'xlsx';
    if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return 'csv';
    return undefined;
}

/** The file names a folder's registry is looked up under (the VS Code default, and the CLI's for a folder). */
export const DEFAULT_REGISTRY_NAMES = ['单位名单.csv', '单位名单.xlsx'] as const;

export function unreadableRegistry(reason: string): RegistryRead {
    const entry = catalogEntry('xxgk/registry-unreadable');
    const problem: RegistryProblem = {
        code: entry.code, severity: entry.severity, message: fillTemplate(entry.message, { reason }), row: 1, line: 1, offset: 0, data: { code: entry.code },
    };
    return { registry: new UnitRegistry([]), problems: [problem] };
}

export async function parseRegistryFile(bytes: Uint8Array, fileName: string): Promise<RegistryRead> {
    const format = registryFormatOf(fileName);
    if (fileName.toLowerCase().endsWith('.xls')) return unreadableRegistry('不支持旧的 .xls 格式；请在 Excel 中另存为 .xlsx 或 CSV');
    if (format === 'xlsx' || (bytes[0] === 0x50 && bytes[1] === 0x4b)) {
        let records: RegistryRecord[];
        try {
            records = await xlsxRecords(bytes);
        } catch (e) {
            return unreadableRegistry(`不是有效的 .xlsx 文件（${(e as Error).message}）`);
        }
        return readRegistry(records);
    }
    if (bytes.includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe) && !(bytes[0] === 0xfe && bytes[1] === 0xff)) {
        return unreadableRegistry('不是文本文件，也不是 .xlsx 文件');
    }
    const { records, unclosedQuoteRow } = parseCsv(decodeText(bytes).text);
    const read = readRegistry(records);
    if (unclosedQuoteRow !== undefined) {
        const entry = catalogEntry('xxgk/registry-value');
        const at = records.find(r => r.row === unclosedQuoteRow) ?? { row: unclosedQuoteRow, line: unclosedQuoteRow, offset: 0 };
        read.problems.push({
            code: entry.code, severity: entry.severity, row: at.row, line: at.line, offset: at.offset, data: { code: entry.code },
            message: fillTemplate(entry.message, { row: at.row, column: '引号', text: '"', hint: '从这里开始的引号没有闭合，之后的内容都读进了这一格' }),
        });
    }
    return read;
}

async function xlsxRecords(bytes: Uint8Array): Promise<RegistryRecord[]> {
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets.find(s => s.name.trim() === '单位名单') ?? workbook.worksheets[0];
    if (!sheet) return [];
    const records: RegistryRecord[] = [];
    const width = sheet.columnCount;
    for (let r = 1; r <= sheet.rowCount; r++) {
        const row = sheet.getRow(r);
        const cells: string[] = [];
        for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
        records.push({ cells, row: r, line: r, offset: 0 });
    }
    return records;
}

/** An Excel cell as the text a person sees in it. */
function cellText(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (typeof value === 'boolean') return value ? '是' : '否';
    if (value instanceof Date) {
        const pad = (n: number) => String(n).padStart(2, '0');
        return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    }
    if (typeof value === 'object') {
        const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
        if (v.richText) return v.richText.map(t => t.text).join('');
        if ('result' in v) return cellText(v.result);
        if (v.text !== undefined) return cellText(v.text);
    }
    return '';
}
