/**
 * Web pages → paragraphs and table grids, parsed the way a browser does (parse5): misplaced text
 * and unclosed cells end up where a browser shows them.
 *
 * - Tables follow the HTML table model: rowspan/colspan (rowspan=0 runs to the end of its row
 *   group, spans are clamped); `&nbsp;` and empty cells stay blank. A table that holds other
 *   tables is page layout: its content is read as if it were a <div>. A one-cell table is a box.
 * - Scripts, styles, forms, navigation and hidden elements are skipped. When the page has several
 *   report headings (`anchors`), only the element that holds them all is read (the article of a
 *   CMS page), plus the title just before it.
 * - Charset: <meta charset> / http-equiv, checked against the bytes (src/import/decode.ts).
 *   <title>, <meta name="ArticleTitle"> and <meta name="PubDate"> go to the document's meta.
 *
 * Iterative throughout: 10,000 nested tables cannot overflow the stack.
 */
import { parse } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { declaredCharset, decodeBytes } from './decode.js';
import { expandGrid, type SourceBlock, type SourceCell, type SourceDocument, type SourceTable } from './source.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

export interface HtmlOptions {
    name?: string;
    /** Whether a paragraph's text is a report heading (一、总体情况 …): used to find the article. */
    anchors?: (text: string) => boolean;
}

const SKIPPED = new Set([
    'script', 'style', 'noscript', 'template', 'head', 'select', 'option', 'optgroup', 'button', 'input', 'textarea',
    'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'video', 'audio', 'map', 'nav', 'datalist', 'dialog',
]);
const BLOCK = new Set([
    'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dir', 'div', 'dl', 'dt', 'fieldset',
    'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
    'main', 'menu', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr',
    'ul', 'caption', 'body', 'html', 'legend',
]);

function isElement(node: Node): node is Element {
    return 'tagName' in node;
}

function attr(el: Element, name: string): string | undefined {
    return el.attrs.find(a => a.name === name)?.value;
}

function hidden(el: Element): boolean {
    if (attr(el, 'hidden') !== undefined) return true;
    const style = attr(el, 'style');
    return style !== undefined && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

function isWide(code: number): boolean {
    return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xff60) || (code >= 0x3000 && code <= 0x303f);
}

/**
 * Collapses HTML white space: a run with a line break between two wide (CJK) characters vanishes
 * (CSS segment-break rule), any other run becomes one space.
 */
function collapse(text: string): string {
    return text.replace(/[ \t\n\r\f]+/g, (run, offset: number, all: string) => {
        if (run.includes('\n') && offset > 0 && offset + run.length < all.length &&
            isWide(all.charCodeAt(offset - 1)) && isWide(all.charCodeAt(offset + run.length))) return '';
        return ' ';
    });
}

/** Text of a subtree as a browser lays it out: block boundaries and <br> are line breaks. */
function textOf(root: Node): string {
    let out = '';
    const stack: (Node | '\n')[] = [root];
    while (stack.length) {
        const node = stack.pop()!;
        if (node === '\n') {
            out += '\n';
            continue;
        }
        if (node.nodeName === '#text') {
            out += collapse((node as DefaultTreeAdapterMap['textNode']).value);
            continue;
        }
        if (!isElement(node)) continue;
        if (SKIPPED.has(node.tagName) || hidden(node)) continue;
        if (node.tagName === 'br') {
            out += '\n';
            continue;
        }
        const block = BLOCK.has(node.tagName);
        if (block) {
            out += '\n';
            stack.push('\n');
        }
        for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
    }
    return out.split('\n').map(l => l.trim()).filter(Boolean).join('\n');
}

/** Whether a table holds another table (then it is page layout, not data). */
function holdsTable(table: Element): boolean {
    const stack: Node[] = [...table.childNodes];
    while (stack.length) {
        const node = stack.pop()!;
        if (!isElement(node)) continue;
        if (node.tagName === 'table') return true;
        for (const child of node.childNodes) stack.push(child);
    }
    return false;
}

function children(el: Element, ...tags: string[]): Element[] {
    return el.childNodes.filter((n): n is Element => isElement(n) && tags.includes(n.tagName));
}

