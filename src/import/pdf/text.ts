/**
 * Text runs of a PDF page (glyph runs from the operator list, in page coordinates: points from the top-left
 * corner), their normalisation, and how runs are joined into lines and strings.
 */
import type { GlyphRun } from './paths.js';

/** A glyph run whose text is normalised (normalizeText). */
export type TextRun = GlyphRun;

/**
 * Code points that PDF producers emit for ordinary characters: Kangxi radicals (U+2F00 ⼀ for 一),
 * CJK radical supplements, CJK compatibility ideographs, Latin ligatures, the vertical forms of
 * punctuation (︵ for （ in vertical text). NFKC maps them back.
 * Full-width punctuation (（，：) is what the author typed and stays as printed.
 */
const COMPAT = /[\u2e80-\u2fdf\uf900-\ufaff\ufb00-\ufb4f\ufe10-\ufe19\ufe30-\ufe4f\u6236]|\ud87e[\udc00-\ude1f]/gu;
/** Spaces of other widths become a plain space. */
const SPACES = /[\u00a0\u2000-\u200a\u202f\u205f]/g;

/**
 * CJK Radicals Supplement code points that look like (and in PDFs stand for) a whole character;
 * NFKC leaves them alone (they have no decomposition), so they are mapped here.
 */
const RADICALS: Record<string, string> = {
    '⺟': '母', '⺠': '民', '⻄': '西', '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门',
    '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食', '⻢': '马', '⻣': '骨',
    '⻤': '鬼', '⻥': '鱼', '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿',
    '⻰': '龙', '⻳': '龟',
    // Not a radical, the same mechanism: Pan-CJK fonts (Noto/Source Han) draw 户 and 戶 with one glyph,
    // and a PDF's glyph → text map built from the font names the lower code point (Chromium does).
    '戶': '户',
};

/** Normalises one string; `counter.compat` counts the compatibility characters mapped back. */
export function normalizeText(s: string, counter: { compat: number }): string {
    let out = s.replace(COMPAT, ch => {
        const nfkc = RADICALS[ch] ?? ch.normalize('NFKC');
        const n = RADICALS[nfkc] ?? nfkc; // ⼾ → 戶 (NFKC) → 户
        if (n !== ch) counter.compat++;
        return n;
    });
    out = out.replace(SPACES, ' ').replace(/[\u200b\ufeff]/g, '');
    return out;
}

/** Normalises the glyph runs of a page (GlyphRun → TextRun); drops runs that are only spaces. */
export function textRuns(runs: readonly GlyphRun[], counter: { compat: number }): TextRun[] {
    const out: TextRun[] = [];
    for (const r of runs) {
        const text = normalizeText(r.text, counter);
        if (text.trim() && r.size > 0 && Number.isFinite(r.x0 + r.x1 + r.y0 + r.y1)) out.push({ ...r, text });
    }
    return out;
}

/** CJK ideographs, kana, hangul and full-width forms: text joined without spaces. */
function isWide(ch: string): boolean {
    const c = ch.codePointAt(0) ?? 0;
    return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) || (c >= 0xf900 && c <= 0xfaff)
        || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef) || c >= 0x20000
        || (c >= 0x2000 && c <= 0x206f && c !== 0x2010 && c !== 0x2011);
}

/**
 * The separator between two pieces of text in reading order: a space the text has stays (unless
 * between two CJK characters); otherwise nothing where either side is CJK, one space between Latin
 * words or numbers when the gap is wider than a thin space (or the pieces are on different lines).
 */
export function separator(before: string, after: string, gap: number, size: number, newLine: boolean): string {
    const a = before.trimEnd(), b = after.trimStart();
    if (!a || !b) return '';
    const wideA = isWide(a[a.length - 1]), wideB = isWide(b[0]);
    // A space in the text stays, except between two CJK characters (justification, letter spacing).
    if (before !== a || after !== b) return wideA && wideB ? '' : ' ';
    // A line that wraps after a half-width , ; : ! ? lost the space typed after it (Latin habit).
    if (newLine && /[,;:!?]/.test(a[a.length - 1])) return ' ';
    // A gap after half-width punctuation before CJK is a space not drawn as a glyph (browsers do
    // that). After letters and digits it is Word's automatic CJK/Latin spacing: nothing typed.
    if (!newLine && !wideA && wideB && /[)\],.;:!?]/.test(a[a.length - 1]) && gap > 0.18 * size) return ' ';
    if (wideA || wideB) return '';
    return newLine || gap > 0.18 * size ? ' ' : '';
}

