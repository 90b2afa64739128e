// Regenerates the PDF fixtures made by other producers (tests/fixtures/import/pdf/producers/):
// each report below exported by `xxgk export` to DOCX and HTML, the DOCX converted to PDF by
// LibreOffice (headless) and the HTML printed to PDF by Chromium (headless). The files are
// committed, so `npm test` reads them on a machine with neither installed; this script is not
// run by the tests. Needs `npm run bundle` first, the Debian packages libreoffice-writer and
// chromium, and fonts-noto-cjk (what both producers fall back to for 仿宋/黑体).
//
//     node scripts/make-pdf-fixtures.mjs
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'tests', 'fixtures', 'import', 'pdf', 'producers');
/** The reports: both examples (2021 and 2019 formats), blank cells, amounts with units. */
export const reports = [
    'examples/longgang-2024.xxgk',
    'examples/yanshi-2020.xxgk',
    'tests/fixtures/rules/r7-blank.xxgk',
    'tests/fixtures/clean/amount-with-unit.xxgk',
];

const work = mkdtempSync(path.join(tmpdir(), 'xxgk-pdf-fixtures-'));
try {
    mkdirSync(path.join(out, 'libreoffice'), { recursive: true });
    mkdirSync(path.join(out, 'chromium'), { recursive: true });
    for (const report of reports) {
        const name = path.basename(report, '.xxgk');
        for (const format of ['docx', 'html']) {
            execFileSync(process.execPath, [path.join(root, 'out', 'cli', 'main.cjs'), 'export', path.join(root, report),
                '--format', format, '-o', path.join(work, `${name}.${format}`)], { stdio: 'inherit' });
        }
        execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/lo-profile`,
            '--convert-to', 'pdf', '--outdir', work, path.join(work, `${name}.docx`)], { stdio: 'inherit' });
        copyFileSync(path.join(work, `${name}.pdf`), path.join(out, 'libreoffice', `${name}.pdf`));
        execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--no-pdf-header-footer',
            `--print-to-pdf=${path.join(out, 'chromium', `${name}.pdf`)}`, `file://${path.join(work, `${name}.html`)}`],
        { stdio: ['ignore', 'inherit', 'ignore'] });
        console.log(`${name}: libreoffice/${name}.pdf chromium/${name}.pdf`);
    }
} finally {
    rmSync(work, { recursive: true, force: true });
}
