/**
 * `xxgk compare <上年报告> <本年报告>`: both years side by side, each cell's change, spikes, the
 * cross-year findings (src/compare/compare.ts) — as text, JSON, or an HTML, XLSX or DOCX file.
 * `xxgk compare --year Y <目录>…`: every unit's figures in Y and Y − 1 (src/compare/area.ts) — text,
 * JSON, or a sortable HTML page with a chart, or an XLSX sheet.
 */
import * as path from 'node:path';
import { areaComparison, areaTables, type AreaView } from '../compare/area.js';
import { compareReports } from '../compare/compare.js';
import { compareText } from '../compare/text.js';
import { ExportError, outputPath, writeExport } from '../export/export.js';
import { exportStrings } from '../export/strings.js';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { parseYear } from '../model/meta-values.js';
import { checkText } from '../rules/check.js';
import { nationalRegistry } from '../templates/registry.js';
import { isReportPath } from '../util/report-files.js';
import { displayWidth, visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { readReport, ReadError } from './check-file.js';
import { exitingOnExportError } from './export.js';
import { expandPaths } from './files.js';
import { checkAll } from './pool.js';

const pairFormats = ['text', 'json', 'html', 'xlsx', 'docx'] as const;
const areaFormats = ['text', 'json', 'html', 'xlsx'] as const;

const messages = {
    two: '请给出两份年报：上年的和本年的（或用 --year 年度 比较一个目录下的各单位）',
    folder: '请给出要比较的目录或文件',
    format: (allowed: readonly string[], f: string) => `--format 只能是 ${allowed.join('、')}，而不是「${f}」`,
    year: (text: string) => `--year 应为四位年份，而不是「${text}」`,
    swapped: (last: string, current: string) => `按年度先后比较：${last} 是上年，${current} 是本年`,
    written: (target: string) => `已写入 ${target}`,
    none: (year: number) => `没有找到 ${year} 或 ${year - 1} 年度的报告`,
};

function chooseFormat(values: OptionValues, allowed: readonly string[]): string {
    const output = values.output as string | undefined;
    const format = (values.format as string | undefined) ?? /\.(html|xlsx|docx|json)$/i.exec(output ?? '')?.[1].toLowerCase() ?? 'text';
    if (!allowed.includes(format)) throw new UsageError(messages.format(allowed, visibleText(format)));
    return format;
}

export async function runCompare(values: OptionValues, positionals: string[]): Promise<number> {
    if (values.year !== undefined) return compareArea(values, positionals);
    if (positionals.length !== 2) throw new UsageError(messages.two);
    const format = chooseFormat(values, pairFormats);
    const { Xxgk } = createXxgkCoreServices();
    const checked: { file: string; analysis: ReturnType<typeof checkText> }[] = [];
    for (const file of positionals) {
        try {
            checked.push({ file, analysis: checkText(readReport(file), Xxgk) });
        } catch (e) {
            if (e instanceof ReadError) {
                process.stderr.write(`xxgk: ${visibleText(file)}: ${e.message}\n`);
                return 2;
            }
            throw e;
        }
    }
    let [last, current] = checked;
    const yearOf = (c: typeof last) => c.analysis.model.meta.year?.value;
    if ((yearOf(last) ?? 0) > (yearOf(current) ?? Infinity)) {
        [last, current] = [current, last];
        process.stderr.write(`xxgk: ${messages.swapped(visibleText(last.file), visibleText(current.file))}\n`);
    }
    const view = compareReports(last.analysis, current.analysis, { registry: nationalRegistry, lastSource: last.file });
    if (format === 'text' || format === 'json') {
        const text = format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : `${compareText(view, current.file).join('\n')}\n`;
        return write(values, text);
    }
    const render = async () => {
        switch (format) {
            case 'html': return Buffer.from((await import('../compare/html.js')).renderCompareStandalone(view), 'utf8');
            case 'xlsx': return (await import('../compare/xlsx.js')).exportCompareXlsx(view);
            default: return (await import('../compare/docx.js')).exportCompareDocx(view);
        }
    };
    return writeFile(values, format as 'html' | 'xlsx' | 'docx', current.file, '-与上年对比', render);
}

async function compareArea(values: OptionValues, positionals: string[]): Promise<number> {
    const yearText = String(values.year);
    const year = parseYear(yearText);
    if (year === undefined) throw new UsageError(messages.year(visibleText(yearText)));
    if (!positionals.length) throw new UsageError(messages.folder);
    const format = chooseFormat(values, areaFormats);
    const { files, problems } = expandPaths(positionals);
    for (const problem of problems) process.stderr.write(`xxgk: ${visibleText(problem)}\n`);
    const results = await checkAll(files, undefined, { figures: [...areaTables()] });
    for (const r of results) if (r.error) process.stderr.write(`xxgk: ${visibleText(r.path)}: ${r.error}\n`);
    const view = areaComparison(results.filter(r => r.figures).map(r => ({ path: r.path, figures: r.figures! })), year);
    if (!view.units.length) {
        process.stderr.write(`xxgk: ${messages.none(year)}\n`);
        return 2;
    }
    if (format === 'text' || format === 'json') {
        const text = format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : `${(await areaText(view)).join('\n')}\n`;
        return write(values, text);
    }
    const folder = positionals.length === 1 && !/\.xxgk$/i.test(positionals[0]) ? positionals[0] : process.cwd();
    const source = path.join(folder, `年报对比-${year}.xxgk`);
    const render = async () => (format === 'html'
        ? Buffer.from((await import('../compare/area-html.js')).renderAreaStandalone(view), 'utf8')
        : (await import('../compare/area-xlsx.js')).exportAreaXlsx(view));
    return writeFile(values, format as 'html' | 'xlsx', source, '', render);
}

async function areaText(view: AreaView): Promise<string[]> {
    const { formatChange, formatFigure } = await import('../compare/area-html.js');
    const { compareStrings: S } = await import('../compare/strings.js');
    const header = [S.unit, ...view.metrics.map(m => `${m.label} ${view.year - 1}→${view.year}（${S.areaChange}）`)];
    const rows = view.units.map(u => [u.agency, ...view.metrics.map(m => {
        const share = view.shares.includes(m.id);
        const f = u.figures[m.id];
        const side = (v: number | undefined, has: boolean) => (v === undefined ? (has ? '-' : S.missing) : formatFigure(v, share));
        return `${side(f.last, Boolean(u.lastPath))} → ${side(f.this, Boolean(u.thisPath))}${f.change !== undefined ? `（${formatChange(f.change, share)}）` : ''}`;
    })]);
    const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map(r => displayWidth(r[i]))));
    const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join('  ').trimEnd();
    const both = view.units.filter(u => u.thisPath && u.lastPath).length;
    return [S.areaTitle(view.year), S.areaSummary(view.units.length, both), '', line(header), ...rows.map(line)];
}

/** Text or JSON: to stdout, or to the file -o names (never a report). */
function write(values: OptionValues, text: string): Promise<number> | number {
    const output = values.output as string | undefined;
    if (!output || output === '-') {
        process.stdout.write(text);
        return 0;
    }
    return emit(() => {
        if (isReportPath(output)) throw new ExportError(exportStrings.wouldWriteReport(output));
        return path.resolve(output);
    }, async () => Buffer.from(text, 'utf8'));
}

/** An HTML, XLSX or DOCX file: -o, or beside `source` with `suffix`. */
function writeFile(values: OptionValues, format: 'html' | 'xlsx' | 'docx', source: string, suffix: string, render: () => Promise<Buffer>): Promise<number> {
    return emit(() => outputPath(source, format, values.output as string | undefined, suffix), render);
}

function emit(target: () => string, render: () => Promise<Buffer>): Promise<number> {
    return exitingOnExportError(async () => {
        const file = target();
        writeExport(file, await render());
        process.stdout.write(`${messages.written(visibleText(file))}\n`);
        return 0;
    });
}
