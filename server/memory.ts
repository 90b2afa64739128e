/**
 * The server's memory, given back to the system. Documents the server lets go (closed and dropped,
 * or a workspace file's tree dropped: server/documents.ts) are garbage V8 keeps until its heap limit
 * forces a full collection, and V8 sets that limit to a multiple of the live heap (about 2.6× with a
 * province of 6,000 reports open: 270 MB live, 700 MB resident). So:
 * - the heap may grow by a quarter over what the last full collection left (`--heap-growing-percent`,
 *   set before anything is loaded): more frequent collections, a resident size near the live one;
 * - once documents have been let go and the server has been idle for a moment, one full collection
 *   gives their memory back — only when the heap holds much more than the last one left.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentState, type LangiumSharedCoreServices } from 'langium';
import { XxgkDocumentFactory } from './documents.js';

/** How far the heap grows over the live heap before V8 collects it fully (percent). */
export const HEAP_GROWING_PERCENT = 25;
/** How long the server must have let nothing go before it collects. */
export const IDLE_MS = 1000;
/** Heap beyond the live one below which collecting is not worth a pause. */
const WORTH = 32 * 1024 * 1024;

export function limitHeapGrowth(): void {
    setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/** V8's full collection: `gc` when node runs with --expose-gc, else got from a fresh context with the flag set for that moment. */
function fullCollection(): (() => void) | undefined {
    const exposed = (globalThis as { gc?: () => void }).gc;
    if (typeof exposed === 'function') return exposed;
    try {
        setFlagsFromString('--expose-gc');
        const gc = runInNewContext('gc') as unknown;
        setFlagsFromString('--no-expose-gc');
        return typeof gc === 'function' ? gc as () => void : undefined;
    } catch {
        return undefined;
    }
}

/** Collects once the server is idle after documents were let go (dropped, or their trees). */
export function collectWhenIdle(shared: LangiumSharedCoreServices): void {
    const gc = fullCollection();
    if (!gc) return;
    let live = process.memoryUsage().heapUsed;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const collect = () => {
        timer = undefined;
        const builder = shared.workspace.DocumentBuilder as unknown as { currentState?: DocumentState };
        if (builder.currentState !== undefined && builder.currentState < DocumentState.Validated) return letGo(); // still building
        // The heap V8 holds (garbage V8 collected itself included, which it keeps for growth).
        if (process.memoryUsage().heapTotal < live + WORTH) return;
        gc();
        live = process.memoryUsage().heapUsed;
    };
    const letGo = () => {
        clearTimeout(timer);
        timer = setTimeout(collect, IDLE_MS);
        timer.unref?.();
    };
    const factory = shared.workspace.LangiumDocumentFactory;
    if (factory instanceof XxgkDocumentFactory) factory.onDehydrate(letGo);
    shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => {
        if (deleted.length) letGo();
    });
}
