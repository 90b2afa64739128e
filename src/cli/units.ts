/**
 * `xxgk units init <folder> [-o 单位名单.csv] [--force] [--jobs N]`: a first unit registry drafted
 * from the reports of a folder (src/office/draft.ts), as a UTF-8 CSV with a BOM so that Excel opens
 * it as it is. Never writes over an existing file without --force.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { UTF8_BOM, writeCsv } from '../office/csv.js';
import { draftRegistry } from '../office/draft.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { jobsOption } from './check.js';
import { expandPaths } from './files.js';
import { checkAll } from './pool.js';

export async function runUnits(values: OptionValues, positionals: string[]): Promise<number> {
    const [sub, ...rest] = positionals;
    if (sub !== 'init') throw new UsageError(sub === undefined ? '缺少子命令：xxgk units init <目录>' : `未知子命令「units ${visibleText(sub)}」；可用：units init`);
    if (rest.length !== 1) throw new UsageError('请给出一个存放年报的目录');
    const folder = rest[0];
    const jobs = jobsOption(values);
    const { files, problems } = expandPaths([folder]);
    for (const problem of problems) process.stderr.write(`xxgk: ${problem}\n`);
    if (problems.length) return 2;
    const isDir = statSync(folder).isDirectory();
    const output = (values.output as string | undefined) ?? path.join(isDir ? folder : path.dirname(folder), '单位名单.csv');
    if (existsSync(output) && !values.force) {
        process.stderr.write(`xxgk: ${output} 已存在；为免覆盖已写的内容，未做任何修改（确需覆盖请加 --force）\n`);
        return 2;
    }
    const results = await checkAll(files, jobs, { filing: true });
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${r.path}: ${r.error}\n`);
    const rows = draftRegistry(results.flatMap(r => (r.filing ? [r.filing] : [])));
    try {
        writeFileSync(output, UTF8_BOM + writeCsv(rows), 'utf8');
    } catch (e) {
        process.stderr.write(`xxgk: 无法写入 ${output}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）\n`);
        return 2;
    }
    process.stdout.write(`已生成 ${output}：${rows.length - 1} 个单位（来自 ${files.length} 份年报）；请核对名称、别名、上级和起止年度\n`);
    return 0;
}
