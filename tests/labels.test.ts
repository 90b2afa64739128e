/**
 * Printed labels and headings (issue 8 §2): numbering is evidence, recognisable abbreviations,
 * lost characters and typos are variants of one official label, a missing section heading is one
 * finding, and numbers that cannot be placed are listed, never dropped silently.
 */
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clearDocuments } from 'langium/test';
import { nationalRegistry } from '../src/templates/registry.js';
import { indexOf } from '../src/templates/template-index.js';
import { contradicts, numberingIn, Vocabulary } from '../src/templates/vocabulary.js';
import { looseKey } from '../src/util/text.js';
import { check, examplesDir, read } from './support/helpers.js';
import { expectFix, lspServices } from './support/lsp-services.js';

const rows2021 = indexOf(nationalRegistry.get('2021')!).tables.get('applications')!.rowVocabulary;
const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));

describe('label matching', () => {
    it('reads the numbering of a label', () => {
        expect(numberingIn(looseKey('（六）其他处理'))).toEqual({ level: 'group', n: 6 });
        expect(numberingIn(looseKey('三、本年度办理结果'))).toEqual({ level: 'section', n: 3 });
        expect(numberingIn(looseKey('3.其他'))).toEqual({ level: 'item', n: 3 });
        expect(numberingIn(looseKey('(3)其他'))).toEqual({ level: 'item', n: 3 });
        expect(numberingIn(looseKey('（十二）其他'))).toEqual({ level: 'group', n: 12 });
        expect(numberingIn('其他')).toBeUndefined();
        expect(contradicts({ level: 'group', n: 6 }, { level: 'item', n: 3 })).toBe(true);
        expect(contradicts({ level: 'group', n: 3 }, { level: 'item', n: 3 })).toBe(true);
        expect(contradicts(undefined, { level: 'item', n: 3 })).toBe(false);
    });

    it('never matches a label whose numbering contradicts the written one', () => {
        expect(rows2021.lookup('(六) 其他')?.item.id).toBe('otherHandling');
        expect(rows2021.lookup('其他')?.item.id).toBe('otherReason');
        expect(rows2021.lookup('3.其他')?.item.id).toBe('otherReason');
        expect(rows2021.lookup('(三)其他')).toBeUndefined();
        expect(rows2021.lookup('4.其他')).toBeUndefined();
        expect(rows2021.suggest('(五)其他')?.item.id).not.toBe('otherReason');
    });

    it('takes cut-short, lossy and mistyped labels as variants of exactly one label', () => {
        const columns = indexOf(nationalRegistry.get('2021')!).tables.get('applications')!.columnVocabulary;
        expect(columns.lookup('法律服务')).toMatchObject({ item: { id: 'legal' }, quality: 'variant' });
        expect(rows2021.lookup('2.其他法律行政止公开')).toMatchObject({ item: { id: 'prohibited' }, quality: 'variant' });
        const review = indexOf(nationalRegistry.get('2021')!).tables.get('review')!;
        expect(review.rowVocabulary.lookup('行政复义')).toMatchObject({ item: { id: 'adminReview' }, quality: 'variant' });
        // Two labels equally close: none is chosen.
        const two = new Vocabulary([{ label: '结果维持' }, { label: '结果纠正' }], 'warn', { fuzzy: true });
        expect(two.lookup('结果')).toBeUndefined();
        // Only where asked for: a format name is never guessed.
        expect(nationalRegistry.resolve('2020')).toBeUndefined();
        expect(new Vocabulary([{ label: '行政复议' }]).lookup('行政复义')).toBeUndefined();
    });
});

describe('a section heading left out', () => {
    const { Xxgk } = lspServices();
    afterEach(() => clearDocuments(Xxgk));

    it('reads its tables as that section, with their rules', () => {
        const text = longgang.replace('三、收到和处理政府信息公开申请情况\n\n', '')
            .replace(/(5\.属于三类内部事务信息 +\|[^\n]*\| +)1\n/, '$12\n');
        const { model, findings } = check(text);
        expect(findings.filter(f => f.rule === 'R22' || f.rule === 'R23').map(f => f.code)).toEqual(['xxgk/section-heading-missing']);
        expect(findings.find(f => f.code === 'xxgk/row-total')?.data).toMatchObject({ computed: 1, reported: 2, row: 'internal' });
        const section = model.sectionsById.get('applications')!;
        expect(section).toMatchObject({ headingMissing: true, label: '三、收到和处理政府信息公开申请情况' });
        expect(section.tables.map(t => t.def.id)).toEqual(['applications']);
    });

    it('is added by its quick fix', async () => {
        const fixed = longgang;
        const text = fixed.replace('三、收到和处理政府信息公开申请情况\n\n', '');
        await expectFix(text, 'xxgk/section-heading-missing', fixed);
        expect(check(fixed).findings.filter(f => f.data.section === 'applications')).toEqual([]);
        expect(check(text).findings.filter(f => f.data.section === 'applications').map(f => f.code)).toEqual(['xxgk/section-heading-missing']);
    });
});

describe('numbers that cannot be placed', () => {
    it('are listed in the finding of their row or column', () => {
        const text = longgang.replace('法律服务机构 | 其他 | 总计', '律所 | 其他 | 总计');
        const column = check(text).findings.find(f => f.code === 'xxgk/column-unknown')!;
        expect(column.severity).toBe('error');
        expect(column.data.dropped).toHaveLength(25);
        expect((column.data.dropped as string[]).filter(n => n !== '0')).toEqual(['1', '1', '1']);
        expect(column.message).toMatch(/本列的数字未参与核对：1（第 52 行）、0（第 53 行）/);
        const row = check(longgang.replace('    3.其他          ', '    9.别的情形      ')).findings.find(f => f.code === 'xxgk/row-unknown')!;
        expect(row.message).toMatch(/本行的数字未参与核对：1、0、0、0、0、0、1$/);
        const group = check(longgang.replace(/^行政诉讼$/m, '行政诉讼 | 0 | 0 | 0 | 1 | 1')).findings.find(f => f.code === 'xxgk/group-values')!;
        expect(group.message).toBe('「行政诉讼」是分组行，不填数字；请填在其下各项中（本行的数字未参与核对：0、0、0、1、1）');
        expect(group.data.dropped).toEqual(['0', '0', '0', '1', '1']);
    });
});
