/** LSP document and range formatting from src/format/formatter.ts. */
import type { LangiumDocument } from 'langium';
import type { Formatter } from 'langium/lsp';
import type { DocumentFormattingParams, DocumentOnTypeFormattingOptions, DocumentRangeFormattingParams, TextEdit } from 'vscode-languageserver';
import { formatEdits } from '../../src/format/formatter.js';
import type { XxgkServices } from '../xxgk-services.js';
import { analysisOf, toRange, toSpan } from './analysis.js';

export class XxgkFormatter implements Formatter {
    constructor(private readonly services: XxgkServices) {}

    formatDocument(document: LangiumDocument, _params: DocumentFormattingParams): TextEdit[] {
        return this.edits(document);
    }

    formatDocumentRange(document: LangiumDocument, params: DocumentRangeFormattingParams): TextEdit[] {
        return this.edits(document, toSpan(document, params.range));
    }

    formatDocumentOnType(): TextEdit[] {
        return [];
    }

    get formatOnTypeOptions(): DocumentOnTypeFormattingOptions | undefined {
        return undefined;
    }

    private edits(document: LangiumDocument, range?: { start: number; end: number }): TextEdit[] {
        const { model } = analysisOf(this.services, document);
        return formatEdits(model, range).map(e => ({ range: toRange(document, e.span), newText: e.newText }));
    }
}
