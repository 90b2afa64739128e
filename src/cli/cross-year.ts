/**
 * Cross-year rules in `xxgk check`: the workers return each file's summary; once every file is
 * checked, the main thread compares the reports of the same 机关 in consecutive years (R14–R17) and
 * adds the findings to this year's file, pointing at last year's file.
 */
import { byPosition } from '../rules/check.js';
import { crossYearFindings, previousKey, reportKey } from '../rules/cross-year.js';
import { splitSuppressed } from '../rules/suppress.js';
import type { TemplateRegistry } from '../templates/registry.js';
import { outFinding, outRange, summaryOf, type FileResult, type OutFinding } from './check-file.js';

export function addCrossYearFindings(results: readonly FileResult[], registry: TemplateRegistry): void {
    /** The first file (in the order checked) for each 机关 and 年度. */
    const byKey = new Map<string, FileResult>();
    /** 机关 and 年度, without unpacking a summary a worker sent. */
    const head = (r: FileResult) => r.summary ?? r.packedSummary;
    for (const r of results) {
        const h = head(r);
        if (!h) continue;
        const key = reportKey(h.agencyKey, h.year);
        if (!byKey.has(key)) byKey.set(key, r);
    }
    for (const r of results) {
        const h = head(r);
        const previous = h && byKey.get(previousKey(h));
        if (!previous) continue;
        const summary = summaryOf(r)!;
        const previousSummary = summaryOf(previous)!;
        const cells = new Map(Object.values(summary.cells).map(c => [c.span.start, c]));
        const found = crossYearFindings(summary, previousSummary, registry, previous.path).map(f => outFinding(f, span => {
            const cell = cells.get(span.start)!; // cross-year findings and this-year related spans are cells of the summary
            return outRange(span, cell.range);
        }));
        // The file's suppression comments apply to these findings too (src/rules/suppress.ts).
        const { visible, suppressed } = splitSuppressed(found, r.suppressions, f => f.range.start.line - 1);
        if (visible.length) r.findings = [...r.findings, ...visible].sort(byOutPosition);
        if (suppressed.length) r.suppressed = [...(r.suppressed ?? []), ...suppressed].sort(byOutPosition);
    }
}

/** The order of byPosition (src/rules/check.ts), on output findings. */
export function byOutPosition(a: OutFinding, b: OutFinding): number {
    const at = (f: OutFinding) => ({ span: { start: f.range.start.offset, end: f.range.end.offset }, severity: f.severity, code: f.code });
    return byPosition(at(a), at(b));
}
