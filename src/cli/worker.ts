/** A worker thread of `xxgk check`: checks the batches of files it is sent. */
import '../polyfill.js';
import { parentPort } from 'node:worker_threads';
import { createXxgkCoreServices } from '../language/xxgk-module.js';
import { checkFile, packSummary } from './check-file.js';
import type { WorkerRequest, WorkerResponse } from './pool.js';

const { Xxgk } = createXxgkCoreServices();

parentPort!.on('message', (request: WorkerRequest) => {
    let response: WorkerResponse;
    try {
        response = { batch: request.batch, results: request.files.map(f => packSummary(checkFile(f, Xxgk, undefined, request.options))) };
    } catch (e) {
        response = { batch: request.batch, crash: e instanceof Error ? e.stack ?? e.message : String(e) };
    }
    parentPort!.postMessage(response);
});
