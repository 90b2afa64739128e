/** Reports of several years of one 机关, made from the 2021 example with the same layout (cells keep their positions). */
import * as path from 'node:path';
import { expect } from 'vitest';
import { exampleAs } from './example-as.js';
import { examplesDir, read } from './helpers.js';

const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));

/** The example as the report of another year or 机关: same layout, so cells keep their positions. */
export function report(year: number, agency = '深圳市龙岗区某局'): string {
    return exampleAs(example, year, agency);
}

/** Replaces the cells of a row (written with the example's padding, so widths must stay). */
export function setRow(text: string, label: string, values: string[]): string {
    const re = new RegExp(`^([^\\S\\n]*${label}[^\\S\\n]*)((?:\\|[^\\S\\n]*\\S+[^\\S\\n]*)+)$`, 'm');
    const m = re.exec(text);
    expect(m, label).not.toBeNull();
    const cells = m![2].split('|').slice(1);
    expect(cells.length).toBe(values.length);
    const row = cells.map((c, i) => {
        expect(values[i].length).toBe(c.trim().length);
        return c.replace(c.trim(), values[i]);
    });
    return text.replace(re, `$1|${row.join('|')}`);
}

