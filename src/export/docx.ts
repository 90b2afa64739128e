/**
 * The view model as a Word document (docx), laid out like a 公文 (GB/T 9704): A4 with its margins,
 * the title in 小标宋 二号, body 仿宋 三号 at a fixed 28.9 pt line spacing, headings 黑体 and 楷体,
 * tables in 宋体 五号 with the merged cells of the view's grid, header rows repeated on each page,
 * page numbers 「— 1 —」.
 *
 * Every run names its East-Asian font (w:eastAsia), or Word would set Chinese in the theme font.
 * The font table gives each 公文 face the face Windows always has as its fallback (w:altName).
 */
import {
    AlignmentType, BorderStyle, Document, Footer, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, ShadingType, Table, TableCell,
    TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType, type IRunOptions,
} from 'docx';
import { bodyLineSpacing, faces, latinFace, page, type FaceRole } from '../render/typography.js';
import type { ReportView, ViewCell, ViewParagraph, ViewTable } from '../render/view-model.js';
import { escapeHtml } from '../render/escape.js';
import { exportStrings as S } from './strings.js';
import { columnWidths } from './table-widths.js';

const TWIPS_PER_MM = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * TWIPS_PER_MM);
const halfPoints = (pt: number) => Math.round(pt * 2);

function font(role: FaceRole) {
    return { ascii: latinFace, hAnsi: latinFace, cs: latinFace, eastAsia: faces[role].names[0] };
}

export function run(text: string, role: FaceRole, extra: Partial<IRunOptions> = {}): TextRun {
    return new TextRun({ text, font: font(role), size: halfPoints(faces[role].size), ...extra } as IRunOptions);
}

const exactBody = { line: Math.round(bodyLineSpacing * 20), lineRule: LineRuleType.EXACT };
const indent2 = (role: FaceRole) => ({ firstLine: Math.round(2 * faces[role].size * 20) });

export async function exportDocx(view: ReportView): Promise<Buffer> {
    const textWidth = page.width - page.left - page.right;
    const children: (Paragraph | Table)[] = [];
    children.push(new Paragraph({
        alignment: AlignmentType.CENTER, spacing: { after: 240, line: 600, lineRule: LineRuleType.AT_LEAST },
        children: [run(view.title.text, 'title', { bold: false })],
    }));
    if (view.period) {
        children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { ...exactBody, after: 240 }, children: [run(view.period.text, 'subheading')] }));
    }
    view.preamble.forEach(p => children.push(paragraph(p)));
    for (const section of view.sections) {
        children.push(new Paragraph({
            keepNext: true, spacing: exactBody, indent: indent2('heading'), children: [run(section.heading, 'heading')],
        }));
        for (const block of section.blocks) {
            if (block.kind === 'paragraph') children.push(paragraph(block));
            else children.push(table(block, textWidth), new Paragraph({ spacing: { after: 0, line: 240 }, children: [run('', 'table')] }));
        }
    }
    if (view.agency || view.published) {
        children.push(new Paragraph({ spacing: exactBody, children: [run('', 'body')] }));
        for (const line of [view.agency, view.published]) {
            if (line) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: exactBody, indent: { right: halfPoints(faces.body.size) * 20 }, children: [run(line, 'body')] }));
        }
    }
    return packDocument(children, { title: view.title.text, subject: view.format.citation, description: view.agency ?? '' });
}

/**
 * A 公文 page (A4, GB/T 9704 margins, page numbers 「— 1 —」, the font table) around `children`;
 * `landscape` for documents of wide tables (a comparison).
 */
export async function packDocument(children: (Paragraph | Table)[], meta: { title: string; subject: string; description: string; landscape?: boolean }): Promise<Buffer> {
    const footerRun = new TextRun({
        children: [S.pageNumberAround[0], PageNumber.CURRENT, S.pageNumberAround[1]],
        font: font('table'), size: halfPoints(14),
    });
    const doc = new Document({
        creator: 'xxgk',
        title: meta.title,
        subject: meta.subject,
        description: meta.description,
        styles: {
            default: {
                document: { run: { font: font('body'), size: halfPoints(faces.body.size) }, paragraph: { spacing: exactBody } },
            },
        },
        sections: [{
            properties: {
                page: {
                    // docx swaps width and height for a landscape page.
                    size: { width: twips(page.width), height: twips(page.height), ...(meta.landscape ? { orientation: PageOrientation.LANDSCAPE } : {}) },
                    margin: { top: twips(page.top), bottom: twips(page.bottom), left: twips(page.left), right: twips(page.right), footer: twips(page.bottom - 7 - 5) },
                },
            },
            footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [footerRun] })] }) },
            children,
        }],
    });
    return Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTable() }]);
}

function paragraph(p: ViewParagraph): Paragraph {
    const runs = p.lead ? [run(p.lead, 'subheading')] : [];
    if (p.text) runs.push(run(p.text, 'body'));
    return new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: exactBody, indent: indent2('body'), children: runs });
}

const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: border, bottom: border, left: border, right: border };

/** A table of the view as a Word table: merged cells, header rows repeated on every page, `textWidthMm` wide. */
export function table(t: ViewTable, textWidthMm: number): Table {
    const widths = columnWidths(t, twips(textWidthMm), faces.table.size * 20).map(w => Math.round(w));
    const cell = (c: ViewCell) => new TableCell({
        children: [new Paragraph({
            alignment: c.kind === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
            spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
            children: [run(c.text, 'table', c.kind === 'caption' ? { bold: true } : {})],
        })],
        columnSpan: c.colSpan, rowSpan: c.rowSpan, verticalAlign: VerticalAlign.CENTER, borders,
        margins: { left: 57, right: 57, top: 28, bottom: 28 },
        ...(c.kind === 'caption' ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
    });
    return new Table({
        layout: TableLayoutType.FIXED,
        width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
        columnWidths: widths,
        rows: [
            ...t.head.map(row => new TableRow({ tableHeader: true, cantSplit: true, children: row.map(cell) })),
            ...t.body.map(row => new TableRow({ cantSplit: true, children: row.map(cell) })),
        ],
    });
}

/** The font table: each face with its Windows fallback and the GB2312 character set. */
function fontTable(): string {
    const entries = new Map<string, { alt?: string; family: string }>();
    for (const spec of Object.values(faces)) {
        entries.set(spec.names[0], { alt: spec.windows !== spec.names[0] ? spec.windows : undefined, family: spec.generic === 'serif' ? 'roman' : 'swiss' });
        entries.set(spec.windows, { family: spec.generic === 'serif' ? 'roman' : 'swiss' });
    }
    const fonts = [...entries].map(([name, e]) => `<w:font w:name="${escapeHtml(name)}">` +
        (e.alt ? `<w:altName w:val="${escapeHtml(e.alt)}"/>` : '') +
        `<w:charset w:val="86"/><w:family w:val="${e.family}"/><w:pitch w:val="variable"/></w:font>`).join('');
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
        '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        `<w:font w:name="${latinFace}"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>${fonts}</w:fonts>`;
}
