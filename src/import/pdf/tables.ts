/**
 * Table grids of a PDF page from its geometry. Ruled tables: rules that touch form a component;
 * its rule x's and y's, clustered, are the grid lines; neighbouring atomic cells merge wherever no
 * rule covers their shared edge (that recovers colspan/rowspan); each text run goes to the cell
 * under its centre. Tables without rules: rows of text with wide gaps, columns from where the
 * gaps line up. A table continued on the next page joins the previous one.
 */
import type { Rule } from './paths.js';
import { groupLines, joinWrapped, splitRun, type TextLine, type TextRun } from './text.js';

/** Rule ends closer than this (points) touch; grid lines closer than this are one line. */
const TOUCH = 2;
const CLUSTER = 1.5;
const MIN_GAP = 3;
/** More rules on one page than this are not read as tables (a drawing, or a hostile file). */
export const MAX_RULES = 4000;

export interface GridCell {
    /** Atomic rows r0 ≤ r < r1 and columns c0 ≤ c < c1. */
    r0: number;
    r1: number;
    c0: number;
    c1: number;
    runs: TextRun[];
    page: number;
    x: number;
    y: number;
    text: string;
}

export interface GridTable {
    page: number;
    /** The last page the table reaches (after joining continuations). */
    lastPage: number;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
    xs: number[];
    rows: number;
    /** Height of each row in points (on its page). */
    rowHeights: number[];
    cells: GridCell[];
    /** Rebuilt from text positions alone (no rules). */
    borderless: boolean;
}

/** Clusters sorted-or-not values: chains within CLUSTER, then lines closer than MIN_GAP merge. */
export function cluster(values: number[]): number[] {
    const v = [...values].sort((a, b) => a - b);
    const groups: number[][] = [];
    for (const x of v) {
        const g = groups[groups.length - 1];
        if (g && x - g[g.length - 1] <= CLUSTER) g.push(x);
        else groups.push([x]);
    }
    const centres: { c: number; n: number }[] = [];
    for (const g of groups) {
        const c = g.reduce((s, x) => s + x, 0) / g.length;
        const last = centres[centres.length - 1];
        if (last && c - last.c < MIN_GAP) {
            last.c = (last.c * last.n + c * g.length) / (last.n + g.length);
            last.n += g.length;
        } else centres.push({ c, n: g.length });
    }
    return centres.map(x => x.c);
}

function nearest(lines: number[], v: number): number {
    let best = 0;
    for (let i = 1; i < lines.length; i++) if (Math.abs(lines[i] - v) < Math.abs(lines[best] - v)) best = i;
    return best;
}

class UnionFind {
    private parent: Int32Array;
    constructor(n: number) {
        this.parent = new Int32Array(n);
        for (let i = 0; i < n; i++) this.parent[i] = i;
    }
    find(i: number): number {
        while (this.parent[i] !== i) {
            this.parent[i] = this.parent[this.parent[i]];
            i = this.parent[i];
        }
        return i;
    }
    union(a: number, b: number): boolean {
        const ra = this.find(a), rb = this.find(b);
        if (ra === rb) return false;
        this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
        return true;
    }
}

/** Groups rules that touch or cross into components. */
function components(rules: Rule[]): Rule[][] {
    const uf = new UnionFind(rules.length);
    const order = rules.map((_, i) => i).sort((a, b) => rules[a].x0 - rules[b].x0);
    for (let p = 0; p < order.length; p++) {
        const a = rules[order[p]];
        for (let q = p + 1; q < order.length; q++) {
            const b = rules[order[q]];
            if (b.x0 > a.x1 + TOUCH) break;
            if (b.y0 <= a.y1 + TOUCH && a.y0 <= b.y1 + TOUCH) uf.union(order[p], order[q]);
        }
    }
    const groups = new Map<number, Rule[]>();
    rules.forEach((r, i) => {
        const root = uf.find(i);
        let g = groups.get(root);
        if (!g) groups.set(root, (g = []));
        g.push(r);
    });
    return [...groups.values()];
}

/** Length of [a, b] covered by the intervals (merged). */
function coveredLength(intervals: [number, number][], a: number, b: number): number {
    const parts = intervals.map(([s, e]) => [Math.max(s, a), Math.min(e, b)] as [number, number]).filter(([s, e]) => e > s)
        .sort((p, q) => p[0] - q[0]);
    let total = 0, end = -Infinity;
    for (const [s, e] of parts) {
        if (e <= end) continue;
        total += e - Math.max(s, end);
        end = e;
    }
    return total;
}

