/**
 * Label lookup: which official label does a written label mean, and how closely was it written?
 *
 * - exact:   the official label or an alias, up to the width of punctuation (（一） = (一)).
 * - variant: the same label with other spacing, 钩稽 for 勾稽, a listed real-world spelling, without
 *            its numbering, or with a trailing annotation (湖北: 规章(设区的市…)). Accepted with a warning.
 *            With `fuzzy`, also a label cut short (`(六) 其他` for （六）其他处理, `法律服务` for 法律服务机构),
 *            with characters lost (`2.其他法律行政止公开`) or one mistyped (`行政复义`), when exactly one
 *            label is that close.
 * - guess:   not the label, but close enough to suggest ("did you mean").
 *
 * Numbering is evidence: a label numbered （六） never means one numbered 3. or 六、 (other number or
 * other level), however close the words are. Fuzzy matches need the same numbering on both sides
 * (or none on either).
 */
import type { LabelSpec } from './types.js';
import { editDistance, looseKey, numberingOf, stripAnnotation, stripNumbering, widthKey } from '../util/text.js';

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

/** A label's numbering: its level (一、 / （一） / 1. or (1)) and its number. */
export interface Numbering {
    level: 'section' | 'group' | 'item';
    n: number;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseNumber(text: string): number {
    const ten = text.indexOf('十');
    if (ten < 0) return CN_DIGITS[text] ?? 0;
    return (ten === 0 ? 1 : CN_DIGITS[text.slice(0, ten)] ?? 0) * 10 + (CN_DIGITS[text.slice(ten + 1)] ?? 0);
}

/** The numbering a loose key starts with (一、 → section 1, (六) → group 6, 3. / (3) → item 3). */
export function numberingIn(key: string): Numbering | undefined {
    const text = numberingOf(key);
    if (!text) return undefined;
    if (text.endsWith('、') && !/\d/.test(text)) return { level: 'section', n: chineseNumber(text.slice(0, -1)) };
    if (/\d/.test(text)) return { level: 'item', n: Number(text.replace(/\D/g, '')) };
    return { level: 'group', n: chineseNumber(text.slice(1, -1)) };
}

const sameNumbering = (a: Numbering, b: Numbering) => a.level === b.level && a.n === b.n;

/** Whether two numberings contradict: both written, and another level or another number. */
export function contradicts(a: Numbering | undefined, b: Numbering | undefined): boolean {
    return Boolean(a && b && !sameNumbering(a, b));
}

interface Spelling<T> {
    item: T;
    key: string;
    body: string;
    numbering?: Numbering;
}

/** How far a written body is from a label's body when it is a recognisable form of it (lower is closer). */
function distance(written: string, official: string): number | undefined {
    const w = written.length;
    const o = official.length;
    if (w < 2 || o < 2) return undefined;
    // Cut short (其他 for 其他处理, 法律服务 for 法律服务机构) or run on (行政许可事项 for 行政许可) —
    // but not by digits: 行政许可2140937 is a label with its numbers glued on, not a variant.
    if (w < o && official.startsWith(written) && w * 2 >= o) return o - w;
    if (o < w && written.startsWith(official) && o * 2 >= w) return /\d/.test(written.slice(o)) ? undefined : w - o;
    if (w < 4 || o < 4) return undefined;
    // Characters lost (a PDF's text layer: 其他法律行政止公开).
    if (w < o && w * 5 >= o * 3 && isSubsequence(written, official)) return o - w;
    // A typo (行政复义).
    const limit = Math.max(1, Math.floor(Math.min(w, o) / 6));
    const d = editDistance(written, official, limit);
    return d <= limit ? d : undefined;
}

function isSubsequence(short: string, long: string): boolean {
    let i = 0;
    for (let j = 0; j < long.length && i < short.length; j++) if (long.charCodeAt(j) === short.charCodeAt(i)) i++;
    return i === short.length;
}

export interface VocabularyOptions {
    /** Accept labels cut short, with lost characters or a typo, as variants (table and section labels; not format names). */
    fuzzy?: boolean;
}

export class Vocabulary<T extends LabelSpec> {
    private readonly exact = new KeyMap<T>();
    private readonly loose = new KeyMap<T>();
    /** Spellings by their words without numbering. */
    private readonly byBody = new Map<string, Spelling<T>[]>();
    private readonly spellings: Spelling<T>[] = [];
    private readonly fuzzy: boolean;

