/** LSP hover from src/editor/hover.ts. */
import type { LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../../src/editor/hover.js';
import type { XxgkServices } from '../xxgk-services.js';
import { analysisOf, toRange } from './analysis.js';

export class XxgkHoverProvider implements HoverProvider {
    constructor(private readonly services: XxgkServices) {}

    getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
        const { model } = analysisOf(this.services, document);
        const hover = hoverAt(model, document.textDocument.offsetAt(params.position));
        return hover && { contents: { kind: 'markdown', value: hover.markdown }, range: toRange(document, hover.span) };
    }
}
