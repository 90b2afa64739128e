/**
 * The preview page's script (bundled for the browser into out/webview/preview.js): patches new
 * content into the DOM, keeps editor and preview scrolled together, reveals a clicked cell or
 * paragraph in the editor, and runs the summary bar. It never builds markup from report text: the
 * HTML it patches in comes from the renderer, which escaped it.
 */
import morphdom from 'morphdom';
import type { FromWebview, PreviewSettings, ToWebview } from '../preview/messages.js';
import { lineAtOffset, lineEntries, offsetOfLine, type LineEntry } from './scroll-sync.js';

interface VsCodeApi {
    postMessage(message: FromWebview): void;
    getState(): { uri?: string; line?: number } | undefined;
    setState(state: { uri: string; line?: number }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const settings: PreviewSettings = JSON.parse(document.getElementById('xxgk-preview-settings')?.getAttribute('data-settings') ?? '{}');
const root = document.getElementById('xxgk-root')!;
let entries: LineEntry[] = [];
let activeLine: number | undefined;
/** Where we scrolled to ourselves: scroll events that end there are not sent back to the editor. */
let ownScrollY: number | undefined;

function scrollOurselves(scroll: () => void): void {
    scroll();
    ownScrollY = window.scrollY;
}

function refreshEntries(): void {
    entries = lineEntries(root);
}

function barHeight(): number {
    return root.querySelector<HTMLElement>('.xxgk-bar')?.getBoundingClientRect().height ?? 0;
}

function scrollToLine(line: number): void {
    const y = offsetOfLine(entries, line);
    if (y === undefined) return;
    scrollOurselves(() => window.scrollTo(0, Math.max(0, y - barHeight())));
}

function topLine(): number | undefined {
    // An element within 2 px of the top counts as at the top (scroll positions are whole pixels).
    return lineAtOffset(entries, window.scrollY + barHeight() + 2);
}

function markActive(line: number | undefined, reveal: boolean): void {
    activeLine = line;
    root.querySelectorAll('.xxgk-active').forEach(el => el.classList.remove('xxgk-active'));
    if (line === undefined) return;
    let marked = Array.from(root.querySelectorAll<HTMLElement>(`.xxgk-page [data-line="${line}"]`));
    if (!marked.length) {
        const before = [...entries].reverse().find(e => e.line <= line);
        if (before) marked = [before.element];
    }
    marked.forEach(el => el.classList.add('xxgk-active'));
    if (reveal && marked[0]) {
        const r = marked[0].getBoundingClientRect();
        if (r.top < barHeight() || r.bottom > window.innerHeight) scrollOurselves(() => marked[0].scrollIntoView({ block: 'center' }));
    }
}

function setPending(pending: boolean): void {
    const state = root.querySelector('.xxgk-bar .state');
    if (state) state.textContent = pending ? settings.pendingText ?? '…' : '';
}

function update(html: string): void {
    morphdom(root, `<div id="xxgk-root">${html}</div>`, {
        onBeforeElUpdated(from, to) {
            if (from instanceof HTMLDetailsElement && from.open) to.setAttribute('open', '');
            return !from.isEqualNode(to);
        },
    });
    refreshEntries();
    if (activeLine !== undefined) markActive(activeLine, false);
}

function parseRange(text: string | undefined) {
    const [a, b, c, d] = (text ?? '').split(':').map(Number);
    if ([a, b, c, d].some(n => !Number.isFinite(n))) return undefined;
    return { start: { line: a, character: b }, end: { line: c, character: d } };
}

function flash(el: Element): void {
    el.classList.remove('xxgk-flash');
    void (el as HTMLElement).offsetWidth;
    el.classList.add('xxgk-flash');
}

function reveal(el: Element): void {
    const range = parseRange((el as HTMLElement).dataset.range);
    if (range) vscode.postMessage({ type: 'reveal', range });
}

function jumpToFirst(button: HTMLElement): void {
    const index = button.dataset.f;
    if (index === undefined) return;
    const target = root.querySelector(`.xxgk-page [data-f~="${index}"]`) ?? root.querySelector(`.xxgk-bar li[data-f~="${index}"]`);
    if (target) {
        const details = target.closest('details');
        if (details) details.open = true;
        scrollOurselves(() => target.scrollIntoView({ block: 'center' }));
        flash(target);
    }
    reveal(button);
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
    const message = event.data;
    switch (message?.type) {
        case 'update': update(message.html); setPending(false); break;
        case 'scrollToLine': if (settings.scrollPreviewWithEditor) scrollToLine(message.line); break;
        case 'activeLine': markActive(message.line, settings.scrollPreviewWithEditor); break;
        case 'pending': setPending(true); break;
    }
});

// A plain click on a cell or paragraph shows it in the editor, and the editor keeps the focus: the
// page must not take it. Focus that reaches the webview on mousedown reaches the workbench only
// after the click's reveal, and would pull the focus back from the editor (typing then went
// nowhere). So does the bar's 「first problem」 button. Double clicks (select a word), modified
// clicks, the other buttons and the summaries stay as they are.
document.addEventListener('mousedown', event => {
    if (event.button !== 0 || event.detail > 1 || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as Element | null;
    if (!target) return;
    if (target.closest('[data-action="first"]')) {
        event.preventDefault();
        return;
    }
    if (target.closest('summary, [data-action], a, button, input, textarea, select')) return;
    if (target.closest('[data-range]')) event.preventDefault();
});

document.addEventListener('click', event => {
    const target = event.target as Element | null;
    if (!target || target.closest('summary')) return;
    const action = target.closest<HTMLElement>('[data-action]');
    if (action) {
        if (action.dataset.action === 'first') jumpToFirst(action);
        else if (action.dataset.action === 'export') vscode.postMessage({ type: 'export' });
        return;
    }
    const el = target.closest('[data-range]');
    if (el) {
        flash(el);
        reveal(el);
    }
});

let scrollTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('scroll', () => {
    if (scrollTimer) return;
    scrollTimer = setTimeout(() => {
        scrollTimer = undefined;
        const ours = ownScrollY !== undefined && Math.abs(window.scrollY - ownScrollY) < 2;
        ownScrollY = undefined;
        const line = topLine();
        vscode.setState({ uri: settings.uri, line });
        if (!ours && settings.scrollEditorWithPreview && line !== undefined) vscode.postMessage({ type: 'revealLine', line });
    }, 50);
}, { passive: true });

refreshEntries();
const restored = settings.line ?? vscode.getState()?.line;
if (restored !== undefined) scrollToLine(restored);
vscode.setState({ uri: settings.uri, line: restored });
