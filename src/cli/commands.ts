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
    summary: '生成一份各项为 0 的完整年报骨架（默认文件名「机关名称-年度.xxgk」，-o - 写到标准输出）',
    options: {
        format: { type: 'string', value: '2019|2021' },
        agency: { type: 'string', value: '机关名称', required: true },
        year: { type: 'string', value: '年度', required: true },
        level: { type: 'string', value: '层级' },
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
export const commands: readonly CommandSpec[] = [check, create, exportCommand, importCommand, status, units];
