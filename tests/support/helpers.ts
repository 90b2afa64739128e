/** Shared test helpers: services, fixtures and the `//!` expectation comments in them. */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createXxgkCoreServices } from '../../src/language/xxgk-module.js';
import { checkText, type Analysis } from '../../src/rules/check.js';
import type { TemplateRegistry } from '../../src/templates/registry.js';
import { LineIndex } from '../../src/util/lines.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const examplesDir = path.join(root, 'examples');
export const fixturesDir = path.join(root, 'tests', 'fixtures');

let shared: ReturnType<typeof createXxgkCoreServices> | undefined;
export function services() {
    shared ??= createXxgkCoreServices();
    return shared;
}

export function check(text: string, registry?: TemplateRegistry): Analysis {
    return checkText(text, services().Xxgk, registry);
}

export function read(file: string): string {
    return readFileSync(file, 'utf8');
}

export function xxgkFiles(dir: string): string[] {
    return readdirSync(dir).filter(f => f.endsWith('.xxgk')).sort().map(f => path.join(dir, f));
}

export interface Expectation {
    line: number;
    severity: string;
    code: string;
    /** `computed=96`: the value the finding's data says the cell should have. */
    computed?: number;
}

const key = (e: Expectation) => `${String(e.line).padStart(4, '0')} ${e.severity} ${e.code}${e.computed === undefined ? '' : ` computed=${e.computed}`}`;

/**
 * Expectations written in a fixture: `//! error xxgk/row-total, warning xxgk/blank-cell` at the end
 * of the line the finding starts on, or `//! @12 error xxgk/text-unclosed` for line 12. A sum's
 * computed value may follow: `//! error xxgk/row-total computed=96` (then the finding must carry it).
 */
export function expectationsIn(text: string): string[] {
    const out: Expectation[] = [];
    text.split(/\r\n?|\n/).forEach((line, i) => {
        const at = line.indexOf('//!');
        if (at < 0) return;
        for (const item of line.slice(at + 3).split(/[,，;；]/)) {
            const m = /^\s*(?:@(\d+)\s+)?(error|warning|info)\s+(\S+)(?:\s+computed=(-?[\d.]+))?\s*$/.exec(item);
            if (!m) throw new Error(`line ${i + 1}: cannot read expectation "${item}"`);
            out.push({ line: m[1] ? Number(m[1]) : i + 1, severity: m[2], code: m[3], computed: m[4] === undefined ? undefined : Number(m[4]) });
        }
    });
    return out.map(key).sort();
}

/**
 * The findings as expectation keys. Where `expected` states a computed value for a finding's line,
 * severity and code, the finding's key carries its own computed value (or none), so both must agree.
 */
export function findingsAsExpectations(text: string, analysis: Analysis, expected: readonly string[] = []): string[] {
    const lines = new LineIndex(text);
    const withComputed = new Set(expected.filter(e => e.includes(' computed=')).map(e => e.slice(0, e.indexOf(' computed='))));
    return analysis.findings
        .map(f => {
            const e: Expectation = { line: lines.position(f.span.start).line + 1, severity: f.severity, code: f.code };
            if (withComputed.has(key(e)) && typeof f.data.computed === 'number') e.computed = f.data.computed;
            return e;
        })
        .map(key).sort();
}
