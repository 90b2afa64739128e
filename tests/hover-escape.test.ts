/** What the user wrote enters hover Markdown escaped: no link, image, emphasis or HTML form survives. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownText } from '../src/editor/describe.js';
import { hoverAt } from '../src/editor/hover.js';
import { check, examplesDir, read } from './support/helpers.js';

describe('user text in Markdown', () => {
    const payload = '![img](http://x)[点此修正](command:xxgk.fix)**粗**<b>&amp;';

    it('is escaped so that no Markdown or HTML form survives', () => {
        const md = markdownText(payload);
        expect(md).toBe('\\!\\[img\\]\\(http\\:\\/\\/x\\)\\[点此修正\\]\\(command\\:xxgk\\.fix\\)\\*\\*粗\\*\\*\\<b\\>\\&amp\\;');
    });

    it('in the hover of an invalid cell and of a cell in an unknown row', () => {
        // What fits in a cell (a colon ends a cell, // starts a comment).
        const inCell = '![img](x.png)[点此修正](command)**粗**<b>&amp;';
        const text = read(path.join(examplesDir, 'longgang-2024.xxgk'))
            .replace(/(行政许可 +\| +)0/, `$1${inCell}`)
            .replace('行政强制 |', `${inCell} |`);
        const { model } = check(text);
        const invalid = hoverAt(model, text.indexOf(inCell) + 2)!;
        expect(invalid.markdown).toContain(`无法读取「${markdownText(inCell)}」`);
        const unknownRow = text.lastIndexOf(inCell);
        const cell = hoverAt(model, text.indexOf('0', text.indexOf('|', unknownRow)))!;
        expect(cell.markdown).toContain(`**${markdownText(inCell)} · `);
        for (const md of [invalid.markdown, cell.markdown]) expect(md).not.toMatch(/[^\\]\]\(|<b>|[^\\]&amp/);
    });
});
