/**
 * The registry-based findings of a report (`xxgk check --registry`, and in the editor when a
 * registry is set): which unit it is (unmatched, ambiguous, unknown 单位编号, a 单位编号 that is not
 * the 机关, a unit not in existence that year, a second report of the same unit and year) and
 * whether it repeats the unit's report of the year before (内容雷同, info).
 *
 * Findings carry their span and its line/character range (from the filing's anchors), so the CLI
 * and the server place them without the text.
 */
import type { Finding, FindingData, RelatedSpan } from '../model/types.js';
import { catalogEntry, type CatalogCode } from '../rules/catalog.js';
import type { SummarySpan } from '../rules/cross-year.js';
import { fillTemplate } from '../util/text.js';
import type { Filing } from './filing.js';
import type { FilingIndex } from './filings.js';
import { describeUnit, unitNameKey, type Unit } from './registry.js';
import { compareWithLastYear, DEFAULT_SIMILARITY_THRESHOLD, percent } from './status.js';

export interface OfficeFinding extends Finding {
    /** The span's zero-based line and character range. */
    range: SummarySpan['range'];
}

function finding(code: CatalogCode, at: SummarySpan, params: Record<string, unknown>, data: Partial<FindingData> = {}, related?: RelatedSpan[]): OfficeFinding {
    const entry = catalogEntry(code);
    const out: OfficeFinding = {
        code, severity: entry.severity, message: fillTemplate(entry.message, params), span: at.span, range: at.range, data: { ...data, code },
    };
    if (related?.length) out.related = related;
    return out;
}

const names = (units: readonly Unit[]) => units.map(describeUnit).join('、');

/** The registry findings of one filing, given the index of every filing checked with it. */
export function officeFindings(index: FilingIndex, filing: Filing, options: { threshold?: number } = {}): OfficeFinding[] {
    const out: OfficeFinding[] = [];
    const match = index.matchOf(filing);
    const at = filing.unitAnchor;
    switch (match.kind) {
        case 'none':
            return out; // no 机关: xxgk/meta-missing says so
        case 'unmatched':
            out.push(finding('xxgk/unit-unmatched', at, { agency: filing.agency, candidates: match.candidates.length ? names(match.candidates) : undefined },
                { candidates: match.candidates.map(u => u.id) }));
            return out;
        case 'ambiguous':
            out.push(finding('xxgk/unit-ambiguous', at, { agency: filing.agency, count: match.candidates.length, candidates: names(match.candidates) },
                { candidates: match.candidates.map(u => u.id) }));
            return out;
        case 'unknown-id':
            out.push(finding('xxgk/unit-id-unknown', at, { id: match.id, suggestion: match.candidates[0]?.id }, { id: match.id, candidates: match.candidates.map(u => u.id) }));
            return out;
    }
    const { unit } = match;
    if (match.by === 'id' && filing.agency && ![unit.name, ...unit.aliases].some(n => unitNameKey(n) === unitNameKey(filing.agency!))) {
        out.push(finding('xxgk/unit-id-name', at, { id: unit.id, name: unit.name, agency: filing.agency }, { id: unit.id }));
    }
    const year = filing.year;
    if (year === undefined) return out;
    if (!index.registry.existsIn(unit, year)) {
        const when = unit.from !== undefined && year < unit.from ? `${unit.from} 年度起才设立` : `${unit.to} 年度后已撤销`;
        out.push(finding('xxgk/unit-inactive', at, { name: unit.name, id: unit.id, when, year }, { id: unit.id, from: unit.from, to: unit.to }));
    }
    const chosen = index.get(unit, year)!;
    if (chosen !== filing) {
        out.push(finding('xxgk/unit-duplicate', at, { name: unit.name, id: unit.id, year, other: chosen.source, chosen: chosen.source }, { id: unit.id, other: chosen.source }));
    } else if (index.all(unit, year).length > 1) {
        const other = index.all(unit, year)[1];
        out.push(finding('xxgk/unit-duplicate', at, { name: unit.name, id: unit.id, year, other: other.source, chosen: '本报告' }, { id: unit.id, other: other.source }));
    }
    const previous = index.get(unit, year - 1);
    const threshold = options.threshold ?? DEFAULT_SIMILARITY_THRESHOLD;
    const compared = compareWithLastYear(filing, previous, threshold);
    if (previous && compared.similar === 'prose') {
        const related = [{ span: previous.proseAnchor.span, range: previous.proseAnchor.range, source: previous.source, message: `${year - 1} 年度报告的正文` }];
        out.push(finding('xxgk/content-similar', filing.proseAnchor, {
            lastYear: year - 1, percent: percent(compared.similarity!), threshold: percent(threshold), lastSource: previous.source,
        }, { id: unit.id, similarity: compared.similarity, threshold, lastYear: year - 1, previous: previous.source }, related));
    } else if (previous && compared.similar === 'tables') {
        const related = [{ span: previous.tablesAnchor.span, range: previous.tablesAnchor.range, source: previous.source, message: `${year - 1} 年度报告的表格` }];
        out.push(finding('xxgk/tables-identical', filing.tablesAnchor, { lastYear: year - 1, lastSource: previous.source },
            { id: unit.id, similarity: compared.similarity, lastYear: year - 1, previous: previous.source }, related));
    }
    return out;
}
