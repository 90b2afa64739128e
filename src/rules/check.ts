/**
 * The one way from text to findings, shared by the language server, the CLI, the preview and the
 * tests: parse → model (structure, metadata, values) → template rules → blank cells → prose ↔ tables (R24)
 * → suppression comments (src/rules/suppress.ts: suppressed findings are kept apart, not dropped).
 * Cross-year rules need a second report: src/rules/cross-year.ts, from the summaries of both.
 */
import type { LangiumCoreServices } from 'langium';
import type { Report } from '../language/generated/ast.js';
import { buildModelInSteps } from '../model/build.js';
import { finish, type Steps } from '../util/steps.js';
import type { Finding, ReportModel } from '../model/types.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { evaluateDeadline, type DeadlineOverride } from './deadline.js';
import { fillTemplate, codePointName, visibleText } from '../util/text.js';
import { blankFindings } from './blanks.js';
import { catalogEntry } from './catalog.js';
import { evaluateRules } from './engine.js';
import { evaluateProse } from './prose.js';
import { applySuppressions, mayHaveSuppressions, type SuppressionRange } from './suppress.js';

/** What a check may be told beside the text: a local publication deadline (R21); whether suppression comments count. */
export interface CheckOptions {
    deadline?: DeadlineOverride;
    /** false: ignore suppression comments (xxgk check --no-suppress). Default true. */
    suppress?: boolean;
}

const sameOptions = (a: CheckOptions, b: CheckOptions) => JSON.stringify(a.deadline) === JSON.stringify(b.deadline) && a.suppress === b.suppress;

export interface Analysis {
    model: ReportModel;
    /** Every finding, in document order, but those a suppression comment suppressed. */
    findings: Finding[];
    /** The findings suppression comments suppressed (each with its `suppression`), in document order. */
    suppressed: Finding[];
    /** What the suppression comments cover: the cross-year findings are split by the same ranges. */
    suppressions: SuppressionRange[];
}

const severityOrder = { error: 0, warning: 1, info: 2 } as const;

