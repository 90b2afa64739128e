/**
 * The comparison as a Word document (landscape A4, the report writer's tables: src/export/docx.ts):
 * per table last year's table, then this year's with each changed cell's change after its value
 * (「58（+18）」, a spike as 「12（+10 ×6.0 突增）」).
 */
import { Paragraph, type Table } from 'docx';
import { packDocument, run, table } from '../export/docx.js';
import { page } from '../render/typography.js';
import { renderStrings as R } from '../render/strings.js';
import type { ViewCell, ViewTable } from '../render/view-model.js';
import { tablesOf, type CompareView } from './view.js';
import { compareStrings as S } from './strings.js';

/** This year's table with each changed cell's change written after its value. */
export function withChanges(t: ViewTable): ViewTable {
    const cell = (c: ViewCell): ViewCell => {
        if (!c.change || c.change.delta === '0') return c;
        const ratio = c.change.spike && c.change.ratio !== undefined ? ` ${R.ratio(c.change.ratio)}` : '';
        const spike = c.change.spike ? ` ${R.spike[c.change.spike]}` : '';
        return { ...c, text: `${c.text}（${c.change.delta}${ratio}${spike}）` };
    };
    return { ...t, body: t.body.map(row => row.map(cell)) };
}

export async function exportCompareDocx(view: CompareView): Promise<Buffer> {
    const width = page.height - page.left - page.right; // landscape: the page is as wide as A4 is high
    const children: (Paragraph | Table)[] = [
        new Paragraph({ children: [run(view.title, 'heading')] }),
        new Paragraph({ children: [run(S.summary(view.counts.changed, view.counts.spikes, view.this.findings.length), 'table')] }),
        ...(view.paired ? [] : [new Paragraph({ children: [run(S.notPaired, 'table')] })]),
        new Paragraph({ children: [run(S.spikeLegend, 'table')] }),
    ];
    const lastTables = tablesOf(view.last);
    const thisTables = tablesOf(view.this);
    let heading = '';
    for (const t of view.tables) {
        if (t.heading !== heading) {
            heading = t.heading;
            children.push(new Paragraph({ keepNext: true, spacing: { before: 240 }, children: [run(heading, 'heading')] }));
        }
        for (const [which, tables, year] of [['last', lastTables, view.lastYear], ['this', thisTables, view.year]] as const) {
            const found = tables.get(t.id)?.table;
            children.push(new Paragraph({ keepNext: true, spacing: { before: 120 }, children: [run(`${S.yearHeading(year, which)}　${t.name}`, 'subheading')] }));
            if (found) children.push(table(which === 'this' ? withChanges(found) : found, width));
            else children.push(new Paragraph({ children: [run(S.onlyIn(which === 'this' ? view.lastYear : view.year), 'table')] }));
        }
    }
    return packDocument(children, { title: view.title, subject: S.spikeLegend, description: view.agency ?? '', landscape: true });
}
