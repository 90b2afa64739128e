// Object.groupBy polyfill for Node 20.
//
// Langium 4.4 pulls Chevrotain 13, which calls Object.groupBy (Node >= 21). VS Code 1.100 — the
// offline test host (code-server 4.100.3) — runs extensions on Node 20, and so does this machine.
// Every entry point (server, CLI, CLI worker, tests, the generate script) imports this file first.
//
// Delete this file (and its imports) once both the supported VS Code floor is >= 1.101
// (extension host on Node 22) and the project's own Node is >= 21.
if (typeof Object.groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        value(items, keyOf) {
            const groups = Object.create(null);
            let index = 0;
            for (const item of items) {
                const key = keyOf(item, index++);
                (groups[key] ??= []).push(item);
            }
            return groups;
        },
    });
}
