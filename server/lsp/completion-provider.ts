/** LSP completion from src/editor/completion.ts. */
import type { LangiumDocument } from 'langium';
import type { CompletionProvider, CompletionProviderOptions } from 'langium/lsp';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { completionsAt, type SuggestionKind } from '../../src/editor/completion.js';
import { tooLargeBytes } from '../documents.js';
import type { XxgkServices } from '../xxgk-services.js';
import { analysisOf, toRange } from './analysis.js';

const kinds: Record<SuggestionKind, CompletionItemKind> = {
    keyword: CompletionItemKind.Keyword,
    value: CompletionItemKind.Value,
    section: CompletionItemKind.Module,
    table: CompletionItemKind.Struct,
    row: CompletionItemKind.EnumMember,
    group: CompletionItemKind.Folder,
    column: CompletionItemKind.Field,
    snippet: CompletionItemKind.Snippet,
    number: CompletionItemKind.Value,
};

export class XxgkCompletionProvider implements CompletionProvider {
    readonly completionOptions: CompletionProviderOptions = { triggerCharacters: ['|', '｜', ':', '：'] };

    constructor(private readonly services: XxgkServices) {}

    getCompletion(document: LangiumDocument, params: CompletionParams): CompletionList {
        // A text over the size limit is built as an empty one: no skeleton of an empty report for it.
        if (tooLargeBytes(document) !== undefined) return { isIncomplete: false, items: [] };
        const { model } = analysisOf(this.services, document);
        const offset = document.textDocument.offsetAt(params.position);
        const items: CompletionItem[] = completionsAt(model, offset, this.services.xxgk.Templates).map(s => ({
            label: s.label,
            kind: kinds[s.kind],
            detail: s.detail,
            documentation: s.documentation ? { kind: 'markdown', value: s.documentation } : undefined,
            filterText: s.filterText,
            sortText: s.sortText,
            insertTextFormat: s.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
            textEdit: { range: toRange(document, s.replace), newText: s.insertText },
        }));
        return { isIncomplete: false, items };
    }
}
