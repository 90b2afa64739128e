// npm start: check the bundled example reports with the xxgk CLI and print the findings.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out', 'cli', 'main.cjs');

function run(title, args) {
    console.log(`\n== ${title}\n$ xxgk ${args.join(' ')}`);
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
    if (r.status === 2 || r.status === null) process.exit(2);
    return r.status;
}

run('检查示例年报 / checking the bundled example reports', ['check', 'examples']);
run('一份有错误的报告是这样报告的 / what findings look like', ['check', 'tests/fixtures/rules/r2-row-total.xxgk']);
