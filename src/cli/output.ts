/** `xxgk check` output: compiler-style text, JSON (schema xxgk-check/1) and SARIF 2.1.0. */
import { catalog } from '../rules/catalog.js';
import type { TemplateRegistry } from '../templates/registry.js';
import type { Severity } from '../templates/types.js';
import { visibleText } from '../util/text.js';
import type { FileResult } from './check-file.js';
import { byOutPosition } from './cross-year.js';

export const VERSION = '0.1.0';
export const JSON_SCHEMA_ID = 'xxgk-check/1';

export interface Summary {
    files: number;
    errors: number;
    warnings: number;
    infos: number;
    /** Findings suppression comments suppressed (not in the counts above); present when there are any. */
    suppressed?: number;
    /** Paths and files that could not be read. */
    unreadable: number;
}

export function summarize(results: readonly FileResult[], pathProblems: number): Summary {
    const count = (severity: Severity) => results.reduce((n, r) => n + r.findings.filter(f => f.severity === severity).length, 0);
    const suppressed = results.reduce((n, r) => n + (r.suppressed?.length ?? 0), 0);
    return {
        files: results.length,
        errors: count('error'),
        warnings: count('warning'),
        infos: count('info'),
        ...(suppressed ? { suppressed } : {}),
        unreadable: results.filter(r => r.error).length + pathProblems,
    };
}

export function summaryLine(s: Summary): string {
    const parts = [`${s.errors} 个错误`, `${s.warnings} 个警告`, `${s.infos} 条提示`];
    if (s.suppressed) parts.push(`${s.suppressed} 条已按注释忽略`);
    if (s.unreadable) parts.push(`${s.unreadable} 个路径或文件无法读取`);
    return `检查了 ${s.files} 个文件：${parts.join('，')}`;
}

export function formatText(results: readonly FileResult[]): string[] {
    const lines: string[] = [];
    for (const r of results) {
        const file = visibleText(r.path);
        for (const f of r.findings) {
            lines.push(`${file}:${f.range.start.line}:${f.range.start.column}: ${f.severity} ${f.code} ${f.message}`);
        }
    }
    return lines;
}

export function formatJson(results: readonly FileResult[], pathProblems: readonly string[]) {
    return {
        schema: JSON_SCHEMA_ID,
        tool: { name: 'xxgk', version: VERSION },
        files: results.map(r => ({
            path: r.path,
            ...(r.error ? { error: r.error } : { format: r.format ?? null, year: r.year ?? null, agency: r.agency ?? null }),
            findings: r.findings,
            ...(r.suppressed?.length ? { suppressed: r.suppressed } : {}),
        })),
        problems: [...pathProblems],
        summary: summarize(results, pathProblems.length),
    };
}

const sarifLevel: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(results: readonly FileResult[], pathProblems: readonly string[], registry: TemplateRegistry) {
    const rules = new Map<string, { id: string; title: string; severity: Severity; domainRule?: string }>();
    for (const entry of catalog.values()) rules.set(entry.code, { id: entry.code, title: entry.title, severity: entry.severity, domainRule: entry.domainRule });
    for (const template of registry.all()) {
        for (const rule of [...template.rules, ...(template.prose?.facts ?? [])]) {
            if (!rules.has(rule.code)) rules.set(rule.code, { id: rule.code, title: rule.title, severity: rule.severity, domainRule: rule.domainRule });
        }
    }
    const ruleList = [...rules.values()];
    const ruleIndex = new Map(ruleList.map((r, i) => [r.id, i]));
    const uri = (p: string) => encodeURI(p.split('\\').join('/'));
    const region = (range: FileResult['findings'][number]['range']) => ({
        startLine: range.start.line, startColumn: range.start.column, endLine: range.end.line, endColumn: range.end.column,
    });
    const notifications = [
        ...pathProblems.map(text => ({ level: 'error', message: { text } })),
        ...results.filter(r => r.error).map(r => ({
            level: 'error', message: { text: `${r.path}: ${r.error}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path) } } }],
        })),
    ];
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'xxgk',
                    version: VERSION,
                    informationUri: 'https://github.com/xxgk/xxgk',
                    rules: ruleList.map(r => ({
                        id: r.id,
                        shortDescription: { text: r.title },
                        defaultConfiguration: { level: sarifLevel[r.severity] },
                        ...(r.domainRule ? { properties: { domainRule: r.domainRule } } : {}),
                    })),
                },
            },
            invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
            columnKind: 'utf16CodeUnits',
            // Suppressed findings are results too, marked as suppressed in the source (SARIF 2.1.0 §3.27.23).
            results: results.flatMap(r => [...r.findings, ...(r.suppressed ?? [])].sort(byOutPosition).map(f => ({
                ruleId: f.code,
                ruleIndex: ruleIndex.get(f.code) ?? -1,
                level: sarifLevel[f.severity],
                message: { text: f.message },
                locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path) }, region: region(f.range) } }],
                ...(f.related ? {
                    relatedLocations: f.related.map((rel, id) => ({
                        id, message: { text: rel.message },
                        physicalLocation: { artifactLocation: { uri: uri(rel.path ?? r.path) }, region: region(rel.range) },
                    })),
                } : {}),
                ...(f.data.computed !== undefined ? { properties: { computed: f.data.computed, reported: f.data.reported } } : {}),
                ...(f.suppression ? { suppressions: [{ kind: 'inSource', justification: f.suppression.justification }] } : {}),
            }))),
        }],
    };
}
