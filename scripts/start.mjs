// npm start: check the bundled example reports with the xxgk CLI and print the findings, then
// export each example's preview as HTML and DOCX into out/examples/ and print where they are.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'out', 'cli', 'main.cjs');

function run(title, args) {
    if (title) console.log(`\n== ${title}\n$ xxgk ${args.join(' ')}`);
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
    if (r.status === 2 || r.status === null) process.exit(2);
    return r.status;
}

run('检查示例年报 / checking the bundled example reports', ['check', 'examples']);
run('一份有错误的报告是这样报告的 / what findings look like', ['check', 'tests/fixtures/rules/r2-row-total.xxgk']);

const outDir = path.join('out', 'examples');
console.log(`\n== 导出示例年报的预览 / exporting the examples' previews to ${outDir}/ (HTML, DOCX)`);
for (const file of readdirSync(path.join(root, 'examples')).filter(f => f.endsWith('.xxgk')).sort()) {
    for (const format of ['html', 'docx']) run('', ['export', path.join('examples', file), '--format', format, '-o', outDir + path.sep]);
}
