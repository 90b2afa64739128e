/** The one analysis of an open document, shared by every LSP provider (src/rules/check.ts caches it). */
import type { LangiumDocument } from 'langium';
import { analyzeCached, checkText, type Analysis } from '../../src/rules/check.js';
import type { Span } from '../../src/model/types.js';
import { reportOf } from '../documents.js';
import type { XxgkServices } from '../xxgk-services.js';
import type { Range } from 'vscode-languageserver';

export function analysisOf(services: XxgkServices, document: LangiumDocument): Analysis {
    return analyzeCached(reportOf(services.shared, document), document.textDocument.getText(), services.xxgk.Templates, services.xxgk.Options);
}

/** How many re-checked texts one request remembers (the fixes of one table and of the whole report take the same first steps). */
const REMEMBERED = 16;

/** Checks another version of the text (fix-all re-checks after each step); one text is checked once per request. */
export function reanalyzer(services: XxgkServices): (text: string) => Analysis {
    const checked = new Map<string, Analysis>();
    return text => {
        let analysis = checked.get(text);
        if (!analysis) {
            analysis = checkText(text, services, services.xxgk.Templates, services.xxgk.Options);
            if (checked.size >= REMEMBERED) checked.delete(checked.keys().next().value!);
            checked.set(text, analysis);
        }
        return analysis;
    };
}

export function toRange(document: LangiumDocument, span: Span): Range {
    return { start: document.textDocument.positionAt(span.start), end: document.textDocument.positionAt(span.end) };
}

export function toSpan(document: LangiumDocument, range: Range): Span {
    return { start: document.textDocument.offsetAt(range.start), end: document.textDocument.offsetAt(range.end) };
}
