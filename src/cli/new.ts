/**
 * `xxgk new`: a complete report with every cell 0, or (`--from`) next year's report from this
 * year's, carrying what the cross-year rules determine (src/format/next-year.ts). Its file name is `机关名称-年度.xxgk` made plain
 * (no path separators, `..`, control or reserved characters; see plainFileName): only `-o` chooses
 * a path (with --from the new report goes beside last year's). An existing file is never overwritten without --force, and never one that is not a regular file.
 */
import { statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nextYearReport, NextYearError } from '../format/next-year.js';
import { renderSkeleton } from '../format/skeleton.js';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { checkText } from '../rules/check.js';
import type { TemplateDef } from '../templates/types.js';
import { parseYear } from '../model/meta-values.js';
import { nationalRegistry } from '../templates/registry.js';
import { plainFileName, REPORT_EXTENSION } from '../util/report-files.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { readReport, ReadError } from './check-file.js';

/** What a metadata value written into the skeleton must not hold: it would end the line, open a text block or start a comment. */
const BREAKS_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|"""|\/\//;

function metaValue(option: string, value: string | undefined): string | undefined {
    const text = value?.trim();
    const bad = text === undefined ? null : BREAKS_LINE.exec(text);
    if (bad) throw new UsageError(`--${option} 不能含换行、控制字符、「"""」或「//」，而「${visibleText(text!)}」含有「${visibleText(bad[0])}」`);
    return text;
}

export async function createReport(values: OptionValues, positionals: string[]): Promise<number> {
    if (positionals.length) throw new UsageError(`多余的参数「${visibleText(positionals.join(' '))}」`);
    if (values.from !== undefined) return createFromPrevious(values);
    if (values.prose !== undefined) throw new UsageError('--prose 只和 --from 一起使用');
    const agency = metaValue('agency', values.agency as string | undefined);
    if (!agency) throw new UsageError('请用 --agency 给出机关名称（或用 --from 由上年报告生成）');
    const level = metaValue('level', values.level as string | undefined);
    const yearText = values.year as string | undefined;
    const year = yearText === undefined ? undefined : parseYear(yearText);
    if (year === undefined) throw new UsageError(yearText === undefined ? '请用 --year 给出年度' : `--year 应为四位年份，而不是「${visibleText(yearText)}」`);
    const template = chooseTemplate(values.format as string | undefined, year);
    const text = renderSkeleton({ template, agency, year, level: level || undefined });
    return writeReport(values, text, `${plainFileName(agency, '年报')}-${year}${REPORT_EXTENSION}`,
        `（${template.id} 格式，${template.citation}）`);
}

export function chooseTemplate(formatId: string | undefined, year: number): TemplateDef {
    const template = formatId === undefined ? nationalRegistry.forYear(year) : nationalRegistry.resolve(formatId);
    if (!template) {
        throw new UsageError(formatId === undefined ? `没有适用于 ${year} 年度的格式` :
            `未知格式「${visibleText(formatId)}」；可用：${nationalRegistry.all().map(t => t.id).join('、')}`);
    }
    return template;
}

/** `xxgk new --from last.xxgk [--year Y] [--prose keep|drop]`: next year's report from this year's. */
async function createFromPrevious(values: OptionValues): Promise<number> {
    for (const option of ['agency', 'level'] as const) {
        if (values[option] !== undefined) throw new UsageError(`--${option} 不能和 --from 一起使用：机关和机关层级取自上年报告`);
    }
    const prose = (values.prose as string | undefined) ?? 'keep';
    if (prose !== 'keep' && prose !== 'drop') throw new UsageError(`--prose 只能是 keep（上年正文作为注释保留）或 drop（不保留），而不是「${visibleText(prose)}」`);
    const from = values.from as string;
    let text: string;
    try {
        text = readReport(from);
    } catch (e) {
        if (e instanceof ReadError) {
            process.stderr.write(`xxgk: ${visibleText(from)}: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    const { Xxgk } = createXxgkCoreServices();
    const { model } = checkText(text, Xxgk);
    const lastYear = model.meta.year?.value;
    const yearText = values.year as string | undefined;
    const year = yearText === undefined ? (lastYear === undefined ? undefined : lastYear + 1) : parseYear(yearText);
    if (year === undefined) {
        throw new UsageError(yearText === undefined ? `${visibleText(from)} 没有可识别的「年度」；请用 --year 给出新报告的年度` : `--year 应为四位年份，而不是「${visibleText(yearText)}」`);
    }
    const template = values.format === undefined ? undefined : chooseTemplate(values.format as string, year);
    let next;
    try {
        next = nextYearReport({ previous: model, year, registry: nationalRegistry, template, prose, source: path.basename(from) });
    } catch (e) {
        if (e instanceof NextYearError) {
            process.stderr.write(`xxgk: ${visibleText(from)}: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    const agency = model.meta.agency!.value!;
    const summary = [`（${next.template.id} 格式，${next.template.citation}）`, ...next.notes.slice(1, -1).map(n => `\n  ${n}`)].join('');
    return writeReport(values, next.text, `${plainFileName(agency, '年报')}-${year}${REPORT_EXTENSION}`, summary, path.dirname(from));
}

/** Writes a new report: to stdout for `-o -`, never over an existing file without --force, never over anything but a regular file. */
export function writeReport(values: OptionValues, text: string, defaultName: string, done: string, defaultDir?: string): number {
    const output = (values.output as string | undefined) ?? (defaultDir ? path.join(defaultDir, defaultName) : defaultName);
    if (output === '-') {
        process.stdout.write(text);
        return 0;
    }
    const shown = visibleText(output);
    let existing;
    try {
        existing = statSync(output);
    } catch { /* a new file */ }
    if (existing && !existing.isFile()) {
        process.stderr.write(`xxgk: ${shown} 已存在且不是普通文件，未写入（请用 -o 另选文件名）\n`);
        return 2;
    }
    if (existing && !values.force) {
        process.stderr.write(`xxgk: ${shown} 已存在；为免覆盖已写的内容，未做任何修改（确需覆盖请加 --force）\n`);
        return 2;
    }
    try {
        writeFileSync(output, text, 'utf8');
    } catch (e) {
        process.stderr.write(`xxgk: 无法写入 ${shown}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）\n`);
        return 2;
    }
    process.stdout.write(`已生成 ${shown}${done}\n`);
    return 0;
}
