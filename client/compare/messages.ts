/** Messages between the comparison panel (extension side) and its webview script. */
import type { ViewRange } from '../../src/render/view-model.js';

export type ToCompareWebview =
    /** New content: patched into the page, so the scroll position survives. */
    | { type: 'update'; html: string };

export type FromCompareWebview =
    /** A cell was clicked: show it in its report (last year's or this year's). */
    | { type: 'reveal'; side: 'last' | 'this'; range: ViewRange }
    /** The bar's export button. */
    | { type: 'export' };
