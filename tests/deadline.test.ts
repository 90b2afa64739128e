/** R21: the publication deadline by 机关层级 (levels as data), a local earlier deadline, and the findings. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/rules/check.js';
import { deadlineFor, formatDeadline, parseDeadline } from '../src/rules/deadline.js';
import { levels } from '../src/templates/levels.js';
import { examplesDir, read, services } from './support/helpers.js';

const level = (label: string) => levels.find(l => l.label === label)!;
const longgang = read(path.join(examplesDir, 'longgang-2024.xxgk'));

describe('deadlineFor', () => {
    it('gives 31 January of the next year, and 31 March for a county-level-or-higher government', () => {
        expect(deadlineFor(level('部门'), 2024)).toMatchObject({ date: { year: 2025, month: 1, day: 31 }, basis: 'level' });
        expect(deadlineFor(level('国务院部门'), 2024).date).toEqual({ year: 2025, month: 1, day: 31 });
        for (const government of ['省', '市', '县']) expect(deadlineFor(level(government), 2024).date).toEqual({ year: 2025, month: 3, day: 31 });
        expect(deadlineFor(level('乡'), 2024).date).toEqual({ year: 2025, month: 1, day: 31 });
        expect(deadlineFor(level('其他'), 2024).date).toEqual({ year: 2025, month: 1, day: 31 });
        // No 机关层级: the latest statutory deadline, so nobody is called late wrongly.
        expect(deadlineFor(undefined, 2024)).toMatchObject({ date: { year: 2025, month: 3, day: 31 }, basis: 'latest' });
    });

    it('takes a local deadline: a day of the next year, or one date', () => {
        expect(deadlineFor(level('县'), 2024, parseDeadline('01-20'))).toMatchObject({ date: { year: 2025, month: 1, day: 20 }, basis: 'local' });
        expect(deadlineFor(level('部门'), 2023, parseDeadline('2025-01-10')).date).toEqual({ year: 2025, month: 1, day: 10 });
        expect(deadlineFor(level('部门'), 2022, parseDeadline('02-29')).date).toEqual({ year: 2023, month: 2, day: 28 });
        expect(deadlineFor(level('部门'), 2023, parseDeadline('02-29')).date).toEqual({ year: 2024, month: 2, day: 29 });
    });

    it('reads MM-DD, M月D日 and dates, and nothing else', () => {
        expect(parseDeadline('1-20')).toEqual({ kind: 'day', month: 1, day: 20 });
        expect(parseDeadline('1月20日')).toEqual({ kind: 'day', month: 1, day: 20 });
        expect(parseDeadline('２０２５－０１－１０')).toEqual({ kind: 'date', date: { year: 2025, month: 1, day: 10 } });
        for (const bad of ['13-01', '02-30', '2025-02-30', 'soon', '', '0120']) expect(parseDeadline(bad), bad).toBeUndefined();
        expect(formatDeadline(parseDeadline('1-5')!)).toBe('01-05');
    });
});

describe('R21 findings', () => {
    const codes = (text: string, deadline?: string) =>
        checkText(text, services().Xxgk, undefined, { deadline: deadline ? parseDeadline(deadline) : undefined }).findings.filter(f => f.rule === 'R21');

    it('is silent within the deadline, and the 31 March of a government is not late', () => {
        expect(codes(longgang)).toEqual([]);
        expect(codes(longgang.replace('机关层级：部门', '机关层级：县').replace('发布日期：2025-01-20', '发布日期：2025-03-20'))).toEqual([]);
        expect(codes(longgang.replace('机关层级：部门\n', '').replace('发布日期：2025-01-20', '发布日期：2025-03-31'))).toEqual([]);
    });

    it('says a report is late against a local deadline, with both dates', () => {
        const [late] = codes(longgang, '01-15');
        expect(late.code).toBe('xxgk/published-late');
        expect(late.data).toMatchObject({ deadline: '2025-01-15', basis: 'local' });
        expect(late.message).toBe('发布日期 2025-01-20 晚于发布期限 2025-01-15（本地规定的期限）');
        expect(longgang.slice(late.span.start, late.span.end)).toBe('2025-01-20');
    });

    it('names the latest deadline when 机关层级 is not declared', () => {
        const [late] = codes(longgang.replace('机关层级：部门\n', '').replace('发布日期：2025-01-20', '发布日期：2025-04-02'));
        expect(late.message).toBe('发布日期 2025-04-02 晚于发布期限 2025-03-31（未声明机关层级，按最晚的法定期限（县级以上人民政府的年度报告，次年 3 月 31 日前））');
    });

    it('says nothing about a date it cannot read (that has its own finding) or without 年度', () => {
        expect(codes(longgang.replace('发布日期：2025-01-20', '发布日期：明年'))).toEqual([]);
        expect(codes(longgang.replace('年度：2024\n', '').replace('发布日期：2025-01-20\n', ''))).toEqual([]);
    });
});
