/**
 * The comparison page's script (bundled for the browser into out/webview/compare.js): patches new
 * content into the DOM and turns a click on a cell into "show it in its report". It never builds
 * markup from report text: the HTML it patches in comes from the renderer, which escaped it.
 */
import morphdom from 'morphdom';
import type { FromCompareWebview, ToCompareWebview } from '../compare/messages.js';

interface VsCodeApi {
    postMessage(message: FromCompareWebview): void;
    setState(state: { uri: string }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('xxgk-root')!;
// Restored after a window reload (the panel's serializer reads the report's uri from the state).
vscode.setState({ uri: document.body.dataset.uri ?? '' });

function parseRange(text: string | undefined) {
    const [a, b, c, d] = (text ?? '').split(':').map(Number);
    if ([a, b, c, d].some(n => !Number.isFinite(n))) return undefined;
    return { start: { line: a, character: b }, end: { line: c, character: d } };
}

window.addEventListener('message', (event: MessageEvent<ToCompareWebview>) => {
    if (event.data?.type === 'update') {
        morphdom(root, `<div id="xxgk-root">${event.data.html}</div>`, { onBeforeElUpdated: (from, to) => !from.isEqualNode(to) });
    }
});

document.addEventListener('click', event => {
    const target = event.target as Element | null;
    if (!target) return;
    if (target.closest('[data-action="export"]')) {
        vscode.postMessage({ type: 'export' });
        return;
    }
    const el = target.closest<HTMLElement>('[data-range]');
    const side = el?.closest<HTMLElement>('[data-side]')?.dataset.side;
    const range = parseRange(el?.dataset.range);
    if (range && (side === 'last' || side === 'this')) vscode.postMessage({ type: 'reveal', side, range });
});
