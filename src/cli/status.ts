/**
 * `xxgk status --year Y [--registry 单位名单.csv] [--as-of DATE] [--format text|json|html|xlsx] [-o file]
 * [--similarity 90] [--jobs N] <folder>…`: which units of the registry have filed their report for
 * the year (src/office/status.ts). The reports are checked on the CLI's worker pool (only those of
 * the year and the year before); each sends back its filing summary, not its model.
 * Exit codes: 0 the table is written; 1 written, but the registry has errors; 2 usage or I/O problems.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDate, parseYear } from '../model/meta-values.js';
import { computeStatus } from '../office/status.js';
import { statusHtml } from '../office/status-html.js';
import { statusText } from '../office/status-text.js';
import { nationalRegistry } from '../templates/registry.js';
import { addCrossYearFindings } from './cross-year.js';
import { expandPaths } from './files.js';
import { checkAll } from './pool.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { jobsOption } from './check.js';
import { filingsOf, findRegistry, loadRegistry, registryResult, thresholdOption } from './registry.js';
import { formatText, VERSION } from './output.js';

const FORMATS = ['text', 'json', 'html', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

export async function runStatus(values: OptionValues, positionals: string[]): Promise<number> {
    const yearText = values.year as string | undefined;
    const year = yearText === undefined ? undefined : parseYear(yearText);
    if (year === undefined) throw new UsageError(yearText === undefined ? '请用 --year 给出年度' : `--year 应为四位年份，而不是「${visibleText(yearText)}」`);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format 只能是 ${FORMATS.join('、')}，而不是「${visibleText(String(values.format))}」`);
    const asOfText = values['as-of'] as string | undefined;
    const asOf = asOfText === undefined ? undefined : parseDate(asOfText);
    if (asOfText !== undefined && !asOf) throw new UsageError(`--as-of 应为日期，例如 ${year + 1}-01-31，而不是「${visibleText(asOfText)}」`);
    const threshold = thresholdOption(values);
    const jobs = jobsOption(values);
    if (!positionals.length) throw new UsageError('请给出存放年报的目录');
    const registryPath = (values.registry as string | undefined) ?? findRegistry(positionals);
    if (!registryPath) {
        process.stderr.write(`xxgk: 没有单位名单：请用 --registry 给出，或在 ${positionals[0]} 中放一份 单位名单.csv 或 单位名单.xlsx（可先运行 xxgk units init ${positionals[0]} 生成草稿）\n`);
        return 2;
    }
    const output = (values.output as string | undefined) ?? (format === 'xlsx' ? `年报报送情况-${year}.xlsx` : undefined);
    if (output && (/\.xxgk$/i.test(output) || path.resolve(output) === path.resolve(registryPath))) {
        process.stderr.write(`xxgk: 不能写到 ${output}：那是年报或单位名单\n`);
        return 2;
    }

    const loaded = await loadRegistry(registryPath);
    const checked = registryResult(loaded);
    if (checked.error) {
        process.stderr.write(`xxgk: ${loaded.path}: ${checked.error}\n`);
        return 2;
    }
    for (const line of formatText([checked])) process.stderr.write(`${line}\n`);

    const { files, problems: pathProblems } = expandPaths(positionals);
    for (const problem of pathProblems) process.stderr.write(`xxgk: ${problem}\n`);
    const results = await checkAll(files, jobs, { filing: true, years: [year - 1, year] });
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${r.path}: ${r.error}\n`);
    addCrossYearFindings(results, nationalRegistry); // so that each unit's warnings are those of `xxgk check`
    const report = computeStatus(loaded.registry, filingsOf(results).map(p => p.filing), { year, asOf, threshold });

    const registry = loaded.path;
    let content: string | Uint8Array;
    if (format === 'json') content = `${JSON.stringify({ ...report, registry, tool: { name: 'xxgk', version: VERSION } }, null, 2)}\n`;
    else if (format === 'html') content = statusHtml(report, { registry });
    else if (format === 'xlsx') content = await (await import('../office/status-xlsx.js')).statusXlsx(report, { registry });
    else content = statusText(report, { registry, curve: asOf !== undefined });
    if (output) {
        try {
            writeFileSync(output, content);
        } catch (e) {
            process.stderr.write(`xxgk: 无法写入 ${output}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）\n`);
            return 2;
        }
        process.stdout.write(`已写出 ${output}（${year} 年度报送情况：应报送 ${report.counts.required}，未报送 ${report.counts.missing}，逾期 ${report.counts.late}）\n`);
    } else {
        process.stdout.write(content);
    }
    if (pathProblems.length || results.some(r => r.error)) return 2;
    return loaded.problems.some(p => p.severity === 'error') ? 1 : 0;
}
