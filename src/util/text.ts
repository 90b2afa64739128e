/** Text helpers for Chinese labels: width-insensitive keys, edit distance, display width. */

const OPEN_BRACKETS = /[〔【［]/g;
const CLOSE_BRACKETS = /[〕】］]/g;
const QUOTES = /[“”„‟＂]/g;
const SPACES = /\s+/g;

/**
 * The key under which full-width and half-width punctuation are the same:
 * （一） = (一), ： = :, ， = ,, 〔〕 = [], “” = "". Spaces and wording still count.
 */
export function widthKey(text: string): string {
    return memo(widthKeys, text, t => t.normalize('NFKC').replace(OPEN_BRACKETS, '[').replace(CLOSE_BRACKETS, ']').replace(QUOTES, '"').trim());
}

/** A looser key: also ignores spaces and the 钩稽/勾稽 spelling. Matches here are variants. */
export function looseKey(text: string): string {
    return memo(looseKeys, text, t => widthKey(t).replace(SPACES, '').replace(/钩稽/g, '勾稽'));
}

// Labels repeat across every report: remember their keys (bounded, so odd text cannot grow it forever).
const widthKeys = new Map<string, string>();
const looseKeys = new Map<string, string>();
function memo(cache: Map<string, string>, text: string, compute: (text: string) => string): string {
    let key = cache.get(text);
    if (key === undefined) {
        if (cache.size >= 20_000) cache.clear();
        key = compute(text);
        cache.set(text, key);
    }
    return key;
}

const NUMBERING = /^(?:\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.、]|\(\d+\))/;

/** Drops a leading 一、 / (一) / 1. from a loose key. */
export function stripNumbering(key: string): string {
    return key.replace(NUMBERING, '');
}

/** The numbering a label starts with ("三、", "(三)", "3."), or ''. */
export function numberingOf(key: string): string {
    return NUMBERING.exec(key)?.[0] ?? '';
}

/** Drops one trailing parenthesised annotation (湖北: 规章(设区的市…)) from a loose key. */
export function stripAnnotation(key: string): string {
    if (!key.endsWith(')')) return key;
    let depth = 0;
    for (let i = key.length - 1; i >= 0; i--) {
        const ch = key[i];
        if (ch === ')') depth++;
        else if (ch === '(' && --depth === 0) return i > 0 ? key.slice(0, i) : key;
    }
    return key;
}

/** Levenshtein distance, by UTF-16 code unit (labels are BMP Han). */
export function editDistance(a: string, b: string, limit = Infinity): number {
    if (a === b) return 0;
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let prev = new Array<number>(b.length + 1);
    let cur = new Array<number>(b.length + 1);
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
        cur[0] = i;
        let rowMin = cur[0];
        for (let j = 1; j <= b.length; j++) {
            const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
            cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
            if (cur[j] < rowMin) rowMin = cur[j];
        }
        if (rowMin > limit) return limit + 1;
        [prev, cur] = [cur, prev];
    }
    return prev[b.length];
}

/**
 * Columns a string takes in a monospace editor: East Asian wide and full-width characters take
 * two, combining marks none, everything else one.
 */
export function displayWidth(text: string): number {
    let width = 0;
    for (const ch of text) {
        const code = ch.codePointAt(0)!;
        if (code < 0x300) width += 1;
        else if (isCombining(code)) continue;
        else width += isWide(code) ? 2 : 1;
    }
    return width;
}

function isCombining(code: number): boolean {
    return (code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f) || code === 0xfeff;
}

function isWide(code: number): boolean {
    return (code >= 0x1100 && code <= 0x115f) ||
        (code >= 0x2e80 && code <= 0x303e) ||
        (code >= 0x3041 && code <= 0x33ff) ||
        (code >= 0x3400 && code <= 0x4dbf) ||
        (code >= 0x4e00 && code <= 0x9fff) ||
        (code >= 0xa000 && code <= 0xa4cf) ||
        (code >= 0xac00 && code <= 0xd7a3) ||
        (code >= 0xf900 && code <= 0xfaff) ||
        (code >= 0xfe30 && code <= 0xfe4f) ||
        (code >= 0xff00 && code <= 0xff60) ||
        (code >= 0xffe0 && code <= 0xffe6) ||
        (code >= 0x1f300 && code <= 0x1f64f) ||
        (code >= 0x20000 && code <= 0x3fffd);
}

/**
 * Characters a message never shows raw: C0 and C1 controls (line breaks, tabs, escapes, NUL), DEL,
 * the line and paragraph separators, and the bidirectional controls that reorder what is shown.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** One character as a message names it: U+000D. */
export function codePointName(ch: string): string {
    return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Text as a message shows it: invisible characters (INVISIBLE) written as U+XXXX. */
export function visibleText(text: string): string {
    INVISIBLE.lastIndex = 0;
    return INVISIBLE.test(text) ? text.replace(INVISIBLE, codePointName) : text;
}

/**
 * Fills a template: {name} placeholders; a [ … ] part is dropped when one of its placeholders is missing.
 * Values are shown with visibleText: user text never puts a raw control character in a message.
 */
export function fillTemplate(template: string, params: Readonly<Record<string, unknown>>): string {
    let result = '';
    for (const part of compiled(template)) result += (part.optional ? fillPart(part.pieces, params) : fillPart(part.pieces, params, true)) ?? '';
    return result;
}

/** A template cut into literal text and names (a name is an object), per [ … ] part. */
type Pieces = Array<string | { name: string }>;
type CompiledTemplate = Array<{ pieces: Pieces; optional: boolean }>;

/** Templates are few (the catalogue, template data) and filled for every finding: cut each once. */
const compiledTemplates = new Map<string, CompiledTemplate>();

function compiled(template: string): CompiledTemplate {
    let out = compiledTemplates.get(template);
    if (out) return out;
    const pieces = (part: string): Pieces => part.split(/\{(\w+)\}/).map((piece, i) => (i % 2 ? { name: piece } : piece)).filter(p => p !== '');
    out = [];
    let last = 0;
    for (const match of template.matchAll(/\[([^[\]]*)\]/g)) {
        out.push({ pieces: pieces(template.slice(last, match.index)), optional: false }, { pieces: pieces(match[1]), optional: true });
        last = match.index + match[0].length;
    }
    out.push({ pieces: pieces(template.slice(last)), optional: false });
    if (compiledTemplates.size < 10_000) compiledTemplates.set(template, out);
    return out;
}

/** One part filled; undefined when a name has no value (a required part keeps the placeholder). */
function fillPart(pieces: Pieces, params: Readonly<Record<string, unknown>>, required = false): string | undefined {
    let out = '';
    for (const piece of pieces) {
        if (typeof piece === 'string') {
            out += piece;
            continue;
        }
        const value = params[piece.name];
        if (value === undefined || value === null) {
            if (!required) return undefined;
            out += `{${piece.name}}`;
        } else {
            out += visibleText(String(value));
        }
    }
    return out;
}
