// Starts an isolated code-server on a free loopback port and takes its whole process tree down again.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerEntry, root } from './host.mjs';

/** Settings every run starts from: no autosave (typing would be written into the fixture), no noise. */
export const baseSettings = {
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
};

/** code-servers started and not yet stopped: killed if this process ends without stopping them. */
const running = new Set();
/** Run directories, removed when this process ends (kept with XXGK_E2E_KEEP=1, for debugging). */
const runDirs = new Set();
process.on('exit', () => {
    for (const child of running) {
        for (const pid of [child.pid, ...descendants(child.pid)]) signal(pid, 'SIGKILL');
        signal(-child.pid, 'SIGKILL');
    }
    if (!process.env.XXGK_E2E_KEEP) for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
});
// Ctrl+C or a kill would end the script without 'exit' handlers; leave through process.exit so the
// handler above takes the trees down (a script with a handler of its own, like npm run try, stops
// its code-server itself).
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
        if (process.listenerCount(sig) === 0) process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
}

/** A fresh directory for one run (config, user data, extensions, temp files, the workspace copy). */
export function makeRunDir(kind) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `xxgk-e2e-${kind}-`));
    runDirs.add(dir);
    return dir;
}

export function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}

/** Copies the bundled examples into `dir` (a fresh workspace for one run). */
export function copyExamples(dir) {
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(root, 'examples'), dir, { recursive: true });
    return dir;
}

/** The directories code-server and everything it starts write to, all inside `runDir`. */
function isolation(runDir) {
    const dirs = {
        XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
        XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
        XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
        TMPDIR: path.join(runDir, 'tmp'),
    };
    for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
    return dirs;
}

function codeServerArgs(runDir) {
    return [
        codeServerEntry,
        '--config', path.join(runDir, 'config.yaml'),
        '--user-data-dir', path.join(runDir, 'user-data'),
        '--extensions-dir', path.join(runDir, 'extensions'),
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ];
}

/** Installs a .vsix the supported way (`code-server --install-extension`) into the run's extensions dir. */
export function installVsix(runDir, vsix) {
    const env = { ...process.env, ...isolation(runDir), EXTENSIONS_GALLERY: '{}' };
    const result = spawnSync(process.execPath, [...codeServerArgs(runDir), '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0 || !/successfully installed/i.test(output)) {
        throw new Error(`installing ${path.basename(vsix)} into code-server failed (${result.error ?? `exit ${result.status}`}):\n${output}`);
    }
    return output.trim();
}

/**
 * Makes VS Code accept `locale` as its display language without a language pack, which cannot be
 * downloaded here: the user-data `languagepacks.json` in which VS Code (1.100.3) records installed
 * language packs, with one entry pointing at an empty translation of VS Code's own strings. VS Code's UI stays English; every extension shows its
 * `package.nls.<locale>.json` and `l10n/bundle.l10n.<locale>.json` texts, as for a real user.
 */
function seedDisplayLanguage(userDataDir, locale) {
    const translations = path.join(userDataDir, `xxgk-e2e-${locale}.i18n.json`);
    writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
    const pack = {
        hash: `xxgk-e2e-${locale}`,
        label: locale,
        extensions: [{ extensionIdentifier: { id: `xxgk-e2e.display-language-${locale}` }, version: '0.0.0' }],
        translations: { vscode: translations },
    };
    writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/**
 * Starts code-server for `workspace` with the run's own config, user data, extensions and temp dirs.
 * `env` reaches the extension host; `locale` (e.g. `zh-cn`) is VS Code's display language.
 * Resolves once /healthz answers.
 * @param {{ runDir: string, workspace: string, settings?: object, env?: object, locale?: string, port?: number, log?: string }} options
 */
export async function startCodeServer({ runDir, workspace, settings = {}, env = {}, locale, port, log }) {
    port ??= await freePort();
    const userDir = path.join(runDir, 'user-data', 'User');
    mkdirSync(userDir, { recursive: true });
    if (locale && !locale.startsWith('en')) seedDisplayLanguage(path.join(runDir, 'user-data'), locale);
    mkdirSync(path.join(runDir, 'extensions'), { recursive: true });
    writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...baseSettings, ...settings }, null, 2));
    writeFileSync(path.join(runDir, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const logFile = log ?? path.join(runDir, 'code-server.log');
    const out = openSync(logFile, 'a');
    const args = [...codeServerArgs(runDir), ...(locale ? ['--locale', locale] : []), workspace];
    const child = spawn(process.execPath, args, {
        env: { ...process.env, ...isolation(runDir), EXTENSIONS_GALLERY: '{}', ...env },
        stdio: ['ignore', out, out],
        detached: true, // its own process group, so the whole tree can be signalled at once
    });
    closeSync(out); // the child has its own copy
    const server = {
        url: `http://127.0.0.1:${port}`,
        port,
        pid: child.pid,
        logFile,
        exited: false,
        /** The workbench URL for a folder, optionally with a `payload` (extension tests, a file to open). */
        workbenchUrl(folder, payload) {
            const query = new URLSearchParams({ folder });
            if (payload) query.set('payload', JSON.stringify(payload));
            return `${this.url}/?${query}`;
        },
        stop: async () => {
            await stopTree(child);
            running.delete(child);
        },
    };
    child.on('exit', () => { server.exited = true; });
    running.add(child);
    try {
        await waitForHealth(server);
    } catch (error) {
        await server.stop();
        throw error;
    }
    return server;
}

/** `vscode-remote://remote/abs/path`: how the web workbench names a path on the code-server machine. */
export function remoteUri(absolutePath) {
    return `vscode-remote://remote${absolutePath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

async function waitForHealth(server, timeoutMs = 60_000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (server.exited) break;
        try {
            const response = await fetch(`${server.url}/healthz`);
            if (response.ok) return;
        } catch {
            // not listening yet
        }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    const tail = readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(`code-server ${server.exited ? 'exited' : 'did not answer /healthz'} (log ${server.logFile}):\n${tail}`);
}

/** All descendants of `pid`, read from /proc (children first found, then theirs). */
export function descendants(pid) {
    const parentOf = new Map();
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
            // pid (comm) state ppid ... ; comm may contain spaces and parentheses
            const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
            parentOf.set(Number(entry), ppid);
        } catch {
            // the process ended while we looked
        }
    }
    const found = [];
    const queue = [pid];
    while (queue.length > 0) {
        const parent = queue.shift();
        for (const [child, ppid] of parentOf) {
            if (ppid === parent && !found.includes(child)) {
                found.push(child);
                queue.push(child);
            }
        }
    }
    return found;
}

const alive = pid => {
    try {
        process.kill(pid, 0);
        return existsSync(`/proc/${pid}`) && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
    } catch {
        return false;
    }
};

function signal(pid, sig) {
    try {
        process.kill(pid, sig);
    } catch {
        // already gone
    }
}

/**
 * Stops code-server and everything it started. The tree is collected *before* the first signal:
 * the extension host and the language server outlive code-server's SIGTERM by about 2 s, and once
 * re-parented they could no longer be found from its pid.
 */
export async function stopTree(child, graceMs = 5_000) {
    if (child.pid === undefined) return;
    const pids = [child.pid, ...descendants(child.pid)];
    signal(-child.pid, 'SIGTERM');
    for (const pid of pids) signal(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline && pids.some(alive)) await new Promise(resolve => setTimeout(resolve, 100));
    for (const pid of [...pids, ...pids.flatMap(descendants)]) if (alive(pid)) signal(pid, 'SIGKILL');
    signal(-child.pid, 'SIGKILL');
}
