/**
 * pdf.js (pdfjs-dist 5.4.296, legacy build: 6.x needs Node ≥ 22) loaded on first use, with its
 * worker running in this thread (nothing to locate at run time, so bundles work), and the CMap and
 * standard-font data it needs for PDFs with non-embedded Chinese fonts (宋体, 仿宋_GB2312: the GB
 * CMaps map their glyphs to Unicode).
 *
 * The data files: given as `cMapUrl`/`standardFontDataUrl` (a browser passes URLs), else found in
 * Node beside the pdfjs-dist package, else in `pdfjs/` beside the bundle (esbuild.mjs copies them
 * to out/pdfjs). Node APIs are reached through `process.getBuiltinModule`, so a browser bundle of
 * this module needs no Node shims.
 */

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
    loading ??= (async () => {
        const [lib, worker] = await Promise.all([
            import('pdfjs-dist/legacy/build/pdf.mjs'),
            import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
        ]);
        // pdf.js looks for a worker already loaded in this thread before it imports one by URL.
        (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker ??= worker;
        return lib;
    })();
    return loading;
}

export interface PdfAssets {
    cMapUrl?: string;
    standardFontDataUrl?: string;
}

let found: PdfAssets | undefined;

type GetBuiltin = (id: string) => unknown;

/** Where the CMaps and standard fonts are on this machine (Node), or {} when not found. */
export function defaultAssets(): PdfAssets {
    if (found) return found;
    found = {};
    const getBuiltin = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule;
    if (typeof getBuiltin !== 'function') return found;
    const fs = getBuiltin('fs') as typeof import('node:fs');
    const path = getBuiltin('path') as typeof import('node:path');
    const url = getBuiltin('url') as typeof import('node:url');
    const mod = getBuiltin('module') as typeof import('node:module');
    const here = import.meta.url;
    const candidates: string[] = [];
    try {
        candidates.push(path.dirname(mod.createRequire(here).resolve('pdfjs-dist/package.json')));
    } catch {
        // not installed beside this file: a bundle
    }
    try {
        const dir = path.dirname(url.fileURLToPath(here));
        candidates.push(path.join(dir, '..', 'pdfjs'), path.join(dir, 'pdfjs'));
    } catch {
        // not a file URL
    }
    for (const dir of candidates) {
        if (fs.existsSync(path.join(dir, 'cmaps', 'UniGB-UCS2-H.bcmap'))) {
            found = { cMapUrl: path.join(dir, 'cmaps') + path.sep, standardFontDataUrl: path.join(dir, 'standard_fonts') + path.sep };
            break;
        }
    }
    return found;
}