interface Frame {
    xs: number[];
    ys: number[];
    /** cellOf[i * C + j]: the index of the merged cell atomic cell (i, j) belongs to. */
    cellOf: Int32Array;
    cells: { r0: number; r1: number; c0: number; c1: number }[];
}

/** The grid of one component of rules, or undefined when it is not a table (fewer than 2 cells). */
function frameOf(rules: Rule[]): Frame | undefined {
    const h = rules.filter(r => r.horizontal), v = rules.filter(r => !r.horizontal);
    if (h.length < 2 || v.length < 2) return undefined;
    const xs = cluster([...v.map(r => r.x0), Math.min(...h.map(r => r.x0)), Math.max(...h.map(r => r.x1))]);
    const ys = cluster([...h.map(r => r.y0), Math.min(...v.map(r => r.y0)), Math.max(...v.map(r => r.y1))]);
    const R = ys.length - 1, C = xs.length - 1;
    if (R < 1 || C < 1 || R * C < 2 || R * C > 200_000) return undefined;
    const vIntervals: [number, number][][] = xs.map(() => []);
    for (const r of v) vIntervals[nearest(xs, r.x0)].push([r.y0, r.y1]);
    const hIntervals: [number, number][][] = ys.map(() => []);
    for (const r of h) hIntervals[nearest(ys, r.y0)].push([r.x0, r.x1]);
    const uf = new UnionFind(R * C);
    const ruled = (intervals: [number, number][], a: number, b: number) => coveredLength(intervals, a, b) >= 0.5 * (b - a);
    for (let i = 0; i < R; i++) {
        for (let j = 0; j < C; j++) {
            if (j + 1 < C && !ruled(vIntervals[j + 1], ys[i], ys[i + 1])) uf.union(i * C + j, i * C + j + 1);
            if (i + 1 < R && !ruled(hIntervals[i + 1], xs[j], xs[j + 1])) uf.union(i * C + j, (i + 1) * C + j);
        }
    }
    // Every merged cell must be a rectangle: absorb what lies inside a group's bounds until stable.
    for (let changed = true; changed;) {
        changed = false;
        const bounds = new Map<number, [number, number, number, number]>();
        for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) {
            const g = uf.find(i * C + j);
            const b = bounds.get(g);
            if (!b) bounds.set(g, [i, i, j, j]);
            else { b[0] = Math.min(b[0], i); b[1] = Math.max(b[1], i); b[2] = Math.min(b[2], j); b[3] = Math.max(b[3], j); }
        }
        for (const [g, [i0, i1, j0, j1]] of bounds) {
            for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) if (uf.union(g, i * C + j)) changed = true;
        }
    }
    const index = new Map<number, number>();
    const cellOf = new Int32Array(R * C);
    const cells: Frame['cells'] = [];
    for (let i = 0; i < R; i++) for (let j = 0; j < C; j++) {
        const g = uf.find(i * C + j);
        let k = index.get(g);
        if (k === undefined) {
            k = cells.length;
            index.set(g, k);
            cells.push({ r0: i, r1: i + 1, c0: j, c1: j + 1 });
        }
        const c = cells[k];
        c.r1 = Math.max(c.r1, i + 1);
        c.c1 = Math.max(c.c1, j + 1);
        cellOf[i * C + j] = k;
    }
    if (cells.length < 2) return undefined;
    return { xs, ys, cellOf, cells };
}

function locate(lines: number[], v: number): number {
    // Index i with lines[i] ≤ v < lines[i + 1], or -1 outside.
    if (v < lines[0] - 1 || v > lines[lines.length - 1] + 1) return -1;
    let lo = 0, hi = lines.length - 2;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lines[mid] <= v) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/** A cell's text: its runs as lines in reading order, wraps joined (CJK without spaces). */
export function cellText(runs: TextRun[]): string {
    return joinWrapped(groupLines(runs).map(l => l.text));
}

/**
 * The ruled tables of a page, and the runs outside them. Runs with inner spaces that cross a
 * column line are split into words first.
 */
