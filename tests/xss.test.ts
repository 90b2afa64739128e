/**
 * Seventy markup and script payloads, each in every field of a report, through the real language
 * server (the view model it sends the preview) and the one HTML renderer (the preview's content and
 * the HTML export, whose CSP is not relied on): no element, attribute or URL comes from the report,
 * and the payload reads as written. (Running the page in a browser: tests/browser, npm run test:e2e.)
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { DidCloseTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol';
import { renderPreviewContent, renderStandalone } from '../src/render/html.js';
import { PreviewMethods, type ViewMessage } from '../src/render/preview-protocol.js';
import { useServer } from './support/lsp-client.js';
import { reportWithPayload, xssPayloads } from './support/xss-payloads.js';

const server = useServer();

/** Every element and attribute of a page, and the page's text. */
function inventory(html: string) {
    const { document } = parseHTML(html.startsWith('<!DOCTYPE') ? html : `<!DOCTYPE html><html><body>${html}</body></html>`);
    const elements = [...document.querySelectorAll('*')];
    return {
        tags: [...new Set(elements.map(e => e.tagName.toLowerCase()))].sort(),
        attributes: [...new Set(elements.flatMap(e => [...e.attributes].map(a => a.name.toLowerCase())))].sort(),
        urls: elements.flatMap(e => [...e.attributes].filter(a => /^(href|src|action|formaction|srcdoc|xlink:href|data|content)$/i.test(a.name))
            .map(a => a.value)),
        text: document.body?.textContent ?? document.textContent ?? '',
        title: document.querySelector('h1')?.textContent ?? '',
    };
}

async function viewThroughServer(uri: string, text: string): Promise<ViewMessage> {
    await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
    const view = await server.connection.sendRequest<ViewMessage>(PreviewMethods.render, { uri });
    await server.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    return view;
}

describe('report text is text, whatever it says', () => {
    it('has seventy payloads', () => {
        expect(new Set(xssPayloads).size).toBe(70);
    });

    it('renders none of them as markup, in any field, in the preview or the HTML export', async () => {
        const clean = await viewThroughServer('untitled:xss-clean', reportWithPayload('无害文字'));
        const baseline = { preview: inventory(renderPreviewContent(clean.view)), page: inventory(renderStandalone(clean.view)) };
        const escaped: string[] = [];
        for (const [i, payload] of xssPayloads.entries()) {
            const { view } = await viewThroughServer(`untitled:xss-${i}`, reportWithPayload(payload));
            // What the report says: up to a // comment (the language's own syntax), NUL shown as U+FFFD.
            const said = (s: string) => (s.includes('//') ? s.slice(0, s.indexOf('//')).trimEnd() : s).replace(/\u0000/g, '\ufffd');
            const title = said(`${payload}深圳市龙岗区某局2024年政府信息公开工作年度报告`);
            if (view.title.text !== title && view.title.text !== title.replace(/\ufffd/g, '\u0000')) escaped.push(`view #${i}: title ${view.title.text}`);
            for (const [name, html] of [['preview', renderPreviewContent(view)], ['export', renderStandalone(view)]] as const) {
                const got = inventory(html);
                const expected = name === 'preview' ? baseline.preview : baseline.page;
                // Only the renderer's own elements and attributes; no URL at all.
                if (got.tags.some(t => !expected.tags.includes(t))) escaped.push(`${name} #${i}: elements ${got.tags.filter(t => !expected.tags.includes(t))}`);
                if (got.attributes.some(a => !expected.attributes.includes(a))) escaped.push(`${name} #${i}: attributes ${got.attributes.filter(a => !expected.attributes.includes(a))}`);
                const urls = got.urls.filter(u => !expected.urls.includes(u));
                if (urls.length) escaped.push(`${name} #${i}: urls ${urls}`);
                // The page shows the title exactly as the report says it (a page's text is its markup's text).
                if (!got.title.includes(title) && !got.title.includes(title.replace(/\ufffd/g, '\u0000'))) escaped.push(`${name} #${i}: title ${got.title.slice(0, 80)}`);
            }
        }
        expect(escaped).toEqual([]);
    });
});
