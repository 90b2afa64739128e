/**
 * `xxgk new`: a complete report with every cell 0. Its file name is `机关名称-年度.xxgk` made plain
 * (no path separators, `..`, control or reserved characters; see plainFileName): only `-o` chooses
 * a path. An existing file is never overwritten without --force, and never one that is not a regular file.
 */
import { statSync, writeFileSync } from 'node:fs';
import { renderSkeleton } from '../format/skeleton.js';
import { parseYear } from '../model/meta-values.js';
import { nationalRegistry } from '../templates/registry.js';
import { plainFileName, REPORT_EXTENSION } from '../util/report-files.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';

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
    const agency = metaValue('agency', values.agency as string | undefined);
    if (!agency) throw new UsageError('请用 --agency 给出机关名称');
    const level = metaValue('level', values.level as string | undefined);
    const yearText = values.year as string | undefined;
    const year = yearText === undefined ? undefined : parseYear(yearText);
    if (year === undefined) throw new UsageError(yearText === undefined ? '请用 --year 给出年度' : `--year 应为四位年份，而不是「${visibleText(yearText)}」`);
    const formatId = values.format as string | undefined;
    const template = formatId === undefined ? nationalRegistry.forYear(year) : nationalRegistry.resolve(formatId);
    if (!template) {
        throw new UsageError(formatId === undefined ? `没有适用于 ${year} 年度的格式` :
            `未知格式「${visibleText(formatId)}」；可用：${nationalRegistry.all().map(t => t.id).join('、')}`);
    }
    const text = renderSkeleton({ template, agency, year, level: level || undefined });
    const output = (values.output as string | undefined) ?? `${plainFileName(agency, '年报')}-${year}${REPORT_EXTENSION}`;
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
    process.stdout.write(`已生成 ${shown}（${template.id} 格式，${template.citation}）\n`);
    return 0;
}
