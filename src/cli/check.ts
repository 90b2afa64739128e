/** `xxgk check`: find the reports, check them on all cores, add the cross-year findings, print. */
import { availableParallelism } from 'node:os';
import { parseDeadline } from '../rules/deadline.js';
import { nationalRegistry } from '../templates/registry.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { addCrossYearFindings } from './cross-year.js';
import { expandPaths } from './files.js';
import { formatJson, formatSarif, formatText, summarize, summaryLine } from './output.js';
import { rollupTables } from '../office/unit-rollup.js';
import { checkAll } from './pool.js';
import { addRegistryFindings, loadRegistry, registryResult, thresholdOption } from './registry.js';

/** --jobs: a positive integer, at most the machine's cores (undefined: as many as help). */
export function jobsOption(values: OptionValues): number | undefined {
    let jobs: number | undefined;
    if (values.jobs !== undefined) {
        jobs = Number(values.jobs);
        if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs 应为正整数，而不是「${visibleText(String(values.jobs))}」`);
        // More threads than cores only cost memory and time (each holds its own parser).
        const cores = availableParallelism();
        if (jobs > cores) {
            process.stderr.write(`xxgk: --jobs ${jobs} 多于本机的 ${cores} 个处理器核心，按 ${cores} 个并行检查\n`);
            jobs = cores;
        }
    }
    return jobs;
}

export async function runCheck(values: OptionValues, positionals: string[]): Promise<number> {
    const format = values.format as string;
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format 只能是 text、json 或 sarif，而不是「${visibleText(format)}」`);
    const jobs = jobsOption(values);
    const threshold = thresholdOption(values);
    const deadline = values.deadline === undefined ? undefined : parseDeadline(String(values.deadline));
    if (values.deadline !== undefined && !deadline) {
        throw new UsageError(`--deadline 应为报告年度次年的月日 MM-DD（例如 01-20）或日期 YYYY-MM-DD，而不是「${visibleText(String(values.deadline))}」`);
    }
    if (!positionals.length) throw new UsageError('请给出要检查的文件或目录');
    const { files, problems } = expandPaths(positionals);
    const units = values.registry === undefined ? undefined : await loadRegistry(values.registry as string);
    // With a registry: the filing summaries, and the figures (with positions) the roll-up rule reads.
    const results = await checkAll(files, jobs, {
        deadline, suppress: !values['no-suppress'], ...(units ? { filing: true, figures: rollupTables(nationalRegistry), positions: true } : {}),
    });
    addCrossYearFindings(results, nationalRegistry);
    if (units) {
        addRegistryFindings(results, units.registry, threshold);
        results.unshift(registryResult(units)); // the registry's own problems, as the findings of that file
    }
    const summary = summarize(results, problems.length);
    if (format === 'json') {
        process.stdout.write(`${JSON.stringify(formatJson(results, problems), null, 2)}\n`);
    } else if (format === 'sarif') {
        process.stdout.write(`${JSON.stringify(formatSarif(results, problems, nationalRegistry), null, 2)}\n`);
    } else {
        const out = formatText(results);
        if (out.length) process.stdout.write(`${out.join('\n')}\n`);
        process.stdout.write(`${summaryLine(summary)}\n`);
    }
    for (const problem of problems) process.stderr.write(`xxgk: ${visibleText(problem)}\n`);
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${visibleText(r.path)}: ${r.error}\n`);
    if (summary.unreadable || (!files.length && !problems.length)) {
        if (!files.length && !problems.length) process.stderr.write('xxgk: 没有找到 .xxgk 文件\n');
        return 2;
    }
    return summary.errors ? 1 : 0;
}
