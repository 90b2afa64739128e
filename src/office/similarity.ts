/**
 * How alike two years' prose is (内容雷同), fast and deterministic:
 *
 * - the prose is normalised: NFKC, every run of digits becomes one '#' (a copied report with this
 *   year's numbers is still a copy), everything but letters, digits and '#' is dropped (spacing and
 *   punctuation do not count);
 * - its character 5-grams (shingles) are hashed (FNV-1a, 30 bits, so the values stay small integers);
 * - a report keeps a bottom-k sketch: the K smallest distinct hashes (sorted);
 * - similarity = the Jaccard index |A ∩ B| / |A ∪ B| of the two shingle sets, computed from the
 *   sketches: among the K smallest hashes of the union, the share that both sets have.
 *
 * That is exact while a text has at most K distinct shingles (about K characters), and otherwise an
 * estimate with a standard error of √(J(1−J)/K) (±1.3 points at 90 %). A sketch is small (K numbers),
 * so it crosses worker threads and stays in the language server without the text.
 */

export const SHINGLE = 5;
export const SKETCH_SIZE = 512;

export interface ProseSketch {
    /** The K smallest distinct shingle hashes, ascending. */
    hashes: number[];
    /** Characters after normalisation. */
    length: number;
}

/** The text the shingles are taken from. */
export function normaliseProse(text: string): string {
    return text.normalize('NFKC').replace(/[0-9]+/g, '#').replace(/[^\p{L}\p{N}#]+/gu, '');
}

export function sketchProse(text: string): ProseSketch {
    const norm = normaliseProse(text);
    const n = norm.length - SHINGLE + 1;
    if (n <= 0) return { hashes: norm.length ? [shingleHash(norm, 0, norm.length)] : [], length: norm.length };
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = shingleHash(norm, i, SHINGLE);
    all.sort();
    const hashes: number[] = [];
    for (let i = 0; i < n && hashes.length < SKETCH_SIZE; i++) {
        if (i === 0 || all[i] !== all[i - 1]) hashes.push(all[i]);
    }
    return { hashes, length: norm.length };
}

function shingleHash(text: string, at: number, length: number): number {
    let h = 0x811c9dc5;
    for (let i = at; i < at + length; i++) {
        const c = text.charCodeAt(i);
        h = Math.imul(h ^ (c & 0xff), 0x01000193);
        h = Math.imul(h ^ (c >>> 8), 0x01000193);
    }
    return (h >>> 2); // 30 bits: a small integer in every JavaScript engine
}

/** The Jaccard similarity (0–1) of two sketched texts; 1 for two empty texts. */
export function similarity(a: ProseSketch, b: ProseSketch): number {
    const x = a.hashes;
    const y = b.hashes;
    if (!x.length && !y.length) return 1;
    let i = 0;
    let j = 0;
    let union = 0;
    let both = 0;
    while (union < SKETCH_SIZE && (i < x.length || j < y.length)) {
        if (j >= y.length || (i < x.length && x[i] < y[j])) i++;
        else if (i >= x.length || y[j] < x[i]) j++;
        else {
            both++;
            i++;
            j++;
        }
        union++;
    }
    return both / union;
}

/** Texts shorter than this (normalised characters) are not compared: a few lines say little about copying. */
export const MIN_COMPARED_LENGTH = 100;
