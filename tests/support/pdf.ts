/**
 * Reads a PDF back in tests with pdf.js (pdfjs-dist 5.4.296, legacy build for Node 20), instead of
 * poppler's pdftotext/pdffonts/pdfinfo: the pages with their size and text, and every font the
 * text is drawn with, as the PDF declares it (embedded or not, subset or not, with a Unicode map).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const pdfjsDir = path.dirname(require.resolve('pdfjs-dist/package.json'));
const folderUrl = (name: string) => `${pathToFileURL(path.join(pdfjsDir, name)).href}/`;

export interface PdfFont {
    /** The font's name as the PDF gives it, e.g. `ABCDEF+NotoSerifCJKsc-Regular`. */
    name: string;
    /** The font program is in the file (not left to the reader's system fonts). */
    embedded: boolean;
    /** A subset: the name has the six-letter tag `ABCDEF+`. */
    subset: boolean;
    /** The file carries a map from glyphs to Unicode (so the text can be copied and searched). */
    unicodeMap: boolean;
}

export interface PdfPage {
    /** In points. */
    width: number;
    height: number;
    /** The text items in reading order, joined; whitespace as the PDF has it. */
    text: string;
}

export interface PdfContent {
    pages: PdfPage[];
    /** The fonts of every page, once each. */
    fonts: PdfFont[];
    /** The document's info dictionary (Title, Author, Producer…). */
    info: Record<string, unknown>;
}

/** Reads a PDF file (or its bytes) with pdf.js. */
export async function readPdf(source: string | Uint8Array): Promise<PdfContent> {
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const data = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : new Uint8Array(source);
    const doc = await pdfjs.getDocument({
        data,
        cMapUrl: folderUrl('cmaps'),
        cMapPacked: true,
        standardFontDataUrl: folderUrl('standard_fonts'),
        // Keep what the PDF says about its fonts on the font objects; no font is loaded into a page.
        fontExtraProperties: true,
        disableFontFace: true,
        useSystemFonts: false,
        isEvalSupported: false,
        verbosity: 0,
    }).promise;
    try {
        const pages: PdfPage[] = [];
        const fonts = new Map<string, PdfFont>();
        for (let n = 1; n <= doc.numPages; n++) {
            const page = await doc.getPage(n);
            const [, , width, height] = page.view;
            const content = await page.getTextContent();
            const text = content.items.map(item => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
            pages.push({ width, height, text });
            // Resolving the operator list loads each font of the page into commonObjs.
            await page.getOperatorList();
            for (const id of new Set(content.items.flatMap(item => ('fontName' in item ? [item.fontName] : [])))) {
                if (fonts.has(id) || !page.commonObjs.has(id)) continue;
                const font = page.commonObjs.get(id) as { name?: string; missingFile?: boolean; data?: Uint8Array; toUnicode?: unknown; isType3Font?: boolean };
                const name = font.name ?? id;
                fonts.set(id, {
                    name,
                    embedded: !font.missingFile && !!font.data?.length,
                    subset: /^[A-Z]{6}\+/.test(name),
                    unicodeMap: hasUnicodeMap(font.toUnicode),
                });
            }
            page.cleanup();
        }
        const meta = await doc.getMetadata();
        return { pages, fonts: [...new Map([...fonts.values()].map(f => [f.name, f])).values()], info: meta.info as Record<string, unknown> };
    } finally {
        await doc.destroy();
    }
}

/** pdf.js keeps a font's ToUnicode map as a ToUnicodeMap (or IdentityToUnicodeMap) with entries. */
function hasUnicodeMap(map: unknown): boolean {
    if (!map || typeof map !== 'object') return false;
    const m = map as { _map?: unknown; length?: number };
    if (Array.isArray(m._map)) return m._map.some(v => typeof v === 'string' && v.length > 0);
    return false;
}

/** All the pages' text with every whitespace removed: for `toContain` on Chinese text that wraps. */
export function flatText(pdf: PdfContent): string {
    return pdf.pages.map(p => p.text).join('').replace(/\s+/g, '');
}
