/**
 * The commands of `xxgk` and their options, as data (the extension point of the CLI): a command is
 * a `CommandSpec` here, an option a line in its `options`; parsing, usage errors and `--help` come
 * from this table (./args.ts). Each command's work is in its own module.
 */
import type { CommandSpec } from './args.js';
import { runCheck } from './check.js';
import { createReport } from './new.js';

const check: CommandSpec = {
    name: 'check',
    operands: '<文件或目录>…',
    summary: '检查年报（目录下递归查找 *.xxgk，不分大小写，跟随符号链接；每个文件最大 20 MB）',
    options: {
        format: { type: 'string', default: 'text', value: 'text|json|sarif' },
        jobs: { type: 'string', value: 'N' },
        // R21: a local publication deadline earlier than the statutory one.
        deadline: { type: 'string', value: 'MM-DD|YYYY-MM-DD' },
        // With a unit registry: its problems, each report's unit, 内容雷同 (src/office).
        registry: { type: 'string', value: '单位名单' },
        similarity: { type: 'string', value: '90' },
        // Ignore the reports' suppression comments (// xxgk-disable-next-line …): every finding counts.
        'no-suppress': { type: 'boolean', default: false },
    },
    run: runCheck,
};

const create: CommandSpec = {
    name: 'new',
    summary: '生成一份各项为 0 的完整年报骨架（--agency、--year；默认文件名「机关名称-年度.xxgk」，-o - 写到标准输出）；' +
        '或由上年报告生成下一年度的报告（--from：结转上年结转、现行有效件数等，上年正文作为注释保留或 --prose drop 不保留）',
    options: {
        format: { type: 'string', value: '2019|2021' },
        agency: { type: 'string', value: '机关名称' },
        year: { type: 'string', value: '年度' },
        level: { type: 'string', value: '层级' },
        from: { type: 'string', value: '上年报告' },
        prose: { type: 'string', value: 'keep|drop' },
        output: { type: 'string', short: 'o', value: '文件|-' },
        force: { type: 'boolean', default: false },
    },
    run: (values, positionals) => createReport(values, positionals),
};

const exportCommand: CommandSpec = {
    name: 'export',
    operands: '<文件>',
    summary: '导出年报（有错误时照常导出并警告；--strict 则不导出）',
    options: {
        format: { type: 'string', value: 'html|docx|xlsx|pdf', required: true },
        output: { type: 'string', short: 'o', value: '输出文件或目录' },
        strict: { type: 'boolean', default: false },
        font: { type: 'string', value: '字体文件' },
    },
    // The export libraries (docx, exceljs, pdfkit) load only for `xxgk export`, not for every check.
    run: async (values, positionals) => (await import('./export.js')).runExport(values, positionals),
};

const compare: CommandSpec = {
    name: 'compare',
    operands: '<上年报告> <本年报告> | --year 年度 <目录>…',
    summary: '与上年对比：两年的表格并排，每格的增减和突变，跨年度核对（R14–R17）；--year 则对比目录下各单位两年的主要数字',
    options: {
        year: { type: 'string', value: '年度' },
        format: { type: 'string', value: 'text|json|html|xlsx|docx' },
        output: { type: 'string', short: 'o', value: '文件' },
    },
    // The export libraries load only when a file is written.
    run: async (values, positionals) => (await import('./compare.js')).runCompare(values, positionals),
};

const sum: CommandSpec = {
    name: 'sum',
    operands: '<目录或文件>…',
    summary: '由下级单位的年报生成上级单位的汇总报告：各表每格为下级单位该格之和，正文待写并列出已汇总和未报送的单位' +
        '（下级单位取自单位名单，默认为目录下的 单位名单.csv/.xlsx；默认文件名「机关名称-年度.xxgk」，-o - 写到标准输出）',
    options: {
        year: { type: 'string', value: '年度', required: true },
        unit: { type: 'string', value: '编号', required: true },
        registry: { type: 'string', value: '单位名单' },
        format: { type: 'string', value: '2019|2021' },
        output: { type: 'string', short: 'o', value: '文件|-' },
        force: { type: 'boolean', default: false },
        jobs: { type: 'string', value: 'N' },
    },
    run: async (values, positionals) => (await import('./sum.js')).runSum(values, positionals),
};

const importCommand: CommandSpec = {
    name: 'import',
    operands: '<文件或目录>…',
    summary: '把已发布的年报（网页、Word、Excel、文本）导入为 .xxgk，写在原文件旁（或 -o 目录），附导入报告；目录并行导入',
    options: {
        output: { type: 'string', short: 'o', value: '目录' },
        labels: { type: 'string', default: 'printed', value: 'printed|official' },
        json: { type: 'boolean', default: false },
        check: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        jobs: { type: 'string', value: 'N' },
    },
    // The readers (parse5, JSZip, OpenCC) load only for `xxgk import`.
    run: async (values, positionals) => (await import('./import.js')).runImport(values, positionals),
};

const status: CommandSpec = {
    name: 'status',
    operands: '<目录>…',
    summary: '各单位的年报报送情况：已报送、空表、逾期、未报送、无需报送，按上级分组计数（单位名单默认取目录下的 单位名单.csv/.xlsx）',
    options: {
        year: { type: 'string', value: '年度', required: true },
        registry: { type: 'string', value: '单位名单' },
        'as-of': { type: 'string', value: '日期' },
        format: { type: 'string', default: 'text', value: 'text|json|html|xlsx' },
        output: { type: 'string', short: 'o', value: '文件' },
        similarity: { type: 'string', value: '90' },
        jobs: { type: 'string', value: 'N' },
    },
    run: async (values, positionals) => (await import('./status.js')).runStatus(values, positionals),
};

const units: CommandSpec = {
    name: 'units',
    operands: 'init <目录>',
    summary: '按目录中的年报生成单位名单草稿（单位名单.csv，UTF-8 带 BOM，Excel 可直接打开）',
    options: {
        output: { type: 'string', short: 'o', value: '单位名单.csv' },
        force: { type: 'boolean', default: false },
        jobs: { type: 'string', value: 'N' },
    },
    run: async (values, positionals) => (await import('./units.js')).runUnits(values, positionals),
};

/** Every command, in the order `--help` lists them. */
export const commands: readonly CommandSpec[] = [check, create, exportCommand, importCommand, compare, status, units, sum];
