/**
 * The bundled language server (out/server/main.cjs) as a real process over stdio, for the fuzz
 * suite: every request timed, errors and exits recorded instead of thrown, memory read from /proc.
 * No vitest here: `npm run fuzz` runs this outside the test runner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface Timed<T> {
    /** The result, or undefined after an error or a timeout. */
    result?: T;
    error?: { code?: number; message: string };
    timedOut?: boolean;
    ms: number;
}

/** Milliseconds after which a request that has not answered counts as hanging. */
export const HANG_MS = 30_000;

export class FuzzServer {
    readonly connection: MessageConnection;
    private readonly child: ChildProcess;
    exited: number | string | undefined;
    /** What the server wrote to its log and to stderr. */
    readonly log: string[] = [];
    private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
    private readonly publishedCount = new Map<string, number>();
    private readonly waiters = new Set<() => void>();
    private readonly exitWaiters = new Set<() => void>();

    private constructor(root: string) {
        this.child = spawn(process.execPath, [path.join(root, 'out/server/main.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.child.stdin!.on('error', () => undefined);
        this.child.stderr!.on('data', (chunk: Buffer) => this.log.push(chunk.toString()));
        this.child.on('exit', (code, signal) => {
            this.exited = code ?? signal ?? 'unknown';
            this.exitWaiters.forEach(w => w());
            this.waiters.forEach(w => w());
        });
        this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
        this.connection.onError(() => undefined);
        this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
            const list = this.diagnostics.get(p.uri) ?? [];
            list.push(p);
            if (list.length > 4) list.shift();
            this.diagnostics.set(p.uri, list);
            this.publishedCount.set(p.uri, (this.publishedCount.get(p.uri) ?? 0) + 1);
            this.waiters.forEach(w => w());
        });
        this.connection.onNotification('window/logMessage', (p: { message: string }) => {
            this.log.push(p.message);
            if (this.log.length > 200) this.log.shift();
        });
        // The server asks for the configuration (xxgk.validation and so on): defaults.
        this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
        this.connection.onRequest('client/registerCapability', () => null);
        this.connection.onRequest('window/workDoneProgress/create', () => null);
        this.connection.listen();
    }

    static async start(root: string): Promise<FuzzServer> {
        const server = new FuzzServer(root);
        await server.connection.sendRequest('initialize', {
            processId: process.pid, rootUri: null, workspaceFolders: null,
            capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
        });
        await server.connection.sendNotification('initialized', {});
        return server;
    }

    get pid(): number {
        return this.child.pid!;
    }

    get alive(): boolean {
        return this.exited === undefined;
    }

    /** Resident and peak memory in MB (Linux; undefined elsewhere). */
    memory(): { rss: number; peak: number } | undefined {
        try {
            const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
            const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
            return { rss: field('VmRSS'), peak: field('VmHWM') };
        } catch {
            return undefined;
        }
    }

    notify(method: string, params: unknown): void {
        if (this.alive) void this.connection.sendNotification(method, params).catch(() => undefined);
    }

    async request<T>(method: string, params: unknown, hangMs = HANG_MS): Promise<Timed<T>> {
        const start = performance.now();
        if (!this.alive) return { error: { message: `server exited (${this.exited})` }, ms: 0 };
        let timer: NodeJS.Timeout | undefined;
        let onExit: (() => void) | undefined;
        const stop = new Promise<Timed<T>>(resolve => {
            timer = setTimeout(() => resolve({ timedOut: true, ms: performance.now() - start }), hangMs);
            onExit = () => resolve({ error: { message: `server exited (${this.exited})` }, ms: performance.now() - start });
            this.exitWaiters.add(onExit);
        });
        const answer = this.connection.sendRequest<T>(method, params).then(
            result => ({ result, ms: performance.now() - start }),
            (e: { code?: number; message?: string }) => ({ error: { code: e.code, message: String(e.message ?? e) }, ms: performance.now() - start }),
        );
        try {
            return await Promise.race([answer, stop]);
        } finally {
            clearTimeout(timer);
            this.exitWaiters.delete(onExit!);
        }
    }

    /** How many diagnostics were published for a uri so far (to wait for the next). */
    published(uri: string): number {
        return this.publishedCount.get(uri) ?? 0;
    }

    latest(uri: string): PublishDiagnosticsParams | undefined {
        return this.diagnostics.get(uri)?.at(-1);
    }

    /** Resolves when diagnostics are published for `uri` after `count` earlier ones (undefined on timeout or exit). */
    nextDiagnostics(uri: string, count: number, timeoutMs = HANG_MS): Promise<PublishDiagnosticsParams | undefined> {
        return new Promise(resolve => {
            const check = () => {
                if ((this.publishedCount.get(uri) ?? 0) > count || !this.alive) {
                    this.waiters.delete(check);
                    clearTimeout(timer);
                    resolve(this.alive ? this.latest(uri) : undefined);
                }
            };
            const timer = setTimeout(() => {
                this.waiters.delete(check);
                resolve(undefined);
            }, timeoutMs);
            this.waiters.add(check);
            check();
        });
    }

    /** Forgets what is known about a uri (after it was closed and its diagnostics cleared). */
    forget(uri: string): void {
        this.diagnostics.delete(uri);
        this.publishedCount.delete(uri);
    }

    async stop(): Promise<void> {
        if (this.alive) {
            await this.request('shutdown', null, 5_000);
            this.notify('exit', null);
        }
        this.connection.dispose();
        this.child.kill();
    }
}