function spanOf(value: string | undefined, fallback: number, max: number): number {
    if (value === undefined) return fallback;
    const n = Number.parseInt(value, 10);
    if (!Number.isFinite(n) || n < 0) return fallback;
    return Math.min(n, max);
}

/** The rows of a data table by the HTML table model (row groups in tree order). */
function readTable(table: Element, number: number): SourceTable | undefined {
    const groups: Element[][] = [];
    for (const child of children(table, 'thead', 'tbody', 'tfoot', 'tr')) {
        if (child.tagName === 'tr') {
            const last = groups[groups.length - 1];
            if (last && (last as Element[] & { loose?: boolean }).loose) last.push(child);
            else groups.push(Object.assign([child], { loose: true }));
        } else {
            groups.push(children(child, 'tr'));
        }
    }
    const rows: SourceCell[][] = [];
    for (const group of groups) {
        group.forEach((tr, index) => {
            const cells: SourceCell[] = [];
            for (const td of children(tr, 'td', 'th')) {
                const colSpan = Math.max(1, spanOf(attr(td, 'colspan'), 1, 1000) || 1);
                let rowSpan = spanOf(attr(td, 'rowspan'), 1, 65534);
                if (rowSpan === 0) rowSpan = group.length - index;
                cells.push({ text: hidden(td) ? '' : textOf(td), rowSpan: Math.max(1, rowSpan), colSpan, at: { table: number, row: rows.length + 1 } });
            }
            rows.push(cells);
        });
    }
    if (!rows.some(r => r.length)) return undefined;
    const out: SourceTable = { kind: 'table', rows, at: { table: number } };
    // Grid columns, for the import report's positions.
    const grid = expandGrid(out);
    grid.forEach(row => row.forEach((cell, c) => {
        if (cell && cell.at.column === undefined) cell.at.column = c + 1;
    }));
    return out;
}

interface Placed {
    block: SourceBlock;
    node: Element;
}

function walk(root: Element): Placed[] {
    const placed: Placed[] = [];
    let buffer = '';
    let owner: Element = root;
    let tables = 0;
    const flush = () => {
        for (const line of buffer.split('\n')) {
            const text = line.trim();
            if (text) placed.push({ block: { kind: 'paragraph', text, at: {} }, node: owner });
        }
        buffer = '';
    };
    const stack: (Node | { end: Element })[] = [root];
    while (stack.length) {
        const item = stack.pop()!;
        if ('end' in item) {
            flush();
            continue;
        }
        const node = item;
        if (node.nodeName === '#text') {
            if (!buffer) owner = node.parentNode as Element;
            buffer += collapse((node as DefaultTreeAdapterMap['textNode']).value);
            continue;
        }
        if (!isElement(node) || SKIPPED.has(node.tagName) || hidden(node)) continue;
        if (node.tagName === 'br') {
            buffer += '\n';
            continue;
        }
        if (node.tagName === 'pre') {
            flush();
            const text = textContent(node);
            owner = node;
            buffer = text;
            flush();
            continue;
        }
        if (node.tagName === 'table' && !holdsTable(node)) {
            flush();
            const table = readTable(node, tables + 1);
            if (!table) continue;
            const cells = table.rows.flat();
            if (cells.length === 1) {
                // A box drawn as a table: its text is paragraphs.
                owner = node;
                buffer = cells[0].text;
                flush();
                continue;
            }
            tables++;
            placed.push({ block: table, node });
            continue;
        }
        if (BLOCK.has(node.tagName)) {
            flush();
            owner = node;
            stack.push({ end: node });
        }
        for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]);
    }
    flush();
    return placed;
}

function textContent(node: Node): string {
    let out = '';
    const stack: Node[] = [node];
    while (stack.length) {
        const n = stack.pop()!;
        if (n.nodeName === '#text') out += (n as DefaultTreeAdapterMap['textNode']).value;
        else if (isElement(n)) for (let i = n.childNodes.length - 1; i >= 0; i--) stack.push(n.childNodes[i]);
    }
    return out;
}

