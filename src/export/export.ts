/**
 * The one way to export a report's view model, for the CLI and the language server alike:
 * choose the writer, choose the output path, and write it without ever touching the report.
 */
import { mkdirSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderStandalone } from '../render/html.js';
import type { ReportView } from '../render/view-model.js';
import { describeFonts, findFonts, FontError, type RoleFonts } from './fonts.js';
import { isReportPath, reportStem } from '../util/report-files.js';
import { exportStrings as S } from './strings.js';

export const exportFormats = ['html', 'docx', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export function isExportFormat(value: string): value is ExportFormat {
    return (exportFormats as readonly string[]).includes(value);
}

/** A problem the user can act on (no font, a bad output path): the message says what to do. */
export class ExportError extends Error {}

export interface ExportOptions {
    /** xxgk.export.fontPath / --font, for the PDF. */
    fontPath?: string;
    /** Fonts already found (tests). */
    fonts?: RoleFonts;
}

/**
 * The fonts a PDF export will use (xxgk.export.fontPath / --font, else the machine's, else xxgk's
 * fallback), found once, with the line that tells the user which: pass `fonts` on to renderExport.
 */
export function pdfFonts(fontPath: string | undefined): { fonts: RoleFonts; description: string } {
    try {
        const fonts = findFonts({ fontPath });
        return { fonts, description: describeFonts(fonts) };
    } catch (e) {
        if (e instanceof FontError) throw new ExportError(e.message);
        throw e;
    }
}

// The writers load their libraries (docx, exceljs, pdfkit) on first use, not when the server or CLI starts.
export async function renderExport(view: ReportView, format: ExportFormat, options: ExportOptions = {}): Promise<Buffer> {
    switch (format) {
        case 'html': return Buffer.from(renderStandalone(view), 'utf8');
        case 'docx': return (await import('./docx.js')).exportDocx(view);
        case 'xlsx': return (await import('./xlsx.js')).exportXlsx(view);
        case 'pdf':
            try {
                const { exportPdf } = await import('./pdf.js');
                return await exportPdf(view, { fontPath: options.fontPath, fonts: options.fonts });
            } catch (e) {
                if (e instanceof FontError) throw new ExportError(e.message);
                throw e;
            }
    }
}

/**
 * Where an export goes: `output` as given, inside it if it is a folder, or beside the report with
 * `suffix` and the format's extension (a comparison: 「-与上年对比」). Never the report itself, never a .xxgk file.
 */
export function outputPath(source: string | undefined, format: ExportFormat, output?: string, suffix = ''): string {
    let target: string;
    if (output) {
        target = output;
        let isDir = /[\\/]$/.test(output);
        try {
            isDir ||= statSync(output).isDirectory();
        } catch { /* does not exist yet: a file name, unless it ends with a slash */ }
        if (isDir) target = path.join(output, `${baseName(source)}${suffix}.${format}`);
    } else {
        const dir = source ? path.dirname(source) : process.cwd();
        target = path.join(dir, `${baseName(source)}${suffix}.${format}`);
    }
    target = path.resolve(target);
    if (isReportPath(target)) throw new ExportError(S.wouldWriteReport(target));
    if (source && samePath(source, target)) throw new ExportError(S.wouldOverwriteSource(target));
    return target;
}

function baseName(source: string | undefined): string {
    return source ? reportStem(path.basename(source)) : 'report';
}

function samePath(a: string, b: string): boolean {
    const real = (p: string) => {
        try {
            return realpathSync(p);
        } catch {
            return path.resolve(p);
        }
    };
    return real(a) === real(b);
}

/** Writes next to the target first and renames, so a failed export leaves no half-written file. */
export function writeExport(target: string, data: Buffer): void {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    try {
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(tmp, data);
        renameSync(tmp, target);
    } catch (e) {
        try {
            unlinkSync(tmp);
        } catch { /* never written */ }
        const err = e as NodeJS.ErrnoException;
        throw new ExportError(S.cannotWrite(target, err.code ?? err.message));
    }
}
