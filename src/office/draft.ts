/**
 * `xxgk units init`: a first registry drafted from the reports of a folder, for a person to finish
 * in Excel. One unit per 单位编号 or 机关 (as compared: NFKC, no whitespace), named as in its latest
 * report, its 机关层级 from there; when exactly one report is a people's government's (省/市/县),
 * the other units are put under it. A 备注 column says which years have reports (the registry
 * reader ignores columns it does not know).
 */
import { levels } from '../templates/levels.js';
import type { FilingSummary } from './filing.js';
import { REGISTRY_COLUMNS, unitNameKey } from './registry.js';

interface Draft {
    id?: string;
    name: string;
    level?: string;
    years: Set<number>;
    latest: number;
    order: number;
}

const GOVERNMENT = new Set(['province', 'city', 'county']);

export function draftRegistry(filings: readonly Pick<FilingSummary, 'agency' | 'unitId' | 'year' | 'level'>[]): string[][] {
    const drafts = new Map<string, Draft>();
    for (const f of filings) {
        if (!f.agency && !f.unitId) continue;
        const key = f.unitId !== undefined ? `#${f.unitId}` : unitNameKey(f.agency!);
        const year = f.year ?? -Infinity;
        let d = drafts.get(key);
        if (!d) drafts.set(key, d = { name: f.agency ?? f.unitId!, years: new Set(), latest: -Infinity, order: drafts.size });
        if (f.unitId !== undefined) d.id = f.unitId;
        if (f.year !== undefined) d.years.add(f.year);
        if (year >= d.latest) {
            d.latest = year;
            if (f.agency) d.name = f.agency;
            if (f.level) d.level = f.level;
        }
    }
    const levelRank = (d: Draft) => (d.level ? levels.findIndex(l => l.id === d.level) : levels.length);
    const list = [...drafts.values()].sort((a, b) => levelRank(a) - levelRank(b) || a.order - b.order);
    const width = String(list.length).length;
    const used = new Set(list.map(d => d.id).filter(Boolean));
    let next = 1;
    for (const d of list) {
        if (d.id) continue;
        let id: string;
        do id = String(next++).padStart(Math.max(3, width), '0'); while (used.has(id));
        d.id = id;
    }
    const governments = list.filter(d => d.level && GOVERNMENT.has(d.level));
    const parent = governments.length === 1 ? governments[0] : undefined;
    const header = [...REGISTRY_COLUMNS.map(c => c.label), '备注'];
    const rows = list.map(d => {
        const years = [...d.years].sort((a, b) => a - b);
        return [
            d.id!, d.name, '', d.level ? levels.find(l => l.id === d.level)!.label : '',
            parent && d !== parent ? parent.id! : '', '', '', '', '',
            years.length ? `有 ${years.join('、')} 年度报告` : '报告没有写年度',
        ];
    });
    return [header, ...rows];
}
