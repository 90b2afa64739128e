/**
 * Label lookup: which official label does a written label mean, and how closely was it written?
 *
 * - exact:   the official label or an alias, up to the width of punctuation (（一） = (一)).
 * - variant: the same label with other spacing, 钩稽 for 勾稽, a listed real-world spelling, without
 *            its numbering, or with a trailing annotation (湖北: 规章(设区的市…)). Accepted with a warning.
 * - guess:   not the label, but close enough to suggest ("did you mean").
 */
import type { LabelSpec } from './types.js';
import { editDistance, looseKey, stripAnnotation, stripNumbering, widthKey } from '../util/text.js';

export type MatchQuality = 'exact' | 'variant';

export interface LabelMatch<T> {
    item: T;
    quality: MatchQuality;
}

const AMBIGUOUS = Symbol('ambiguous');
type Slot<T> = T | typeof AMBIGUOUS;

class KeyMap<T> {
    private readonly map = new Map<string, Slot<T>>();
    add(key: string, item: T): void {
        if (!key) return;
        const old = this.map.get(key);
        this.map.set(key, old === undefined || old === item ? item : AMBIGUOUS);
    }
    get(key: string): T | undefined {
        const slot = this.map.get(key);
        return slot === AMBIGUOUS ? undefined : slot;
    }
}

export interface Suggestion<T> {
    item: T;
    close: boolean;
}

export class Vocabulary<T extends LabelSpec> {
    private readonly exact = new KeyMap<T>();
    private readonly loose = new KeyMap<T>();
    private readonly unnumbered = new KeyMap<T>();
    private readonly candidates: { key: string; item: T }[] = [];

    /** `annotations: 'accept'` takes a label with a trailing explanation (规章(…)) as exact. */
    constructor(readonly items: readonly T[], private readonly annotations: 'accept' | 'warn' = 'warn') {
        for (const item of items) {
            for (const spelling of [item.label, ...(item.aliases ?? [])]) {
                this.exact.add(widthKey(spelling), item);
            }
            for (const spelling of [item.label, ...(item.aliases ?? []), ...(item.variants ?? [])]) {
                const key = looseKey(spelling);
                this.loose.add(key, item);
                this.unnumbered.add(stripNumbering(key), item);
                this.candidates.push({ key, item });
            }
        }
    }

    /** Remembered answers, misses included: the same labels come back in every report. */
    private readonly answers = new Map<string, LabelMatch<T> | null>();

    lookup(text: string): LabelMatch<T> | undefined {
        let answer = this.answers.get(text);
        if (answer === undefined) {
            if (this.answers.size >= 5_000) this.answers.clear();
            answer = this.find(text) ?? null;
            this.answers.set(text, answer);
        }
        return answer ?? undefined;
    }

    private find(text: string): LabelMatch<T> | undefined {
        const exact = this.exact.get(widthKey(text));
        if (exact) return { item: exact, quality: 'exact' };
        const key = looseKey(text);
        if (!key) return undefined;
        const loose = this.lookupLoose(key);
        if (loose) return { item: loose, quality: 'variant' };
        const bare = stripAnnotation(widthKey(text));
        if (this.annotations === 'accept' && bare !== widthKey(text)) {
            const annotated = this.exact.get(bare.trim());
            if (annotated) return { item: annotated, quality: 'exact' };
        }
        const stripped = this.lookupLoose(stripAnnotation(key));
        return stripped && { item: stripped, quality: 'variant' };
    }

    private lookupLoose(key: string): T | undefined {
        return this.loose.get(key) ?? this.unnumbered.get(stripNumbering(key));
    }

    /**
     * The closest label, if it is close enough to suggest. `close` says it is a few edits away
     * (a typo), not just a label that contains the text or is contained in it.
     */
    suggest(text: string): Suggestion<T> | undefined {
        const key = looseKey(text);
        if (!key) return undefined;
        const limit = Math.max(1, Math.floor(key.length / 3));
        let best: T | undefined;
        let bestDistance = limit + 1;
        for (const candidate of this.candidates) {
            const distance = editDistance(key, candidate.key, limit);
            if (distance < bestDistance) {
                best = candidate.item;
                bestDistance = distance;
            }
        }
        if (best) return { item: best, close: true };
        // A label cut short or run on: one contains most of the other.
        const bare = stripNumbering(key);
        for (const candidate of this.candidates) {
            const other = stripNumbering(candidate.key);
            const [short, long] = bare.length <= other.length ? [bare, other] : [other, bare];
            if (short.length >= 2 && long.includes(short) && short.length * 2 >= long.length) return { item: candidate.item, close: false };
        }
        return undefined;
    }
}
