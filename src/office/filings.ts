/**
 * Filings matched to the registry's units: which unit each report is, the filing of a unit in a year
 * (the first in source order when there are several), and the reports no unit claims. Status,
 * roll-up and the registry checks all read the same index.
 */
import type { Filing } from './filing.js';
import type { Unit, UnitMatch, UnitRegistry } from './registry.js';

export class FilingIndex {
    private readonly matches = new Map<Filing, UnitMatch>();
    private readonly byUnitYear = new Map<string, Filing[]>();

    /** `filings` in source order (the order of the paths given, or uris sorted). */
    constructor(readonly registry: UnitRegistry, readonly filings: readonly Filing[]) {
        for (const filing of filings) {
            const match = registry.unitFor(filing);
            this.matches.set(filing, match);
            if (match.kind === 'unit' && filing.year !== undefined) {
                const key = keyOf(match.unit.id, filing.year);
                const list = this.byUnitYear.get(key);
                if (list) list.push(filing);
                else this.byUnitYear.set(key, [filing]);
            }
        }
    }

    matchOf(filing: Filing): UnitMatch {
        return this.matches.get(filing) ?? this.registry.unitFor(filing);
    }

    /** The unit a filing is, if it is one. */
    unitOf(filing: Filing): Unit | undefined {
        const match = this.matchOf(filing);
        return match.kind === 'unit' ? match.unit : undefined;
    }

    /** The filing that counts for a unit and year: the first in source order. */
    get(unit: Unit | string, year: number): Filing | undefined {
        return this.byUnitYear.get(keyOf(typeof unit === 'string' ? unit : unit.id, year))?.[0];
    }

    /** Every filing of a unit and year, in source order. */
    all(unit: Unit | string, year: number): readonly Filing[] {
        return this.byUnitYear.get(keyOf(typeof unit === 'string' ? unit : unit.id, year)) ?? [];
    }

    /** Filings no single unit claims (unmatched, ambiguous, unknown 单位编号, no 机关), with their match. */
    unmatched(year?: number): { filing: Filing; match: Exclude<UnitMatch, { kind: 'unit' }> }[] {
        const out: { filing: Filing; match: Exclude<UnitMatch, { kind: 'unit' }> }[] = [];
        for (const filing of this.filings) {
            const match = this.matchOf(filing);
            if (match.kind !== 'unit' && (year === undefined || filing.year === undefined || filing.year === year)) out.push({ filing, match });
        }
        return out;
    }
}

const keyOf = (unitId: string, year: number) => `${unitId}\u0000${year}`;
