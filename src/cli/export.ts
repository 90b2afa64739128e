/**
 * `xxgk export <file> --format html|docx|xlsx|pdf [-o out] [--strict] [--font file]`: check the
 * report, build its view model and write it in one of the formats 政务公开 offices publish.
 * A report with errors is exported with a warning; with --strict it is not exported (exit 1).
 */
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { buildView } from '../render/build-view.js';
import { checkText } from '../rules/check.js';
import { ExportError, exportFormats, isExportFormat, outputPath, pdfFonts, renderExport, writeExport } from '../export/export.js';
import { exportStrings } from '../export/strings.js';
import { visibleText } from '../util/text.js';
import { UsageError, type OptionValues } from './args.js';
import { readReport, ReadError } from './check-file.js';

const messages = {
    oneFile: '请给出一个要导出的 .xxgk 文件',
    format: (f: string) => `--format 只能是 ${exportFormats.join('、')}，而不是「${f}」`,
    noFormat: '请用 --format 给出导出格式（html、docx、xlsx 或 pdf）',
    refused: (file: string, n: number) => `${file}: 有 ${n} 个错误，按 --strict 未导出（运行 xxgk check ${file} 查看）`,
    warned: (file: string, n: number) => `警告：${file} 有 ${n} 个错误，已照常导出（加 --strict 则有错误时不导出）`,
    done: (target: string, format: keyof typeof exportStrings.formatNames) => `已导出 ${target}（${exportStrings.formatNames[format]}）`,
};

export async function runExport(values: OptionValues, positionals: string[]): Promise<number> {
    if (positionals.length !== 1) throw new UsageError(messages.oneFile);
    const file = positionals[0];
    const output = values.output as string | undefined;
    const format = (values.format as string | undefined) ?? /\.(html|docx|xlsx|pdf)$/i.exec(output ?? '')?.[1].toLowerCase();
    if (format === undefined) throw new UsageError(messages.noFormat);
    if (!isExportFormat(format)) throw new UsageError(messages.format(visibleText(format)));

    let text: string;
    try {
        text = readReport(file);
    } catch (e) {
        if (e instanceof ReadError) {
            process.stderr.write(`xxgk: ${visibleText(file)}: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
    const { Xxgk } = createXxgkCoreServices();
    const view = buildView(checkText(text, Xxgk));
    const errors = view.counts.error;
    if (errors && values.strict) {
        process.stderr.write(`xxgk: ${messages.refused(visibleText(file), errors)}\n`);
        return 1;
    }
    return exitingOnExportError(async () => {
        const target = outputPath(file, format, output);
        const font = values.font as string | undefined;
        const pdf = format === 'pdf' ? pdfFonts(font) : undefined;
        writeExport(target, await renderExport(view, format, { fontPath: font, fonts: pdf?.fonts }));
        if (errors) process.stderr.write(`xxgk: ${messages.warned(visibleText(file), errors)}\n`);
        process.stdout.write(`${messages.done(visibleText(target), format)}\n`);
        if (pdf) process.stdout.write(`${visibleText(pdf.description)}\n`);
        return 0;
    });
}

/** Runs a command's writing part: an ExportError (a path, a font, a file not written) is its one-line message and exit 2. */
export async function exitingOnExportError(run: () => Promise<number>): Promise<number> {
    try {
        return await run();
    } catch (e) {
        if (e instanceof ExportError) {
            process.stderr.write(`xxgk: ${e.message}\n`);
            return 2;
        }
        throw e;
    }
}