export function byPosition(a: Pick<Finding, 'span' | 'severity' | 'code'>, b: Pick<Finding, 'span' | 'severity' | 'code'>): number {
    return a.span.start - b.span.start || a.span.end - b.span.end || severityOrder[a.severity] - severityOrder[b.severity] ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function analyze(report: Report, text: string, registry: TemplateRegistry = nationalRegistry, options: CheckOptions = {}): Analysis {
    return finish(analyzeInSteps(report, text, registry, options));
}

/** analyze() in steps: the model is read in steps of lines (buildModelInSteps), the rules run at the end. */
function* analyzeInSteps(report: Report, text: string, registry: TemplateRegistry, options: CheckOptions): Steps<Analysis> {
    const model = yield* buildModelInSteps(report, text, registry);
    const all = [...model.findings, ...evaluateRules(model), ...blankFindings(model), ...evaluateProse(model), ...evaluateDeadline(model, options.deadline)];
    if (options.suppress === false || !mayHaveSuppressions(text)) return { model, findings: all.sort(byPosition), suppressed: [], suppressions: [] };
    const { findings, suppressed, ranges } = applySuppressions(text, all, registry);
    return { model, findings: findings.sort(byPosition), suppressed: suppressed.sort(byPosition), suppressions: ranges };
}

const cache = new WeakMap<Report, { registry: TemplateRegistry; options: CheckOptions; analysis: Analysis }>();

/** analyze(), remembered per parsed report: validation, hover and the preview share one analysis. */
export function analyzeCached(report: Report, text: string, registry: TemplateRegistry = nationalRegistry, options: CheckOptions = {}): Analysis {
    const hit = remembered(report, text, registry, options);
    if (hit) return hit;
    const analysis = analyze(report, text, registry, options);
    cache.set(report, { registry, options: { ...options }, analysis });
    return analysis;
}

/** The remembered analysis of a report when it is of this text, format registry and settings. */
function remembered(report: Report, text: string, registry: TemplateRegistry, options: CheckOptions): Analysis | undefined {
    const hit = cache.get(report);
    return hit && hit.registry === registry && hit.analysis.model.text === text && sameOptions(hit.options, options) ? hit.analysis : undefined;
}

/** Analyses under way in steps (prepareAnalysis), per report: a step interrupted goes on from where it was. */
const underway = new WeakMap<Report, { text: string; registry: TemplateRegistry; options: CheckOptions; steps: Steps<Analysis> }>();

/**
 * Prepares analyzeCached's analysis in steps: yields between steps, and when done the analysis is
 * remembered as analyzeCached would remember it. Stopped between two steps (its driver is cancelled),
 * the next call goes on from there while the report, text and settings are the same.
 */
export function* prepareAnalysis(report: Report, text: string, registry: TemplateRegistry = nationalRegistry, options: CheckOptions = {}): Steps<void> {
    if (remembered(report, text, registry, options)) return;
    let job = underway.get(report);
    if (!job || job.text !== text || job.registry !== registry || !sameOptions(job.options, options)) {
        job = { text, registry, options: { ...options }, steps: analyzeInSteps(report, text, registry, options) };
        underway.set(report, job);
    }
    for (;;) {
        let next: IteratorResult<void, Analysis>;
        try {
            next = job.steps.next();
        } catch (e) {
            underway.delete(report); // analyze() would have thrown too: the next try starts afresh
            throw e;
        }
        if (next.done) {
            underway.delete(report);
            cache.set(report, { registry, options: job.options, analysis: next.value });
            return;
        }
        yield;
    }
}

/** Drops the remembered analysis of a report (a document no editor shows any more keeps only its summary). */
export function forgetAnalysis(report: Report): void {
    cache.delete(report);
    underway.delete(report);
}

/** Parse and check a text without a workspace (CLI, benchmarks, tests). */
export function checkText(text: string, services: LangiumCoreServices, registry: TemplateRegistry = nationalRegistry,
    options: CheckOptions = {}): Analysis {
    const parsed = services.parser.LangiumParser.parse<Report>(text);
    const analysis = analyze(parsed.value, text, registry, options);
    const syntax = syntaxFindings(text, parsed);
    if (syntax.length) analysis.findings = [...syntax, ...analysis.findings].sort(byPosition);
    return analysis;
}

/** What the lexer and the parser report, as findings in Chinese (the grammar accepts any token sequence, so these are rare). */
export interface SyntaxProblems {
    lexerErrors: readonly LexerProblem[];
    lexerReport?: { diagnostics: readonly LexerProblem[] };
    parserErrors: readonly { token: { startOffset: number; endOffset?: number; image: string; tokenType?: { name: string } } }[];
}

interface LexerProblem {
    offset: number;
    length: number;
}

/**
 * The lexer's and parser's errors as xxgk/syntax findings with Chinese messages that show the
 * offending characters escaped (U+000D), for the CLI and for Langium's validator alike.
 */
export function syntaxFindings(text: string, parsed: SyntaxProblems): Finding[] {
    const entry = catalogEntry('xxgk/syntax');
    const finding = (start: number, end: number, params: Record<string, string>): Finding => {
        const s = Math.min(Math.max(0, start), text.length);
        return {
            code: entry.code, severity: entry.severity, message: fillTemplate(entry.message, params),
            span: { start: s, end: Math.min(Math.max(s, end), text.length) }, data: { code: entry.code },
        };
    };
    const out: Finding[] = [];
    for (const e of [...parsed.lexerErrors, ...(parsed.lexerReport?.diagnostics ?? [])]) {
        const length = Math.max(1, e.length);
        out.push(finding(e.offset, e.offset + length, { chars: describeChars(text.slice(e.offset, e.offset + length)) }));
    }
    for (const e of parsed.parserErrors) {
        const token = e.token;
        const valid = Number.isFinite(token.startOffset) && token.startOffset >= 0 && token.tokenType?.name !== 'EOF';
        if (valid) {
            out.push(finding(token.startOffset, (token.endOffset ?? token.startOffset) + 1, { token: describeChars(token.image) }));
        } else {
            out.push(finding(text.length, text.length, { end: '' }));
        }
    }
    return out;
}

/** Characters as a message quotes them: 「§」（U+00A7）, or U+000D for one that cannot be seen. */
function describeChars(chars: string): string {
    const points = [...chars];
    const shown = points.slice(0, 20).join('');
    const names = [...new Set(points.slice(0, 5))].map(codePointName).join(' ');
    return visibleText(shown) === shown ? `「${shown}${points.length > 20 ? '…' : ''}」（${names}）` : names;
}
