/**
 * The ruling lines of a PDF page, from pdf.js's operator list: the transform is tracked through
 * save/restore/transform (and form XObjects), every path is decoded into page coordinates (points
 * from the top-left corner), and strokes plus thin filled boxes become horizontal or vertical rules.
 * Curves, clip paths, big filled boxes (cell backgrounds) and invisible (white) paint are not rules.
 *
 * pdf.js 5.4 gives a path as one `constructPath` operator with args `[paintOp, [flat draw ops],
 * minMax]`, draw ops move=0 (x y), line=1 (x y), curve=2 (6 coords), close=3. 4.x and 6.x lay the
 * arguments out differently: `decodePath` checks the layout and says so rather than misreading it
 * (tests/import-pdf.test.ts decodes a committed PDF, so an upgrade that changes it fails there).
 */

/** An affine matrix [a b c d e f] as PDF writes it: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 applied after m2 (PDF's `cm` order: the new matrix is m2 × current). */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
    return [
        m1[0] * m2[0] + m1[2] * m2[1],
        m1[1] * m2[0] + m1[3] * m2[1],
        m1[0] * m2[2] + m1[2] * m2[3],
        m1[1] * m2[2] + m1[3] * m2[3],
        m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
        m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
    ];
}

export function apply(m: Matrix, x: number, y: number): [number, number] {
    return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** A horizontal (y0 = y1) or vertical (x0 = x1) ruling line in page coordinates, x0 ≤ x1, y0 ≤ y1. */
export interface Rule {
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    horizontal: boolean;
}

/** One subpath of a decoded path: its points in order, whether closed, whether it had curves. */
export interface SubPath {
    points: [number, number][];
    closed: boolean;
    curved: boolean;
}

/** The draw-op codes of pdf.js 5.4's flat path format. */
const MOVE = 0, LINE = 1, CURVE = 2, CLOSE = 3;

export class PathFormatError extends Error {}

/**
 * Decodes the flat draw ops of one `constructPath` (5.4 layout) into subpaths, each point mapped
 * through `m`. Throws PathFormatError when the data is not in that layout.
 */
export function decodePath(ops: ArrayLike<number>, m: Matrix): SubPath[] {
    const paths: SubPath[] = [];
    let current: SubPath | undefined;
    let i = 0;
    const point = (): [number, number] => {
        if (i + 2 > ops.length) throw new PathFormatError('path data ends inside a point');
        const p = apply(m, ops[i], ops[i + 1]);
        i += 2;
        return p;
    };
    while (i < ops.length) {
        const op = ops[i++];
        switch (op) {
            case MOVE:
                current = { points: [point()], closed: false, curved: false };
                paths.push(current);
                break;
            case LINE:
                if (!current) throw new PathFormatError('lineTo before moveTo');
                current.points.push(point());
                break;
            case CURVE:
                if (!current) throw new PathFormatError('curveTo before moveTo');
                point();
                point();
                current.points.push(point());
                current.curved = true;
                break;
            case CLOSE:
                if (current) current.closed = true;
                // A new subpath after a close starts at the same point, as in PDF.
                if (current && i < ops.length && ops[i] !== MOVE) {
                    current = { points: [current.points[0]], closed: false, curved: false };
                    paths.push(current);
                }
                break;
            default:
                throw new PathFormatError(`unknown draw op ${op}`);
        }
    }
    return paths;
}

/** Paint-op numbers (pdf.js OPS) the walker needs; passed in so this module needs no pdf.js import. */
export interface PaintOps {
    save: number;
    restore: number;
    transform: number;
    constructPath: number;
    paintFormXObjectBegin: number;
    paintFormXObjectEnd: number;
    setStrokeRGBColor: number;
    setFillRGBColor: number;
    setLineWidth: number;
    stroke: number;
    closeStroke: number;
    fill: number;
    eoFill: number;
    fillStroke: number;
    eoFillStroke: number;
    closeFillStroke: number;
    closeEOFillStroke: number;
    paintImageXObject: number;
    paintInlineImageXObject: number;
    paintImageMaskXObject: number;
    beginText: number;
    setCharSpacing: number;
    setWordSpacing: number;
    setHScale: number;
    setLeading: number;
    setFont: number;
    setTextRise: number;
    moveText: number;
    setLeadingMoveText: number;
    setTextMatrix: number;
    nextLine: number;
    showText: number;
    showSpacedText: number;
}

/** What the text walker needs of a font (pdf.js's font object, looked up by its name). */
export interface FontInfo {
    vertical?: boolean;
    fontMatrix?: ArrayLike<number>;
    defaultVMetrics?: ArrayLike<number>;
}

/** A glyph as pdf.js 5.4 puts it in a showText operator. */
interface Glyph {
    unicode?: string;
    width?: number;
    isSpace?: boolean;
    vmetric?: ArrayLike<number>;
}

/** A run of glyphs in page coordinates, before normalisation (see text.ts). */
export interface GlyphRun {
    text: string;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    /** Font size in points (the text's scale perpendicular to its direction). */
    size: number;
    vertical: boolean;
}

/** Thicker than this (points) a filled box is a background, not a rule. */
export const RULE_THICKNESS = 2.5;
/** How far from horizontal/vertical a segment may lean (points over its length) and still be a rule. */
const AXIS_TOLERANCE = 0.6;
/** Shorter rules than this are dots, dashes or glyph parts. */
const MIN_RULE_LENGTH = 2;

export interface PageGraphics {
    rules: Rule[];
    /** The page's text as runs of adjacent glyphs (when fonts were given). */
    runs: GlyphRun[];
    /** How many images the page paints (a page of images and no text is a scan). */
    images: number;
    /** Set when a path was not in the expected layout (the rules are then incomplete). */
    formatError?: string;
    /** Set when the page had more path segments than `maxSegments` (the rest were not read). */
    truncated?: boolean;
}

interface GState {
    m: Matrix;
    stroke: string;
    fill: string;
    lineWidth: number;
    font?: FontInfo;
    fontSize: number;
    fontDirection: number;
    charSpacing: number;
    wordSpacing: number;
    hScale: number;
    leading: number;
    rise: number;
}

/** The text object's matrices (not part of the graphics state in PDF, but reset by BT). */
interface TextPos {
    tm: Matrix;
    tlm: Matrix;
}

const WHITE_SPACE = /^\s*$/;

/**
 * Places the glyphs of one showText, each as pdf.js's canvas renderer positions it, in runs of
 * adjacent glyphs: spaces stay inside a run; a gap wider than 0.15 em ends it (text.ts decides
 * whether that gap is a space).
 */
function showText(glyphs: readonly unknown[], gs: GState, pos: TextPos, out: GlyphRun[], maxRuns: number): void {
    const font = gs.font ?? {};
    const vertical = !!font.vertical;
    const fm = font.fontMatrix ?? [0.001, 0, 0, 0.001, 0, 0];
    const size = gs.fontSize;
    const advanceScale = size * (fm[0] || 0.001);
    const spacingDir = vertical ? 1 : -1;
    const hScale = gs.hScale * gs.fontDirection;
    // Text space → page: the text matrix, then the CTM (which already holds the viewport).
    const m = multiply(gs.m, pos.tm);
    const em = Math.abs(size) * Math.hypot(m[2], m[3]);
    let x = 0;
    let run: GlyphRun | undefined;
    let runEnd = 0;
    const flush = () => {
        if (run && run.text && out.length < maxRuns) out.push(run);
        run = undefined;
    };
    const place = (x0: number, x1: number, ya: number, yb: number): [number, number, number, number] => {
        const pts = [apply(m, x0, ya), apply(m, x1, ya), apply(m, x0, yb), apply(m, x1, yb)];
        const xs = pts.map(p => p[0]), ys = pts.map(p => p[1]);
        return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    };
    for (const g of glyphs) {
        if (typeof g === 'number') {
            x += (spacingDir * g * size) / 1000;
            continue;
        }
        if (!g || typeof g !== 'object') continue;
        const glyph = g as Glyph;
        const spacing = (glyph.isSpace ? gs.wordSpacing : 0) + gs.charSpacing;
        let width = glyph.width ?? 0;
        const vmetric = vertical ? glyph.vmetric ?? font.defaultVMetrics : undefined;
        if (vmetric) width = -vmetric[0];
        const charWidth = vertical ? width * advanceScale - spacing * gs.fontDirection : width * advanceScale + spacing * gs.fontDirection;
        const text = glyph.unicode ?? '';
        const start = x;
        x += charWidth;
        if (!text) {
            flush();
            continue;
        }
        if (WHITE_SPACE.test(text)) {
            // A space typed in the text: kept inside the run when text follows close by.
            if (run) {
                run.text += ' ';
                runEnd = x;
            }
            continue;
        }
        // The glyph's box in text space: its advance along the line, -0.12 to 0.88 em across it.
        const box = vertical
            ? place(-0.5 * size, 0.5 * size, -(start + Math.abs(width * advanceScale)), -start)
            : place(start * hScale, (start + width * advanceScale) * hScale, gs.rise - 0.12 * size, gs.rise + 0.88 * size);
        const gap = Math.abs(start - runEnd);
        if (run && gap <= 0.15 * Math.abs(size) * (vertical ? 1 : Math.abs(hScale) || 1)) {
            run.text += text;
            run.x0 = Math.min(run.x0, box[0]);
            run.y0 = Math.min(run.y0, box[1]);
            run.x1 = Math.max(run.x1, box[2]);
            run.y1 = Math.max(run.y1, box[3]);
        } else {
            flush();
            run = { text, x0: box[0], y0: box[1], x1: box[2], y1: box[3], size: em, vertical };
        }
        runEnd = vertical ? start + Math.abs(width * advanceScale) : x;
    }
    flush();
    // The text position moves on by what was shown.
    pos.tm = vertical ? multiply(pos.tm, [1, 0, 0, 1, 0, -x]) : multiply(pos.tm, [1, 0, 0, 1, x * hScale, 0]);
}

/** Paint this light is invisible on paper: white boxes over the page are not rules. */
function isWhite(color: string): boolean {
    const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    return !!m && m.slice(1).every(h => parseInt(h, 16) >= 0xf0);
}

function lineRule(a: [number, number], b: [number, number], out: Rule[]): void {
    const dx = Math.abs(a[0] - b[0]), dy = Math.abs(a[1] - b[1]);
    if (dy <= AXIS_TOLERANCE && dx >= MIN_RULE_LENGTH) {
        const y = (a[1] + b[1]) / 2;
        out.push({ x0: Math.min(a[0], b[0]), x1: Math.max(a[0], b[0]), y0: y, y1: y, horizontal: true });
    } else if (dx <= AXIS_TOLERANCE && dy >= MIN_RULE_LENGTH) {
        const x = (a[0] + b[0]) / 2;
        out.push({ x0: x, x1: x, y0: Math.min(a[1], b[1]), y1: Math.max(a[1], b[1]), horizontal: false });
    }
}

/** A closed subpath that is an axis-aligned box: its bounds; otherwise undefined. */
function boxOf(p: SubPath): { x0: number; y0: number; x1: number; y1: number } | undefined {
    if (p.curved || p.points.length < 4 || p.points.length > 5) return undefined;
    const xs = p.points.map(q => q[0]), ys = p.points.map(q => q[1]);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const near = (v: number, a: number, b: number) => Math.abs(v - a) <= AXIS_TOLERANCE || Math.abs(v - b) <= AXIS_TOLERANCE;
    return p.points.every(q => near(q[0], x0, x1) && near(q[1], y0, y1)) ? { x0, y0, x1, y1 } : undefined;
}

function fillRules(paths: SubPath[], out: Rule[]): void {
    for (const p of paths) {
        const pts = p.points;
        if (pts.length === 2 && !p.curved) {
            // A zero-width `re` (pdf.js writes it as move + line): a hairline.
            lineRule(pts[0], pts[1], out);
            continue;
        }
        const box = boxOf(p);
        if (!box) continue;
        const w = box.x1 - box.x0, h = box.y1 - box.y0;
        if (h < RULE_THICKNESS && w >= MIN_RULE_LENGTH && w > h) {
            const y = (box.y0 + box.y1) / 2;
            out.push({ x0: box.x0, x1: box.x1, y0: y, y1: y, horizontal: true });
        } else if (w < RULE_THICKNESS && h >= MIN_RULE_LENGTH && h > w) {
            const x = (box.x0 + box.x1) / 2;
            out.push({ x0: x, x1: x, y0: box.y0, y1: box.y1, horizontal: false });
        }
    }
}

function strokeRules(paths: SubPath[], out: Rule[]): void {
    for (const p of paths) {
        if (p.curved) continue;
        const pts = p.points;
        for (let k = 1; k < pts.length; k++) lineRule(pts[k - 1], pts[k], out);
        if (p.closed && pts.length > 2) lineRule(pts[pts.length - 1], pts[0], out);
    }
}

/**
 * Walks an operator list (`fnArray`/`argsArray` as pdf.js returns them) and collects the page's
 * rules, and with `fonts` its text as glyph runs, in the coordinates `base` maps user space to
 * (the page viewport: top-left origin). Reading the text here rather than through pdf.js's
 * getTextContent parses each page once instead of twice, and keeps vertical text that
 * getTextContent 5.4 drops under a flipped transform (WPS's vertical row-group labels).
 */
export function collectGraphics(
    fnArray: ArrayLike<number>, argsArray: ArrayLike<unknown>, OPS: PaintOps, base: Matrix, maxSegments: number,
    fonts?: (name: string) => FontInfo | undefined, maxRuns = 50_000,
): PageGraphics {
    const out: PageGraphics = { rules: [], runs: [], images: 0 };
    const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
    const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
    const images = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
    const textOps = new Set([OPS.beginText, OPS.setFont, OPS.setCharSpacing, OPS.setWordSpacing, OPS.setHScale, OPS.setLeading,
        OPS.setTextRise, OPS.moveText, OPS.setLeadingMoveText, OPS.nextLine, OPS.setTextMatrix, OPS.showText, OPS.showSpacedText]);
    let gs: GState = {
        m: base, stroke: '#000000', fill: '#000000', lineWidth: 1,
        fontSize: 0, fontDirection: 1, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0,
    };
    const stack: GState[] = [];
    const pos: TextPos = { tm: IDENTITY, tlm: IDENTITY };
    const moveText = (tx: number, ty: number) => {
        pos.tlm = multiply(pos.tlm, [1, 0, 0, 1, tx, ty]);
        pos.tm = pos.tlm;
    };
    let segments = 0;
    for (let k = 0; k < fnArray.length; k++) {
        const fn = fnArray[k];
        const args = argsArray[k] as unknown[] | null;
        if (fn === OPS.save) stack.push({ ...gs });
        else if (fn === OPS.restore) gs = stack.pop() ?? gs;
        else if (fn === OPS.transform && args) gs.m = multiply(gs.m, args.map(Number) as Matrix);
        else if (fn === OPS.paintFormXObjectBegin) {
            stack.push({ ...gs });
            const matrix = args?.[0];
            if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) gs.m = multiply(gs.m, Array.from(matrix as ArrayLike<number>) as Matrix);
        } else if (fn === OPS.paintFormXObjectEnd) gs = stack.pop() ?? gs;
        else if (fn === OPS.setStrokeRGBColor && args) gs.stroke = String(args[0]);
        else if (fn === OPS.setFillRGBColor && args) gs.fill = String(args[0]);
        else if (fn === OPS.setLineWidth && args) gs.lineWidth = Number(args[0]);
        else if (images.has(fn)) out.images++;
        else if (fonts && textOps.has(fn)) {
            if (fn === OPS.beginText) pos.tm = pos.tlm = IDENTITY;
            else if (!args) continue;
            else if (fn === OPS.setFont) {
                gs.font = fonts(String(args[0]));
                const size = Number(args[1]) || 0;
                gs.fontDirection = size < 0 ? -1 : 1;
                gs.fontSize = Math.abs(size);
            } else if (fn === OPS.setCharSpacing) gs.charSpacing = Number(args[0]) || 0;
            else if (fn === OPS.setWordSpacing) gs.wordSpacing = Number(args[0]) || 0;
            else if (fn === OPS.setHScale) gs.hScale = (Number(args[0]) || 100) / 100;
            else if (fn === OPS.setLeading) gs.leading = Number(args[0]) || 0;
            else if (fn === OPS.setTextRise) gs.rise = Number(args[0]) || 0;
            else if (fn === OPS.moveText) moveText(Number(args[0]) || 0, Number(args[1]) || 0);
            else if (fn === OPS.setLeadingMoveText) {
                gs.leading = -(Number(args[1]) || 0);
                moveText(Number(args[0]) || 0, Number(args[1]) || 0);
            } else if (fn === OPS.nextLine) moveText(0, -gs.leading);
            else if (fn === OPS.setTextMatrix) {
                const mm = (ArrayBuffer.isView(args[0]) || Array.isArray(args[0]) ? Array.from(args[0] as ArrayLike<number>) : args.map(Number)) as Matrix;
                if (mm.length === 6 && mm.every(Number.isFinite)) pos.tm = pos.tlm = mm;
            } else if ((fn === OPS.showText || fn === OPS.showSpacedText) && Array.isArray(args[0]) && gs.fontSize > 0) {
                showText(args[0], gs, pos, out.runs, maxRuns);
            }
        }
        else if (fn === OPS.constructPath && args) {
            const [paint, data] = args as [number, unknown];
            const isStroke = strokes.has(paint), isFill = fills.has(paint);
            if (!isStroke && !isFill) continue; // clip paths and endPath
            if (!Array.isArray(data)) {
                out.formatError ??= 'constructPath without a list of path buffers';
                continue;
            }
            const buffer = data[0];
            if (buffer === null || buffer === undefined) continue;
            if (!ArrayBuffer.isView(buffer) && !Array.isArray(buffer)) {
                out.formatError ??= 'constructPath buffer is not a number array';
                continue;
            }
            const ops = buffer as ArrayLike<number>;
            segments += ops.length;
            if (segments > maxSegments) {
                out.truncated = true;
                break;
            }
            let paths: SubPath[];
            try {
                paths = decodePath(ops, gs.m);
            } catch (e) {
                out.formatError ??= (e as Error).message;
                continue;
            }
            if (isStroke && !isWhite(gs.stroke) && gs.lineWidth < 4 * RULE_THICKNESS) strokeRules(paths, out.rules);
            if (isFill && !isWhite(gs.fill)) fillRules(paths, out.rules);
        }
    }
    return out;
}
