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
}

const key = (e: Expectation) => `${String(e.line).padStart(4, '0')} ${e.severity} ${e.code}`;

/**
 * Expectations written in a fixture: `//! error xxgk/row-total, warning xxgk/blank-cell` at the end
 * of the line the finding starts on, or `//! @12 error xxgk/text-unclosed` for line 12.
 */
export function expectationsIn(text: string): string[] {
    const out: Expectation[] = [];
    text.split(/\r\n?|\n/).forEach((line, i) => {
        const at = line.indexOf('//!');
        if (at < 0) return;
        for (const item of line.slice(at + 3).split(/[,，;；]/)) {
            const m = /^\s*(?:@(\d+)\s+)?(error|warning|info)\s+(\S+)\s*$/.exec(item);
            if (!m) throw new Error(`line ${i + 1}: cannot read expectation "${item}"`);
            out.push({ line: m[1] ? Number(m[1]) : i + 1, severity: m[2], code: m[3] });
        }
    });
    return out.map(key).sort();
}

export function findingsAsExpectations(text: string, analysis: Analysis): string[] {
    const lines = new LineIndex(text);
    return analysis.findings
        .map(f => ({ line: lines.position(f.span.start).line + 1, severity: f.severity, code: f.code }))
        .map(key).sort();
}
