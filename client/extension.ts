/** The VS Code side: starts the xxgk language server for .xxgk files. */
import * as path from 'node:path';
import { commands, l10n, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ComparePanels } from './compare/panel.js';
import { StatusView } from './office/status-view.js';
import { registerImportCommand } from './import-command.js';
import { registerNextYearCommand } from './next-year-command.js';
import { registerSumCommand } from './office/sum-command.js';
import { activatePreview } from './preview/index.js';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
    const module = context.asAbsolutePath(path.join('out', 'server', 'main.cjs'));
    const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'xxgk', scheme: 'file' }, { language: 'xxgk', scheme: 'untitled' }],
        // The server reads its settings (xxgk.*) through workspace/configuration and is told of changes.
        synchronize: { configurationSection: 'xxgk' },
    };
    // User-facing strings go through l10n.t (English key; translations in l10n/bundle.l10n.*.json).
    client = new LanguageClient('xxgk', l10n.t('xxgk Report Language Server'), serverOptions, clientOptions);
    // The filing status view shows in the Explorer of a workspace with reports (package.json: when xxgk.workspace).
    void commands.executeCommand('setContext', 'xxgk.workspace', true);
    await client.start();
    activatePreview(context, client);
    context.subscriptions.push(new StatusView(client));
    context.subscriptions.push(registerImportCommand(client), registerNextYearCommand(client), registerSumCommand(client), new ComparePanels(client, context.extensionUri));
}

export async function deactivate(): Promise<void> {
    await client?.stop();
    client = undefined;
}
