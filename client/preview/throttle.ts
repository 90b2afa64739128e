/**
 * When the preview re-renders: at once the first time and whenever the last render is older than
 * the delay, else once at the end of the delay with whatever is newest then. So an update is never
 * more than `delay` ms late, and a burst of keystrokes renders at most once per `delay`.
 */
export interface Clock {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Throttle {
    private last = -Infinity;
    private timer: unknown;

    constructor(private readonly delay: number, private readonly run: () => void, private readonly clock: Clock = realClock) {}

    trigger(): void {
        if (this.timer !== undefined) return;
        const wait = this.last + this.delay - this.clock.now();
        if (wait <= 0) this.fire();
        else this.timer = this.clock.setTimeout(() => this.fire(), wait);
    }

    /** The next trigger renders at once (another document is shown). */
    reset(): void {
        this.cancel();
        this.last = -Infinity;
    }

    cancel(): void {
        if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
        this.timer = undefined;
    }

    private fire(): void {
        this.timer = undefined;
        this.last = this.clock.now();
        this.run();
    }
}
