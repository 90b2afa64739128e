/**
 * Runs a task over many files, in this thread or on worker threads; results come back in input order.
 * `xxgk check` and `xxgk import` share it: a request names its task, the worker runs it.
 */
import { cpus } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { checkFile, type CheckOptions, type FileResult } from './check-file.js';
import type { ImportJob, ImportJobResult, ImportRunOptions } from './import-file.js';

export type WorkerRequest =
    | { task?: 'check'; batch: number; files: string[]; options?: CheckOptions }
    | { task: 'import'; batch: number; jobs: ImportJob[]; options: ImportRunOptions };

export interface WorkerResponse {
    batch: number;
    results?: FileResult[];
    imports?: ImportJobResult[];
    crash?: string;
}

export function defaultJobs(fileCount: number, perWorker = 16): number {
    return Math.max(1, Math.min(cpus().length, Math.ceil(fileCount / perWorker)));
}

/** `options`: also the filing summaries, only some years (src/office; `xxgk status`, `check --registry`). */
export async function checkAll(files: readonly string[], jobs = defaultJobs(files.length), options: CheckOptions = {}): Promise<FileResult[]> {
    if (jobs <= 1 || files.length < 2) {
        const { Xxgk } = createXxgkCoreServices();
        return files.map(f => checkFile(f, Xxgk, undefined, options));
    }
    let services: ReturnType<typeof createXxgkCoreServices>['Xxgk'] | undefined;
    return onWorkers(files, jobs,
        (batch, items) => ({ batch, files: items, options }),
        response => response.results!,
        items => {
            services ??= createXxgkCoreServices().Xxgk;
            return items.map(f => checkFile(f, services!, undefined, options));
        });
}

/** Imports many files (each job: a source and the .xxgk to write), on worker threads for a folder. */
export async function importAll(jobs: readonly ImportJob[], options: ImportRunOptions, threads?: number): Promise<ImportJobResult[]> {
    const { importJobs } = await import('./import-file.js');
    const count = threads ?? defaultJobs(jobs.length, 4);
    if (count <= 1 || jobs.length < 2) return importJobs(jobs, options);
    return onWorkers(jobs, count,
        (batch, items) => ({ task: 'import', batch, jobs: items, options }),
        response => response.imports!,
        items => importJobs(items, options));
}

function workerPath(): string {
    const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
    return path.join(here, 'worker.cjs');
}

/**
 * `jobs` threads work through batches of items: this thread and jobs − 1 workers (this thread is warm and
 * would otherwise only wait). Each worker has two batches in hand, so it never waits for this thread.
 */
async function onWorkers<I, R>(items: readonly I[], jobs: number, request: (batch: number, items: I[]) => WorkerRequest,
    answer: (response: WorkerResponse) => R[], local: (items: I[]) => R[] | Promise<R[]>): Promise<R[]> {
    const batchSize = Math.max(1, Math.min(64, Math.ceil(items.length / (jobs * 8))));
    const batches: I[][] = [];
    for (let i = 0; i < items.length; i += batchSize) batches.push(items.slice(i, i + batchSize));
    const results: R[][] = new Array(batches.length);
    let next = 0;
    let done = 0;
    let failure: Error | undefined;
    const workers: Worker[] = [];
    let wake: (() => void) | undefined;
    const settle = () => wake?.();
    const feed = (worker: Worker) => {
        if (next < batches.length) {
            const batch = next++;
            worker.postMessage(request(batch, batches[batch]));
        }
    };
    for (let i = 0; i < Math.min(jobs - 1, batches.length); i++) {
        const worker = new Worker(workerPath());
        workers.push(worker);
        worker.on('message', (response: WorkerResponse) => {
            if (response.crash) failure ??= new Error(response.crash);
            else results[response.batch] = answer(response);
            done++;
            feed(worker);
            settle();
        });
        worker.on('error', e => {
            failure ??= e;
            settle();
        });
        feed(worker);
        feed(worker);
    }
    try {
        while (!failure && next < batches.length) {
            const batch = next++;
            results[batch] = await local(batches[batch]);
            done++;
            await new Promise(resolve => setImmediate(resolve)); // let the workers' answers in
        }
        while (!failure && done < batches.length) await new Promise<void>(resolve => (wake = resolve));
    } finally {
        workers.forEach(w => void w.terminate());
    }
    if (failure) throw failure;
    return results.flat();
}
