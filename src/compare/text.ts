/** The comparison as plain text (`xxgk compare` without --format): the changed cells per table, spikes marked, the cross-year findings. */
import { renderStrings as R } from '../render/strings.js';
import { visibleText } from '../util/text.js';
import type { CompareView } from './view.js';
import { compareStrings as S } from './strings.js';

export function compareText(view: CompareView, thisPath: string): string[] {
    const lines = [view.title, S.summary(view.counts.changed, view.counts.spikes, view.this.findings.length)];
    if (!view.paired) lines.push(S.notPaired);
    for (const table of view.tables) {
        const changes = view.changes.filter(c => c.table === table.id);
        if (!table.inLast || !table.inThis) {
            lines.push('', `${table.heading} ${table.name}：${S.onlyIn(table.inThis ? view.year : view.lastYear)}`);
            continue;
        }
        if (!changes.length) continue;
        lines.push('', `${table.heading} ${table.name}`);
        for (const c of changes) {
            const ratio = c.ratio !== undefined ? `  ${R.ratio(c.ratio)}` : '';
            const spike = c.spike ? `  ${R.spike[c.spike]}` : '';
            lines.push(`  ${c.row} ${c.column}：${c.last} → ${c.this}  ${c.delta}${ratio}${spike}`);
        }
    }
    if (view.this.findings.length) {
        lines.push('');
        const file = visibleText(thisPath);
        for (const f of view.this.findings) lines.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${f.severity} ${f.code} ${f.message}`);
    }
    return lines;
}
