/**
 * Which reader reads a file: by its first bytes (PDF, ZIP, OLE), then by its name, then by whether
 * the text looks like HTML. Every reader returns a SourceDocument; an input no reader can take is an
 * ImportError with one clear sentence.
 */
import { ImportError } from './errors.js';
import type { SourceDocument } from './source.js';

export type SourceKind = SourceDocument['kind'];

export interface ReadOptions {
    /** The file's name (for its extension and the import report). */
    name?: string;
    /** Whether a paragraph is a report heading: lets the HTML reader find the article in a CMS page. */
    anchors?: (text: string) => boolean;
}

/** Files bigger than this are refused before reading (no report is anywhere near it); PDFs have the PDF reader's limit. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** What a caller reads at most from a file (the largest limit of any reader: PDF). */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;

const startsWith = (data: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => data[at + i] === b);

function extension(name: string | undefined): string {
    return /\.([A-Za-z0-9]+)$/.exec(name ?? '')?.[1].toLowerCase() ?? '';
}

function looksLikeHtml(data: Uint8Array): boolean {
    const head = new TextDecoder('latin1').decode(data.subarray(0, 2048)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
    return head.startsWith('<!doctype html') || head.startsWith('<html') || /<(?:head|body|meta|table|div|p)[\s>]/.test(head.slice(0, 1024));
}

/** The kind of a file, or an ImportError saying why it cannot be imported. */
export function detectKind(data: Uint8Array, name?: string): SourceKind {
    const ext = extension(name);
    if (startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
    if (startsWith(data, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
        throw new ImportError(ext === 'xls' || ext === 'et'
            ? '这是旧版 Excel（.xls）文件，无法直接导入：请在 Excel 或 WPS 中另存为 .xlsx 后再导入'
            : '这是旧版 Word（.doc）文件（或加密的 Office 文件），无法直接导入：请在 Word 或 WPS 中另存为 .docx 后再导入');
    }
    if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) || startsWith(data, [0x50, 0x4b, 0x05, 0x06])) {
        if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
        if (ext === 'docx' || ext === 'docm' || ext === 'wps' || !ext) return 'docx';
        // A ZIP with another name: decided by its parts when read.
        return ext === 'zip' ? 'docx' : 'docx';
    }
    if (startsWith(data, [0x7b, 0x5c, 0x72, 0x74, 0x66])) throw new ImportError('这是 RTF 文件，无法直接导入：请另存为 .docx 或网页（.html）后再导入');
    if (['pdf'].includes(ext)) throw new ImportError('文件扩展名是 .pdf，但内容不是 PDF（文件头不是 %PDF-）');
    if (['docx', 'xlsx'].includes(ext)) throw new ImportError(`文件扩展名是 .${ext}，但内容不是 ZIP 格式的 Office 文件（文件可能已损坏或不完整）`);
    if (['png', 'jpg', 'jpeg', 'gif', 'bmp', 'tif', 'tiff', 'webp'].includes(ext)) throw new ImportError('这是图片文件：年报的图片没有文字层，无法导入（不做文字识别）');
    if (ext === 'html' || ext === 'htm' || ext === 'shtml' || ext === 'xhtml' || ext === 'jhtml' || ext === 'mht') return 'html';
    if (ext === 'txt' || ext === 'text' || ext === 'md') return 'text';
    // Text has no NUL bytes and few control characters; UTF-16 without a mark has NULs in every other byte.
    let nul = 0;
    let control = 0;
    const sample = Math.min(data.length, 4096);
    for (let i = 0; i < sample; i++) {
        if (data[i] === 0) nul++;
        else if (data[i] < 0x09 || (data[i] > 0x0d && data[i] < 0x20 && data[i] !== 0x1b)) control++;
    }
    const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff) || nul * 4 >= sample;
    if (!utf16 && (nul > 0 || control * 50 > sample)) {
        throw new ImportError('这不是文本、网页、Word 或 PDF 文件（内容是二进制数据），无法导入');
    }
    return looksLikeHtml(data) ? 'html' : 'text';
}

/** Reads any supported file into a SourceDocument (before normalisation). */
export async function readSource(data: Uint8Array, options: ReadOptions = {}): Promise<SourceDocument> {
    if (!data.length) throw new ImportError('文件是空的');
    if (data.length > MAX_INPUT_BYTES && !startsWith(data, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
        throw new ImportError(`文件有 ${Math.round(data.length / 1048576)} MB，超过 ${MAX_INPUT_BYTES / 1048576} MB，不像一份年报，未导入`);
    }
    const kind = detectKind(data, options.name);
    switch (kind) {
        case 'pdf': return (await import('./read-pdf.js')).readPdf(data, { name: options.name });
        case 'docx': return (await import('./read-docx.js')).readDocx(data, { name: options.name });
        case 'xlsx': return (await import('./read-xlsx.js')).readXlsx(data, { name: options.name });
        case 'html': return (await import('./read-html.js')).readHtml(data, { name: options.name, anchors: options.anchors });
        case 'text': return (await import('./read-text.js')).readText(data, { name: options.name });
    }
}
