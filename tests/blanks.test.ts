/**
 * Blank cells (issue 8 §1): a blank is an unknown the table's equalities may determine, so one
 * blank is blamed on itself and never on the correct cells around it; one finding per row; fixes
 * fill what the finding says.
 */
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdits, fixesFor } from '../src/editor/fixes.js';
import { hoverAt } from '../src/editor/hover.js';
import type { CellModel, ReportModel } from '../src/model/types.js';
import { cellReading, effectiveValue, readingOfCell } from '../src/rules/engine.js';
import { format2019 } from '../src/templates/format-2019.js';
import { format2021 } from '../src/templates/format-2021.js';
import { check, fixturesDir, read } from './support/helpers.js';
import { generateReport } from '../bench/generate.js';

/** A complete, consistent report with random numbers (the bench's generator). */
const consistentReport = (template: typeof format2021, seed: number) => generateReport(template, seed, false);

const fixture = (name: string) => read(path.join(fixturesDir, 'rules', name));

/** Every value cell of the report's tables with a number written in it. */
function numberCells(model: ReportModel): { table: string; row?: string; cell: CellModel }[] {
    return [...model.tables.values()].flatMap(t => t.rows.flatMap(r => r.cells
        .filter(c => c.state === 'number' && c.column && r.byColumn.get(c.column.id) === c)
        .map(cell => ({ table: t.def.id, row: r.def?.id, cell }))));
}

const placeholders = ['', '-', '/', '—', '／'];
const templates = { 2019: format2019, 2021: format2021 } as const;

/** The text with one cell replaced by a placeholder (blank cells keep a space on each side). */
function blankOut(text: string, cell: CellModel, placeholder: string): string {
    return text.slice(0, cell.span.start) + (placeholder || ' ') + text.slice(cell.span.end);
}

describe('generated reports', () => {
    it('are consistent (no findings at all)', () => {
        for (let seed = 1; seed <= 20; seed++) {
            for (const template of [format2019, format2021]) {
                const text = consistentReport(template, seed);
                expect(check(text).findings.map(f => `${f.code} ${f.message}`), `${template.id} #${seed}`).toEqual([]);
            }
        }
    });
});

