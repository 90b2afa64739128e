/**
 * The xxgk command line.
 *   xxgk check [--format text|json|sarif] [--jobs N] [--deadline MM-DD|YYYY-MM-DD] <files or folders>…
 *   xxgk new --format 2021 --agency 某某局 --year 2024 [--level 部门] [-o file|-] [--force]
 *   xxgk export <file> --format html|docx|xlsx|pdf [-o out] [--strict] [--font file]
 * Exit codes: 0 clean or warnings only, 1 errors found, 2 usage or I/O problems.
 */
import '../polyfill.js';
import { existsSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderSkeleton } from '../format/skeleton.js';
import { nationalRegistry } from '../templates/registry.js';
import { parseYear } from '../model/meta-values.js';
import { addCrossYearFindings } from './cross-year.js';
import { expandPaths } from './files.js';
import { formatJson, formatSarif, formatText, summarize, summaryLine, VERSION } from './output.js';
import { checkAll } from './pool.js';
import { parseDeadline } from '../rules/deadline.js';
import { EXPORT_USAGE } from './export-usage.js';

const USAGE = `用法:
  xxgk check [--format text|json|sarif] [--jobs N] [--deadline MM-DD|YYYY-MM-DD] <文件或目录>…
                                                                 检查年报（目录下递归查找 *.xxgk）；--deadline 为本地规定的发布期限
  xxgk new --format 2019|2021 --agency 机关名称 --year 年度 [--level 层级] [-o 文件|-] [--force]
                                                                 生成一份各项为 0 的完整年报骨架
${EXPORT_USAGE}
  xxgk --version | --help

退出码: 0 无错误（可有警告）, 1 有错误, 2 用法错误或文件无法读取`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    switch (command) {
        case 'check': return check(rest);
        case 'new': return create(rest);
        case 'export': {
            // The export libraries (docx, exceljs, pdfkit) load only for `xxgk export`, not for every check.
            const { runExport } = await import('./export.js');
            return runExport(rest, message => new UsageError(message));
        }
        case '--version': case '-v':
            process.stdout.write(`xxgk ${VERSION}\n`);
            return 0;
        case '--help': case '-h': case 'help':
            process.stdout.write(`${USAGE}\n`);
            return 0;
        case undefined:
            throw new UsageError('缺少命令');
        default:
            throw new UsageError(`未知命令「${command}」`);
    }
}

async function check(args: string[]): Promise<number> {
    const { values, positionals } = usage(() => parseArgs({
        args, allowPositionals: true, strict: true,
        options: { format: { type: 'string', default: 'text' }, jobs: { type: 'string' }, deadline: { type: 'string' } },
    }));
    const format = values.format;
    if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format 只能是 text、json 或 sarif，而不是「${format}」`);
    let jobs: number | undefined;
    if (values.jobs !== undefined) {
        jobs = Number(values.jobs);
        if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs 应为正整数，而不是「${values.jobs}」`);
    }
    const deadline = values.deadline === undefined ? undefined : parseDeadline(values.deadline);
    if (values.deadline !== undefined && !deadline) {
        throw new UsageError(`--deadline 应为报告年度次年的月日 MM-DD（例如 01-20）或日期 YYYY-MM-DD，而不是「${values.deadline}」`);
    }
    if (!positionals.length) throw new UsageError('请给出要检查的文件或目录');
    const { files, problems } = expandPaths(positionals);
    const results = await checkAll(files, jobs, { deadline });
    addCrossYearFindings(results, nationalRegistry);
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
    for (const problem of problems) process.stderr.write(`xxgk: ${problem}\n`);
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${r.path}: ${r.error}\n`);
    if (summary.unreadable || (!files.length && !problems.length)) {
        if (!files.length && !problems.length) process.stderr.write('xxgk: 没有找到 .xxgk 文件\n');
        return 2;
    }
    return summary.errors ? 1 : 0;
}

async function create(args: string[]): Promise<number> {
    const { values, positionals } = usage(() => parseArgs({
        args, allowPositionals: true, strict: true,
        options: {
            format: { type: 'string' },
            agency: { type: 'string' },
            year: { type: 'string' },
            level: { type: 'string' },
            output: { type: 'string', short: 'o' },
            force: { type: 'boolean', default: false },
        },
    }));
    if (positionals.length) throw new UsageError(`多余的参数「${positionals.join(' ')}」`);
    const agency = values.agency?.trim();
    if (!agency) throw new UsageError('请用 --agency 给出机关名称');
    const year = values.year === undefined ? undefined : parseYear(values.year);
    if (year === undefined) throw new UsageError(values.year === undefined ? '请用 --year 给出年度' : `--year 应为四位年份，而不是「${values.year}」`);
    const template = values.format === undefined ? nationalRegistry.forYear(year) : nationalRegistry.resolve(values.format);
    if (!template) {
        throw new UsageError(values.format === undefined ? `没有适用于 ${year} 年度的格式` :
            `未知格式「${values.format}」；可用：${nationalRegistry.all().map(t => t.id).join('、')}`);
    }
    const text = renderSkeleton({ template, agency, year, level: values.level });
    const output = values.output ?? `${agency}-${year}.xxgk`;
    if (output === '-') {
        process.stdout.write(text);
        return 0;
    }
    if (existsSync(output) && !values.force) {
        process.stderr.write(`xxgk: ${output} 已存在；为免覆盖已写的内容，未做任何修改（确需覆盖请加 --force）\n`);
        return 2;
    }
    try {
        writeFileSync(output, text, 'utf8');
    } catch (e) {
        process.stderr.write(`xxgk: 无法写入 ${output}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）\n`);
        return 2;
    }
    process.stdout.write(`已生成 ${output}（${template.id} 格式，${template.citation}）\n`);
    return 0;
}

/** Argument errors (unknown option, missing value) are usage errors, said in Chinese. */
function usage<T>(read: () => T): T {
    try {
        return read();
    } catch (e) {
        const err = e as NodeJS.ErrnoException;
        const option = /'([^']+)'/.exec(err.message)?.[1]?.split(' ')[0];
        const messages: Record<string, string> = {
            ERR_PARSE_ARGS_UNKNOWN_OPTION: `未知选项「${option}」`,
            ERR_PARSE_ARGS_INVALID_OPTION_VALUE: `选项「${option}」缺少值或值不对`,
            ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL: `多余的参数「${option}」`,
        };
        throw new UsageError(messages[err.code ?? ''] ?? err.message);
    }
}

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (e: unknown) => {
    if (e instanceof UsageError) {
        process.stderr.write(`xxgk: ${e.message}\n${USAGE}\n`);
        process.exitCode = 2;
    } else {
        process.stderr.write(`xxgk: 内部错误：${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 2;
    }
});
