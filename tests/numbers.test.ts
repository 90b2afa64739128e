/** Numbers too large to be exact are invalid values (R5), not rounded ones; sums of valid ones stay exact. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, examplesDir, read } from './support/helpers.js';

describe('numbers too large to be exact', () => {
    const example = read(path.join(examplesDir, 'longgang-2024.xxgk'));

    it('100,000 nines in a count cell is one invalid value with a short message, not Infinity', () => {
        const nines = '9'.repeat(100_000);
        const text = example.replace(/(行政许可 +\| +)0/, `$1${nines}`);
        const findings = check(text).findings;
        expect(findings.map(f => f.code)).toEqual(['xxgk/value-kind']);
        expect(findings[0].message.length).toBeLessThan(200);
        expect(findings[0].message).not.toMatch(/Infinity|e\+/);
        expect(JSON.stringify(check(text).model.tables.get('item5')?.rowsById.get('licensing')?.byColumn.get('decisions')?.value)).toBeUndefined();
    });

    it('a prose number beyond the bound differs from the tables but is not data', () => {
        const text = example.replace('全年新收政府信息公开申请66件', `全年新收政府信息公开申请${'9'.repeat(400)}件`);
        const finding = check(text).findings.find(f => f.code === 'xxgk/prose-count')!;
        expect(finding.data).toMatchObject({ computed: 66 });
        expect(finding.data.reported).toBeUndefined();
        expect(JSON.stringify(finding.data)).not.toContain('null');
    });

    it('sums of 12-digit counts stay exact (no 0.0001 from rounding amounts)', () => {
        const text = example.replace(/行政复议 +\| +1 \| +0 \| +0 \| +0 \| +1/, '行政复议 | 736017668835 | 0 | 0 | 0 | 736017668835');
        expect(check(text).findings).toEqual([]);
    });
});
