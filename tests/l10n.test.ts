/**
 * The extension's own UI in English and Simplified Chinese: every `%key%` of package.json has an
 * English and a Chinese text, and every `l10n.t(…)` string of the client has a zh-cn translation.
 * (Diagnostics are Chinese by design and not translated.)
 */
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { read, root } from './support/helpers.js';

const json = (file: string) => JSON.parse(read(path.join(root, file))) as Record<string, unknown>;
// Han characters, or CJK / full-width punctuation ("Word（DOCX）").
const hasHan = (text: string) => /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/.test(text);
const placeholders = (text: string) => [...text.matchAll(/\{\d+\}|`[^`]*`/g)].map(m => m[0]).sort();

/** All `%key%` strings anywhere in package.json. */
function manifestKeys(value: unknown, found = new Set<string>()): Set<string> {
    if (typeof value === 'string') {
        const m = /^%(.+)%$/.exec(value);
        if (m) found.add(m[1]);
    } else if (Array.isArray(value)) {
        value.forEach(v => manifestKeys(v, found));
    } else if (value && typeof value === 'object') {
        Object.values(value).forEach(v => manifestKeys(v, found));
    }
    return found;
}

function sourceFiles(dir: string): string[] {
    return readdirSync(dir).flatMap(name => {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) return sourceFiles(file);
        return /\.(ts|tsx|mts|js|mjs)$/.test(name) ? [file] : [];
    });
}

/** The message keys of `l10n.t('…')` calls (string literal or `{ message: '…' }`) in the client. */
function l10nKeys(): { keys: Set<string>; unreadable: string[] } {
    const keys = new Set<string>();
    const unreadable: string[] = [];
    for (const file of sourceFiles(path.join(root, 'client'))) {
        const text = read(file);
        for (const call of text.matchAll(/\bl10n\.t\(\s*/g)) {
            const rest = text.slice(call.index + call[0].length);
            const literal = /^(?:\{\s*message\s*:\s*)?(['"`])((?:\\.|(?!\1)[^\\])*)\1/.exec(rest);
            if (literal && !(literal[1] === '`' && literal[2].includes('${'))) {
                keys.add(JSON.parse(`"${literal[2].replace(/\\'/g, "'").replace(/"/g, '\\"')}"`));
            } else {
                unreadable.push(`${path.relative(root, file)}: l10n.t(${rest.slice(0, 40)}…`);
            }
        }
    }
    return { keys, unreadable };
}

describe('package.json strings (package.nls*.json)', () => {
    const used = manifestKeys(json('package.json'));
    const english = json('package.nls.json');
    const chinese = json('package.nls.zh-cn.json');

    it('the display name, description and settings are localised, not written into package.json', () => {
        const manifest = json('package.json') as { displayName: string; description: string };
        expect(manifest.displayName).toBe('%displayName%');
        expect(manifest.description).toBe('%description%');
        expect(used.size).toBeGreaterThan(10);
    });

    it('every %key% in package.json has an English text, and every English text is used', () => {
        expect([...used].filter(k => !(k in english))).toEqual([]);
        expect(Object.keys(english).filter(k => !used.has(k))).toEqual([]);
    });

    it('the zh-cn file covers every key, in Chinese, with the same placeholders and code spans', () => {
        expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
        for (const [key, text] of Object.entries(chinese)) {
            expect(typeof text === 'string' && hasHan(text), `${key} is Chinese`).toBe(true);
            expect(placeholders(text as string), key).toEqual(placeholders(english[key] as string));
        }
    });
});

describe('runtime strings of the client (l10n/bundle.l10n*.json)', () => {
    const { keys, unreadable } = l10nKeys();
    const english = json('l10n/bundle.l10n.json');
    const chinese = json('l10n/bundle.l10n.zh-cn.json');

    it('every l10n.t call uses a literal message the bundles can be checked against', () => {
        expect(unreadable).toEqual([]);
        expect(keys.size).toBeGreaterThan(0);
    });

    it('the source bundle lists exactly the messages the client uses', () => {
        expect(Object.keys(english).sort()).toEqual([...keys].sort());
        for (const [key, text] of Object.entries(english)) expect(text, key).toBe(key);
    });

    it('the zh-cn bundle covers every message, in Chinese, with the same placeholders', () => {
        expect(Object.keys(chinese).sort()).toEqual([...keys].sort());
        for (const [key, text] of Object.entries(chinese)) {
            expect(typeof text === 'string' && hasHan(text), `${key} is Chinese`).toBe(true);
            expect(placeholders(text as string), key).toEqual(placeholders(key));
        }
    });

    it('package.json points VS Code at the bundles', () => {
        expect(json('package.json').l10n).toBe('./l10n');
    });
});