export function ruledTables(rules: Rule[], runs: TextRun[], page: number): { tables: GridTable[]; rest: TextRun[] } {
    const frames = components(rules).map(frameOf).filter((f): f is Frame => !!f);
    const tables: { frame: Frame; runs: TextRun[][] }[] = frames.map(frame => ({ frame, runs: frame.cells.map(() => []) }));
    const rest: TextRun[] = [];
    for (const run of runs) {
        const cx = (run.x0 + run.x1) / 2, cy = (run.y0 + run.y1) / 2;
        const t = tables.find(({ frame }) => locate(frame.xs, cx) >= 0 && locate(frame.ys, cy) >= 0);
        if (!t) {
            rest.push(run);
            continue;
        }
        const pieces = splitRun(run);
        for (const piece of pieces) {
            const px = (piece.x0 + piece.x1) / 2;
            const i = locate(t.frame.ys, cy), j = locate(t.frame.xs, px);
            if (i < 0 || j < 0) continue;
            t.runs[t.frame.cellOf[i * (t.frame.xs.length - 1) + j]].push(pieces.length > 1 ? piece : run);
        }
    }
    return {
        rest,
        tables: tables.map(({ frame, runs: cellRuns }) => ({
            page, lastPage: page, borderless: false,
            x0: frame.xs[0], x1: frame.xs[frame.xs.length - 1], y0: frame.ys[0], y1: frame.ys[frame.ys.length - 1],
            xs: frame.xs, rows: frame.ys.length - 1, rowHeights: frame.ys.slice(1).map((y, i) => y - frame.ys[i]),
            cells: frame.cells.map((c, k) => ({
                ...c, runs: cellRuns[k], page, x: frame.xs[c.c0], y: frame.ys[c.r0], text: cellText(cellRuns[k]),
            })),
        })),
    };
}

/** A line cut where its runs leave a gap of at least `gap` em: the segments of a borderless row. */
function segments(line: TextLine, gapEm: number): TextRun[][] {
    const words = line.runs.flatMap(r => splitRunAtWideSpaces(r));
    const out: TextRun[][] = [];
    for (const w of words) {
        const seg = out[out.length - 1];
        const last = seg?.[seg.length - 1];
        if (last && w.x0 - last.x1 < gapEm * Math.max(last.size, w.size)) seg.push(w);
        else out.push([w]);
    }
    return out;
}

function splitRunAtWideSpaces(r: TextRun): TextRun[] {
    return /\S\s{2,}\S|\S\s+\d|\d\s+\S/.test(r.text) ? splitRun(r) : [r];
}

/**
 * Tables without rules among the lines of a page: two or more consecutive lines, each cut into two
 * or more segments by gaps of at least two em; columns are where the segments' spans line up.
 * Returns the tables and the lines that are not in one.
 */
export function borderlessTables(lines: TextLine[], page: number): { tables: GridTable[]; rest: TextLine[] } {
    const cut = lines.map(l => segments(l, 2));
    const tables: GridTable[] = [];
    const rest: TextLine[] = [];
    let i = 0;
    while (i < lines.length) {
        let k = i;
        while (k < lines.length && cut[k].length >= 2) k++;
        if (k - i >= 2) {
            tables.push(borderlessTable(lines.slice(i, k), cut.slice(i, k), page));
            i = k;
        } else {
            rest.push(lines[i]);
            i++;
        }
    }
    return { tables, rest };
}

function borderlessTable(lines: TextLine[], cut: TextRun[][][], page: number): GridTable {
    const span = (seg: TextRun[]) => [Math.min(...seg.map(r => r.x0)), Math.max(...seg.map(r => r.x1))] as [number, number];
    // Columns from the rows with the most segments (the data rows); others are placed by overlap.
    const most = Math.max(...cut.map(c => c.length));
    const intervals = cut.filter(c => c.length === most).flatMap(c => c.map(span)).sort((a, b) => a[0] - b[0]);
    const cols: [number, number][] = [];
    for (const [s, e] of intervals) {
        const last = cols[cols.length - 1];
        if (last && s <= last[1]) last[1] = Math.max(last[1], e);
        else cols.push([s, e]);
    }
    const xs = [cols[0][0], ...cols.slice(1).map((c, j) => (cols[j][1] + c[0]) / 2), cols[cols.length - 1][1]];
    const cells: GridCell[] = [];
    lines.forEach((line, r) => {
        let next = 0;
        for (const seg of cut[r]) {
            const [s, e] = span(seg);
            let c0 = cols.findIndex(([a, b]) => e > a && s < b);
            if (c0 < 0) c0 = nearest(cols.map(([a, b]) => (a + b) / 2), (s + e) / 2);
            let c1 = c0 + 1;
            while (c1 < cols.length && s < cols[c1][1] && e > cols[c1][0]) c1++;
            c0 = Math.max(c0, next);
            if (c0 >= cols.length) c0 = cols.length - 1;
            c1 = Math.max(c1, c0 + 1);
            const prev = cells[cells.length - 1];
            if (c0 < next && prev) {
                // Two segments in one column: they belong together.
                prev.runs.push(...seg);
                prev.text = cellText(prev.runs);
                continue;
            }
            // Columns this row leaves empty are blank cells (the HTML model has no gaps).
            for (let c = next; c < c0; c++) cells.push({ r0: r, r1: r + 1, c0: c, c1: c + 1, runs: [], page, x: xs[c], y: line.y0, text: '' });
            cells.push({ r0: r, r1: r + 1, c0, c1, runs: seg, page, x: s, y: line.y0, text: cellText(seg) });
            next = c1;
        }
        for (let c = next; c < cols.length; c++) cells.push({ r0: r, r1: r + 1, c0: c, c1: c + 1, runs: [], page, x: xs[c], y: line.y0, text: '' });
    });
    return {
        page, lastPage: page, borderless: true, xs, rows: lines.length, cells,
        rowHeights: lines.map((l, i) => (i + 1 < lines.length ? lines[i + 1].y0 : l.y1) - l.y0),
        x0: xs[0], x1: xs[xs.length - 1], y0: lines[0].y0, y1: lines[lines.length - 1].y1,
    };
}

