/**
 * The view model as a PDF (pdfkit): A4 with the GB/T 9704 margins, CJK fonts found on the machine
 * embedded as subsets (text stays selectable and copyable), tables drawn from the view's grid with
 * merged cells, header rows repeated on every page, and page numbers 「— 1 —」.
 */
import PDFDocument from 'pdfkit';
import type { ReportView, ViewCell, ViewParagraph, ViewTable } from '../render/view-model.js';
import { bodyLineSpacing, faces, page as pageSpec, type FaceRole } from '../render/typography.js';
import { findFonts, type FontSearch, type RoleFonts } from './fonts.js';
import { exportStrings as S } from './strings.js';
import { columnWidths, placeCells, type PlacedCell } from './table-widths.js';

const MM = 72 / 25.4;
const PAD = 3;

type Doc = PDFKit.PDFDocument;

export interface PdfOptions extends FontSearch {
    /** Fonts already found (tests, repeated exports). */
    fonts?: RoleFonts;
}

export async function exportPdf(view: ReportView, options: PdfOptions = {}): Promise<Buffer> {
    const fonts = options.fonts ?? findFonts(options);
    const doc = new PDFDocument({
        size: 'A4',
        margins: { top: pageSpec.top * MM, bottom: pageSpec.bottom * MM, left: pageSpec.left * MM, right: pageSpec.right * MM },
        bufferPages: true,
        autoFirstPage: true,
        lang: 'zh-CN',
        displayTitle: true,
        // No default font: pdfkit would load Helvetica, which the report never uses.
        font: null as unknown as string,
        info: {
            Title: view.title.text,
            Author: view.agency ?? '',
            Subject: view.format.citation,
            Creator: 'xxgk',
            Producer: 'xxgk (pdfkit)',
        },
    });
    // One registration per distinct face: pdfkit caches a face under the first name it was opened
    // by, so a second name for the same face would re-read the whole font file on every use.
    const names = new Map<string, string>();
    const roleNames = {} as Record<FaceRole, string>;
    for (const [role, font] of Object.entries(fonts) as [FaceRole, RoleFonts[FaceRole]][]) {
        const key = `${font.path}#${font.face ?? ''}`;
        if (!names.has(key)) {
            names.set(key, `xxgk-${names.size}`);
            doc.registerFont(names.get(key)!, font.path, font.face as string);
        }
        roleNames[role] = names.get(key)!;
    }
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve, reject) => {
        doc.on('end', () => resolve());
        doc.on('error', reject);
    });
    new PdfWriter(doc, roleNames).write(view);
    doc.end();
    await done;
    return Buffer.concat(chunks);
}

class PdfWriter {
    private readonly left: number;
    private readonly width: number;

    constructor(private readonly doc: Doc, private readonly fontNames: Record<FaceRole, string>) {
        this.left = doc.page.margins.left;
        this.width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    }

    private get bottom(): number {
        return this.doc.page.height - this.doc.page.margins.bottom;
    }

    private use(role: FaceRole, size = faces[role].size): Doc {
        return this.doc.font(this.fontNames[role]).fontSize(size);
    }

    /** Extra space between lines so that body text runs at the 公文's fixed line spacing. */
    private lineGap(role: FaceRole): number {
        this.use(role);
        return Math.max(0, bodyLineSpacing - this.doc.currentLineHeight());
    }

    write(view: ReportView): void {
        const doc = this.doc;
        doc.y = doc.page.margins.top;
        this.use('title').text(view.title.text, this.left, doc.y, { width: this.width, align: 'center', lineGap: 6 });
        doc.moveDown(0.4);
        if (view.period) this.use('subheading').text(view.period.text, this.left, doc.y, { width: this.width, align: 'center' });
        doc.moveDown(0.8);
        view.preamble.forEach(p => this.paragraph(p));
        for (const section of view.sections) {
            this.keepWithNext(bodyLineSpacing * 2.5);
            this.use('heading').text(section.heading, this.left, doc.y, { width: this.width, indent: 2 * faces.heading.size, lineGap: this.lineGap('heading') });
            for (const block of section.blocks) {
                if (block.kind === 'paragraph') this.paragraph(block);
                else this.table(block);
            }
        }
        if (view.agency || view.published) {
            doc.moveDown(1.5);
            for (const line of [view.agency, view.published]) {
                if (line) this.use('body').text(line, this.left, doc.y, { width: this.width - 2 * faces.body.size, align: 'right' });
            }
        }
        this.pageNumbers();
    }

    private keepWithNext(height: number): void {
        if (this.doc.y + height > this.bottom) this.doc.addPage();
    }

    private paragraph(p: ViewParagraph): void {
        const doc = this.doc;
        const options = { width: this.width, indent: 2 * faces.body.size, lineGap: this.lineGap('body'), align: 'justify' as const };
        if (p.lead) {
            this.use('subheading').text(p.lead, this.left, doc.y, { ...options, continued: Boolean(p.text) });
            if (p.text) this.use('body').text(p.text, { ...options, indent: 0 });
        } else {
            this.use('body').text(p.text, this.left, doc.y, options);
        }
    }

    // -----------------------------------------------------------------------------------------
    // Tables

    private textHeight(cell: ViewCell, width: number): number {
        this.use('table');
        return this.doc.heightOfString(cell.text || ' ', { width: Math.max(4, width - 2 * PAD), lineGap: 1 });
    }

