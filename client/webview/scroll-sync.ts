/**
 * Source lines ↔ vertical offsets in the preview, from the `data-line` of printed elements: the
 * first element of each line, interpolated between neighbours (as VS Code's Markdown preview does).
 */
export interface LineEntry {
    line: number;
    element: HTMLElement;
}

/** The first printed element of each source line, in line order. */
export function lineEntries(root: ParentNode): LineEntry[] {
    const seen = new Map<number, HTMLElement>();
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('.xxgk-page [data-line]'))) {
        const line = Number(el.dataset.line);
        if (Number.isFinite(line) && !seen.has(line)) seen.set(line, el);
    }
    return [...seen].map(([line, element]) => ({ line, element })).sort((a, b) => a.line - b.line);
}

export function pageTop(el: HTMLElement): number {
    return el.getBoundingClientRect().top + window.scrollY;
}

/** Where a source line (maybe fractional) is on the page. */
export function offsetOfLine(entries: readonly LineEntry[], line: number, top: (el: HTMLElement) => number = pageTop): number | undefined {
    if (!entries.length) return undefined;
    let prev: LineEntry | undefined;
    let next: LineEntry | undefined;
    for (const e of entries) {
        if (e.line <= line) prev = e;
        else {
            next = e;
            break;
        }
    }
    if (!prev) return top(entries[0].element);
    const prevTop = top(prev.element);
    if (!next || next.line === prev.line) return prevTop;
    const progress = (line - prev.line) / (next.line - prev.line);
    return prevTop + progress * Math.max(0, top(next.element) - prevTop);
}

/** Which source line is at an offset of the page. */
export function lineAtOffset(entries: readonly LineEntry[], offset: number, top: (el: HTMLElement) => number = pageTop): number | undefined {
    if (!entries.length) return undefined;
    let prev: { line: number; top: number } | undefined;
    for (const e of entries) {
        const t = top(e.element);
        if (t <= offset) {
            if (!prev || t >= prev.top) prev = { line: e.line, top: t };
            continue;
        }
        if (!prev) return e.line;
        const progress = (offset - prev.top) / (t - prev.top);
        return Math.floor(prev.line + progress * (e.line - prev.line));
    }
    return prev?.line;
}
