/**
 * Hands the findings of the one analysis (src/rules/check.ts) to Langium as diagnostics, the lexer's
 * and parser's errors among them: Langium's own English messages for those are switched off.
 */
import { AstUtils, DefaultDocumentValidator, type AstNode, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type { Report, XxgkAstType } from './generated/ast.js';
import { analyzeCached, byPosition, syntaxFindings } from '../rules/check.js';
import { catalogEntry } from '../rules/catalog.js';
import type { Finding } from '../model/types.js';
import { fillTemplate } from '../util/text.js';
import { LineIndex } from '../util/lines.js';
import type { Span } from '../model/types.js';
import type { XxgkCoreServices } from './xxgk-module.js';

export function registerValidationChecks(services: XxgkCoreServices): void {
    const checks: ValidationChecks<XxgkAstType> = {
        Report: (report: Report, accept: ValidationAcceptor) => validateReport(services, report, accept),
    };
    services.validation.ValidationRegistry.register(checks);
}

function validateReport(services: XxgkCoreServices, report: Report, accept: ValidationAcceptor): void {
    const document = AstUtils.getDocument(report);
    const text = document.textDocument.getText();
    const { findings: analysed } = analyzeCached(report, text, services.xxgk.Templates, services.xxgk.Options);
    const syntax = syntaxFindings(text, document.parseResult);
    const findings = listed(syntax.length ? [...syntax, ...analysed].sort(byPosition) : analysed);
    const lines = new LineIndex(text);
    const range = (span: Span) => ({ start: lines.position(span.start), end: lines.position(span.end) });
    const uri = document.uri.toString();
    for (const finding of findings) {
        accept(finding.severity, finding.message, {
            node: report,
            range: range(finding.span),
            code: finding.code,
            data: finding.data,
            relatedInformation: finding.related?.map(r => ({ location: { uri, range: range(r.span) }, message: r.message })),
        });
    }
}

/**
 * The most diagnostics one document gets in the editor. A report has a few dozen findings; tens of
 * thousands come only from a document of thousands of unknown or repeated lines, and listing them all
 * costs the server and the editor seconds on every keystroke while nobody reads past the first ones
 * (as compilers stop after their error limit). The CLI lists every finding.
 */
export const MAX_DIAGNOSTICS = 1000;

const severityRank: Record<Finding['severity'], number> = { error: 0, warning: 1, info: 2 };

/**
 * The findings the editor lists: all of them, or the first MAX_DIAGNOSTICS − 1 by severity then position
 * (in position order) and, first, one xxgk/too-many-findings saying how many there are.
 */
export function listed(findings: readonly Finding[]): readonly Finding[] {
    if (findings.length <= MAX_DIAGNOSTICS) return findings;
    const shown = MAX_DIAGNOSTICS - 1;
    const ranked = findings.map((finding, index) => ({ finding, index }))
        .sort((a, b) => severityRank[a.finding.severity] - severityRank[b.finding.severity] || a.index - b.index)
        .slice(0, shown).sort((a, b) => a.index - b.index).map(r => r.finding);
    const entry = catalogEntry('xxgk/too-many-findings');
    const summary: Finding = {
        code: entry.code, severity: entry.severity, span: { start: 0, end: 0 }, data: { code: entry.code },
        message: fillTemplate(entry.message, { total: findings.length.toLocaleString('en-US'), shown: shown.toLocaleString('en-US') }),
    };
    return [summary, ...ranked];
}

/**
 * Langium's validator without its English lexer and parser messages (validateReport says them in
 * Chinese), and without its walk over every line and cell unless a check is registered for a line
 * type (today the checks are on Report only; the walk cost seconds on a large report).
 */
export class XxgkDocumentValidator extends DefaultDocumentValidator {
    private readonly lineTypes = ['MetaField', 'TextBlock', 'Row', 'AstNode'];

    protected override processLexingErrors(): void { /* syntaxFindings, in validateReport */ }
    protected override processParsingErrors(): void { /* syntaxFindings, in validateReport */ }

    protected override validateSingleNodeOptions(node: AstNode) {
        const registry = this.validationRegistry;
        const validateChildren = node.$type !== 'Report' || this.lineTypes.some(type => registry.getChecks(type).head() !== undefined);
        return { validateNode: true, validateChildren };
    }
}
