/** LSP outline, folding, semantic tokens and inlay hints from src/editor/structure.ts. */
import type { AstNode, LangiumDocument } from 'langium';
import {
    AbstractSemanticTokenProvider, AllSemanticTokenModifiers, type DocumentSymbolProvider, type FoldingRangeProvider,
    type InlayHintProvider, type SemanticTokenAcceptor,
} from 'langium/lsp';
import {
    FoldingRangeKind, InlayHintKind, SymbolKind, type DocumentSymbol, type FoldingRange, type InlayHint, type InlayHintParams,
} from 'vscode-languageserver';
import { computedTotalHints, foldingSpans, outline, semanticTokens, type OutlineSymbol, type SymbolKind as OutlineKind } from '../../src/editor/structure.js';
import type { XxgkServices } from '../xxgk-services.js';
import { analysisOf, toRange, toSpan } from './analysis.js';

const symbolKinds: Record<OutlineKind, SymbolKind> = {
    metadata: SymbolKind.Property,
    section: SymbolKind.Namespace,
    table: SymbolKind.Struct,
    row: SymbolKind.Field,
    group: SymbolKind.Enum,
};

export class XxgkDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(private readonly services: XxgkServices) {}

    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const convert = (s: OutlineSymbol): DocumentSymbol => ({
            name: s.name || '（空）', detail: s.detail, kind: symbolKinds[s.kind],
            range: toRange(document, s.span), selectionRange: toRange(document, s.selection),
            children: s.children.map(convert),
        });
        return outline(analysisOf(this.services, document).model).map(convert);
    }
}

export class XxgkFoldingRangeProvider implements FoldingRangeProvider {
    constructor(private readonly services: XxgkServices) {}

    getFoldingRanges(document: LangiumDocument): FoldingRange[] {
        const { model } = analysisOf(this.services, document);
        const prose = new Set([...model.preamble, ...model.sections.flatMap(s => s.prose)].map(p => p.span.start));
        return foldingSpans(model).map(span => {
            const range = toRange(document, span);
            return { startLine: range.start.line, endLine: range.end.line, kind: prose.has(span.start) ? FoldingRangeKind.Comment : FoldingRangeKind.Region };
        }).filter(r => r.endLine > r.startLine);
    }
}

export class XxgkSemanticTokenProvider extends AbstractSemanticTokenProvider {
    constructor(private readonly xxgk: XxgkServices) {
        super(xxgk);
    }

    override get tokenModifiers(): Record<string, number> {
        return { ...AllSemanticTokenModifiers, invalid: 1 << 10 };
    }

    protected highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): 'prune' {
        const document = node.$document!;
        const analysis = analysisOf(this.xxgk, document);
        for (const token of semanticTokens(analysis.model, analysis.findings)) {
            acceptor({ range: toRange(document, token.span), type: token.type, modifier: token.invalid ? 'invalid' : undefined });
        }
        return 'prune';
    }
}

export type ComputedTotalsSetting = 'whenDifferent' | 'always' | 'off';

export class XxgkInlayHintProvider implements InlayHintProvider {
    constructor(private readonly services: XxgkServices) {}

    async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[]> {
        const setting = await this.services.shared.workspace.ConfigurationProvider.getConfiguration('xxgk', 'inlayHints');
        const mode: ComputedTotalsSetting = ['whenDifferent', 'always', 'off'].includes(setting?.computedTotals) ? setting.computedTotals : 'whenDifferent';
        const { model } = analysisOf(this.services, document);
        return computedTotalHints(model, mode, toSpan(document, params.range)).map(h => ({
            position: document.textDocument.positionAt(h.offset),
            label: h.label,
            kind: InlayHintKind.Parameter,
            tooltip: h.tooltip,
            paddingLeft: true,
        }));
    }
}
