/** The bundled language server (out/server/main.cjs) as a real process over stdio, for tests. */
import { afterAll, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
    ExitNotification, InitializedNotification, InitializeRequest, LogMessageNotification, PublishDiagnosticsNotification, ShutdownRequest,
    type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol';
import { root } from './helpers.js';

export interface TestServer {
    connection: MessageConnection;
    /** The server process's id (for its memory in /proc). */
    readonly pid: number;
    /** The exit code (or signal) once the process has ended; undefined while it runs. */
    readonly exited: number | string | undefined;
    /** What the server wrote to its log (window/logMessage), in order. */
    readonly log: string[];
    /** The next diagnostics published for a uri after this call (Langium sends no version). */
    nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams>;
    /** The diagnostics last published for a uri. */
    latestDiagnostics(uri: string): PublishDiagnosticsParams | undefined;
    /** The diagnostics of a uri once the latest published for it satisfy `accept` (already or later). */
    diagnosticsWhere(uri: string, accept: (params: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
    /** The first notification of a method that satisfies `accept`, already received or still to come. */
    notification<T>(method: string, accept: (params: T) => boolean): Promise<T>;
    stop(): Promise<void>;
}

export interface ServerOptions {
    /** A folder opened as the workspace (its .xxgk files are loaded at start). */
    workspace?: string;
}

export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
    const child = spawn(process.execPath, [path.join(root, 'out/server/main.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let exited: number | string | undefined;
    const log: string[] = [];
    const waiters: (() => void)[] = [];
    child.on('exit', (code, signal) => {
        exited = code ?? signal ?? 'unknown';
        waiters.splice(0).forEach(w => w());
    });
    child.stdin!.on('error', () => undefined); // writing to a server that exited: the tests see `exited`
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const received = new Map<string, unknown[]>();
    const listen = (method: string) => {
        if (received.has(method)) return;
        received.set(method, []);
        connection.onNotification(method, (params: unknown) => {
            received.get(method)!.push(params);
            waiters.splice(0).forEach(w => w());
        });
    };
    listen(PublishDiagnosticsNotification.method);
    connection.onNotification(LogMessageNotification.method, ({ message }: { message: string }) => { log.push(message); });
    const wait = <T>(find: () => T | undefined, what: string | (() => string)): Promise<T> => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing arrived: ${typeof what === 'string' ? what : what()}`)), 20_000);
        const poll = () => {
            const hit = find();
            if (hit !== undefined) {
                clearTimeout(timer);
                resolve(hit);
            } else if (exited !== undefined) {
                clearTimeout(timer);
                reject(new Error(`the server exited (${exited}) before ${typeof what === 'string' ? what : what()} arrived`));
            } else waiters.push(poll);
        };
        poll();
    });
    connection.listen();
    const folder = options.workspace ? { uri: pathToFileURL(options.workspace).toString(), name: path.basename(options.workspace) } : undefined;
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: folder?.uri ?? null, capabilities: {}, workspaceFolders: folder ? [folder] : null,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const diagnostics = () => received.get(PublishDiagnosticsNotification.method) as PublishDiagnosticsParams[];
    return {
        connection,
        pid: child.pid!,
        get exited() {
            return exited;
        },
        log,
        nextDiagnostics(uri) {
            const seen = diagnostics().filter(p => p.uri === uri).length;
            return wait(() => diagnostics().filter(p => p.uri === uri)[seen], `diagnostics for ${uri}`);
        },
        latestDiagnostics(uri) {
            return diagnostics().filter(p => p.uri === uri).at(-1);
        },
        diagnosticsWhere(uri, accept) {
            const latest = () => diagnostics().filter(p => p.uri === uri).at(-1);
            return wait(() => {
                const params = latest();
                return params && accept(params) ? params : undefined;
            }, () => `the expected diagnostics for ${uri}; the latest: ${JSON.stringify(latest()?.diagnostics.map(d => d.code))}`);
        },
        notification<T>(method: string, accept: (params: T) => boolean) {
            listen(method);
            return wait(() => (received.get(method) as T[]).find(accept), method);
        },
        async stop() {
            if (exited !== undefined) return connection.dispose();
            await connection.sendRequest(ShutdownRequest.type);
            await connection.sendNotification(ExitNotification.type);
            connection.dispose();
            child.kill();
        },
    };
}

/** A server started before the tests of a file and stopped after them; use it inside the tests. */
export function useServer(options: ServerOptions | (() => ServerOptions) = {}): TestServer {
    let server: TestServer | undefined;
    beforeAll(async () => {
        server = await startServer(typeof options === 'function' ? options() : options);
    });
    afterAll(() => server?.stop());
    const started = () => {
        if (!server) throw new Error('the language server is not started yet');
        return server;
    };
    return {
        get connection() {
            return started().connection;
        },
        get pid() {
            return started().pid;
        },
        get exited() {
            return started().exited;
        },
        get log() {
            return started().log;
        },
        nextDiagnostics: uri => started().nextDiagnostics(uri),
        latestDiagnostics: uri => started().latestDiagnostics(uri),
        diagnosticsWhere: (uri, accept) => started().diagnosticsWhere(uri, accept),
        notification: (method, accept) => started().notification(method, accept),
        stop: () => started().stop(),
    };
}
