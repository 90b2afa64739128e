/**
 * The extension's manifest and its code agree: every contributed command is registered by the
 * client, the preview restores (onWebviewPanel activation), the Markdown preview's keybindings
 * apply to .xxgk only, and the VS Code floor stays at 1.100.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandIds, PREVIEW_VIEW_TYPE } from '../client/ids.js';
import { root } from './support/helpers.js';

const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const bundle = readFileSync(path.join(root, 'out/client/extension.cjs'), 'utf8');

describe('extension manifest', () => {
    const registered = Object.values(commandIds);

    it('contributes exactly the commands the client registers, with English and Chinese titles', () => {
        expect(manifest.contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual([...registered].sort());
        const english = JSON.parse(readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
        const chinese = JSON.parse(readFileSync(path.join(root, 'package.nls.zh-cn.json'), 'utf8'));
        for (const c of manifest.contributes.commands) {
            const key = /^%(.+)%$/.exec(c.title)?.[1] ?? '';
            expect(english[key], c.command).toMatch(/[A-Za-z]/);
            expect(chinese[key], c.command).toMatch(/[\u4e00-\u9fff]/);
        }
        for (const id of registered) expect(bundle).toContain(`"${id}"`);
    });

    it('activates for the preview panel and the commands, so a preview is restored after a reload', () => {
        expect(PREVIEW_VIEW_TYPE).toBe('xxgk.preview');
        expect(manifest.activationEvents).toEqual(expect.arrayContaining([
            'onLanguage:xxgk', `onWebviewPanel:${PREVIEW_VIEW_TYPE}`, ...registered.filter(c => c !== commandIds.showSource).map(c => `onCommand:${c}`),
        ]));
        expect(bundle).toContain('registerWebviewPanelSerializer');
    });

    it('binds Ctrl+Shift+V and Ctrl+K V in .xxgk editors only, and puts the buttons in the editor title', () => {
        expect(manifest.contributes.keybindings).toEqual([
            expect.objectContaining({ command: commandIds.showPreview, key: 'ctrl+shift+v', mac: 'cmd+shift+v', when: 'editorLangId == xxgk' }),
            expect.objectContaining({ command: commandIds.showPreviewToSide, key: 'ctrl+k v', mac: 'cmd+k v', when: 'editorLangId == xxgk' }),
        ]);
        const title = manifest.contributes.menus['editor/title'];
        expect(title).toContainEqual(expect.objectContaining({ command: commandIds.showPreviewToSide, when: 'editorLangId == xxgk', group: 'navigation' }));
        expect(title).toContainEqual(expect.objectContaining({ command: commandIds.export, when: `activeWebviewPanelId == '${PREVIEW_VIEW_TYPE}'` }));
        expect(manifest.contributes.configuration.properties['xxgk.export.fontPath']).toMatchObject({ type: 'string', default: '' });
    });

    it('keeps the VS Code floor and ships the webview script the preview loads', () => {
        expect(manifest.engines.vscode).toBe('^1.100.0');
        expect(manifest.devDependencies['@types/vscode']).toMatch(/^\^?1\.100\./);
        expect(readFileSync(path.join(root, 'out/webview/preview.js'), 'utf8')).toContain('xxgk-preview-settings');
        // The client never parses a report: no parser in its bundle.
        expect(bundle).not.toMatch(/LangiumParser|chevrotain/i);
    });
});
