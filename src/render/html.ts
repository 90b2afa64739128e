/**
 * The view model as HTML: the report page (preview and export), the preview's summary bar, and the
 * self-contained export document. Pure string building; every piece of report text is escaped.
 *
 * In the preview every element written somewhere carries `data-line` (scroll sync) and
 * `data-range` (click to reveal), and failing elements a class `f-<severity>`, the finding
 * indices (`data-f`) and the messages as a tooltip.
 */
import { escapeHtml as esc } from './escape.js';
import { chinesePreviewUi, renderStrings as S, type PreviewUiStrings } from './strings.js';
import { previewCss, reportCss } from './styles.js';
import type { Severity } from '../templates/types.js';
import type { ReportView, ViewAnchored, ViewCell, ViewChange, ViewParagraph, ViewRange, ViewTable } from './view-model.js';

export interface RenderOptions {
    /** Preview: source positions, finding marks, computed values. Export: the page as published. */
    preview: boolean;
    /** Finding marks and computed values without source positions (an exported comparison). */
    marks?: boolean;
}

const rank = { error: 3, warning: 2, info: 1 } as const;

export function worstSeverity(view: ReportView, indices: readonly number[] | undefined): Severity | undefined {
    let worst: Severity | undefined;
    for (const i of indices ?? []) {
        const s = view.findings[i]?.severity;
        if (s && (!worst || rank[s] > rank[worst])) worst = s;
    }
    return worst;
}

export function rangeAttr(range: ViewRange): string {
    return `${range.start.line}:${range.start.character}:${range.end.line}:${range.end.character}`;
}

class HtmlRenderer {
    constructor(private readonly view: ReportView, private readonly options: RenderOptions) {}

    /** Attributes of an anchored element (with its own classes), as ` class="…" data-…`. */
    /** `note`: a tooltip line of the element itself (an annotated cell's reading), before its findings. */
    private attrs(node: ViewAnchored, classes: string[] = [], note?: string): string {
        const out: string[] = [];
        const title = note === undefined ? [] : [note];
        if (this.options.preview || this.options.marks) {
            const severity = worstSeverity(this.view, node.findings);
            if (severity) classes = [...classes, `f-${severity}`];
            if (node.range && this.options.preview) out.push(`data-line="${node.range.start.line}"`, `data-range="${rangeAttr(node.range)}"`);
            if (node.findings?.length) {
                out.push(`data-f="${node.findings.join(' ')}"`);
                title.push(...node.findings.map(i => `${S.severity[this.view.findings[i].severity]}：${this.view.findings[i].message}`));
            }
        }
        if (title.length) out.push(`title="${esc(title.join('\n'))}"`);
        if (classes.length) out.unshift(`class="${classes.join(' ')}"`);
        return out.length ? ` ${out.join(' ')}` : '';
    }

    page(): string {
        const v = this.view;
        const parts: string[] = [`<article class="xxgk-page">`];
        parts.push(`<h1${this.attrs(v.title, ['xxgk-title'])}>${esc(v.title.text)}</h1>`);
        if (v.period) parts.push(`<div${this.attrs(v.period, ['xxgk-period'])}>${esc(v.period.text)}</div>`);
        for (const p of v.preamble) parts.push(this.paragraph(p));
        for (const section of v.sections) {
            parts.push(`<section data-section="${esc(section.id)}">`);
            parts.push(`<h2${this.attrs(section)}>${esc(section.heading)}</h2>`);
            for (const block of section.blocks) parts.push(block.kind === 'paragraph' ? this.paragraph(block) : this.table(block));
            parts.push('</section>');
        }
        if (v.agency || v.published) {
            parts.push('<div class="xxgk-sign">');
            if (v.agency) parts.push(`<p>${esc(v.agency)}</p>`);
            if (v.published) parts.push(`<p>${esc(v.published)}</p>`);
            parts.push('</div>');
        }
        parts.push('</article>');
        return parts.join('\n');
    }

    private paragraph(p: ViewParagraph): string {
        const lead = p.lead ? `<span class="xxgk-lead">${esc(p.lead)}</span>` : '';
        return `<p${this.attrs(p)}>${lead}${esc(p.text)}</p>`;
    }

    table(t: ViewTable): string {
        const rows = (cells: ViewCell[][], tag: 'th' | 'td') => cells.map(row => `<tr>${row.map(c => this.cell(c, tag)).join('')}</tr>`).join('\n');
        return `<div class="xxgk-table-wrap"><table${this.attrs(t, ['xxgk-table'])} data-table="${esc(t.id)}">\n` +
            `<thead>\n${rows(t.head, 'th')}\n</thead>\n<tbody>\n${rows(t.body, 'td')}\n</tbody>\n</table></div>`;
    }

