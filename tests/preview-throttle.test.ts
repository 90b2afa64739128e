/**
 * When the preview re-renders, on a simulated clock: the first view at once, a burst of views
 * rendered at most once per 300 ms and never later than 300 ms, the newest one winning.
 */
import { describe, expect, it } from 'vitest';
import { Throttle, type Clock } from '../client/preview/throttle.js';

class FakeClock implements Clock {
    time = 1_000;
    private timers: { at: number; fn: () => void; id: number }[] = [];
    private next = 0;
    now = () => this.time;
    setTimeout = (fn: () => void, ms: number) => {
        const id = this.next++;
        this.timers.push({ at: this.time + ms, fn, id });
        return id;
    };
    clearTimeout = (id: unknown) => {
        this.timers = this.timers.filter(t => t.id !== id);
    };
    advance(ms: number): void {
        const end = this.time + ms;
        for (;;) {
            const due = this.timers.filter(t => t.at <= end).sort((a, b) => a.at - b.at)[0];
            if (!due) break;
            this.timers = this.timers.filter(t => t !== due);
            this.time = due.at;
            due.fn();
        }
        this.time = end;
    }
}

function setup() {
    const clock = new FakeClock();
    let latest = 0;
    const rendered: { at: number; value: number }[] = [];
    const throttle = new Throttle(300, () => rendered.push({ at: clock.time, value: latest }), clock);
    const view = (value: number) => {
        latest = value;
        throttle.trigger();
    };
    return { clock, throttle, rendered, view };
}

describe('preview render throttle', () => {
    it('renders the first view at once', () => {
        const { rendered, view } = setup();
        view(1);
        expect(rendered).toEqual([{ at: 1000, value: 1 }]);
    });

    it('renders a burst at most once per 300 ms, never later than 300 ms, with the newest view', () => {
        const { clock, rendered, view } = setup();
        view(1);
        for (let i = 2; i <= 10; i++) {
            clock.advance(40);
            view(i);
        }
        clock.advance(1000);
        expect(rendered.map(r => r.value)).toEqual([1, 8, 10]);
        for (let i = 1; i < rendered.length; i++) expect(rendered[i].at - rendered[i - 1].at).toBeGreaterThanOrEqual(300);
        // 8 arrived at 1280 and was shown at 1300; 10 arrived at 1360 and was shown at 1600.
        expect(rendered.map(r => r.at)).toEqual([1000, 1300, 1600]);
    });

    it('renders at once again after a quiet spell, and after switching documents', () => {
        const { clock, throttle, rendered, view } = setup();
        view(1);
        clock.advance(500);
        view(2);
        expect(rendered.map(r => r.at)).toEqual([1000, 1500]);
        clock.advance(10);
        throttle.reset();
        view(3);
        expect(rendered.map(r => r.value)).toEqual([1, 2, 3]);
    });
});
