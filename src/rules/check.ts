/**
 * The one way from text to findings, shared by the language server, the CLI, the preview and the
 * tests: parse → model (structure, metadata, values) → template rules → prose ↔ tables (R24).
 * Cross-year rules need a second report: src/rules/cross-year.ts, from the summaries of both.
 */
import type { LangiumCoreServices } from 'langium';
import type { Report } from '../language/generated/ast.js';
import { buildModel } from '../model/build.js';
import type { Finding, ReportModel } from '../model/types.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { evaluateDeadline, type DeadlineOverride } from './deadline.js';
import { evaluateRules } from './engine.js';
import { evaluateProse } from './prose.js';

/** What a check may be told beside the text: a local publication deadline (R21). */
export interface CheckOptions {
    deadline?: DeadlineOverride;
}

const sameOptions = (a: CheckOptions, b: CheckOptions) => JSON.stringify(a.deadline) === JSON.stringify(b.deadline);

export interface Analysis {
    model: ReportModel;
    /** Every finding, in document order. */
    findings: Finding[];
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

export function byPosition(a: Pick<Finding, 'span' | 'severity' | 'code'>, b: Pick<Finding, 'span' | 'severity' | 'code'>): number {
    return a.span.start - b.span.start || a.span.end - b.span.end || severityOrder[a.severity] - severityOrder[b.severity] ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function analyze(report: Report, text: string, registry: TemplateRegistry = nationalRegistry, options: CheckOptions = {}): Analysis {
    const model = buildModel(report, text, registry);
    const findings = [...model.findings, ...evaluateRules(model), ...evaluateProse(model), ...evaluateDeadline(model, options.deadline)]
        .sort(byPosition);
    return { model, findings };
}

const cache = new WeakMap<Report, { registry: TemplateRegistry; options: CheckOptions; analysis: Analysis }>();

/** analyze(), remembered per parsed report: validation, hover and the preview share one analysis. */
export function analyzeCached(report: Report, text: string, registry: TemplateRegistry = nationalRegistry, options: CheckOptions = {}): Analysis {
    const hit = cache.get(report);
    if (hit && hit.registry === registry && hit.analysis.model.text === text && sameOptions(hit.options, options)) return hit.analysis;
    const analysis = analyze(report, text, registry, options);
    cache.set(report, { registry, options: { ...options }, analysis });
    return analysis;
}

/** Parse and check a text without a workspace (CLI, benchmarks, tests). */
export function checkText(text: string, services: LangiumCoreServices, registry: TemplateRegistry = nationalRegistry, options: CheckOptions = {}): Analysis {
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
