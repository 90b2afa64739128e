/** Every example and fixture parses; the model keeps prose verbatim and sees the structure the template describes. */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/language/generated/ast.js';
import { check, examplesDir, fixturesDir, read, root, services, xxgkFiles } from './support/helpers.js';

const files = [examplesDir, path.join(fixturesDir, 'rules'), path.join(fixturesDir, 'clean')].flatMap(xxgkFiles);

describe('parsing', () => {
    for (const file of files) {
        it(`parses ${path.relative(root, file)} without lexer or parser errors`, () => {
            const result = services().Xxgk.parser.LangiumParser.parse<Report>(read(file));
            expect(result.lexerErrors).toEqual([]);
            expect(result.parserErrors).toEqual([]);
            expect(result.value.lines.length).toBeGreaterThan(20);
        });
    }

    it('reads lines as metadata, text blocks and rows', () => {
        const result = services().Xxgk.parser.LangiumParser.parse<Report>('标题：某局年报 // 注释\n"""\n正文\n"""\n规章 | 0 | 1\n年度2020\n');
        expect(result.value.lines.map(l => l.$type)).toEqual(['MetaField', 'TextBlock', 'Row', 'Row']);
    });
});

describe('the seed example', () => {
    const seedText = read(path.join(fixturesDir, 'seed', '000_c2253c531b62b367.txt'));
    const { model } = check(read(path.join(examplesDir, 'yanshi-2020.xxgk')));

    it('has the metadata, six sections and every table of the 2019 format', () => {
        expect(model.meta.agency?.value).toBe('偃师市科学技术局');
        expect(model.meta.year?.value).toBe(2020);
        expect(model.template.id).toBe('2019');
        expect(model.sections.map(s => s.def.numeral)).toEqual(['一', '二', '三', '四', '五', '六']);
        expect([...model.tables.keys()]).toEqual(['item1', 'item5', 'item6', 'item8', 'item9', 'applications', 'review']);
        expect(model.tables.get('applications')!.rows).toHaveLength(27); // 23 rows with numbers + 4 group labels
        expect(model.tables.get('review')!.rows.map(r => r.def?.id)).toEqual(['adminReview', 'litigation', 'directSuit', 'suitAfterReview']);
    });

    it('keeps every paragraph of the prose exactly as the seed has it', () => {
        const prose = model.sections.flatMap(s => s.prose.map(p => p.text)).join('\n');
        const paragraphs = seedText.split('\n').filter(l => /[。：:]$/.test(l.trim()) && !l.includes('\t'));
        expect(paragraphs.length).toBeGreaterThan(8);
        for (const paragraph of paragraphs) expect(prose).toContain(paragraph);
        expect(model.sections[0].prose[0].text.startsWith('(一) 政务信息主动公开情况。')).toBe(true);
        expect(model.sections[5].prose[0].text).toBe('暂无其它需要报告的事项。');
    });
});

describe('line endings', () => {
    it('checks CRLF text and a byte-order mark the same as LF text', () => {
        const text = read(path.join(fixturesDir, 'rules', 'r2-row-total.xxgk'));
        const lf = check(text).findings.map(f => [f.code, f.message]);
        const crlf = check(`\ufeff${text.replace(/\n/g, '\r\n')}`);
        expect(crlf.findings.map(f => [f.code, f.message])).toEqual(lf);
        expect(crlf.model.sections[0].prose[0].text).toContain('\r\n');
    });
});

describe('the title', () => {
    it('is 标题 when written, and made from 机关 and 年度 when not', () => {
        const text = read(path.join(examplesDir, 'longgang-2024.xxgk'));
        expect(check(text).model.title).toBe('深圳市龙岗区某局2024年政府信息公开工作年度报告');
        expect(check(text.replace('标题：深圳市龙岗区某局2024年', '标题：龙岗某局2024年')).model.title).toBe('龙岗某局2024年政府信息公开工作年度报告');
        expect(check(text.replace(/标题：.*\n/, '')).model.title).toBe('深圳市龙岗区某局2024年政府信息公开工作年度报告');
    });
});

describe('broken documents', () => {
    it('still get every rule finding that can be computed from the parts that are whole', () => {
        const text = read(path.join(fixturesDir, 'rules', 'r2-row-total.xxgk'));
        const broken = text
            .replace('  （二）部分公开', '@@ ### ： ： ｜｜ """ 未闭合"""\n乱码行 ：：\n  （二）部分公开')
            .replace(/$/, '\n"""\n没有结束的文本块');
        const codes = check(broken).findings.map(f => f.code);
        expect(codes).toContain('xxgk/row-total');
        expect(codes).toContain('xxgk/results-total');
        expect(codes).toContain('xxgk/text-unclosed');
        expect(codes).toContain('xxgk/line-unknown');
    });
});
