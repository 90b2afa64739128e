// npm start: check the bundled examples, then export each one's preview as HTML and DOCX into
// out/examples/ and print where they are. Builds first if the CLI bundle is missing.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out', 'cli', 'main.cjs');
const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status;

if (!existsSync(cli) && run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']) !== 0) process.exit(2);

console.log('== xxgk check examples/');
run(process.execPath, [cli, 'check', 'examples']);

const outDir = path.join(root, 'out', 'examples');
console.log(`\n== 导出示例预览到 ${path.relative(root, outDir)}/`);
let failed = 0;
for (const file of readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.xxgk')).sort()) {
    for (const format of ['html', 'docx']) {
        if (run(process.execPath, [cli, 'export', path.join('examples', file), '--format', format, '-o', outDir + path.sep]) !== 0) failed++;
    }
}
process.exitCode = failed ? 1 : 0;