function find(root: ParentNode, tag: string): Element | undefined {
    const stack: Node[] = [...root.childNodes];
    while (stack.length) {
        const node = stack.shift()!;
        if (!isElement(node)) continue;
        if (node.tagName === tag) return node;
        stack.unshift(...node.childNodes);
    }
    return undefined;
}

function metas(head: Element | undefined): Map<string, string> {
    const out = new Map<string, string>();
    if (!head) return out;
    for (const node of head.childNodes) {
        if (!isElement(node) || node.tagName !== 'meta') continue;
        const name = (attr(node, 'name') ?? attr(node, 'property') ?? attr(node, 'itemprop'))?.toLowerCase();
        const content = attr(node, 'content');
        if (name && content !== undefined && !out.has(name)) out.set(name, content.trim());
    }
    return out;
}

function ancestors(node: Element, root: Element): Element[] {
    const out: Element[] = [];
    let n: ParentNode | null = node;
    while (n && n !== root.parentNode) {
        if (isElement(n as Node)) out.push(n as Element);
        n = (n as Element).parentNode;
    }
    return out.reverse();
}

function within(node: Element, container: Element): boolean {
    let n: ParentNode | null = node;
    while (n) {
        if (n === container) return true;
        n = (n as Element).parentNode;
    }
    return false;
}

/** The blocks of the element that holds every report heading and table, with the title just before it. */
function article(placed: Placed[], body: Element, anchors: ((text: string) => boolean) | undefined): { kept: Placed[]; dropped: number } {
    if (!anchors) return { kept: placed, dropped: 0 };
    const marks = placed.filter(p => p.block.kind === 'paragraph' ? anchors(p.block.text) : true);
    if (marks.filter(p => p.block.kind === 'paragraph').length < 2) return { kept: placed, dropped: 0 };
    let common = ancestors(marks[0].node, body);
    for (const mark of marks.slice(1)) {
        const path = ancestors(mark.node, body);
        let i = 0;
        while (i < common.length && i < path.length && common[i] === path[i]) i++;
        common = common.slice(0, i);
    }
    const container = common[common.length - 1];
    if (!container || container === body) return { kept: placed, dropped: 0 };
    const first = placed.findIndex(p => within(p.node, container));
    let last = -1;
    placed.forEach((p, i) => { if (within(p.node, container)) last = i; });
    const kept = placed.slice(first, last + 1).filter(p => within(p.node, container));
    // The title usually stands above the article (an <h1> or a title box).
    for (let i = first - 1; i >= Math.max(0, first - 12); i--) {
        const block = placed[i].block;
        if (block.kind === 'paragraph' && /年度报告|年报/.test(block.text) && block.text.length <= 80) {
            kept.unshift(...placed.slice(i, first).filter(p => p.block.kind === 'paragraph'));
            return { kept, dropped: placed.length - kept.length };
        }
    }
    return { kept, dropped: placed.length - kept.length };
}

export function readHtml(data: Uint8Array | string, options: HtmlOptions = {}): SourceDocument {
    const decoded = typeof data === 'string' ? { text: data, conversions: [] } : decodeBytes(data, declaredCharset(data));
    const document = parse(decoded.text);
    const html = find(document, 'html');
    const head = html && find(html, 'head');
    const body = (html && find(html, 'body')) ?? html;
    const meta = metas(head);
    const titleEl = head && find(head, 'title');
    const title = meta.get('articletitle') || (titleEl ? textOf(titleEl) : undefined);
    const published = meta.get('pubdate') ?? meta.get('publishdate') ?? meta.get('firstpublishedtime') ?? meta.get('dcterms.issued');
    const placed = body ? walk(body) : [];
    const { kept, dropped } = body ? article(placed, body, options.anchors) : { kept: placed, dropped: 0 };
    const blocks = kept.map(p => p.block);
    const conversions = [...decoded.conversions];
    if (dropped) conversions.push({ kind: 'page-furniture', detail: `网页正文以外的 ${dropped} 段（导航、栏目、页脚等）未导入`, count: dropped });
    return {
        kind: 'html',
        blocks,
        meta: { ...(title ? { title } : {}), ...(published ? { published } : {}) },
        conversions,
        issues: [],
    };
}
