/**
 * The on-save checks (the cross-year rules when xxgk.validation.crossYear is onSave) run for every
 * report that is as it was last saved: not open, or open and unchanged since it was opened or saved.
 * That is a state of the document, not an event: whatever re-validates a saved report later (the file
 * watcher's change right after a save, an edit of last year's report) keeps its on-save findings.
 * (server/documents.ts's update handler records opens and saves here.)
 */
import type { LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The version of each open report when it was opened or last saved. */
export class SavedDocuments {
    private readonly versions = new Map<string, number>();

    constructor(private readonly shared: LangiumSharedServices) {}

    /** Records the document's current version as saved; true when that version had not been saved yet. */
    record(document: TextDocument): boolean {
        const known = this.versions.get(document.uri);
        this.versions.set(document.uri, document.version);
        return known !== document.version;
    }

    forget(uri: string): void {
        this.versions.delete(uri);
    }

    /** Whether the report's text is the saved one (a report no editor shows is read from its file). */
    isSaved(document: LangiumDocument): boolean {
        const uri = document.uri.toString();
        const open = this.shared.workspace.TextDocuments.get(uri);
        return open === undefined || this.versions.get(uri) === open.version;
    }
}

export type XxgkSharedAddedServices = { workspace: { SavedDocuments: SavedDocuments } };
