/**
 * `xxgk import <files or folders>… [-o dir] [--labels printed|official] [--json] [--check] [--force] [--jobs N]`:
 * published reports (web pages, Word files, spreadsheets, pasted text, PDF) become .xxgk files beside
 * them (or in -o dir), with an import report each. A folder is imported in parallel. Exit codes as
 * `check`: 0 imported (with --check: no errors), 1 unreadable cells or (with --check) errors,
 * 2 a file that could not be imported or written, or a usage problem.
 */
import * as path from 'node:path';
import { formatImportReport, IMPORT_SCHEMA } from '../import/report.js';
import { displayWidth, visibleText } from '../util/text.js';
import { padEnd, padStart } from '../format/table-layout.js';
import { UsageError, type OptionValues } from './args.js';
import { expandPaths } from './files.js';
import type { ImportJob, ImportJobResult } from './import-file.js';
import { formatText, VERSION } from './output.js';
import { importAll } from './pool.js';


/** The files a folder holds that may be published reports. */
const IMPORTABLE = /\.(?:html?|shtml|xhtml|jhtml|docx|xlsx|pdf|txt|doc)$/i;

/** Where each import goes: beside its source (or in -o), `name.xxgk`; two sources with one name keep their extensions. */
export function targetsFor(files: readonly string[], outDir?: string): ImportJob[] {
    const base = (file: string) => path.join(outDir ?? path.dirname(file), path.basename(file).replace(/\.[^.]+$/, ''));
    const counts = new Map<string, number>();
    for (const f of files) counts.set(path.resolve(base(f)), (counts.get(path.resolve(base(f))) ?? 0) + 1);
    return files.map(source => {
        const plain = base(source);
        const target = counts.get(path.resolve(plain))! > 1 ? `${path.join(outDir ?? path.dirname(source), path.basename(source))}.xxgk` : `${plain}.xxgk`;
        return { source, target };
    });
}

export async function runImport(values: OptionValues, positionals: string[]): Promise<number> {
    const labels = values.labels as string;
    if (labels !== 'printed' && labels !== 'official') throw new UsageError(`--labels 只能是 printed 或 official，而不是「${visibleText(labels)}」`);
    let jobs: number | undefined;
    if (values.jobs !== undefined) {
        jobs = Number(values.jobs);
        if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError(`--jobs 应为 1 到 64 的整数，而不是「${visibleText(String(values.jobs))}」`);
    }
    if (!positionals.length) throw new UsageError('请给出要导入的文件或目录');
    const { files, problems } = expandPaths(positionals, name => IMPORTABLE.test(name));
    const options = { labels, check: values.check === true, force: values.force === true } as const;
    const results = await importAll(targetsFor(files, values.output as string | undefined), options, jobs);
    const failed = results.filter(r => r.error).length + problems.length;
    const unreadable = results.reduce((n, r) => n + (r.report?.cells.unreadable ?? 0), 0);
    const errors = results.reduce((n, r) => n + (r.check?.findings.filter(f => f.severity === 'error').length ?? 0), 0);
    if (values.json === true) {
        process.stdout.write(`${JSON.stringify({
            schema: IMPORT_SCHEMA, tool: { name: 'xxgk', version: VERSION },
            files: results.map(r => ({
                source: r.source, target: r.target, ...(r.error ? { error: r.error } : {}), ...(r.report ? { report: r.report } : {}),
                ...(r.check ? { findings: r.check.findings } : {}),
            })),
            problems,
        }, null, 2)}\n`);
    } else {
        if (results.length === 1 && results[0].report) process.stdout.write(`${formatImportReport(results[0].report)}\n`);
        if (options.check) {
            const lines = formatText(results.flatMap(r => (r.check ? [r.check] : [])));
            if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
        }
        process.stdout.write(`${summaryTable(results, options.check).join('\n')}\n`);
    }
    for (const problem of problems) process.stderr.write(`xxgk: ${problem}\n`);
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${r.source}: ${r.error}\n`);
    if (!files.length && !problems.length) {
        process.stderr.write('xxgk: 没有找到可导入的文件（.html、.htm、.docx、.xlsx、.pdf、.txt）\n');
        return 2;
    }
    if (failed) return 2;
    return unreadable || errors ? 1 : 0;
}

/** One line per file: file, format, year, cells read, unreadable (and findings with --check), then a total. */
function summaryTable(results: readonly ImportJobResult[], withCheck: boolean): string[] {
    const head = ['文件', '格式', '年度', '读出', '无法识别', ...(withCheck ? ['错误', '警告'] : []), '写入'];
    const rows = results.map(r => {
        if (!r.report) return [r.source, '—', '—', '—', '—', ...(withCheck ? ['—', '—'] : []), `未导入：${r.error ?? ''}`];
        const c = r.report.cells;
        const count = (s: string) => String(r.check?.findings.filter(f => f.severity === s).length ?? 0);
        return [r.source, r.report.format.id, String(r.report.year ?? '—'), `${c.read}/${c.total}`, String(c.unreadable),
            ...(withCheck ? [count('error'), count('warning')] : []), r.target];
    });
    const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map(row => displayWidth(row[i]))));
    const numeric = new Set([3, 4, 5, 6].filter(i => i < head.length - 1));
    const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : numeric.has(i) ? padStart(c, widths[i]) : padEnd(c, widths[i]))).join('  ').trimEnd();
    const total = results.reduce((acc, r) => {
        acc.read += r.report?.cells.read ?? 0;
        acc.total += r.report?.cells.total ?? 0;
        acc.unreadable += r.report?.cells.unreadable ?? 0;
        return acc;
    }, { read: 0, total: 0, unreadable: 0 });
    const imported = results.filter(r => r.report).length;
    return [line(head), ...rows.map(line),
        `导入了 ${imported} 个文件（共 ${results.length} 个）：读出 ${total.read}/${total.total} 个单元格，无法识别 ${total.unreadable} 个`];
}
