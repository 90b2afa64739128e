/**
 * The preview page's security: a strict Content-Security-Policy (nothing but our own script and
 * stylesheet, both by nonce; no images, fonts, frames or connections), settings passed as an
 * escaped data attribute, and report content that the renderer has escaped. No vscode import, so
 * tests load the same page in a real browser.
 */
import { randomBytes } from 'node:crypto';
import { escapeHtml } from '../../src/render/escape.js';
import { previewCss, reportCss } from '../../src/render/styles.js';
import type { PreviewSettings } from './messages.js';

export function createNonce(): string {
    return randomBytes(18).toString('base64');
}

export function contentSecurityPolicy(nonce: string): string {
    return [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
}

export interface PreviewPage {
    nonce: string;
    /** The webview script's URI (webview.asWebviewUri of out/webview/preview.js). */
    scriptUri: string;
    title: string;
    /** renderPreviewContent(view, ui): the summary bar and the page. */
    content: string;
    settings: PreviewSettings;
}

/**
 * A webview page: the policy above, the stylesheet and our script by nonce, `content` in #xxgk-root.
 * `head`: further (escaped) head elements; `body`: the body's (escaped) attributes.
 */
export function webviewPage(page: { nonce: string; scriptUri: string; title: string; css: string; content: string; head?: string; body: string }): string {
    const nonce = escapeHtml(page.nonce);
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${page.head ?? ''}<title>${escapeHtml(page.title)}</title>
<style nonce="${nonce}">${page.css}</style>
</head>
<body ${page.body}>
<div id="xxgk-root">${page.content}</div>
<script nonce="${nonce}" src="${escapeHtml(page.scriptUri)}"></script>
</body>
</html>`;
}

export function previewPage(page: PreviewPage): string {
    return webviewPage({
        ...page, css: `${reportCss}${previewCss}`, body: 'class="xxgk-preview"',
        head: `<meta id="xxgk-preview-settings" data-settings="${escapeHtml(JSON.stringify(page.settings))}">\n`,
    });
}

/** What the panel shows until the first view arrives (no script): never a blank panel. */
export function placeholderPage(nonce: string, title: string, message: string): string {
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(nonce))}">
<title>${escapeHtml(title)}</title>
<style nonce="${escapeHtml(nonce)}">${previewCss} .xxgk-placeholder { padding: 24px; font: 14px/1.5 var(--vscode-font-family, sans-serif); color: var(--vscode-foreground, #333); }</style>
</head>
<body><p class="xxgk-placeholder">${escapeHtml(message)}</p></body>
</html>`;
}
