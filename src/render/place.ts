/**
 * Which printed elements a finding hangs on, in n log n: every element registered exactly at the
 * finding's span (a row's missing cells share one), else the smallest one that contains its start
 * (the first registered among equals), else none. The preview rebuilds the view after every
 * validation, so this must stay fast with tens of thousands of findings and elements: exact spans
 * by a map, the rest in one sweep over both sorted by start with a heap of the elements open there.
 */
import type { Span } from '../model/types.js';

/** For each finding, the indices of the anchors it hangs on (in registration order). */
export function placeFindings(anchors: readonly Span[], findings: readonly Span[]): number[][] {
    const starts = anchors.map(a => a.start);
    const ends = anchors.map(a => a.end);
    const exact = new Map<string, number[]>();
    starts.forEach((start, a) => {
        const key = `${start}:${ends[a]}`;
        const list = exact.get(key);
        if (list) list.push(a);
        else exact.set(key, [a]);
    });
    const findingStarts = findings.map(f => f.start);
    const placed = findings.map((f, i) => exact.get(`${findingStarts[i]}:${f.end}`) ?? []);
    const rest = placed.flatMap((p, i) => (p.length ? [] : [i])).sort((a, b) => findingStarts[a] - findingStarts[b]);
    const byStart = starts.map((_, a) => a).sort((a, b) => starts[a] - starts[b] || a - b);
    const heap = new ShortestFirst(starts, ends);
    let next = 0;
    for (const i of rest) {
        const at = findingStarts[i];
        while (next < byStart.length && starts[byStart[next]] <= at) heap.push(byStart[next++]);
        // An anchor that ends at or before this start ends before every later start too.
        while (heap.size && ends[heap.top()] <= at) heap.pop();
        if (heap.size) placed[i] = [heap.top()];
    }
    return placed;
}

/** A min-heap of anchor indices: the shortest first, the first registered among equals. */
class ShortestFirst {
    private readonly items: number[] = [];

    constructor(private readonly starts: readonly number[], private readonly ends: readonly number[]) {}

    get size(): number {
        return this.items.length;
    }

    top(): number {
        return this.items[0];
    }

    private less(a: number, b: number): boolean {
        const la = this.ends[a] - this.starts[a];
        const lb = this.ends[b] - this.starts[b];
        return la < lb || (la === lb && a < b);
    }

    push(index: number): void {
        const items = this.items;
        let at = items.push(index) - 1;
        while (at > 0) {
            const parent = (at - 1) >> 1;
            if (!this.less(items[at], items[parent])) break;
            [items[at], items[parent]] = [items[parent], items[at]];
            at = parent;
        }
    }

    pop(): void {
        const items = this.items;
        const last = items.pop()!;
        if (!items.length) return;
        items[0] = last;
        let at = 0;
        for (;;) {
            const l = 2 * at + 1;
            const r = l + 1;
            let min = at;
            if (l < items.length && this.less(items[l], items[min])) min = l;
            if (r < items.length && this.less(items[r], items[min])) min = r;
            if (min === at) return;
            [items[at], items[min]] = [items[min], items[at]];
            at = min;
        }
    }
}
