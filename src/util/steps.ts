/**
 * Work in steps: a generator that yields between steps and returns its result. The CLI and the
 * tests run it to its end at once (finish); the language server runs a large report's steps with
 * its messages read in between (server/documents.ts).
 */
export type Steps<T> = Generator<void, T>;

/** Runs steps to the end at once. */
export function finish<T>(steps: Steps<T>): T {
    for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
    }
}
