// The VS Code 1.100 workbench as the UI tests see it: the selectors that work (shared
// docs/vscode-e2e.md) behind names that say what a person does.
import { AssertionError } from '../runner.mjs';

const timeout = 30_000;

export class Workbench {
    /** @param {import('playwright-core').Page} page */
    constructor(page) {
        this.page = page;
    }

    async ready() {
        await this.page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    }

    explorerRow(name) {
        return this.page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: name });
    }

    /** Quick open (Ctrl+P): type the name, pick the row. */
    async openFile(name) {
        await this.quickOpen(name);
        await this.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first().waitFor({ timeout });
        await this.page.keyboard.press('Enter');
        await this.page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).first().waitFor({ timeout });
    }

    async quickOpen(text) {
        await this.page.keyboard.press('Control+P');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout });
        await input.fill(text);
    }

    /**
     * Runs a command from the command palette (F1) by its title, as a person would. The palette lists
     * the commands whose `when` holds as it opens (e.g. `editorLangId == xxgk` just after a file
     * opened), so a palette without the command is closed and opened again until the timeout.
     */
    async runCommand(title) {
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        const row = this.quickPickRow(title).first();
        await this.poll(async () => {
            await this.page.keyboard.press('F1');
            await input.waitFor({ timeout });
            await input.fill(`>${title}`);
            if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return true;
            const shown = await this.quickPickRow('').allInnerTexts();
            await this.closeQuickPick();
            return `the command palette has no ${JSON.stringify(title)}: ${JSON.stringify(shown.slice(0, 5))}`;
        });
        await this.page.keyboard.press('Enter');
    }

    /** Rows of the open quick pick (quick open, command palette, a command's own picker). */
    quickPickRow(text) {
        return this.page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: text });
    }

    async closeQuickPick() {
        await this.page.keyboard.press('Escape');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
    }

    /** The Settings editor (Ctrl+,) searched for `query`. */
    async openSettings(query) {
        await this.page.keyboard.press('Control+Comma');
        const search = this.page.locator('.settings-editor .settings-header .suggest-input-container .monaco-editor textarea');
        await search.waitFor({ timeout });
        await this.page.keyboard.type(query);
    }

    settingsEditor() {
        return this.page.locator('.settings-editor');
    }

    /**
     * Moves the cursor to a 1-based line and column (quick open's `:line:column`) in the text editor of
     * the first group: quick open goes to a line of the active editor only if that is a text editor.
     */
    async goTo(line, column) {
        await this.focusEditor();
        await this.quickOpen(`:${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
        await this.statusBarText('status.editor.selection', `Ln ${line}, Col ${column}`);
    }

    /**
     * Focuses the editor of the first group, e.g. after a panel or the preview took the focus (a click in
     * the preview reveals the source, but the webview may take the focus back afterwards).
     */
    async focusEditor() {
        await this.page.keyboard.press('Control+1');
        await this.page.locator('.part.editor .monaco-editor.focused').first().waitFor({ timeout });
    }

    editorLines() {
        return this.page.locator('.editor-instance .monaco-editor .view-lines');
    }

    async editorContains(text) {
        await this.editorLines().filter({ hasText: text }).first().waitFor({ timeout });
    }

    /** `error`, `warning`, `info` or `hint` squiggles in the editors. */
    squiggles(kind) {
        return this.page.locator(`.monaco-editor .squiggly-${kind}`);
    }

    /** Waits until a status-bar item (by id) shows the text. */
    async statusBarText(id, text) {
        const item = this.page.locator(`[id="${id}"]`);
        await this.poll(async () => {
            const shown = (await item.innerText().catch(() => '')).trim();
            return shown.includes(text) ? true : `status bar ${id} shows ${JSON.stringify(shown)}, not ${JSON.stringify(text)}`;
        });
    }

    async languageIs(name) {
        await this.statusBarText('status.editor.mode', name);
    }

    /** Waits until the status bar's problems item counts these errors and warnings. */
    async problemsCountIs(errors, warnings) {
        const item = this.page.locator('[id="status.problems"]');
        await this.poll(async () => {
            const label = (await item.getAttribute('aria-label').catch(() => null)) ?? '';
            // "No Problems", "Errors: 2", "Warnings: 1", "Errors: 2, Warnings: 1" (a zero count is left out)
            const count = kind => Number(new RegExp(`${kind}: (\\d+)`).exec(label)?.[1] ?? 0);
            const known = /No Problems|Errors: \d|Warnings: \d/.test(label);
            if (known && count('Errors') === errors && count('Warnings') === warnings) return true;
            return `status bar problems: ${JSON.stringify(label)}, expected ${errors} errors and ${warnings} warnings`;
        });
    }

    /** Completion (Ctrl+Space): the labels in the suggest widget. */
    async suggestions() {
        await this.page.keyboard.press('Control+Space');
        const labels = this.page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name');
        await labels.first().waitFor({ timeout });
        return labels;
    }

    /** Quick fix (Ctrl+.): the rows of the code-action menu. */
    async codeActions() {
        await this.page.keyboard.press('Control+.');
        const rows = this.page.locator('.action-widget .monaco-list-row.action');
        await rows.first().waitFor({ timeout });
        return rows;
    }

    /**
     * Picks the code action with this title from the open Ctrl+. menu with the keyboard (arrows, Enter),
     * as a person does; the menu blocks the mouse until it has moved.
     */
    async chooseCodeAction(title) {
        const rows = this.page.locator('.action-widget .monaco-list-row.action');
        const count = await rows.count();
        for (let i = 0; i <= count; i++) {
            const focused = await this.page.locator('.action-widget .monaco-list-row.action.focused').getAttribute('aria-label').catch(() => null);
            if (focused === title) {
                await this.page.keyboard.press('Enter');
                await this.page.locator('.action-widget').waitFor({ state: 'hidden', timeout });
                return;
            }
            await this.page.keyboard.press('ArrowDown');
        }
        throw new AssertionError(`no code action ${JSON.stringify(title)} in ${JSON.stringify(await rows.allInnerTexts())}`);
    }

    /** The content of the (one) open webview, e.g. the preview: two iframes deep. */
    webview() {
        return this.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    }

    /** The frame of the preview's page itself (the one with the report), to evaluate scripts in, e.g. to watch its focus. */
    async webviewFrame() {
        for (const frame of this.page.frames()) {
            if (await frame.$('.xxgk-page').catch(() => null)) return frame;
        }
        throw new AssertionError('no preview page is open');
    }

    /** A view of the side bar (a pane of the Explorer …) by the start of its title. */
    viewPane(title) {
        return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header .title', { hasText: title }) });
    }

    /** Shows the Explorer and expands a view of it. */
    async openView(title) {
        await this.page.keyboard.press('Control+Shift+E');
        const header = this.viewPane(title).locator('.pane-header');
        await header.waitFor({ timeout });
        if (await header.getAttribute('aria-expanded') !== 'true') await header.click();
        await this.poll(async () => (await header.getAttribute('aria-expanded')) === 'true' || `the view ${title} does not expand`);
    }

    async collapseView(title) {
        const header = this.viewPane(title).locator('.pane-header');
        if (await header.getAttribute('aria-expanded') === 'true') await header.click();
    }

    /** Rows of a tree view (label and description). */
    viewRows(title, text) {
        return this.viewPane(title).locator('.pane-body .monaco-list-row').filter({ hasText: text });
    }

    /** The Problems panel (Ctrl+Shift+M). */
    async openProblems() {
        await this.page.keyboard.press('Control+Shift+M');
        await this.page.locator('.markers-panel').waitFor({ timeout });
    }

    problemRows() {
        return this.page.locator('.markers-panel .monaco-list-row');
    }

    /** Polls `check` (true, or a message saying what is wrong) until true or the timeout. */
    async poll(check, timeoutMs = timeout) {
        const deadline = Date.now() + timeoutMs;
        let last;
        while (Date.now() < deadline) {
            last = await check();
            if (last === true) return;
            await new Promise(resolve => setTimeout(resolve, 200));
        }
        throw new AssertionError(String(last));
    }
}
