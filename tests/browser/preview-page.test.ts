/**
 * The preview page in a real Chromium (Debian's, driven by playwright-core), with its real CSP and
 * its real script (out/webview/preview.js), VS Code's webview API stubbed: hostile report text
 * executes nothing and shows as written; updates patch the DOM and keep the scroll position;
 * scroll sync and click-to-source post the right messages.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, placeholderPage, previewPage } from '../../client/preview/security.js';
import { renderPreviewContent } from '../../src/render/html.js';
import { examplesDir, fixturesDir, read, root } from '../support/helpers.js';
import { viewOf } from '../support/view.js';

// tests/e2e/preview-page.mjs passes the chromium it found (tests/e2e/lib/host.mjs).
const CHROMIUM = process.env.XXGK_CHROMIUM ?? '/usr/bin/chromium';
const pages = new Map<string, string>();
let server: Server;
let base: string;
let browser: Browser;

function page(name: string, content: string, title = '预览'): string {
    const nonce = createNonce();
    pages.set(`/${name}`, previewPage({
        nonce, scriptUri: `${base}/preview.js`, title, content,
        settings: { uri: `file:///${name}.xxgk`, scrollPreviewWithEditor: true, scrollEditorWithPreview: true, pendingText: '<b>Updating…</b>' },
    }));
    return `${base}/${name}`;
}

/** The page as VS Code's webview would run it, with acquireVsCodeApi recording what it posts. */
async function open(url: string): Promise<Page> {
    const p = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await p.addInitScript(() => {
        const w = window as unknown as Record<string, unknown>;
        w.__posted = [];
        w.__violations = [];
        let state: unknown;
        w.acquireVsCodeApi = () => ({
            postMessage: (m: unknown) => (w.__posted as unknown[]).push(m),
            getState: () => state,
            setState: (s: unknown) => { state = s; },
        });
        document.addEventListener('securitypolicyviolation', e => (w.__violations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await p.goto(url);
    await p.waitForFunction(() => document.readyState === 'complete');
    await p.evaluate(() => document.fonts.ready.then(() => undefined));
    return p;
}

const posted = (p: Page) => p.evaluate(() => (window as unknown as { __posted: { type: string; [k: string]: unknown }[] }).__posted);

beforeAll(async () => {
    server = createServer((req, res) => {
        if (req.url === '/preview.js') {
            res.writeHead(200, { 'content-type': 'text/javascript' });
            res.end(readFileSync(path.join(root, 'out/webview/preview.js')));
        } else if (pages.has(req.url ?? '')) {
            res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
            res.end(pages.get(req.url!));
        } else {
            res.writeHead(404);
            res.end();
        }
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
});

afterAll(async () => {
    await browser?.close();
    await new Promise(resolve => server?.close(resolve));
});

describe('hostile report text in the preview', () => {
    it('executes nothing and shows as written', async () => {
        const view = viewOf(read(path.join(fixturesDir, 'preview', 'hostile.xxgk')));
        const p = await open(page('hostile', renderPreviewContent(view), view.title.text));
        // Give anything that could run (onerror, onload) the chance to.
        await p.evaluate(() => new Promise(r => setTimeout(r, 200)));
        expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(await p.locator('#xxgk-root script, #xxgk-root img, #xxgk-root iframe, #xxgk-root svg, #xxgk-root a, #xxgk-root b').count()).toBe(0);
        expect(await p.locator('script').count()).toBe(1);
        const text = await p.locator('article').innerText();
        for (const s of ['<script>window.__pwned = "title"</script>某局2024年政府信息公开工作年度报告', '</style><script>window.__pwned = "style"</script>正文第一段。',
            '<img src=x onerror="window.__pwned=\'img\'">图片不应出现。', '<a href="javascript:window.__pwned=\'link\'">点我</a>',
            '<b onmouseover="window.__pwned=\'cell\'">0</b>', '"><iframe src="javascript:window.__pwned=\'iframe\'"></iframe>']) {
            expect(text).toContain(s);
        }
        expect(await p.title()).toBe(view.title.text);
        await p.locator('td[data-ref="rules.inForce"]').hover();
        await p.locator('td[data-ref="rules.inForce"]').click();
        expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        // Our own script did run (the CSP lets the nonce'd script in): the click was reported.
        expect((await posted(p)).some(m => m.type === 'reveal')).toBe(true);
        expect(await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
        await p.close();
    });

    it('the placeholder shown before the first view escapes what it shows too', async () => {
        const hostile = '<img src=x onerror="window.__pwned=1">无法生成预览';
        pages.set('/placeholder', placeholderPage(createNonce(), '<script>window.__pwned=2</script>', hostile));
        const p = await open(`${base}/placeholder`);
        expect(await p.locator('body').innerText()).toBe(hostile);
        expect(await p.title()).toBe('<script>window.__pwned=2</script>');
        expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        await p.close();
    });

    it('the CSP itself blocks markup that got into the page unescaped', async () => {
        const nonce = createNonce();
        pages.set('/raw', `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(nonce)}"></head><body>` +
            `<script>window.__pwned = 'inline'</script><img src="x" onerror="window.__pwned = 'onerror'">` +
            `<style>body { background: rgb(255, 0, 0); }</style><script src="${base}/preview.js"></script></body></html>`);
        const p = await open(`${base}/raw`);
        await p.evaluate(() => new Promise(r => setTimeout(r, 200)));
        expect(await p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(await p.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 0, 0)');
        const violations = await p.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
        expect(violations.some(v => v.startsWith('script-src'))).toBe(true);
        expect(violations.some(v => v.startsWith('style-src'))).toBe(true);
        await p.close();
    });
});

describe('the preview page', () => {
    const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));
    const changed = text.replace(/(（一）予以公开 +\|[^\n]*\| +)3$/m, '$14');

    it('patches an update into the DOM: same elements, same scroll position, the failing cell marked', async () => {
        const p = await open(page('update', renderPreviewContent(viewOf(text))));
        await p.evaluate(() => {
            window.scrollTo(0, 900);
            (document.querySelector('td[data-ref="received.person"]') as unknown as Record<string, unknown>).__kept = true;
        });
        await p.evaluate(() => new Promise(r => setTimeout(r, 120)));
        const before = await p.evaluate(() => window.scrollY);
        expect(before).toBe(900);
        // While the new view is on its way the bar says so, in the editor's language (as text).
        await p.evaluate(() => window.postMessage({ type: 'pending' }, '*'));
        await p.waitForFunction(() => document.querySelector('.xxgk-bar .state')?.textContent === '<b>Updating…</b>');
        await p.evaluate(html => window.postMessage({ type: 'update', html, version: 2 }, '*'), renderPreviewContent(viewOf(changed)));
        await p.waitForSelector('td[data-ref="disclosed.total"].f-error');
        expect(await p.evaluate(() => window.scrollY)).toBe(before);
        expect(await p.evaluate(() => (document.querySelector('td[data-ref="received.person"]') as unknown as Record<string, unknown>).__kept)).toBe(true);
        expect(await p.locator('td[data-ref="disclosed.total"]').getAttribute('title')).toContain('总计应为 3');
        expect(await p.locator('.xxgk-bar .count.error').innerText()).toMatch(/^错误 \d+$/);
        expect(await p.locator('.xxgk-bar .state').innerText()).toBe('');
        await p.close();
    });

    it('scrolls to the editor\'s line, tells the editor where it scrolled, and reveals what is clicked', async () => {
        const p = await open(page('sync', renderPreviewContent(viewOf(text))));
        const line = text.split('\n').findIndex(l => l.startsWith('二、上年结转政府信息公开申请数量'));
        await p.evaluate(l => window.postMessage({ type: 'scrollToLine', line: l }, '*'), line);
        await p.waitForFunction(() => window.scrollY > 0);
        const position = await p.evaluate(l => {
            const el = document.querySelector(`.xxgk-page [data-line="${l}"]`)!;
            const bar = document.querySelector('.xxgk-bar')!.getBoundingClientRect().bottom;
            return el.getBoundingClientRect().top - bar;
        }, line);
        expect(Math.abs(position)).toBeLessThan(4);

        // A scroll by the user is reported as the source line now at the top.
        const target = text.split('\n').findIndex(l => l.startsWith('三、收到和处理政府信息公开申请情况'));
        await p.evaluate(l => {
            const el = document.querySelector(`.xxgk-page [data-line="${l}"]`)!;
            const bar = document.querySelector('.xxgk-bar')!.getBoundingClientRect().height;
            window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - bar);
        }, target);
        await p.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some(m => m.type === 'revealLine'));
        const reveal = (await posted(p)).filter(m => m.type === 'revealLine').pop()!;
        expect(reveal.line).toBe(target);

        // A click on a cell reveals the cell's place in the source.
        await p.locator('td[data-ref="carriedIn.total"]').click();
        const clicked = (await posted(p)).filter(m => m.type === 'reveal').pop()!;
        const column = text.split('\n')[line].lastIndexOf('2');
        expect(clicked.range).toEqual({ start: { line, character: column }, end: { line, character: column + 1 } });
        await p.close();
    });

    it('jumps to the first problem from the summary bar, and marks the editor\'s line', async () => {
        const view = viewOf(changed);
        const p = await open(page('first', renderPreviewContent(view)));
        await p.locator('button[data-action="first"]').click();
        const first = view.findings.findIndex(f => f.severity === 'error');
        const reveal = (await posted(p)).filter(m => m.type === 'reveal').pop()!;
        expect(reveal.range).toEqual(view.findings[first].range);
        const visible = await p.evaluate(i => {
            const el = document.querySelector(`.xxgk-page [data-f~="${i}"]`)!.getBoundingClientRect();
            return el.top >= 0 && el.bottom <= window.innerHeight;
        }, first);
        expect(visible).toBe(true);
        await p.locator('button[data-action="export"]').click();
        expect((await posted(p)).some(m => m.type === 'export')).toBe(true);

        // A plain press on what reveals the source does not focus the page (so VS Code cannot pull the
        // focus back from the editor after the reveal); a double click, a modified one, a summary do.
        const focuses = (selector: string, init: { detail?: number; shiftKey?: boolean }): Promise<boolean> => p.evaluate(arg => {
            const e = new MouseEvent('mousedown', { bubbles: true, cancelable: true, button: 0, detail: 1, ...arg.init });
            document.querySelector(arg.selector)!.dispatchEvent(e);
            return !e.defaultPrevented;
        }, { selector, init });
        expect(await focuses('.xxgk-page td[data-range]', {})).toBe(false);
        expect(await focuses('.xxgk-page p[data-range]', {})).toBe(false);
        expect(await focuses('button[data-action="first"]', {})).toBe(false);
        expect(await focuses('.xxgk-page td[data-range]', { detail: 2 })).toBe(true);
        expect(await focuses('.xxgk-page td[data-range]', { shiftKey: true })).toBe(true);
        expect(await focuses('button[data-action="export"]', {})).toBe(true);

        const line = view.findings[first].range.start.line;
        await p.evaluate(l => window.postMessage({ type: 'activeLine', line: l }, '*'), line);
        await p.waitForSelector('.xxgk-active');
        expect(await p.locator('.xxgk-active').evaluateAll(els => els.map(e => e.getAttribute('data-line')))).toEqual(Array(8).fill(String(line)));
        await p.close();
    });
});
