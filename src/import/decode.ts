/**
 * Bytes to text: a byte-order mark, else the charset the page declares, else strict UTF-8, else
 * GB18030 (the superset of GB2312 and GBK that TextDecoder knows in Node and in browsers).
 * A declaration the bytes contradict (a page saying UTF-8 that is GBK, or the other way) is not
 * followed blindly: the decoding that works is used and the import report says so.
 */
import type { SourceConversion } from './source.js';

export interface Decoded {
    text: string;
    /** The encoding used, as TextDecoder names it. */
    encoding: string;
    conversions: SourceConversion[];
}

const GB_FAMILY = new Set(['gbk', 'gb2312', 'gb18030', 'x-gbk', 'gb_2312-80', 'chinese', 'csgb2312', 'iso-ir-58', 'cp936', 'windows-936', 'ms936']);

function strictUtf8(data: Uint8Array): string | undefined {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(data);
    } catch {
        return undefined;
    }
}

function hasNonAscii(data: Uint8Array, limit = data.length): boolean {
    for (let i = 0; i < limit; i++) if (data[i] >= 0x80) return true;
    return false;
}

function decoderFor(label: string): { decode(data: Uint8Array): string; readonly encoding: string } | undefined {
    try {
        return new TextDecoder(label);
    } catch {
        return undefined;
    }
}

function nameOf(encoding: string): string {
    return encoding === 'gbk' || encoding === 'gb18030' ? 'GB18030（GBK/GB2312）' : encoding.toUpperCase();
}

/** The charset a page declares in its first 4 KB (<meta charset> or http-equiv Content-Type). */
export function declaredCharset(data: Uint8Array): string | undefined {
    const head = new TextDecoder('latin1').decode(data.subarray(0, 4096));
    const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
    return meta?.[1].toLowerCase();
}

/**
 * Decodes a text or HTML file. `declared` is what the page says (HTML); text files have none.
 */
export function decodeBytes(data: Uint8Array, declared?: string): Decoded {
    const conversions: SourceConversion[] = [];
    // Byte-order marks win, as in browsers.
    if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
        return { text: new TextDecoder('utf-8').decode(data.subarray(3)), encoding: 'utf-8', conversions };
    }
    if ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)) {
        const encoding = data[0] === 0xff ? 'utf-16le' : 'utf-16be';
        conversions.push({ kind: 'charset', detail: `按 ${encoding.toUpperCase()} 解码（字节顺序标记）` });
        return { text: new TextDecoder(encoding).decode(data.subarray(2)), encoding, conversions };
    }
    const utf8 = strictUtf8(data);
    const decoder = declared ? decoderFor(declared) : undefined;
    const encoding = decoder?.encoding;
    if (decoder && encoding !== 'utf-8') {
        if (utf8 !== undefined && hasNonAscii(data) && GB_FAMILY.has(declared!)) {
            // GBK text is almost never valid UTF-8: the declaration is wrong.
            conversions.push({ kind: 'charset', detail: `页面声明编码为 ${declared}，但内容是有效的 UTF-8，按 UTF-8 解码` });
            return { text: utf8, encoding: 'utf-8', conversions };
        }
        conversions.push({ kind: 'charset', detail: `按页面声明的 ${nameOf(encoding!)} 解码` });
        return { text: decoder.decode(data), encoding: encoding!, conversions };
    }
    if (utf8 !== undefined) {
        if (declared && !decoder) conversions.push({ kind: 'charset', detail: `页面声明的编码「${declared}」无法识别，按 UTF-8 解码` });
        return { text: utf8, encoding: 'utf-8', conversions };
    }
    // Not UTF-8: UTF-16 without a mark (many NULs), else GB18030.
    let zeros = 0;
    const sample = Math.min(data.length, 4096);
    for (let i = 0; i < sample; i++) if (data[i] === 0) zeros++;
    if (zeros * 4 > sample) {
        const evenZeros = data.subarray(0, sample).filter((b, i) => b === 0 && i % 2 === 0).length;
        const enc = evenZeros > zeros / 2 ? 'utf-16be' : 'utf-16le';
        conversions.push({ kind: 'charset', detail: `内容不是 UTF-8，按 ${enc.toUpperCase()} 解码` });
        return { text: new TextDecoder(enc).decode(data), encoding: enc, conversions };
    }
    const gb = new TextDecoder('gb18030');
    conversions.push({
        kind: 'charset',
        detail: declared && encoding === 'utf-8' ? '页面声明编码为 UTF-8，但内容不是有效的 UTF-8，按 GB18030（GBK/GB2312）解码' : '内容不是 UTF-8，按 GB18030（GBK/GB2312）解码',
    });
    return { text: gb.decode(data), encoding: 'gb18030', conversions };
}