    private cell(c: ViewCell, section: 'th' | 'td'): string {
        const tag = section === 'th' || c.kind !== 'value' && c.kind !== 'label' ? 'th' : 'td';
        const classes: string[] = [c.kind];
        if (c.kind === 'value' && c.state === 'absent') classes.push('absent');
        if (c.kind === 'label' && c.depth) classes.push(`depth-${c.depth}`);
        const note = c.kind === 'value' && c.note !== undefined && c.value !== undefined ? S.annotated(String(c.value), c.note) : undefined;
        let attrs = this.attrs(c, classes, note);
        if (c.colSpan && c.colSpan > 1) attrs += ` colspan="${c.colSpan}"`;
        if (c.rowSpan && c.rowSpan > 1) attrs += ` rowspan="${c.rowSpan}"`;
        if (c.ref) attrs += ` data-ref="${esc(c.ref)}"`;
        let content = esc(c.text);
        if ((this.options.preview || this.options.marks) && c.computed !== undefined && c.computed !== c.value) {
            content += `<span class="computed">${esc(S.computed(String(c.computed)))}</span>`;
        }
        if (c.change && c.change.delta !== '0') content += this.change(c.change);
        return `<${tag}${attrs}>${content}</${tag}>`;
    }

    /** A compared cell's change under its value: +3, and ×6.0 with a mark when it is a spike (nothing when unchanged). */
    private change(change: ViewChange): string {
        const direction = change.delta.startsWith('+') ? 'up' : 'down';
        const classes = ['change', direction, ...(change.spike ? ['spike'] : [])];
        const ratio = change.spike && change.ratio !== undefined ? ` ${S.ratio(change.ratio)}` : '';
        const title = S.lastYear(String(change.last)) + (change.spike ? `；${S.spike[change.spike]}` : '');
        return `<span class="${classes.join(' ')}" title="${esc(title)}">${esc(change.delta)}${esc(ratio)}</span>`;
    }

    bar(ui: PreviewUiStrings): string {
        const v = this.view;
        const first = v.findings.findIndex(f => f.severity === 'error');
        const target = first >= 0 ? first : v.findings.length ? 0 : -1;
        const count = (s: Severity) => `<span class="count ${s}">${esc(ui.severity[s])} ${v.counts[s]}</span>`;
        const parts = [`<nav class="xxgk-bar" data-errors="${v.counts.error}" data-warnings="${v.counts.warning}">`];
        parts.push(v.findings.length ? `${count('error')}${count('warning')}${count('info')}` : `<span class="count clean">${esc(ui.clean)}</span>`);
        parts.push(`<button type="button" data-action="first"${target < 0 ? ' disabled' : ` data-f="${target}" data-range="${rangeAttr(v.findings[target].range)}"`}>${esc(ui.goToFirst)}</button>`);
        parts.push(`<button type="button" data-action="export">${esc(ui.exportButton)}</button>`);
        parts.push('<span class="state"></span>');
        if (v.unplaced.length) {
            parts.push(`<details><summary>${esc(ui.unplacedSummary(v.unplaced.length))}</summary><ul>`);
            for (const i of v.unplaced) {
                const f = v.findings[i];
                parts.push(`<li class="f-${f.severity}" data-f="${i}" data-line="${f.range.start.line}" data-range="${rangeAttr(f.range)}">` +
                    `${esc(`${S.severity[f.severity]}：${f.message}`)}</li>`);
            }
            parts.push('</ul></details>');
        }
        parts.push('</nav>');
        return parts.join('');
    }
}

/** The report page (an <article>), as the preview or the export shows it. */
export function renderPage(view: ReportView, options: RenderOptions): string {
    return new HtmlRenderer(view, options).page();
}

/** One table as the report page prints it, with the findings of `view` (a comparison prints two reports' tables side by side). */
export function renderTable(view: ReportView, table: ViewTable, options: RenderOptions): string {
    return new HtmlRenderer(view, options).table(table);
}

/** What the preview's root element holds: the summary bar (in the editor's language) and the page. */
export function renderPreviewContent(view: ReportView, ui: PreviewUiStrings = chinesePreviewUi): string {
    const r = new HtmlRenderer(view, { preview: true });
    return `${r.bar(ui)}\n${r.page()}`;
}

/**
 * A self-contained HTML document: the stylesheet inline, nothing loaded from anywhere. With a script,
 * the Content-Security-Policy allows that one inline script and style by a nonce; without, none.
 */
export function standaloneDocument(page: { title: string; css: string; body: string; script?: string }): string {
    let csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    let style = '<style>';
    let script = '';
    if (page.script !== undefined) {
        const bytes = new Uint8Array(16);
        globalThis.crypto.getRandomValues(bytes);
        const nonce = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
        csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`;
        style = `<style nonce="${nonce}">`;
        script = `<script nonce="${nonce}">${page.script}</script>\n`;
    }
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="xxgk">
<title>${esc(page.title)}</title>
${style}${page.css}
</style>
</head>
<body>
${page.body}
${script}</body>
</html>
`;
}

/** A self-contained HTML file: inline CSS, an A4 print stylesheet, no script, no external request. */
export function renderStandalone(view: ReportView): string {
    return standaloneDocument({ title: view.title.text, css: `${reportCss}\nbody { margin: 0; background: #fff; }`, body: renderPage(view, { preview: false }) });
}

export { previewCss, reportCss };