export interface TextLine {
    runs: TextRun[];
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    /** The line's main font size (of its longest run). */
    size: number;
    text: string;
}

/** Joins runs of one line, left to right. */
export function joinLine(runs: TextRun[]): string {
    let text = '';
    let prev: TextRun | undefined;
    for (const r of runs) {
        if (prev) text += separator(text, r.text, r.x0 - prev.x1, Math.max(prev.size, r.size), false);
        text += prev ? r.text.trimStart() : r.text;
        prev = r;
    }
    return closeWideGaps(text.replace(/\s+/g, ' ').trim());
}

/** Spaces between two CJK characters are layout (justification, letter spacing), not text. */
export function closeWideGaps(text: string): string {
    return text.replace(/(\S)\s+(?=(\S))/gu, (m, a: string, b: string) => (isWide(a) && isWide(b) ? a : m));
}

/**
 * Groups runs into lines (top to bottom, runs left to right). Runs of one line overlap vertically
 * by more than half the smaller one's height. Vertical runs form one line each, right to left.
 */
export function groupLines(runs: TextRun[]): TextLine[] {
    const horizontal = runs.filter(r => !r.vertical).sort((a, b) => (a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2 || a.x0 - b.x0);
    const lines: TextRun[][] = [];
    let current: TextRun[] = [];
    let top = 0, bottom = 0;
    for (const r of horizontal) {
        const overlap = Math.min(bottom, r.y1) - Math.max(top, r.y0);
        const minH = Math.min(r.y1 - r.y0, bottom - top);
        if (current.length && overlap > 0.5 * minH) {
            current.push(r);
            top = Math.min(top, r.y0);
            bottom = Math.max(bottom, r.y1);
        } else {
            if (current.length) lines.push(current);
            current = [r];
            top = r.y0;
            bottom = r.y1;
        }
    }
    if (current.length) lines.push(current);
    const vertical = runs.filter(r => r.vertical).sort((a, b) => b.x0 - a.x0 || a.y0 - b.y0);
    const out = lines.map(toLine);
    // Vertical runs: one column each (right to left); runs of one column continue downwards.
    const columns: TextRun[][] = [];
    for (const r of vertical) {
        const col = columns.find(c => Math.abs(c[0].x0 - r.x0) < 0.5 * r.size);
        if (col) col.push(r);
        else columns.push([r]);
    }
    for (const col of columns) {
        col.sort((a, b) => a.y0 - b.y0);
        const line = toLine(col);
        line.text = col.map(r => r.text.trim()).join('');
        out.push(line);
    }
    return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function toLine(runs: TextRun[]): TextLine {
    runs.sort((a, b) => a.x0 - b.x0);
    const main = runs.reduce((m, r) => (r.x1 - r.x0 > m.x1 - m.x0 ? r : m), runs[0]);
    return {
        runs,
        x0: Math.min(...runs.map(r => r.x0)), x1: Math.max(...runs.map(r => r.x1)),
        y0: Math.min(...runs.map(r => r.y0)), y1: Math.max(...runs.map(r => r.y1)),
        size: main.size, text: joinLine(runs),
    };
}

/** Joins the lines of a wrapped text (a cell, a paragraph): CJK without spaces, Latin with one. */
export function joinWrapped(lines: string[]): string {
    let text = '';
    for (const line of lines) {
        const l = line.trim();
        if (!l) continue;
        text += text ? separator(text, l, 0, 1, true) + l : l;
    }
    return text;
}

/**
 * Splits a run whose text has inner spaces into words placed by an estimate of their widths
 * (CJK one em, other characters about half), so words in different cells or columns part.
 */
export function splitRun(r: TextRun): TextRun[] {
    if (r.vertical || !/\S\s+\S/.test(r.text)) return [r];
    const units = (s: string) => [...s].reduce((n, ch) => n + (isWide(ch) ? 1 : 0.55), 0);
    const total = units(r.text);
    if (!(total > 0)) return [r];
    const scale = (r.x1 - r.x0) / total;
    const out: TextRun[] = [];
    let pos = 0;
    for (const m of r.text.matchAll(/\S+|\s+/g)) {
        const w = units(m[0]) * scale;
        if (m[0].trim()) out.push({ ...r, text: m[0], x0: r.x0 + pos, x1: r.x0 + pos + w });
        pos += w;
    }
    return out;
}
