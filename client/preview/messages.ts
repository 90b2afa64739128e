/** Messages between the preview panel (extension side) and its webview script. */
import type { ViewRange } from '../../src/render/view-model.js';

export type ToWebview =
    /** New content for the page: patched into the DOM, so scroll position and focus survive. */
    | { type: 'update'; html: string; version: number }
    /** The editor scrolled: show this source line at the top. */
    | { type: 'scrollToLine'; line: number }
    /** The cursor moved: mark this line's elements, and bring them into view. */
    | { type: 'activeLine'; line: number }
    /** The document changed; a new view is on its way. */
    | { type: 'pending' };

export type FromWebview =
    /** A cell or paragraph was clicked: show that place in the editor. */
    | { type: 'reveal'; range: ViewRange }
    /** The preview scrolled: this source line is now at its top. */
    | { type: 'revealLine'; line: number }
    /** The bar's export button. */
    | { type: 'export' };

/** Settings and state the page starts with (a data attribute, not a script). */
export interface PreviewSettings {
    uri: string;
    /** The source line to show at the top after (re)loading. */
    line?: number;
    scrollPreviewWithEditor: boolean;
    scrollEditorWithPreview: boolean;
    /** Shown in the bar while a new view is on its way, in the editor's language. */
    pendingText?: string;
}
