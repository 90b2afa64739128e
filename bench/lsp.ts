/**
 * The language server as an editor sees it: keystroke → publishDiagnostics latency on a ~10 KB
 * report, and the server's memory with a workspace of 1,000 reports.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
    DidChangeTextDocumentNotification, DidCloseTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification, InitializeRequest,
    PublishDiagnosticsNotification, ShutdownRequest,
} from 'vscode-languageserver-protocol';

export interface Server {
    pid: number;
    open(uri: string, text: string): Promise<number>;
    change(uri: string, version: number, text: string): Promise<number>;
    close(uri: string): Promise<void>;
    stop(): Promise<void>;
}

/**
 * Starts out/server/main.cjs over stdio; open/change resolve with the next diagnostics' count.
 * XXGK_SERVER_NODE_ARGS adds Node options to the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p` to profile it).
 */
export async function startServer(root: string, workspace?: string): Promise<Server> {
    const nodeArgs = process.env.XXGK_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'out/server/main.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const waiting = new Map<string, (count: number) => void>();
    connection.onNotification(PublishDiagnosticsNotification.type, p => {
        const resolve = waiting.get(p.uri);
        if (resolve) {
            waiting.delete(p.uri);
            resolve(p.diagnostics.length);
        }
    });
    connection.listen();
    const folder = workspace ? { uri: pathToFileURL(workspace).toString(), name: 'bench' } : undefined;
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: folder?.uri ?? null, capabilities: {}, workspaceFolders: folder ? [folder] : null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const next = (uri: string) => new Promise<number>(resolve => waiting.set(uri, resolve));
    return {
        pid: child.pid!,
        async open(uri, text) {
            const diagnostics = next(uri);
            await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'xxgk', version: 1, text } });
            return diagnostics;
        },
        async change(uri, version, text) {
            const diagnostics = next(uri);
            await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
            return diagnostics;
        },
        async close(uri) {
            await connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        },
        async stop() {
            await connection.sendRequest(ShutdownRequest.type);
            const exited = new Promise(resolve => child.once('exit', resolve));
            await connection.sendNotification(ExitNotification.type);
            // A profiled server writes its profile as it exits: give it the time.
            await Promise.race([exited, new Promise(resolve => setTimeout(resolve, nodeArgs.length ? 10_000 : 1000))]);
            connection.dispose();
            child.kill();
        },
    };
}

export function rssMegabytes(pid: number): { rss: number; peak: number } {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
    return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Typing in a table: each keystroke changes one number; the time until its diagnostics arrive. */
export async function keystrokeLatency(root: string, text: string, edits: number): Promise<number[]> {
    const server = await startServer(root);
    const uri = 'file:///bench/latency.xxgk';
    await server.open(uri, text);
    const cell = /(（一）予以公开 +\| +)(\d+)/.exec(text)!;
    const at = cell.index + cell[1].length;
    const samples: number[] = [];
    for (let i = 0; i < edits + 20; i++) {
        const value = String(i % 10);
        const changed = text.slice(0, at) + value + text.slice(at + cell[2].length);
        const start = performance.now();
        await server.change(uri, i + 2, changed);
        if (i >= 20) samples.push(performance.now() - start); // the first edits warm the server up
    }
    await server.stop();
    return samples;
}

export function percentile(samples: number[], p: number): number {
    const sorted = [...samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