    /** Row heights such that every cell fits, spanning cells stretching their last row. */
    private rowHeights(placed: PlacedCell[], rows: number, widths: number[]): number[] {
        this.use('table');
        const min = this.doc.currentLineHeight(true) + 2 * PAD;
        const heights = new Array(rows).fill(min);
        const spanWidth = (col: number, span: number) => widths.slice(col, col + span).reduce((a, b) => a + b, 0);
        const sorted = [...placed].sort((a, b) => (a.cell.rowSpan ?? 1) - (b.cell.rowSpan ?? 1));
        for (const p of sorted) {
            const rs = Math.min(p.cell.rowSpan ?? 1, rows - p.row);
            const need = this.textHeight(p.cell, spanWidth(p.col, p.cell.colSpan ?? 1)) + 2 * PAD;
            const have = heights.slice(p.row, p.row + rs).reduce((a, b) => a + b, 0);
            if (need > have) heights[p.row + rs - 1] += need - have;
        }
        return heights;
    }

    private table(t: ViewTable): void {
        const doc = this.doc;
        const widths = columnWidths(t, this.width, faces.table.size);
        const x = widths.reduce<number[]>((acc, w, i) => [...acc, acc[i] + w], [this.left]);
        const head = placeCells(t.head, t.columnCount);
        const body = placeCells(t.body, t.columnCount);
        const headHeights = this.rowHeights(head, t.head.length, widths);
        const bodyHeights = this.rowHeights(body, t.body.length, widths);
        const headHeight = headHeights.reduce((a, b) => a + b, 0);

        // Paginate: every body row gets a page and a top; the header repeats at the top of each page.
        doc.moveDown(0.3);
        const rowPos: { page: number; y: number }[] = [];
        const headPos: { page: number; y: number }[] = [];
        // Start on a new page unless the header and a few rows fit here.
        if (doc.y + headHeight + bodyHeights.slice(0, 3).reduce((a, b) => a + b, 0) > this.bottom) doc.addPage();
        const pageIndex = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1;
        headPos.push({ page: pageIndex(), y: doc.y });
        let y = doc.y + headHeight;
        bodyHeights.forEach(h => {
            if (y + h > this.bottom && y > headPos[headPos.length - 1].y + headHeight) {
                doc.addPage();
                headPos.push({ page: pageIndex(), y: doc.page.margins.top });
                y = doc.page.margins.top + headHeight;
            }
            rowPos.push({ page: pageIndex(), y });
            y += h;
        });
        const lastPage = pageIndex();

        for (const hp of headPos) {
            doc.switchToPage(hp.page);
            const tops = headHeights.reduce<number[]>((acc, h, i) => [...acc, acc[i] + h], [hp.y]);
            for (const p of head) {
                const rs = Math.min(p.cell.rowSpan ?? 1, t.head.length - p.row);
                this.cell(p.cell, x[p.col], tops[p.row], x[p.col + (p.cell.colSpan ?? 1)] - x[p.col], tops[p.row + rs] - tops[p.row]);
            }
        }
        for (const p of body) {
            const rs = Math.min(p.cell.rowSpan ?? 1, t.body.length - p.row);
            const w = x[p.col + (p.cell.colSpan ?? 1)] - x[p.col];
            // A cell spanning rows on several pages is drawn once per page; its text goes where it fits.
            const fragments: { page: number; y: number; h: number }[] = [];
            for (let r = p.row; r < p.row + rs; r++) {
                const last = fragments[fragments.length - 1];
                if (last && last.page === rowPos[r].page) last.h += bodyHeights[r];
                else fragments.push({ page: rowPos[r].page, y: rowPos[r].y, h: bodyHeights[r] });
            }
            const need = this.textHeight(p.cell, w) + 2 * PAD;
            const withText = fragments.find(f => f.h >= need) ?? fragments[0];
            for (const f of fragments) {
                doc.switchToPage(f.page);
                this.cell(f === withText ? p.cell : { ...p.cell, text: '' }, x[p.col], f.y, w, f.h);
            }
        }
        doc.switchToPage(lastPage);
        doc.x = this.left;
        doc.y = (rowPos.length ? rowPos[rowPos.length - 1].y + bodyHeights[bodyHeights.length - 1] : headPos[0].y + headHeight) + 0.6 * bodyLineSpacing;
    }

    private cell(cell: ViewCell, x: number, y: number, w: number, h: number): void {
        const doc = this.doc;
        doc.save();
        if (cell.kind === 'caption') doc.rect(x, y, w, h).fill('#f2f2f2');
        doc.lineWidth(0.6).strokeColor('#000').rect(x, y, w, h).stroke();
        doc.restore();
        if (!cell.text) return;
        const align = cell.kind === 'label' ? 'left' : 'center';
        const th = this.textHeight(cell, w);
        this.use('table').fillColor('#000');
        doc.text(cell.text, x + PAD, y + Math.max(PAD, (h - th) / 2), { width: w - 2 * PAD, align, lineGap: 1, lineBreak: true, height: h });
    }

    private pageNumbers(): void {
        const doc = this.doc;
        const range = doc.bufferedPageRange();
        for (let i = range.start; i < range.start + range.count; i++) {
            doc.switchToPage(i);
            const margin = doc.page.margins.bottom;
            doc.page.margins.bottom = 0;
            this.use('table', 14).text(`${S.pageNumberAround[0]}${i + 1 - range.start}${S.pageNumberAround[1]}`, this.left, doc.page.height - margin + 7 * MM, { width: this.width, align: 'center', lineBreak: false });
            doc.page.margins.bottom = margin;
        }
    }
}
