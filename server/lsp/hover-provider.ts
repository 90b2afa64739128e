/** LSP hover from src/editor/hover.ts, with the cross-year comparisons of a cell when last year's report is in the workspace. */
import type { LangiumDocument } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { hoverAt } from '../../src/editor/hover.js';
import { explainCrossYearAt } from '../../src/rules/cross-year.js';
import { crossYearMode } from '../cross-year.js';
import type { XxgkServices } from '../xxgk-services.js';
import { analysisOf, toRange } from './analysis.js';

export class XxgkHoverProvider implements HoverProvider {
    constructor(private readonly services: XxgkServices) {}

    async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const { model } = analysisOf(this.services, document);
        const offset = document.textDocument.offsetAt(params.position);
        const hover = hoverAt(model, offset, await this.crossYear(document, offset));
        return hover && { contents: { kind: 'markdown', value: hover.markdown }, range: toRange(document, hover.span) };
    }

    /** The cross-year comparisons of the cell at `offset`, when last year's report is in the workspace. */
    private async crossYear(document: LangiumDocument, offset: number): Promise<string[]> {
        if (await crossYearMode(this.services) === 'off') return [];
        const found = this.services.crossYear.Reports.previousOf(document);
        if (!found?.previous) return [];
        const lines = explainCrossYearAt(found.current, found.previous.summary, this.services.xxgk.Templates, offset);
        return lines.length ? [`与 ${found.previous.summary.year} 年度报告的核对：\n\n${lines.map(l => `- ${l}`).join('\n')}`] : [];
    }
}