/**
 * Joins `next` (the first block of a page) to `prev` (the last block of the page before) when it
 * continues it: same left and right edges, column lines of one a subset of the other's, and it
 * either repeats `prev`'s header rows or its first row would not have fitted in the `room` left
 * below `prev` (a producer moves a small table to a new page whole, which is not a continuation).
 * Repeated header rows are dropped; a merged cell cut by the page break (an empty cell under a
 * spanning cell) is made whole again. Returns false, changing nothing, when `next` is another table.
 */
export function joinContinuation(prev: GridTable, next: GridTable, room: number): boolean {
    if (prev.borderless !== next.borderless) return false;
    if (Math.abs(prev.x0 - next.x0) > 3 || Math.abs(prev.x1 - next.x1) > 3) return false;
    const fits = (a: number[], b: number[]) => a.every(x => b.some(y => Math.abs(x - y) <= TOUCH));
    if (!fits(next.xs, prev.xs) && !fits(prev.xs, next.xs)) return false;
    const xs = cluster([...prev.xs, ...next.xs]);
    const remap = (t: GridTable, c: number) => nearest(xs, t.xs[c]);
    const before = prev.cells.map(c => ({ ...c, c0: remap(prev, c.c0), c1: remap(prev, c.c1) }));
    const moved = next.cells.map(c => ({ ...c, c0: remap(next, c.c0), c1: remap(next, c.c1) }));
    // Header rows repeated at the top of the continuation.
    const rowKey = (cells: GridCell[], r: number) =>
        cells.filter(c => c.r0 === r).map(c => `${c.c0}:${c.c1}:${c.r1 - c.r0}:${c.text}`).join('|');
    let skip = 0;
    while (skip < next.rows && skip < prev.rows) {
        const key = rowKey(moved, skip);
        if (!key || key !== rowKey(before, skip) || !moved.some(c => c.r0 === skip && c.text)) break;
        skip++;
    }
    // A repeated header is repeated whole: no cell reaches below it.
    if (skip > 0 && moved.some(c => c.r0 < skip && c.r1 > skip)) skip = 0;
    if (skip >= next.rows) return false;
    // Without repeated headers, a table that would have fitted below `prev` is another table.
    if (skip === 0 && next.rowHeights[0] < room - 2) return false;
    const kept = moved.filter(c => c.r0 >= skip).map(c => ({ ...c, r0: c.r0 - skip + prev.rows, r1: c.r1 - skip + prev.rows }));
    // A merged cell the page break cut in two: the part on the new page is empty.
    const lastRow = prev.rows - 1;
    const result: GridCell[] = [...before];
    for (const c of kept) {
        if (c.r0 === prev.rows && !c.text) {
            const above = before.find(p => p.r1 - 1 === lastRow && p.c0 === c.c0 && p.c1 === c.c1);
            if (above && (above.r1 - above.r0 > 1 || c.r1 - c.r0 > 1)) {
                above.r1 = c.r1;
                continue;
            }
        }
        result.push(c);
    }
    prev.cells = result;
    prev.xs = xs;
    prev.rows += next.rows - skip;
    prev.rowHeights = [...prev.rowHeights, ...next.rowHeights.slice(skip)];
    prev.lastPage = next.lastPage;
    return true;
}
