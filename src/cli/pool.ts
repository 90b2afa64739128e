/** Checks many files, in this thread or on worker threads; results come back in input order. */
import { cpus } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import type { CheckOptions } from '../rules/check.js';
import { nationalRegistry } from '../templates/registry.js';
import { checkFile, type FileResult } from './check-file.js';

export interface WorkerRequest {
    batch: number;
    files: string[];
    options: CheckOptions;
}

export interface WorkerResponse {
    batch: number;
    results?: FileResult[];
    crash?: string;
}

export function defaultJobs(fileCount: number): number {
    return Math.max(1, Math.min(cpus().length, Math.ceil(fileCount / 16)));
}

export async function checkAll(files: readonly string[], jobs = defaultJobs(files.length), options: CheckOptions = {}): Promise<FileResult[]> {
    if (jobs <= 1 || files.length < 2) {
        const { Xxgk } = createXxgkCoreServices();
        return files.map(f => checkFile(f, Xxgk, nationalRegistry, options));
    }
    return checkOnWorkers(files, jobs, options);
}

function workerPath(): string {
    const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
    return path.join(here, 'worker.cjs');
}

/**
 * `jobs` threads check batches of files: this thread and jobs − 1 workers (this thread is warm and
 * would otherwise only wait). Each worker has two batches in hand, so it never waits for this thread.
 */
async function checkOnWorkers(files: readonly string[], jobs: number, options: CheckOptions): Promise<FileResult[]> {
    const batchSize = Math.max(1, Math.min(64, Math.ceil(files.length / (jobs * 8))));
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
    const results: FileResult[][] = new Array(batches.length);
    let next = 0;
    let done = 0;
    let failure: Error | undefined;
    const workers: Worker[] = [];
    let wake: (() => void) | undefined;
    const settle = () => wake?.();
    const feed = (worker: Worker) => {
        if (next < batches.length) {
            const request: WorkerRequest = { batch: next, files: batches[next++], options };
            worker.postMessage(request);
        }
    };
    for (let i = 0; i < Math.min(jobs - 1, batches.length); i++) {
        const worker = new Worker(workerPath());
        workers.push(worker);
        worker.on('message', (response: WorkerResponse) => {
            if (response.crash) failure ??= new Error(response.crash);
            else results[response.batch] = response.results!;
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
        const { Xxgk } = createXxgkCoreServices();
        while (!failure && next < batches.length) {
            const batch = next++;
            results[batch] = batches[batch].map(f => checkFile(f, Xxgk, nationalRegistry, options));
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
