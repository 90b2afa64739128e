/** Wires the preview and the export command into the extension. */
import type { ExtensionContext } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { registerExportCommand } from '../export-command.js';
import { commandIds } from '../ids.js';
import { PreviewManager } from './manager.js';

export function activatePreview(context: ExtensionContext, client: LanguageClient): void {
    const manager = new PreviewManager({ client, extensionUri: context.extensionUri, exportCommand: commandIds.export });
    context.subscriptions.push(manager, registerExportCommand(client, () => manager.activeResource));
}
