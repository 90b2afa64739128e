// The real editor the end-to-end tests drive: code-server 4.100.3 (VS Code 1.100.3, the last release
// on Node 20) plus playwright-core, installed on first use from the manifest and lock file in
// tests/e2e/host/, offline except for the npm registry. The install (≈ 310 MB of VS Code) lives outside
// the project, in ~/.cache/xxgk/e2e-host (or $XDG_CACHE_HOME, or XXGK_E2E_HOST), so that nothing that
// walks the source tree (search, linters, test scanners) walks VS Code's own files; clones share it.
// See shared docs/vscode-e2e.md for the traps handled here.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const root = path.resolve(e2eDir, '..', '..');
/** What is installed: package.json and package-lock.json, in the repository. */
const manifestDir = path.join(e2eDir, 'host');
/** Where it is installed. */
export const hostDir = process.env.XXGK_E2E_HOST
    ?? path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'xxgk', 'e2e-host');
export const codeServerDir = path.join(hostDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');
const stampFile = path.join(hostDir, 'node_modules', '.xxgk-host-installed');
const bundledRg = path.join(codeServerDir, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');

// @vscode/ripgrep as pinned by code-server 4.100.3 looks for this archive in $TMPDIR before it
// downloads one from GitHub (which fails offline after ~30 s).
const ripgrepCache = { folder: 'vscode-ripgrep-cache-1.15.11', file: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' };

/** Finds an executable on PATH, like `command -v`. */
export function which(name) {
    for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
        const candidate = path.join(dir, name);
        if (dir && existsSync(candidate)) return candidate;
    }
    return undefined;
}

/** The Debian chromium binary (or XXGK_CHROMIUM). */
export function chromiumPath() {
    const found = process.env.XXGK_CHROMIUM ?? which('chromium') ?? which('chromium-browser') ?? which('google-chrome');
    if (!found) throw new Error(prerequisitesMessage(['chromium']));
    return found;
}

function lockHash() {
    return createHash('sha256').update(readFileSync(path.join(manifestDir, 'package-lock.json'))).digest('hex');
}

export function hostInstalled() {
    return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === lockHash() && existsSync(codeServerEntry);
}

/**
 * What this machine lacks for the end-to-end tests, as Debian/Ubuntu package names: a browser to
 * drive always; while code-server is not installed yet, also what its install needs (ripgrep, and
 * the tools and headers that build its native modules).
 */
export function missingPrerequisites({ installing = !hostInstalled() } = {}) {
    const missing = [];
    if (!process.env.XXGK_CHROMIUM && !which('chromium') && !which('chromium-browser') && !which('google-chrome')) missing.push('chromium');
    if (!installing) return missing;
    if (!which('rg')) missing.push('ripgrep');
    if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) missing.push('libkrb5-dev');
    for (const tool of ['g++', 'make', 'python3', 'pkg-config']) if (!which(tool)) missing.push(tool);
    return missing;
}

/** One line that says what is missing and the command that installs it. */
export function prerequisitesMessage(missing) {
    return `the end-to-end tests need ${missing.join(', ')}, missing on this machine: sudo apt-get install ${missing.join(' ')}` +
        ' (Debian/Ubuntu; .ci/run installs them; XXGK_CHROMIUM may name another Chrome/Chromium binary)';
}

/** Throws the one-line message when something is missing. */
export function checkPrerequisites() {
    const missing = missingPrerequisites();
    if (missing.length > 0) throw new Error(prerequisitesMessage(missing));
}

function run(command, args, options) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: 'inherit', ...options });
        child.on('error', reject);
        child.on('exit', (code, signal) => code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`)));
    });
}

/** Installs code-server and playwright-core into hostDir unless the same lock file is installed there already. */
export async function ensureHost({ log = console.log } = {}) {
    checkPrerequisites();
    if (hostInstalled()) return;
    log(`Installing code-server 4.100.3 and playwright-core into ${hostDir} (first use, about a minute) ...`);
    const started = Date.now();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'xxgk-host-install-'));
    try {
        mkdirSync(hostDir, { recursive: true });
        for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(manifestDir, file), path.join(hostDir, file));
        mkdirSync(path.join(tmp, ripgrepCache.folder));
        await run('tar', ['czf', path.join(tmp, ripgrepCache.folder, ripgrepCache.file), '-C', path.dirname(which('rg')), 'rg']);
        await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
            cwd: hostDir,
            env: {
                ...process.env,
                TMPDIR: tmp,
                // code-server's postinstall refuses root without it; node-pty's runs `npx node-gyp`.
                npm_config_unsafe_perm: 'true',
                npm_config_yes: 'true',
                // Keep code-server's postinstall from writing config into the user's home.
                XDG_CONFIG_HOME: path.join(tmp, 'config'),
                XDG_DATA_HOME: path.join(tmp, 'data'),
            },
        });
    } finally {
        rmSync(tmp, { recursive: true, force: true });
    }
    if (!existsSync(bundledRg)) throw new Error(`code-server installed without ripgrep (${bundledRg} is missing)`);
    writeFileSync(stampFile, `${lockHash()}\n`);
    log(`Installed the e2e host in ${Math.round((Date.now() - started) / 1000)} s.`);
}

/** playwright-core, loaded from the host folder (it is not a dependency of the extension). */
export function playwright() {
    return createRequire(path.join(hostDir, 'package.json'))('playwright-core');
}
