/**
 * The unit registry on the command line: reading the file, its problems as the findings of that
 * file (so `check` prints and counts them like any other), and the registry-based findings of the
 * reports checked in the same run (src/office/checks.ts).
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { officeFindings } from '../office/checks.js';
import { unitRollupFindings } from '../office/unit-rollup.js';
import { nationalRegistry } from '../templates/registry.js';
import type { Filing } from '../office/filing.js';
import { FilingIndex } from '../office/filings.js';
import { DEFAULT_REGISTRY_NAMES, parseRegistryFile, unreadableRegistry } from '../office/registry-file.js';
import type { RegistryRead, UnitRegistry } from '../office/registry.js';
import { splitSuppressed } from '../rules/suppress.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { outFinding, outRange, ReadError, readRegularFile, type FileResult, type OutFinding } from './check-file.js';
import { byOutPosition } from './cross-year.js';

export interface LoadedRegistry extends RegistryRead {
    path: string;
    /** The file as read (undefined when it could not be). */
    bytes?: Uint8Array;
}

/** A registry file, read as every file is (a regular file ≤ 20 MB: no FIFO, no device), for the CLI and the server. */
export async function loadRegistry(file: string): Promise<LoadedRegistry> {
    let bytes: Uint8Array;
    try {
        bytes = readRegularFile(file);
    } catch (e) {
        if (e instanceof ReadError) return { path: file, ...unreadableRegistry(e.message.replace(/^无法读取：/, '')) };
        throw e;
    }
    return { path: file, bytes, ...await parseRegistryFile(bytes, path.basename(file)) };
}

/** 单位名单.csv or 单位名单.xlsx in a folder. */
function defaultRegistry(folder: string): string | undefined {
    for (const name of DEFAULT_REGISTRY_NAMES) {
        const candidate = path.join(folder, name);
        if (existsSync(candidate)) return candidate;
    }
    return undefined;
}

/**
 * The registry for reports given as folders or files: the nearest 单位名单.csv/.xlsx in the folder of
 * each path or a folder above it (offices keep one registry above the year folders). Undefined when
 * there is none; a UsageError when the paths lead to different registries.
 */
export function findRegistry(paths: readonly string[]): string | undefined {
    const found = new Map<string, string>(); // absolute → as shown (relative to a folder given when it is in one)
    for (const p of paths) {
        const given = folderOf(p);
        let folder = path.resolve(given);
        for (;;) {
            const registry = defaultRegistry(folder);
            if (registry) {
                if (!found.has(registry)) found.set(registry, folder === path.resolve(given) ? path.join(given, path.basename(registry)) : registry);
                break;
            }
            const parent = path.dirname(folder);
            if (parent === folder) break;
            folder = parent;
        }
    }
    if (found.size > 1) throw new UsageError(`给出的年报对应不止一份单位名单：${[...found.values()].map(visibleText).join('、')}；请用 --registry 指明`);
    return [...found.values()][0];
}

/** The folder a path names (a file's folder). */
function folderOf(p: string): string {
    try {
        return statSync(p).isDirectory() ? p : path.dirname(p);
    } catch {
        return path.dirname(p);
    }
}

/** The registry's problems as the findings of a file result for the registry itself. */
export function registryResult(loaded: LoadedRegistry): FileResult {
    const unreadable = loaded.problems.find(p => p.code === 'xxgk/registry-unreadable');
    if (unreadable) return { path: loaded.path, error: unreadable.message, findings: [] };
    return {
        path: loaded.path,
        findings: loaded.problems.map(p => {
            const at = { line: p.line, column: 1, offset: p.offset };
            return { code: p.code, severity: p.severity, message: p.message, range: { start: at, end: at }, data: p.data };
        }),
    };
}

/** The checked files as filings (those with a filing summary), in the order checked, each with its result. */
export function filingsOf(results: readonly FileResult[]): { filing: Filing; result: FileResult }[] {
    const out: { filing: Filing; result: FileResult }[] = [];
    for (const result of results) {
        if (!result.filing) continue;
        const count = (severity: string) => result.findings.filter(f => f.severity === severity).length;
        out.push({ filing: { ...result.filing, source: result.path, errors: count('error'), warnings: count('warning') }, result });
    }
    return out;
}

/** Adds the registry findings to every checked report (after the cross-year ones): which unit it is, 内容雷同, and on a parent's report the roll-up rule. */
export function addRegistryFindings(results: readonly FileResult[], registry: UnitRegistry, threshold?: number): void {
    const pairs = filingsOf(results);
    const index = new FilingIndex(registry, pairs.map(p => p.filing));
    const figures = new Map(pairs.map(p => [p.filing, p.result.figures]));
    const figuresOf = (filing: Filing) => figures.get(filing);
    for (const { filing, result } of pairs) {
        const found = [...officeFindings(index, filing, { threshold }), ...unitRollupFindings(index, filing, figuresOf, nationalRegistry)];
        if (!found.length) continue;
        const out: OutFinding[] = found.map(f => outFinding(f, () => outRange(f.span, f.range)));
        // The report's suppression comments apply to these findings too (as to the cross-year ones).
        const { visible, suppressed } = splitSuppressed(out, result.suppressions, f => f.range.start.line - 1);
        if (visible.length) result.findings = [...result.findings, ...visible].sort(byOutPosition);
        if (suppressed.length) result.suppressed = [...(result.suppressed ?? []), ...suppressed].sort(byOutPosition);
    }
}

/** --similarity: the 内容雷同 threshold as a ratio (undefined: not given). */
export function thresholdOption(values: OptionValues): number | undefined {
    if (values.similarity === undefined) return undefined;
    const threshold = parseThreshold(String(values.similarity));
    if (threshold === undefined) throw new UsageError(`--similarity 应为 1 到 100 之间的百分数，例如 90，而不是「${visibleText(String(values.similarity))}」`);
    return threshold;
}

/** `--similarity 90`, `90%` or `0.9`: the 内容雷同 threshold as a ratio; undefined when not a number in (0, 100]. */
export function parseThreshold(text: string): number | undefined {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text.normalize('NFKC'));
    if (!m) return undefined;
    const n = Number(m[1]);
    const ratio = m[2] || n > 1 ? n / 100 : n;
    return ratio > 0 && ratio <= 1 ? ratio : undefined;
}
