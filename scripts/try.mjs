// `npm run try`: the real editor on this machine (code-server 4.100.3 = VS Code 1.100.3 in the
// browser) with the freshly packaged .vsix installed and a copy of the examples open, on 127.0.0.1.
// Runs until Ctrl+C. `npm run try -- <folder>` opens that folder instead (edited in place).
// XXGK_TRY_PORT picks the port (default 8080, or a free one if 8080 is taken); XXGK_TRY_LOCALE=zh-cn
// shows the extension in Simplified Chinese (VS Code's own menus stay English: no language pack offline).
import { existsSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { baseSettings, copyExamples, freePort, installVsix, remoteUri, startCodeServer } from '../tests/e2e/lib/code-server.mjs';
import { e2eDir, ensureHost, root } from '../tests/e2e/lib/host.mjs';
import { vsixPath } from '../tests/e2e/ui.mjs';

async function portToUse() {
    const wanted = Number(process.env.XXGK_TRY_PORT ?? 8080);
    const probe = await fetch(`http://127.0.0.1:${wanted}/`).then(() => true, () => false);
    if (!probe) return wanted;
    if (process.env.XXGK_TRY_PORT) throw new Error(`port ${wanted} is taken`);
    return freePort();
}

const runDir = path.join(e2eDir, '.cache', 'try');
const folderArg = process.argv[2];
if (folderArg && !(existsSync(folderArg) && statSync(folderArg).isDirectory())) {
    console.error(`not a folder: ${folderArg}`);
    process.exit(2);
}
await ensureHost();
rmSync(runDir, { recursive: true, force: true }); // a clean editor state and the current .vsix every time
const workspace = folderArg ? path.resolve(folderArg) : copyExamples(path.join(runDir, 'examples'));
installVsix(runDir, vsixPath());
const settings = { ...baseSettings };
delete settings['files.autoSave']; // a person trying it gets VS Code's usual behaviour
const locale = process.env.XXGK_TRY_LOCALE;
const server = await startCodeServer({ runDir, workspace, settings, locale, port: await portToUse() });
const seed = path.join(workspace, 'yanshi-2020.xxgk');
const payload = existsSync(seed) ? `&payload=${encodeURIComponent(JSON.stringify([['openFile', remoteUri(seed)]]))}` : '';
const url = `${server.url}/?folder=${encodeURI(workspace)}${payload}`;

console.log(`
xxgk in VS Code (code-server 4.100.3) is running. Open this in a browser on this machine:

    ${url}

Workspace: ${workspace}${folderArg ? '' : ' (a fresh copy of examples/, replaced on the next start)'}
Log:       ${path.relative(root, server.logFile)}
From another computer: ssh -L ${server.port}:127.0.0.1:${server.port} <this machine>, then open the same URL there.
Press Ctrl+C to stop.`);

let stopping = false;
async function stop(code) {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping code-server ...');
    await server.stop();
    process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
const watch = setInterval(() => {
    if (server.exited && !stopping) {
        clearInterval(watch);
        console.error(`code-server exited; see ${server.logFile}`);
        stop(1);
    }
}, 1000);
