/** Importing one file for `xxgk import`: read it, import it, write the .xxgk (never over an existing one without --force), check it. */
import { existsSync } from 'node:fs';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { ImportError, importBytes } from '../import/import.js';
import type { ImportReport } from '../import/report.js';
import type { LabelMode } from '../import/write.js';
import { ExportError, writeExport } from '../export/export.js';
import { MAX_FILE_BYTES } from '../import/read.js';
import { checkFile, readRegularFile, ReadError, type FileResult } from './check-file.js';
import * as path from 'node:path';

export interface ImportJob {
    source: string;
    target: string;
}

export interface ImportRunOptions {
    labels: LabelMode;
    check: boolean;
    force: boolean;
}

export interface ImportJobResult extends ImportJob {
    /** One line: why nothing was written. */
    error?: string;
    report?: ImportReport;
    /** With --check: the findings in the written report. */
    check?: FileResult;
}

let services: ReturnType<typeof createXxgkCoreServices>['Xxgk'] | undefined;

export async function importJob(job: ImportJob, options: ImportRunOptions): Promise<ImportJobResult> {
    let data: Buffer;
    try {
        data = readRegularFile(job.source, MAX_FILE_BYTES);
    } catch (e) {
        if (e instanceof ReadError) return { ...job, error: e.message };
        throw e;
    }
    if (!options.force && existsSync(job.target)) {
        return { ...job, error: `${job.target} 已存在；为免覆盖已写的内容，未做任何修改（确需覆盖请加 --force）` };
    }
    let result;
    try {
        result = await importBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { name: path.basename(job.source), labels: options.labels });
    } catch (e) {
        if (e instanceof ImportError) return { ...job, error: e.message };
        return { ...job, error: `导入时出错：${e instanceof Error ? e.message : String(e)}` };
    }
    try {
        writeExport(job.target, Buffer.from(result.text, 'utf8'));
    } catch (e) {
        return { ...job, error: e instanceof ExportError ? e.message : String(e) };
    }
    const out: ImportJobResult = { ...job, report: result.report };
    if (options.check) {
        services ??= createXxgkCoreServices().Xxgk;
        const checked = checkFile(job.target, services);
        delete checked.summary;
        out.check = checked;
    }
    return out;
}

export async function importJobs(jobs: readonly ImportJob[], options: ImportRunOptions): Promise<ImportJobResult[]> {
    const out: ImportJobResult[] = [];
    for (const job of jobs) out.push(await importJob(job, options));
    return out;
}
