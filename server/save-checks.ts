/** On save, the checks registered as 'slow' run too (the cross-year rules when xxgk.validation.crossYear is onSave). */
import { URI, type LangiumSharedCoreServices } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { TextDocumentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export class XxgkDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly core: LangiumSharedCoreServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.core = services;
    }

    didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const { workspace } = this.core;
        const document = workspace.LangiumDocuments.getDocument(URI.parse(event.document.uri));
        if (!document) return;
        void workspace.WorkspaceLock.write(token => workspace.DocumentBuilder.build([document], { validation: { categories: ['slow'] } }, token));
    }
}