describe('blanking a cell', () => {
    const report = fc.record({
        template: fc.constantFrom('2019', '2021'),
        seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        pick: fc.nat(),
        placeholder: fc.constantFrom(...placeholders),
    });

    it('never puts an error on a cell whose value is right given the others', () => {
        fc.assert(fc.property(report, ({ template, seed, pick, placeholder }) => {
            const text = consistentReport(templates[template], seed);
            const cells = numberCells(check(text).model);
            const { cell, table, row } = cells[pick % cells.length];
            const blanked = blankOut(text, cell, placeholder);
            const after = check(blanked);
            const start = cell.span.start;
            // Errors only where the blank is (e.g. a blank that no equality determines and a rule needs ≠ 0): never elsewhere.
            const elsewhere = after.findings.filter(f => f.severity === 'error' && f.span.start !== start && f.span.start !== start + 1);
            expect(elsewhere.map(f => `${f.code} ${f.message}`)).toEqual([]);
            // The blank has its finding (its table's, when it was the table's only number), and where the
            // equalities determine it, they give back the value it had.
            const blankFinding = after.findings.find(f => (f.code === 'xxgk/blank-cell' && f.data.row === row || f.code === 'xxgk/table-empty') &&
                f.data.table === table);
            expect(blankFinding).toBeDefined();
            const model = after.model.tables.get(table)!;
            const written = model.rows.find(r => r.def?.id === row)!.byColumn.get(cell.column!.id)!;
            const reading = readingOfCell(model, written);
            if (reading.source === 'inferred') expect(reading.value).toBe(cell.value);
        }), { numRuns: 300, seed: 8 });
    });

    it('with every 总计 of the disposition rows blank, blames the blanks and no other cell', () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom('2019', '2021'), (seed, template) => {
            const text = consistentReport(templates[template], seed);
            const table = check(text).model.tables.get('applications')!;
            const totals = table.rows.filter(r => r.def && table.index.rowById.get(r.def.id)?.parent?.id !== undefined && r.def.id !== 'resultsTotal')
                .map(r => r.byColumn.get('total')!).filter(Boolean).sort((a, b) => b.span.start - a.span.start);
            const blanked = totals.reduce((t, c) => blankOut(t, c, ''), text);
            const after = check(blanked);
            expect(after.findings.filter(f => f.severity === 'error')).toEqual([]);
            const blanks = after.findings.filter(f => f.code === 'xxgk/blank-cell');
            expect(blanks.length).toBe(totals.length);
            // Each row's finding carries the row's sum: the value a fix writes.
            expect(blanks.map(f => f.data.computed)).toEqual([...totals].reverse().map(c => c.value));
        }), { numRuns: 40, seed: 3 });
    });

    // R24 counts a blank cell as 0 and a blank total as its row's sum: blanking the cell a prose number is
    // compared with never hides a mismatch.
    it('never hides a prose mismatch (R24)', () => {
        fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.nat(), fc.constantFrom(...placeholders), (seed, pick, placeholder) => {
            const base = consistentReport(format2021, seed);
            // The prose states 新收 N + 1 where the table says N: a mismatch R24 reports.
            const received = check(base).model.tables.get('applications')!.rowsById.get('received')!.byColumn.get('total')!.value!;
            const text = base.replace('"""\n', `"""\n（二）依申请公开。全年新收政府信息公开申请${received + 1}件。\n`);
            const before = check(text).findings.filter(f => f.code.startsWith('xxgk/prose-')).map(f => f.span.start);
            expect(before.length).toBeGreaterThan(0);
            const table = check(text).model.tables.get('applications')!;
            const cells = ['received', 'disclosed'].flatMap(id => table.rowsById.get(id)!.cells);
            const cell = cells[pick % cells.length];
            const after = check(blankOut(text, cell, placeholder)).findings.filter(f => f.code.startsWith('xxgk/prose-')).map(f => f.span.start);
            for (const start of before) expect(after).toContain(start);
        }), { numRuns: 100, seed: 5 });
    });
});

describe('how the rules read a blank', () => {
    it('a blank 总计 with filled terms reads as their sum, and says so', () => {
        const text = fixture('r7-blank-totals.xxgk');
        const table = check(text).model.tables.get('applications')!;
        const reading = cellReading(table, 'partly', 'total')!;
        expect(reading).toMatchObject({ value: 96, source: 'inferred' });
        expect(reading.by?.rule.code).toBe('xxgk/row-total');
        // A group counted as its sub-rows says that one of them was determined.
        expect(cellReading(table, 'withheld', 'total')).toMatchObject({ value: 25, source: 'sum', inferred: true });
        expect(cellReading(table, 'resultsTotal', 'total')).toMatchObject({ source: 'written', value: 408 });
        expect(effectiveValue(table, 'partly', 'total')).toBe(96);
    });

    it('a blank that the rules disagree about counts as 0', () => {
        const table = check(fixture('r7-blank-ambiguous.xxgk')).model.tables.get('applications')!;
        expect(cellReading(table, 'disclosed', 'research')).toMatchObject({ value: 0, source: 'blank' });
    });

    it('an annotated number counts as its number', () => {
        const table = check(fixture('r5-annotated.xxgk')).model.tables.get('applications')!;
        const cell = table.rowsById.get('disclosed')!.byColumn.get('person')!;
        expect(cell).toMatchObject({ state: 'number', value: 80, note: '含当场答复12件', text: '80（含当场答复12件）' });
        expect(cellReading(table, 'resultsTotal', 'total')).toMatchObject({ value: 408, source: 'written' });
    });
});