    /** `annotations: 'accept'` takes a label with a trailing explanation (规章(…)) as exact. */
    constructor(readonly items: readonly T[], private readonly annotations: 'accept' | 'warn' = 'warn', options: VocabularyOptions = {}) {
        this.fuzzy = options.fuzzy ?? false;
        for (const item of items) {
            for (const spelling of [item.label, ...(item.aliases ?? [])]) {
                this.exact.add(widthKey(spelling), item);
            }
            for (const spelling of [item.label, ...(item.aliases ?? []), ...(item.variants ?? [])]) {
                const key = looseKey(spelling);
                if (!key) continue;
                this.loose.add(key, item);
                const entry: Spelling<T> = { item, key, body: stripNumbering(key), numbering: numberingIn(key) };
                this.spellings.push(entry);
                let list = this.byBody.get(entry.body);
                if (!list) this.byBody.set(entry.body, list = []);
                list.push(entry);
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
        const stripped = stripAnnotation(key);
        const match = (stripped !== key ? this.lookupLoose(stripped) : undefined) ?? (this.fuzzy ? this.closest(key) : undefined);
        return match && { item: match, quality: 'variant' };
    }

    /** The same words, numbered alike or numbered on one side only. */
    private lookupLoose(key: string): T | undefined {
        const direct = this.loose.get(key);
        if (direct) return direct;
        const numbering = numberingIn(key);
        return unique((this.byBody.get(stripNumbering(key)) ?? []).filter(s => !contradicts(numbering, s.numbering)));
    }

    /** The one label whose words the written ones are a cut-short, lossy or mistyped form of, numbered the same. */
    private closest(key: string): T | undefined {
        const numbering = numberingIn(key);
        const body = stripNumbering(key);
        let best = Infinity;
        let found: T[] = [];
        for (const s of this.spellings) {
            if (Boolean(numbering) !== Boolean(s.numbering) || contradicts(numbering, s.numbering)) continue;
            const d = distance(body, s.body);
            if (d === undefined || d > best) continue;
            if (d < best) {
                best = d;
                found = [];
            }
            if (!found.includes(s.item)) found.push(s.item);
        }
        return found.length === 1 ? found[0] : undefined;
    }

    /**
     * The closest label, if it is close enough to suggest. `close` says it is a few edits away
     * (a typo), not just a label that contains the text or is contained in it. A label whose
     * numbering contradicts the text's is never suggested.
     */
    suggest(text: string): Suggestion<T> | undefined {
        const key = looseKey(text);
        if (!key) return undefined;
        const numbering = numberingIn(key);
        const candidates = this.spellings.filter(s => !contradicts(numbering, s.numbering));
        const limit = Math.max(1, Math.floor(key.length / 3));
        let best: T | undefined;
        let bestDistance = limit + 1;
        for (const candidate of candidates) {
            const distance = editDistance(key, candidate.key, limit);
            if (distance < bestDistance) {
                best = candidate.item;
                bestDistance = distance;
            }
        }
        if (best) return { item: best, close: true };
        // A label cut short or run on: one contains most of the other.
        const bare = stripNumbering(key);
        for (const candidate of candidates) {
            const other = candidate.body;
            const [short, long] = bare.length <= other.length ? [bare, other] : [other, bare];
            if (short.length >= 2 && long.includes(short) && short.length * 2 >= long.length) return { item: candidate.item, close: false };
        }
        return undefined;
    }
}

function unique<T>(spellings: readonly Spelling<T>[]): T | undefined {
    const first = spellings[0]?.item;
    return first !== undefined && spellings.every(s => s.item === first) ? first : undefined;
}
