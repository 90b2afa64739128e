/**
 * The comparison page: the report's and the comparison's stylesheets, our script by nonce under the
 * preview's Content-Security-Policy, the bar (in the editor's language) and the content the shared
 * renderer made (src/compare/html.ts). No vscode import.
 */
import { renderCompare, compareCss } from '../../src/compare/html.js';
import type { CompareView } from '../../src/compare/view.js';
import { escapeHtml } from '../../src/render/escape.js';
import { markCss, previewCss, reportCss } from '../../src/render/styles.js';
import { webviewPage } from '../preview/security.js';

export interface CompareUi {
    exportButton: string;
    /** 「2023 → 2024」 */
    years: (last: string, current: string) => string;
}

/** What the page's root holds: the bar and the comparison, or a message (no last year's report). */
export function compareContent(view: CompareView | undefined, message: string | undefined, ui: CompareUi): string {
    if (!view) return `<p class="xxgk-placeholder">${escapeHtml(message ?? '')}</p>`;
    const bar = `<nav class="xxgk-bar"><span class="count">${escapeHtml(ui.years(String(view.lastYear ?? '?'), String(view.year ?? '?')))}</span>` +
        `<button type="button" data-action="export">${escapeHtml(ui.exportButton)}</button></nav>`;
    return `${bar}\n${renderCompare(view, { preview: true })}`;
}

/** `uri`: the report compared, kept in the webview's state so the panel is restored after a reload. */
export function comparePage(nonce: string, scriptUri: string, title: string, content: string, uri: string): string {
    return webviewPage({
        nonce, scriptUri, title, content, body: `class="xxgk-preview xxgk-compare-page" data-uri="${escapeHtml(uri)}"`,
        css: `${reportCss}${markCss}${previewCss}${compareCss}
.xxgk-placeholder { padding: 24px; font: 14px/1.5 var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #333); }`,
    });
}
