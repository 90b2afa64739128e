/** A worker thread of `xxgk check` and `xxgk import`: runs the batches of files it is sent. */
import '../polyfill.js';
import { parentPort } from 'node:worker_threads';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { checkFile, packSummary } from './check-file.js';
import type { WorkerRequest, WorkerResponse } from './pool.js';

let services: ReturnType<typeof createXxgkCoreServices>['Xxgk'] | undefined;

parentPort!.on('message', (request: WorkerRequest) => {
    void answer(request).then(response => parentPort!.postMessage(response));
});

async function answer(request: WorkerRequest): Promise<WorkerResponse> {
    try {
        if (request.task === 'import') {
            const { importJobs } = await import('./import-file.js');
            return { batch: request.batch, imports: await importJobs(request.jobs, request.options) };
        }
        services ??= createXxgkCoreServices().Xxgk;
        return { batch: request.batch, results: request.files.map(f => packSummary(checkFile(f, services!, undefined, request.options))) };
    } catch (e) {
        return { batch: request.batch, crash: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
}
