// Bundles the extension (client), the language server, the CLI and the e2e suite into out/*.cjs, and
// the preview's webview script into out/webview/preview.js.
import * as esbuild from 'esbuild';
import { cpSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.cjs' },
    sourcemap: true,
    logLevel: 'warning',
    // Langium's ESM code reads import.meta.url in places the bundle never reaches.
    logOverride: { 'empty-import-meta': 'silent' },
    // pdfkit's ESM build resolves its data files from import.meta.url: give CJS bundles a real one.
    define: { 'import.meta.url': '__xxgk_import_meta_url' },
    banner: { js: "const __xxgk_import_meta_url = require('url').pathToFileURL(__filename).href;" },
};
const builds = [
    { ...common, entryPoints: { 'client/extension': 'client/extension.ts' }, outdir: 'out', external: ['vscode'] },
    { ...common, entryPoints: { 'server/main': 'server/main.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'cli/main': 'src/cli/main.ts', 'cli/worker': 'src/cli/worker.ts' }, outdir: 'out' },
    { ...common, entryPoints: { 'bench/bench': 'bench/bench.ts' }, outdir: 'out', sourcemap: false },
    { ...common, entryPoints: { 'bench/preview': 'bench/preview.ts' }, outdir: 'out', sourcemap: false },
    { ...common, entryPoints: { 'bench/import': 'bench/import.ts' }, outdir: 'out', sourcemap: false },
    // pdfkit stays outside (it only makes the bench's test file; its font data needs node_modules).
    { ...common, entryPoints: { 'bench/pdf': 'bench/pdf.ts' }, outdir: 'out', sourcemap: false, external: ['pdfkit'] },
    { ...common, entryPoints: { 'bench/office': 'bench/office.ts', 'scripts/office-fixture': 'scripts/office-fixture.ts' }, outdir: 'out', sourcemap: false },
    { ...common, entryPoints: { 'bench/large': 'bench/large.ts' }, outdir: 'out', sourcemap: false },
    { ...common, entryPoints: { 'bench/robust': 'bench/robust.ts' }, outdir: 'out', sourcemap: false },
    { ...common, entryPoints: { 'fuzz/main': 'tests/fuzz/main.ts' }, outdir: 'out', sourcemap: false },
    // The preview page's script: runs in the webview, not in Node.
    {
        entryPoints: { 'webview/preview': 'client/webview/preview.ts', 'webview/compare': 'client/webview/compare.ts' }, outdir: 'out', bundle: true, format: 'iife',
        platform: 'browser', target: 'es2020', sourcemap: true, logLevel: 'warning',
    },
    // The in-process end-to-end suite (tests/e2e), run inside the extension host; not shipped in the .vsix.
    { ...common, entryPoints: { 'test/suite': 'tests/e2e/suite/index.ts' }, outdir: 'out', external: ['vscode'] },
];
// The PDF reader's pdf.js data (CMaps for non-embedded Chinese fonts, standard fonts), found by
// src/import/pdf/load.ts in pdfjs/ beside the bundles when pdfjs-dist is not installed.
for (const dir of ['cmaps', 'standard_fonts']) {
    cpSync(`node_modules/pdfjs-dist/${dir}`, `out/pdfjs/${dir}`, { recursive: true });
}
if (watch) {
    const contexts = await Promise.all(builds.map(b => esbuild.context(b)));
    await Promise.all(contexts.map(c => c.watch()));
} else {
    await Promise.all(builds.map(b => esbuild.build(b)));
}
