/**
 * The one way from text to findings, shared by the language server, the CLI, the preview and the
 * tests: parse → model (structure, metadata, values) → template rules → blank cells → prose ↔ tables (R24)
 * → suppression comments (src/rules/suppress.ts: suppressed findings are kept apart, not dropped).
 * Cross-year rules need a second report: src/rules/cross-year.ts, from the summaries of both.
 */
import type { LangiumCoreServices } from 'langium';
import type { Report } from '../language/generated/ast.js';
import { buildModel } from '../model/build.js';
import type { Finding, ReportModel } from '../model/types.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { blankFindings } from './blanks.js';
import { evaluateRules } from './engine.js';
import { evaluateProse } from './prose.js';
import { applySuppressions, mayHaveSuppressions, type SuppressionRange } from './suppress.js';

export interface Analysis {
    model: ReportModel;
    /** Every finding, in document order, but those a suppression comment suppressed. */
    findings: Finding[];
    /** The findings suppression comments suppressed (each with its `suppression`), in document order. */
    suppressed: Finding[];
    /** What the suppression comments cover: the cross-year findings are split by the same ranges. */
    suppressions: SuppressionRange[];
}

export interface AnalyzeOptions {
    /** false: ignore suppression comments (xxgk check --no-suppress). Default true. */
    suppress?: boolean;
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

export function byPosition(a: Pick<Finding, 'span' | 'severity' | 'code'>, b: Pick<Finding, 'span' | 'severity' | 'code'>): number {
    return a.span.start - b.span.start || a.span.end - b.span.end || severityOrder[a.severity] - severityOrder[b.severity] ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function analyze(report: Report, text: string, registry: TemplateRegistry = nationalRegistry, options: AnalyzeOptions = {}): Analysis {
    const model = buildModel(report, text, registry);
    const all = [...model.findings, ...evaluateRules(model), ...blankFindings(model), ...evaluateProse(model)];
    if (options.suppress === false || !mayHaveSuppressions(text)) return { model, findings: all.sort(byPosition), suppressed: [], suppressions: [] };
    const { findings, suppressed, ranges } = applySuppressions(text, all, registry);
    return { model, findings: findings.sort(byPosition), suppressed: suppressed.sort(byPosition), suppressions: ranges };
}

const cache = new WeakMap<Report, { registry: TemplateRegistry; analysis: Analysis }>();

/** analyze(), remembered per parsed report: validation, hover and the preview share one analysis. */
export function analyzeCached(report: Report, text: string, registry: TemplateRegistry = nationalRegistry): Analysis {
    const hit = cache.get(report);
    if (hit && hit.registry === registry && hit.analysis.model.text === text) return hit.analysis;
    const analysis = analyze(report, text, registry);
    cache.set(report, { registry, analysis });
    return analysis;
}

/** Parse and check a text without a workspace (CLI, benchmarks, tests). */
export function checkText(text: string, services: LangiumCoreServices, registry: TemplateRegistry = nationalRegistry,
    options: AnalyzeOptions = {}): Analysis {
    const parsed = services.parser.LangiumParser.parse<Report>(text);
    const analysis = analyze(parsed.value, text, registry, options);
    const syntax: Finding[] = [
        ...parsed.lexerErrors.map(e => ({ start: e.offset, end: e.offset + Math.max(1, e.length), message: e.message })),
        ...parsed.parserErrors.map(e => ({ start: e.token.startOffset, end: (e.token.endOffset ?? e.token.startOffset) + 1, message: e.message })),
    ].map(e => ({
        code: 'xxgk/syntax', severity: 'error' as const, message: `语法错误：${e.message}`,
        span: { start: Math.max(0, e.start), end: Math.max(0, e.end) }, data: { code: 'xxgk/syntax' },
    }));
    if (syntax.length) analysis.findings = [...syntax, ...analysis.findings].sort(byPosition);
    return analysis;
}
