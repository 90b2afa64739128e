/**
 * `xxgk sum --year Y --unit <编号> [--registry 单位名单] [-o 文件] <目录>…`: the parent unit's 汇总
 * report of a year from its children's reports in the folders (src/office/sum.ts): the tables the
 * exact sum of the children's, metadata filled (机关, 单位编号, 机关层级 from the registry), the
 * prose left for the writer with the children included and missing. Written like `xxgk new`: a
 * file named 机关名称-年度.xxgk (or -o), never over an existing file without --force.
 */
import { parseYear } from '../model/meta-values.js';
import { FilingIndex } from '../office/filings.js';
import { describeUnit } from '../office/registry.js';
import { sumReport } from '../office/sum.js';
import { rollupChildren, rollupTables } from '../office/unit-rollup.js';
import { nationalRegistry } from '../templates/registry.js';
import { plainFileName, REPORT_EXTENSION } from '../util/report-files.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { jobsOption } from './check.js';
import { expandPaths } from './files.js';
import { chooseTemplate, writeReport } from './new.js';
import { checkAll } from './pool.js';
import { filingsOf, findRegistry, loadRegistry } from './registry.js';

const messages = {
    folder: '请给出下级单位年报所在的目录或文件',
    year: (text: string | undefined) => (text === undefined ? '请用 --year 给出年度' : `--year 应为四位年份，而不是「${visibleText(text)}」`),
    unit: '请用 --unit 给出上级单位在单位名单中的编号',
    noRegistry: '没有单位名单：请用 --registry 给出，或在目录下放一份 单位名单.csv 或 单位名单.xlsx',
    unknown: (id: string) => `单位名单中没有编号为「${visibleText(id)}」的单位`,
    inactive: (unit: string, year: number) => `${unit} 在 ${year} 年度不存在（见单位名单的起始、终止年度）`,
    childless: (unit: string, year: number) => `${unit} 在 ${year} 年度没有下级单位，无从汇总`,
    done: (included: number, missing: readonly string[]) =>
        `（${included} 个下级单位的报告相加${missing.length ? `；未报送、未计入：${missing.join('、')}` : ''}；正文待写）`,
};

export async function runSum(values: OptionValues, positionals: string[]): Promise<number> {
    const yearText = values.year as string | undefined;
    const year = yearText === undefined ? undefined : parseYear(yearText);
    if (year === undefined) throw new UsageError(messages.year(yearText));
    const unitId = (values.unit as string | undefined)?.trim();
    if (!unitId) throw new UsageError(messages.unit);
    if (!positionals.length) throw new UsageError(messages.folder);
    const jobs = jobsOption(values);
    const template = chooseTemplate(values.format as string | undefined, year);
    const registryFile = (values.registry as string | undefined) ?? findRegistry(positionals);
    if (!registryFile) throw new UsageError(messages.noRegistry);
    const loaded = await loadRegistry(registryFile);
    const unreadable = loaded.problems.find(p => p.code === 'xxgk/registry-unreadable');
    if (unreadable) {
        process.stderr.write(`xxgk: ${visibleText(registryFile)}: ${unreadable.message}\n`);
        return 2;
    }
    const { registry } = loaded;
    const unit = registry.get(unitId);
    if (!unit) throw new UsageError(messages.unknown(unitId));
    if (!registry.existsIn(unit, year)) throw new UsageError(messages.inactive(describeUnit(unit), year));
    if (!registry.childrenOf(unit, year).length) throw new UsageError(messages.childless(describeUnit(unit), year));

    const { files, problems } = expandPaths(positionals);
    for (const problem of problems) process.stderr.write(`xxgk: ${visibleText(problem)}\n`);
    const results = await checkAll(files, jobs, { filing: true, figures: rollupTables(nationalRegistry), years: [year] });
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${visibleText(r.path)}: ${r.error}\n`);
    const pairs = filingsOf(results);
    const index = new FilingIndex(registry, pairs.map(p => p.filing));
    const figures = new Map(pairs.map(p => [p.filing, p.result.figures]));
    const children = rollupChildren(index, unit, year, f => figures.get(f));
    const made = sumReport({
        template, agency: unit.name, year, level: unit.level?.label, extraMeta: [['单位编号', unit.id]], children,
    });
    return writeReport(values, made.text, `${plainFileName(unit.name, '汇总')}-${year}${REPORT_EXTENSION}`, messages.done(made.included.length, made.missing));
}

