/** LSP code actions from src/editor/fixes.ts: quick fixes for the diagnostics in range, and source.fixAll. */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { fixAllAction, fixesFor, type Fix } from '../../src/editor/fixes.js';
import type { Finding } from '../../src/model/types.js';
import { SumMethods, type SumCommandOptions } from '../../src/office/sum-protocol.js';
import { sumStrings } from '../../src/office/sum.js';
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
        actions.push(...rollupActions(document, shown.filter(d => d.code === ROLLUP && overlaps(document, d, range))));
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

const ROLLUP = 'xxgk/rollup';

function overlaps(document: LangiumDocument, d: Diagnostic, range: { start: number; end: number }): boolean {
    return document.textDocument.offsetAt(d.range.start) <= range.end && document.textDocument.offsetAt(d.range.end) >= range.start;
}

/**
 * On a roll-up finding (the registry's, not the report's own: it comes with the diagnostic): the cell
 * set to the children's sum the finding carries, and the 汇总 report written from the children by
 * the client's command (the server's xxgk/office/sum request, as `xxgk sum`).
 */
function rollupActions(document: LangiumDocument, diagnostics: Diagnostic[]): CodeAction[] {
    const out: CodeAction[] = [];
    for (const d of diagnostics) {
        const data = d.data as { computedText?: string; reported?: number; unitId?: string; year?: number } | undefined;
        if (!data) continue;
        const uri = document.uri.toString();
        if (data.computedText !== undefined) {
            const blank = !document.textDocument.getText(d.range).trim();
            out.push({
                title: sumStrings.fixCell(data.computedText), kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
                edit: { changes: { [uri]: [{ range: d.range, newText: blank ? ` ${data.computedText} ` : data.computedText }] } },
            });
        }
        if (data.unitId !== undefined) {
            const options: SumCommandOptions = { unitId: data.unitId, year: data.year };
            out.push({
                title: sumStrings.fixWrite, kind: CodeActionKind.QuickFix, diagnostics: [d],
                command: { title: sumStrings.fixWrite, command: SumMethods.command, arguments: [uri, options] },
            });
        }
    }
    return out;
}

function matching(diagnostics: Diagnostic[], findings: Finding[], document: LangiumDocument): Diagnostic[] {
    return diagnostics.filter(d => findings.some(f => f.code === d.code &&
        document.textDocument.offsetAt(d.range.start) === f.span.start));
}
