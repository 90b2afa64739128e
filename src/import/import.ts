/**
 * The one way from a published report to a .xxgk text and its import report, for the CLI and the
 * language server alike: read (by kind) → normalise → recognise from template data → write.
 * Deterministic: the same bytes and options give the same text and report.
 */
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { indexOf } from '../templates/template-index.js';
import { ImportError } from './errors.js';
import { normalizeDocument } from './normalize.js';
import { readSource } from './read.js';
import { cleanLabel, matchLabel, recognize } from './recognize.js';
import { buildReport, kindNames, type ImportReport } from './report.js';
import type { SourceDocument } from './source.js';
import { writeReport, type LabelMode } from './write.js';

export { ImportError };

export interface ImportOptions {
    /** The source's file name: its extension helps choose the reader; it is named in the report. */
    name?: string;
    labels?: LabelMode;
    registry?: TemplateRegistry;
}

export interface ImportResult {
    /** The new report, in the xxgk language. */
    text: string;
    report: ImportReport;
}

/** Whether a paragraph is a section heading of any registered format (finds a CMS page's article). */
function headingTest(registry: TemplateRegistry): (text: string) => boolean {
    const vocabularies = registry.all().map(t => indexOf(t).sectionVocabulary);
    return text => text.length <= 40 && vocabularies.some(v => Boolean(matchLabel(v, cleanLabel(text), false)));
}

/** A document already read (any reader, the PDF reader's too) → the .xxgk text and the import report. */
export async function importDocument(source: SourceDocument, options: ImportOptions & { bytes?: number } = {}): Promise<ImportResult> {
    const registry = options.registry ?? nationalRegistry;
    const doc = await normalizeDocument(source);
    const recognized = recognize(doc, { registry });
    const written = writeReport(recognized, { labels: options.labels, name: options.name, kindName: kindNames[doc.kind] });
    const report = buildReport(recognized, doc, written.labels, { name: options.name, bytes: options.bytes });
    return { text: written.text, report };
}

/** Bytes of any supported file → the .xxgk text and the import report; an ImportError when it cannot be read at all. */
export async function importBytes(data: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
    const registry = options.registry ?? nationalRegistry;
    let doc: SourceDocument;
    try {
        doc = await readSource(data, { name: options.name, anchors: headingTest(registry) });
    } catch (e) {
        if (e instanceof ImportError) throw e;
        throw new ImportError(`无法读取：${e instanceof Error ? e.message : String(e)}`);
    }
    return importDocument(doc, { ...options, bytes: data.length });
}
