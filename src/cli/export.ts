/**
 * `xxgk export <file> --format html|docx|xlsx|pdf [-o out] [--strict] [--font file]`: check the
 * report, build its view model and write it in one of the formats 政务公开 offices publish.
 * A report with errors is exported with a warning; with --strict it is not exported (exit 1).
 */
import { parseArgs } from 'node:util';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { buildView } from '../render/build-view.js';
import { checkText } from '../rules/check.js';
import { ExportError, exportFormats, isExportFormat, outputPath, pdfFonts, renderExport, writeExport } from '../export/export.js';
import { exportStrings } from '../export/strings.js';
import { readReport, ReadError } from './check-file.js';
export { EXPORT_USAGE } from './export-usage.js';

const messages = {
    oneFile: '请给出一个要导出的 .xxgk 文件',
    format: (f: string) => `--format 只能是 ${exportFormats.join('、')}，而不是「${f}」`,
    noFormat: '请用 --format 给出导出格式（html、docx、xlsx 或 pdf）',
    refused: (file: string, n: number) => `${file}: 有 ${n} 个错误，按 --strict 未导出（运行 xxgk check ${file} 查看）`,
    warned: (file: string, n: number) => `警告：${file} 有 ${n} 个错误，已照常导出（加 --strict 则有错误时不导出）`,
    done: (target: string, format: keyof typeof exportStrings.formatNames) => `已导出 ${target}（${exportStrings.formatNames[format]}）`,
};

export async function runExport(args: string[], usageError: (message: string) => Error): Promise<number> {
    let parsed;
    try {
        parsed = parseArgs({
            args, allowPositionals: true, strict: true,
            options: {
                format: { type: 'string' },
                output: { type: 'string', short: 'o' },
                strict: { type: 'boolean', default: false },
                font: { type: 'string' },
            },
        });
    } catch (e) {
        throw usageError((e as Error).message);
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw usageError(messages.oneFile);
    const file = positionals[0];
    const format = values.format ?? /\.(html|docx|xlsx|pdf)$/i.exec(values.output ?? '')?.[1].toLowerCase();
    if (format === undefined) throw usageError(messages.noFormat);
    if (!isExportFormat(format)) throw usageError(messages.format(format));

    let text: string;
    try {
        text = readReport(file);
    } catch (e) {
        if (e instanceof ReadError) {
            process.stderr.write(`xxgk: ${file}: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    const { Xxgk } = createXxgkCoreServices();
    const view = buildView(checkText(text, Xxgk));
    const errors = view.counts.error;
    if (errors && values.strict) {
        process.stderr.write(`xxgk: ${messages.refused(file, errors)}\n`);
        return 1;
    }
    try {
        const target = outputPath(file, format, values.output);
        const pdf = format === 'pdf' ? pdfFonts(values.font) : undefined;
        writeExport(target, await renderExport(view, format, { fontPath: values.font, fonts: pdf?.fonts }));
        if (errors) process.stderr.write(`xxgk: ${messages.warned(file, errors)}\n`);
        process.stdout.write(`${messages.done(target, format)}\n`);
        if (pdf) process.stdout.write(`${pdf.description}\n`);
        return 0;
    } catch (e) {
        if (e instanceof ExportError) {
            process.stderr.write(`xxgk: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}
