/**
 * What `npm run package` puts into the .vsix (`vsce ls`, the same file selection without building):
 * the bundles and the files VS Code reads, and nothing else — no node_modules, sources or maps.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, root } from './support/helpers.js';

const manifest = JSON.parse(read(path.join(root, 'package.json')));

describe('the .vsix', () => {
    const files = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
        .split('\n').map(l => l.trim()).filter(Boolean).sort();

    // pdf.js's maps for Chinese (GB) fonts a PDF does not embed, found by the importer beside the server bundle.
    const gbCMaps = ['out/pdfjs/cmaps/LICENSE', ...readdirSync(path.join(root, 'out/pdfjs/cmaps')).filter(f => f.includes('GB') && f.endsWith('.bcmap'))
        .map(f => `out/pdfjs/cmaps/${f}`)].sort();

    it('holds exactly the bundles, the manifest with its translations, the grammar, the icon and the docs', () => {
        expect(files).toEqual([
            'CHANGELOG.md', 'LICENSE', 'README.md',
            'l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-cn.json',
            'language-configuration.json', 'media/icon.png',
            'out/client/extension.cjs', ...gbCMaps, 'out/server/main.cjs', 'out/webview/compare.js', 'out/webview/preview.js',
            'package.json', 'package.nls.json', 'package.nls.zh-cn.json',
            'syntaxes/xxgk.tmLanguage.json',
        ]);
    });

    it('holds every file the manifest points at', () => {
        const referenced = [
            manifest.main, manifest.icon,
            ...manifest.contributes.languages.map((l: { configuration: string }) => l.configuration),
            ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
        ].map((p: string) => path.posix.normalize(p));
        for (const file of referenced) expect(files, file).toContain(file);
        expect(files).toContain(`${path.posix.normalize(manifest.l10n)}/bundle.l10n.zh-cn.json`);
    });

    it('is packaged from the bundles only: no runtime dependency is left for node_modules', () => {
        expect(manifest.scripts.package).toContain('--no-dependencies');
        // The server bundle the .vsix ships is self-contained (built by npm test before this runs).
        expect(existsSync(path.join(root, 'out/server/main.cjs'))).toBe(true);
        expect(read(path.join(root, 'out/server/main.cjs'))).not.toMatch(/require\("(langium|vscode-languageserver|pdfkit|docx|exceljs)[/"]/);
    });

    it('targets the VS Code the tests run (code-server 4.100.3 is VS Code 1.100.3)', () => {
        expect(manifest.engines.vscode).toBe('^1.100.0');
        expect(manifest.activationEvents).toContain('onLanguage:xxgk');
    });
});
