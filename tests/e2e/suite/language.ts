/** The language contribution as VS Code applies it to .xxgk files. */
import * as vscode from 'vscode';
import { assertEqual, type TestCase } from '../runner.mjs';

export const languageTests: TestCase[] = [
    {
        name: 'full-width punctuation in a report is not boxed as ambiguous (editor defaults for [xxgk])',
        fn: async () => {
            // （），：are what a Chinese report is written in; VS Code boxes them as look-alikes of
            // ASCII unless the language turns that off, as VS Code itself does for Markdown.
            const editor = vscode.workspace.getConfiguration('editor', { languageId: 'xxgk' });
            assertEqual(editor.get('unicodeHighlight.ambiguousCharacters'), false, 'editor.unicodeHighlight.ambiguousCharacters for xxgk');
            assertEqual(editor.get('unicodeHighlight.invisibleCharacters'), false, 'editor.unicodeHighlight.invisibleCharacters for xxgk');
            const plain = vscode.workspace.getConfiguration('editor', { languageId: 'plaintext-not-xxgk' });
            assertEqual(plain.get('unicodeHighlight.ambiguousCharacters'), true, 'the same setting for other languages (unchanged)');
        },
    },
];
