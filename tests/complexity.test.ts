/**
 * Work that must grow linearly (or n log n) with the document, asserted as operation counts, never
 * as times (the times are in `npm run bench`, bench/large.ts): semantic tokens and the view model
 * read each finding a bounded number of times, and placing findings on printed elements reads
 * each element and finding a bounded number of times — and places them exactly as the definition says.
 */
import fc from 'fast-check';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { semanticTokens } from '../src/editor/structure.js';
import type { Finding, Span } from '../src/model/types.js';
import { buildView } from '../src/render/build-view.js';
import { placeFindings } from '../src/render/place.js';
import { check, examplesDir, read } from './support/helpers.js';

/** The 2024 example and `copies` more of its sections with every table number off by one. */
function manyFindings(copies: number): string {
    const base = read(path.join(examplesDir, 'longgang-2024.xxgk'));
    const body = base.slice(base.indexOf('一、总体情况'));
    return base + `\n${body.replace(/\| +(\d+) *$/gm, (m, d: string) => m.replace(d, String(Number(d) + 1)))}`.repeat(copies);
}

/** The findings, each counting how often its span is read. */
function counted(findings: readonly Finding[]): { findings: Finding[]; reads: () => number } {
    let reads = 0;
    const out = findings.map(f => {
        const span = f.span;
        return Object.defineProperty({ ...f }, 'span', { get: () => (reads++, span), enumerable: true });
    });
    return { findings: out, reads: () => reads };
}

describe('linear in the findings', () => {
    const analysis = check(manyFindings(30));

    it('the test document has thousands of findings and tokens', () => {
        expect(analysis.findings.filter(f => f.severity === 'error').length).toBeGreaterThan(2500);
        expect(semanticTokens(analysis.model, analysis.findings).length).toBeGreaterThan(7000);
    });

    it('semantic tokens read each finding once, not once per token', () => {
        const { findings, reads } = counted(analysis.findings);
        const tokens = semanticTokens(analysis.model, findings);
        expect(tokens).toEqual(semanticTokens(analysis.model, analysis.findings));
        expect(tokens.filter(t => t.invalid).length).toBeGreaterThan(2000);
        expect(reads()).toBeLessThanOrEqual(findings.length);
    });

    it('the view model reads each finding a few times, not once per cell', () => {
        const { findings, reads } = counted(analysis.findings);
        const view = buildView({ model: analysis.model, findings });
        expect(view).toEqual(buildView(analysis));
        expect(reads()).toBeLessThanOrEqual(6 * findings.length);
    });
});

describe('placing findings on printed elements', () => {
    /** The definition, directly: every element at exactly the span, else the smallest containing the start (the first among equals). */
    function reference(anchors: readonly Span[], findings: readonly Span[]): number[][] {
        return findings.map(f => {
            const exact = anchors.flatMap((a, i) => (a.start === f.start && a.end === f.end ? [i] : []));
            if (exact.length) return exact;
            let best = -1;
            anchors.forEach((a, i) => {
                if (a.start <= f.start && f.start < a.end && (best < 0 || a.end - a.start < anchors[best].end - anchors[best].start)) best = i;
            });
            return best < 0 ? [] : [best];
        });
    }
    const span = fc.tuple(fc.nat(60), fc.nat(20)).map(([start, length]): Span => ({ start, end: start + length }));

    it('places them as the definition says (random elements and findings)', () => {
        fc.assert(fc.property(fc.array(span, { maxLength: 40 }), fc.array(span, { maxLength: 40 }), (anchors, findings) => {
            expect(placeFindings(anchors, findings)).toEqual(reference(anchors, findings));
        }), { seed: 11, numRuns: 500 });
    });

    it('reads each element and finding a bounded number of times', () => {
        let reads = 0;
        const countedSpan = (start: number, end: number): Span => ({
            get start() { reads++; return start; },
            get end() { reads++; return end; },
        });
        // Nested elements (a section, its tables, their rows and cells) and findings inside them, none exactly on one.
        const anchors: Span[] = [];
        const findings: Span[] = [];
        for (let i = 0; i < 5000; i++) {
            anchors.push(countedSpan(i * 100, i * 100 + 90), countedSpan(i * 100 + 10, i * 100 + 20));
            findings.push(countedSpan(i * 100 + 15, i * 100 + 16), countedSpan(i * 100 + 50, i * 100 + 51));
        }
        const placed = placeFindings(anchors, findings);
        expect(placed.slice(0, 4)).toEqual([[1], [0], [3], [2]]);
        expect(reads).toBeLessThanOrEqual(2 * (anchors.length + findings.length));
    });
});
