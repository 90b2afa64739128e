/**
 * Text normalisation every importer applies, in one place:
 *
 * - **compatibility characters** back to the characters they stand for (NFKC), as pdf.js and some
 *   editors produce them: Kangxi radicals (⼀ → 一, ⼈ → 人), CJK compatibility ideographs, odd
 *   spaces and invisible characters. Full-width forms (，：（）１２) stay as printed: prose is kept
 *   verbatim, and the checker reads either width;
 * - **traditional → simplified** (opencc-js, loaded only when needed), only when the text is
 *   detected as traditional;
 * - **pinyin injected by mirror sites** (`鄉(xiāng)`) removed.
 *
 * Pure functions over strings; no Node APIs.
 */
import type { SourceConversion, SourceDocument } from './source.js';

/** Characters NFKC changes that are not the full-width forms a report prints on purpose. */
function isCompatibility(code: number): boolean {
    return (code >= 0x2e80 && code <= 0x2fdf) || // CJK radicals supplement, Kangxi radicals
        (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
        (code >= 0x2f800 && code <= 0x2fa1f) || // … supplement
        (code >= 0x3220 && code <= 0x3243) || // ㈠ … parenthesised ideographs (（一）)
        code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f; // spaces
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

export interface Normalized {
    text: string;
    /** Compatibility characters restored (not counting removed invisible ones). */
    changed: number;
}

/** NFKC for compatibility characters only; invisible characters removed; line breaks unified to \n. */
export function normalizeText(text: string): Normalized {
    let changed = 0;
    let out = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
    out = out.replace(INVISIBLE, '');
    let needs = false;
    for (let i = 0; i < out.length; i++) {
        const code = out.charCodeAt(i);
        if (code === 0xa0 || (code >= 0x2000 && code <= 0x2fdf) || (code >= 0x3220 && code <= 0x3243) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xd800 && code <= 0xdbff)) {
            needs = true;
            break;
        }
    }
    if (!needs) return { text: out, changed };
    let result = '';
    for (const ch of out) {
        const code = ch.codePointAt(0)!;
        if (isCompatibility(code)) {
            const n = code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f ? ' ' : ch.normalize('NFKC');
            if (n !== ch) {
                changed++;
                result += n;
                continue;
            }
        }
        result += ch;
    }
    return { text: result, changed };
}

// ---------------------------------------------------------------------------------------------
// Traditional characters

/**
 * Traditional-only characters frequent in these reports (their simplified forms differ). A text
 * with enough of them is converted; the count after conversion is what the import report states.
 */
const TRADITIONAL = new Set(
    '與為們來個會從於時發開關國體說這樣還過進問題數據處辦結轉機構職資訊網頁號碼實業總計規範門戶認區縣鄉鎮務報' +
    '條執複審議訴訟請書經濟環節係統範圍對應歸納屬護權內務類過況檢動態錄檔項復應當歲費貨幣價務財稅營單據' +
    '讓雙並後圖書館無產負責專傳達標準劃務種類處罰強製許費聯絡電話郵編網絡層級員額廣場運輸組織導發佈關於',
);

function countHan(text: string): number {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x4e00 && c <= 0x9fff) n++;
    }
    return n;
}

function countTraditional(text: string): number {
    let n = 0;
    for (const ch of text) if (TRADITIONAL.has(ch)) n++;
    return n;
}

/** Whether a text is written in traditional characters: enough traditional-only characters among its Han. */
export function looksTraditional(text: string): boolean {
    const han = countHan(text);
    if (han < 20) return false;
    const traditional = countTraditional(text);
    return traditional >= 5 && traditional * 25 >= han;
}

type Converter = (text: string) => string;
let converter: Promise<Converter> | undefined;

async function traditionalToSimplified(): Promise<Converter> {
    converter ??= import('opencc-js/t2cn').then(m => {
        const opencc = (m as unknown as { Converter?: unknown; default?: { Converter: unknown } });
        const make = (opencc.Converter ?? opencc.default!.Converter) as (o: { from: string; to: string }) => Converter;
        return make({ from: 't', to: 'cn' });
    });
    return converter;
}

// ---------------------------------------------------------------------------------------------
// Injected pinyin: 鄉(xiāng)鎮 — a Han character followed by a parenthesised syllable with a tone mark.

const PINYIN = /([\u3400-\u9fff])[(（]([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)[)）]/g;

function removePinyin(text: string): { text: string; count: number } {
    let count = 0;
    const out = text.replace(PINYIN, (_m, han: string) => {
        count++;
        return han;
    });
    return { text: out, count };
}

// ---------------------------------------------------------------------------------------------
// A whole document

/** Every text of a document (paragraphs, cells, meta) mapped by one function, in document order. */
export function mapDocumentText(doc: SourceDocument, map: (text: string) => string): SourceDocument {
    return {
        ...doc,
        meta: {
            ...(doc.meta.title !== undefined ? { title: map(doc.meta.title) } : {}),
            ...(doc.meta.published !== undefined ? { published: doc.meta.published } : {}),
        },
        blocks: doc.blocks.map(block => block.kind === 'paragraph' ? { ...block, text: map(block.text) } : {
            ...block, rows: block.rows.map(row => row.map(cell => ({ ...cell, text: map(cell.text) }))),
        }),
    };
}

function allText(doc: SourceDocument): string {
    const parts: string[] = [doc.meta.title ?? ''];
    for (const block of doc.blocks) {
        if (block.kind === 'paragraph') parts.push(block.text);
        else for (const row of block.rows) for (const cell of row) parts.push(cell.text);
    }
    return parts.join('\n');
}

/**
 * The steps every document goes through after its reader: compatibility characters, traditional →
 * simplified when detected, injected pinyin. Each step that changed something is listed in the
 * document's conversions.
 */
export async function normalizeDocument(doc: SourceDocument): Promise<SourceDocument> {
    const conversions: SourceConversion[] = [...doc.conversions];
    let compat = 0;
    let out = mapDocumentText(doc, text => {
        const n = normalizeText(text);
        compat += n.changed;
        return n.text;
    });
    if (compat) conversions.push({ kind: 'nfkc', detail: `兼容字符 ${compat} 个按 NFKC 还原（如康熙部首「⼀」→「一」、不换行空格）`, count: compat });
    let pinyin = 0;
    out = mapDocumentText(out, text => {
        if (!/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(text)) return text;
        const r = removePinyin(text);
        pinyin += r.count;
        return r.text;
    });
    if (pinyin) conversions.push({ kind: 'pinyin', detail: `删去镜像网站插入的拼音注音 ${pinyin} 处（如「鄉(xiāng)」）`, count: pinyin });
    const text = allText(out);
    if (looksTraditional(text)) {
        const convert = await traditionalToSimplified();
        let changed = 0;
        out = mapDocumentText(out, t => {
            const s = convert(t);
            if (s !== t) for (let i = 0; i < t.length; i++) if (t[i] !== s[i]) changed++;
            return s;
        });
        conversions.push({ kind: 'traditional', detail: `检测为繁体字文本，按 OpenCC 转为简体：${changed} 个字`, count: changed });
    }
    return { ...out, conversions };
}