describe('hover', () => {
    it('explains an annotated number: its value, its note, that it counts as the number', () => {
        const text = fixture('r5-annotated.xxgk');
        const at = text.indexOf('80（含当场答复12件）') + 1;
        const markdown = hoverAt(check(text).model, at)!.markdown;
        expect(markdown).toContain('填写值：「80（含当场答复12件）」');
        expect(markdown).toContain('按 **80** 计入各项核对');
        expect(markdown).toContain('「含当场答复12件」是注释');
    });

    it('says which value a blank total is read as, and why', () => {
        const text = fixture('r7-blank-totals.xxgk');
        const line = text.split('\n').findIndex(l => l.startsWith('  （二）部分公开'));
        const offset = text.split('\n').slice(0, line).join('\n').length + 1 + text.split('\n')[line].lastIndexOf('|  |') + 2;
        const markdown = hoverAt(check(text).model, offset)!.markdown;
        expect(markdown).toContain('空（按「行总计 = 六类申请人之和」推算为 **96**，各项核对按 96 计）');
    });
});

describe('one finding per row', () => {
    it('a table with 100+ blank cells has one finding per row, each listing its blank columns', () => {
        const analysis = check(fixture('r7-blank-columns.xxgk'));
        const table = analysis.model.tables.get('applications')!;
        const blankCells = table.rows.flatMap(r => r.cells.filter(c => c.state === 'blank' || c.state === 'missing'));
        expect(blankCells.length).toBeGreaterThan(100);
        const findings = analysis.findings.filter(f => f.code === 'xxgk/blank-cell' && f.data.table === 'applications');
        expect(findings.length).toBe(table.rows.filter(r => r.cells.length).length);
        for (const f of findings) {
            expect((f.data.cells as { column: string }[]).map(c => c.column)).toEqual(['business', 'research', 'charity', 'legal', 'otherOrg']);
        }
    });
});

describe('fixes for blanks', () => {
    const reanalyze = (t: string) => check(t);

    it('fill a blank 总计 with its computed value (and never write 0 over a correct total)', () => {
        const text = fixture('r7-blank-totals.xxgk');
        const analysis = check(text);
        const finding = analysis.findings.find(f => f.code === 'xxgk/blank-cell' && f.data.row === 'partly')!;
        const fixes = fixesFor(analysis, [finding], reanalyze);
        expect(fixes.map(f => f.title)).toEqual([
            '按计算值填写总计', '填写本表的全部空格（按 0 或计算值）', '忽略此处的 xxgk/blank-cell（插入 xxgk-disable-next-line 注释）',
        ]);
        const fixed = applyEdits(text, fixes[0].edits);
        expect(fixed.split('\n')[43]).toMatch(/\| 2 \| 0 \| 96 \|/);
        expect(check(fixed).findings.filter(f => f.code === 'xxgk/blank-cell' && f.data.row === 'partly')).toEqual([]);
        // The table's fix fills every row; nothing is left, and the correct （七）总计 408 is untouched.
        const all = applyEdits(text, fixes[1].edits);
        expect(check(all).findings.map(f => f.code)).toEqual([]);
        expect(all.split('\n').find(l => l.startsWith('  （七）总计'))).toContain('408');
    });

    it('fill blank terms with 0 and the determined ones with their value, in one fix per row', () => {
        const text = fixture('r7-blank-subtotal.xxgk');
        const analysis = check(text);
        const finding = analysis.findings.find(f => f.code === 'xxgk/blank-cell')!;
        const [fix] = fixesFor(analysis, [finding], reanalyze);
        expect(fix.title).toBe('按计算值填写商业企业、总计');
        expect(check(applyEdits(text, fix.edits)).findings).toEqual([]);
    });

    it('keep 「-」 and 「/」 rows fixable with 0', () => {
        const text = fixture('r7-dash-slash.xxgk');
        const analysis = check(text);
        const finding = analysis.findings.find(f => f.code === 'xxgk/blank-cell' && f.data.row === 'rules')!;
        const [fix] = fixesFor(analysis, [finding], reanalyze);
        expect(fix.title).toBe('以 0 填写本行空格');
        expect(applyEdits(text, fix.edits).split('\n').find(l => l.startsWith('规章'))).toMatch(/^规章 +\| 0 \| 0 \| 0/);
    });
});
