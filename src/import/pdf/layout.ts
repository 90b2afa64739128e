/**
 * Page furniture and paragraphs of PDF text. Page numbers (`— 1 —`, `-2-`, `第 1 页`) and running
 * headers/footers (the same text near the top or bottom edge of several pages) are dropped; the
 * remaining lines become paragraphs by their geometry: a line that starts indented, follows a line
 * ending short of the right margin, lies after a wide gap or changes font size starts a paragraph.
 */
import { joinWrapped, type TextLine } from './text.js';

/** How much of the page height, at the top and at the bottom, furniture may occupy. */
const EDGE = 0.1;

const PAGE_NUMBER = [
    /^[-—–－―~～·•\s]*\d{1,4}[-—–－―~～·•\s]*$/,
    /^第\s*\d{1,4}\s*页(\s*[，,/／]?\s*共\s*\d{1,4}\s*页)?$/,
    /^\d{1,4}\s*[/／]\s*\d{1,4}$/,
    /^(page|p\.)\s*\d{1,4}(\s*(of|\/)\s*\d{1,4})?$/i,
];

export function isPageNumber(text: string): boolean {
    const t = text.trim();
    return PAGE_NUMBER.some(re => re.test(t));
}

export interface PageLines {
    page: number;
    height: number;
    width: number;
    lines: TextLine[];
}

/** Removes page numbers and running headers/footers in place; returns how many of each. */
export function dropFurniture(pages: PageLines[]): { numbers: number; running: number } {
    let numbers = 0, running = 0;
    const nearEdge = (p: PageLines, l: TextLine) => l.y1 < p.height * EDGE || l.y0 > p.height * (1 - EDGE);
    const key = (l: TextLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
    const seen = new Map<string, Set<number>>();
    for (const p of pages) for (const l of p.lines) {
        if (!nearEdge(p, l)) continue;
        const k = key(l);
        let s = seen.get(k);
        if (!s) seen.set(k, (s = new Set()));
        s.add(p.page);
    }
    const minPages = pages.length >= 3 ? Math.max(2, Math.ceil(pages.length / 2)) : 2;
    for (const p of pages) {
        p.lines = p.lines.filter(l => {
            if (!nearEdge(p, l)) return true;
            if (isPageNumber(l.text)) { numbers++; return false; }
            if ((seen.get(key(l))?.size ?? 0) >= minPages && pages.length >= 2) { running++; return false; }
            return true;
        });
    }
    return { numbers, running };
}

/** The body's left and right margins of a page: the most common line start, the widest line end. */
export interface Margins {
    left: number;
    right: number;
    /** The most common font size of the lines (the body text). */
    bodySize: number;
}

export function margins(lines: TextLine[]): Margins {
    if (!lines.length) return { left: 0, right: 0, bodySize: 0 };
    const sizes = new Map<number, number>();
    for (const l of lines) sizes.set(Math.round(l.size), (sizes.get(Math.round(l.size)) ?? 0) + 1);
    const bodySize = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    const starts = new Map<number, number>();
    for (const l of lines) {
        const k = Math.round(l.x0);
        starts.set(k, (starts.get(k) ?? 0) + 1);
    }
    const common = [...starts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
    const left = Math.min(common, ...lines.filter(l => l.x0 >= common - 3).map(l => l.x0));
    const ends = lines.map(l => l.x1).sort((a, b) => a - b);
    const right = ends[Math.floor(ends.length * 0.9)] ?? ends[ends.length - 1];
    return { left, right: Math.max(right, ...ends.filter(e => e <= right + 3)), bodySize };
}

export interface ParagraphDraft {
    lines: TextLine[];
    page: number;
}

/**
 * Whether `line` continues the paragraph whose last line is `prev` (on the same page, or on the
 * previous page when `pageBreak`).
 */
export function continues(prev: TextLine, line: TextLine, m: Margins, pageBreak: boolean): boolean {
    const size = Math.max(prev.size, line.size);
    if (Math.abs(prev.size - line.size) > 0.15 * size) return false;
    const gap = line.y0 - prev.y1;
    if (!pageBreak && (gap > 1.2 * size || gap < -0.5 * size)) return false;
    // A title wrapped (larger than the body text): a long centred line, then a shorter one centred
    // on the same axis.
    const centre = (l: TextLine) => (l.x0 + l.x1) / 2;
    const axis = (m.left + m.right) / 2;
    if (!pageBreak && size >= 1.15 * m.bodySize && Math.abs(centre(prev) - axis) < size && Math.abs(centre(line) - axis) < size
        && line.x0 > m.left + size) {
        return prev.x1 - prev.x0 >= 0.5 * (m.right - m.left) && line.x1 - line.x0 <= prev.x1 - prev.x0;
    }
    // The previous line ended early (a line may end up to two characters short: a character that
    // may not start a line, 》 or ，, takes the one before it along).
    if (prev.x1 < m.right - 2.5 * prev.size) return false;
    if (line.x0 > m.left + 0.8 * line.size) return false; // indented: a new paragraph
    if (prev.x0 > m.left + 4 * prev.size) return false; // a centred or right-aligned line stands alone
    return true;
}

/** The text of a paragraph: its lines joined (CJK without spaces, Latin words with one). */
export function paragraphText(lines: TextLine[]): string {
    return joinWrapped(lines.map(l => l.text));
}
