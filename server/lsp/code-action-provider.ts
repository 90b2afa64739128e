/** LSP code actions from src/editor/fixes.ts: quick fixes for the diagnostics in range, and source.fixAll. */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { fixAllAction, fixesFor, type Fix } from '../../src/editor/fixes.js';
import type { Finding } from '../../src/model/types.js';
import type { XxgkServices } from '../xxgk-services.js';
import { analysisOf, reanalyzer, toRange, toSpan } from './analysis.js';

export class XxgkCodeActionProvider implements CodeActionProvider {
    constructor(private readonly services: XxgkServices) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const analysis = analysisOf(this.services, document);
        const reanalyze = reanalyzer(this.services);
        const only = params.context.only;
        if (only?.some(k => k.startsWith(CodeActionKind.SourceFixAll))) {
            const fix = fixAllAction(analysis, reanalyze);
            return fix ? [this.toAction(document, fix, [])] : [];
        }
        const range = toSpan(document, params.range);
        const shown = params.context.diagnostics;
        const findings = analysis.findings.filter(f => f.span.start <= range.end && f.span.end >= range.start &&
            (!shown.length || shown.some(d => d.code === f.code)));
        const actions = fixesFor(analysis, findings, reanalyze).map(fix => this.toAction(document, fix, matching(shown, fix.fixes, document)));
        if (only?.length) return actions.filter(a => only.some(k => a.kind?.startsWith(k)));
        return actions;
    }

    private toAction(document: LangiumDocument, fix: Fix, diagnostics: Diagnostic[]): CodeAction {
        return {
            title: fix.title,
            kind: fix.kind === 'source.fixAll' ? `${CodeActionKind.SourceFixAll}.xxgk` : CodeActionKind.QuickFix,
            isPreferred: fix.preferred,
            diagnostics: diagnostics.length ? diagnostics : undefined,
            edit: { changes: { [document.uri.toString()]: fix.edits.map(e => ({ range: toRange(document, e.span), newText: e.newText })) } },
        };
    }
}

function matching(diagnostics: Diagnostic[], findings: Finding[], document: LangiumDocument): Diagnostic[] {
    return diagnostics.filter(d => findings.some(f => f.code === d.code &&
        document.textDocument.offsetAt(d.range.start) === f.span.start));
}
