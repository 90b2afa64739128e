/**
 * The document lifecycle of the language server, made safe against any client message sequence:
 *
 * - a document closed in the editor is dropped when it has no file (untitled, deleted), and goes
 *   back to the state of a workspace file no editor shows when it has one: the text on disk, checked
 *   as such, its summary kept but not its analysis (no document no editor shows keeps one);
 * - a failure while building one document is logged and becomes an `xxgk/internal` diagnostic of
 *   that document; the other documents carry on; a document whose file can no longer be read is gone;
 * - every change's range is clamped to the text before it is applied;
 * - a text the client sends over the file read limit (MAX_REPORT_BYTES) is neither parsed nor
 *   checked: its document is that of an empty text with one `xxgk/too-large` diagnostic, until an
 *   edit brings it back under the limit (the editor keeps the text);
 * - files are read only when they are regular `.xxgk` files of a sane size (no FIFO, device or
 *   directory, no unbounded read: as the CLI reads them), for the workspace, the cross-year index
 *   and the preview alike.
 */
import { statSync } from 'node:fs';
import {
    DefaultDocumentBuilder, DefaultLangiumDocumentFactory, DefaultServiceRegistry, DefaultWorkspaceManager, DocumentState, interruptAndCheck, isOperationCancelled,
    URI, UriUtils, ValidationRegistry, type AstNode, type BuildOptions, type FileSystemNode, type FileSystemProvider, type LangiumCoreServices,
    type LangiumDocument, type LangiumSharedCoreServices, type MaybePromise, type ParseResult, type Stream, type ValidationAcceptor,
} from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Diagnostic, TextDocumentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Report } from '../src/language/generated/ast.js';
import { catalogEntry } from '../src/rules/catalog.js';
import { forgetAnalysis, prepareAnalysis } from '../src/rules/check.js';
import { parseInSteps } from '../src/language/parser.js';
import type { XxgkAddedServices } from '../src/language/xxgk-module.js';
import { MAX_REPORT_BYTES, readRegularFile, readReport, ReadError } from '../src/cli/check-file.js';
import type { Steps } from '../src/util/steps.js';
import { fillTemplate } from '../src/util/text.js';
import type { SavedDocuments } from './save-checks.js';

/** A document this large is built after the others (in characters; about 2 MB of Chinese text). */
export const LARGE_DOCUMENT = 700_000;

/** A report's file name: `.xxgk`, in any case (as the editor's language association). */
export const isReportPath = (uri: URI) => UriUtils.extname(uri).toLowerCase() === '.xxgk';

const messages = {
    notReport: (path: string) => `${path} 不是 .xxgk 年报文件`,
    notOnDisk: (name: string) => `「${name}」未在编辑器中打开，也不是磁盘上的文件`,
};

/** Why a uri cannot name a report file on disk (a Chinese sentence), or undefined when it can. */
export function notAReportFile(uri: URI): string | undefined {
    if (uri.scheme !== 'file') return messages.notOnDisk(UriUtils.basename(uri) || uri.toString());
    return isReportPath(uri) ? undefined : messages.notReport(uri.fsPath);
}

/**
 * A report file's text, read as the CLI reads it (src/cli/check-file.ts: regular files only, opened
 * without waiting on a FIFO, at most 20 MB, UTF-8); a ReadError with a Chinese message otherwise.
 */
export function readReportFile(uri: URI): string {
    const reason = notAReportFile(uri);
    if (reason) throw new ReadError(reason);
    try {
        return readReport(uri.fsPath);
    } catch (e) {
        throw e instanceof ReadError ? new ReadError(`${uri.fsPath}：${e.message}`) : e;
    }
}

/** Whether a report has a regular file on disk (closed, it goes back to that file). */
function hasFile(uri: URI): boolean {
    if (notAReportFile(uri)) return false;
    try {
        return statSync(uri.fsPath).isFile();
    } catch {
        return false;
    }
}

/** The file system as Langium reads it: reports (other files are not read) as the CLI reads them. */
export class ReportFileSystem implements FileSystemProvider {
    constructor(private readonly fs: FileSystemProvider) {}

    stat = (uri: URI) => this.fs.stat(uri);
    statSync = (uri: URI) => this.fs.statSync(uri);
    exists = (uri: URI) => this.fs.exists(uri);
    existsSync = (uri: URI) => this.fs.existsSync(uri);
    readDirectory = (uri: URI) => this.fs.readDirectory(uri);
    readDirectorySync = (uri: URI) => this.fs.readDirectorySync(uri);
    readBinary = async (uri: URI) => (uri.scheme === 'file' ? new Uint8Array(readRegularFile(uri.fsPath)) : this.fs.readBinary(uri));
    readBinarySync = (uri: URI) => (uri.scheme === 'file' ? new Uint8Array(readRegularFile(uri.fsPath)) : this.fs.readBinarySync(uri));
    readFile = async (uri: URI) => (uri.scheme === 'file' ? readReportFile(uri) : this.fs.readFile(uri));
    readFileSync = (uri: URI) => (uri.scheme === 'file' ? readReportFile(uri) : this.fs.readFileSync(uri));
}

/**
 * One language: every document the client sends is a report, whatever its uri (`untitled:…`, a
 * `.XXGK` file) — also once the editor has closed it. Only `.xxgk` files are picked up from disk.
 */
export class XxgkServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI) {
        try {
            return super.getServices(uri);
        } catch (e) {
            const [only, ...others] = this.all;
            if (only && others.length === 0) return only;
            throw e;
        }
    }

    override hasServices(uri: URI): boolean {
        return this.textDocuments?.get(uri) !== undefined || isReportPath(uri);
    }
}

/**
 * Text documents as the client edits them, with every change's range clamped to the text first.
 * vscode-languageserver-textdocument 1.0.16 keeps its line offsets wrong after a change whose range
 * lies past the end on two different lines (the text is right, positions from then on are not); LSP
 * clients should not send such ranges, but nothing the client sends may derail the server.
 */
export const clampedTextDocuments: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update(document, changes, version) {
        let updated = document;
        for (const change of changes) {
            const text = typeof change.text === 'string' ? change.text : '';
            const clamped = 'range' in change && change.range
                ? { text, range: { start: clampPosition(updated, change.range.start), end: clampPosition(updated, change.range.end) } }
                : { text };
            updated = TextDocument.update(updated, [clamped], version);
        }
        return updated;
    },
};

const clampPosition = (document: TextDocument, position: { line: number; character: number }) =>
    document.positionAt(document.offsetAt({ line: Math.max(0, Number(position?.line) || 0), character: Math.max(0, Number(position?.character) || 0) }));

/**
 * The UTF-8 size of a text the client sent when it is over MAX_REPORT_BYTES (the limit of the files
 * read from disk), else undefined. A UTF-16 code unit takes at most 3 bytes: short texts are not measured.
 */
export function oversizedBytes(text: string): number | undefined {
    if (text.length * 3 <= MAX_REPORT_BYTES) return undefined;
    const bytes = Buffer.byteLength(text, 'utf8');
    return bytes > MAX_REPORT_BYTES ? bytes : undefined;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');

/** What a text over the limit gets instead of being checked (Chinese, from the catalogue). */
export const tooLargeMessage = (bytes: number) =>
    fillTemplate(catalogEntry('xxgk/too-large').message, { size: megabytes(bytes), limit: megabytes(MAX_REPORT_BYTES) });

/** Open documents whose text is over the limit, with its size: built as an empty text. */
const oversized = new WeakMap<LangiumDocument, number>();

/** The size of a document's text in the editor when it is over the limit (it is not checked), else undefined. */
export const tooLargeBytes = (document: LangiumDocument): number | undefined => oversized.get(document);

/** Where problems of the server itself go: the client's output panel (stderr without a client). */
export function logProblem(services: LangiumSharedCoreServices, what: string, error: unknown): void {
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    const console_ = (services as Partial<LangiumSharedServices>).lsp?.Connection?.console ?? console;
    console_.error(`${what}: ${detail}`);
}

/** What an internal error in a stage of checking a report says (Chinese, from the catalogue). */
const internalMessage = (stage: string) => fillTemplate(catalogEntry('xxgk/internal').message, { stage });

/** An error of the document as a whole, at its start. */
const errorAtStart = (code: 'xxgk/internal' | 'xxgk/too-large', message: string): Diagnostic => ({
    severity: 1, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, code, source: 'xxgk', data: { code },
});

/** An internal error as a diagnostic of the document it happened in. */
export const internalDiagnostic = (stage: string): Diagnostic => errorAtStart('xxgk/internal', internalMessage(stage));

/** The one diagnostic of a text over the limit. */
const tooLargeDiagnostic = (bytes: number): Diagnostic => errorAtStart('xxgk/too-large', tooLargeMessage(bytes));

const stageNames: Partial<Record<DocumentState, string>> = {
    [DocumentState.Parsed]: '读取',
    [DocumentState.IndexedContent]: '索引',
    [DocumentState.ComputedScopes]: '索引',
    [DocumentState.Linked]: '关联',
    [DocumentState.IndexedReferences]: '关联',
    [DocumentState.Validated]: '检查',
};

/** The document is neither open nor readable any more: it is dropped from the workspace. */
class DocumentGone extends Error {}

/**
 * Reads a document that no editor shows from its file; a file that has gone means the document has.
 * A text parsed ahead of the build (the cross-year index needs a changed report's new 机关 and 年度
 * before Langium parses it) is not parsed again.
 *
 * A document no editor shows keeps no parse tree (Langium's AST and CST are ten times its text):
 * once the services that keep something of it have taken it from the tree (`onDehydrate`: the
 * cross-year summary, the office's filing), the tree is dropped — right after the workspace file is
 * read, and after each validation of it. The document keeps its text (the text its summaries and
 * diagnostics are of) and an empty Report without a CST. Whatever needs the tree again asks
 * `reportOf(document)`: a tree parsed from that text for this one use; a validation parses it back
 * for the time it runs.
 */
export class XxgkDocumentFactory extends DefaultLangiumDocumentFactory {
    private readonly ahead = new Map<string, { text: string; result: ParseResult<AstNode> }>();
    /** The empty reports standing for dropped trees. */
    private readonly dried = new WeakSet<AstNode>();
    private readonly takers: ((document: LangiumDocument) => void)[] = [];

    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
    }

    parseAhead<T extends AstNode>(uri: URI, text: string): ParseResult<T> {
        const result = this.parse<T>(uri, text);
        const key = uri.toString();
        this.ahead.delete(key);
        this.ahead.set(key, { text, result });
        if (this.ahead.size > 4) this.ahead.delete(this.ahead.keys().next().value!);
        return result;
    }

    /** A file no editor shows: read, parsed once for what the services keep of it, its tree dropped. */
    override async fromUri<T extends AstNode = AstNode>(uri: URI, token?: CancellationToken): Promise<LangiumDocument<T>> {
        const document = await super.fromUri<T>(uri, token);
        if (!this.isOpen(document)) this.dehydrate(document);
        return document;
    }

    /** Calls `take` with a document whose tree is about to be dropped (the tree still there). */
    onDehydrate(take: (document: LangiumDocument) => void): void {
        this.takers.push(take);
    }

    /** Drops the tree of a document no editor shows, once the services have taken what they keep. */
    dehydrate(document: LangiumDocument): void {
        if (this.isDehydrated(document) || this.isOpen(document)) return;
        for (const take of this.takers) {
            try {
                take(document);
            } catch (e) {
                logProblem(this.shared, `xxgk: ${document.uri.toString()}`, e); // the taker computes it again from a parse when needed
            }
        }
        forgetAnalysis(document.parseResult.value as Report);
        const text = document.textDocument.getText();
        const report = { $type: 'Report', lines: [], $document: document } as AstNode & Partial<Report>;
        this.dried.add(report);
        document.parseResult = { value: report, lexerErrors: [], parserErrors: [] };
        // A fresh text getter: the text only, no line offsets kept from the last use.
        Object.defineProperty(document, 'textDocument', { get: this.createTextDocumentGetter(document.uri, text), configurable: true });
    }

    isDehydrated(document: LangiumDocument): boolean {
        return this.dried.has(document.parseResult.value);
    }

    /** The document's tree; a dropped one parsed again from the document's text, for this one use (not kept). */
    reportOf(document: LangiumDocument): Report {
        if (!this.isDehydrated(document)) return document.parseResult.value as Report;
        return this.parseOwn(document).value;
    }

    /** Gives a dropped tree back to its document (parsed from the document's text), for a validation. */
    hydrate(document: LangiumDocument): void {
        if (!this.isDehydrated(document)) return;
        document.parseResult = this.parseOwn(document);
    }

    private parseOwn(document: LangiumDocument): ParseResult<Report> {
        const result = this.parse<Report>(document.uri, document.textDocument.getText());
        (result.value as { $document?: LangiumDocument }).$document = document;
        return result;
    }

    private isOpen(document: LangiumDocument): boolean {
        return this.textDocuments?.get(document.uri.toString()) !== undefined;
    }

    protected override parseAsync<T extends AstNode>(uri: URI, text: string, token: CancellationToken): Promise<ParseResult<T>> {
        const key = uri.toString();
        const ahead = this.ahead.get(key);
        this.ahead.delete(key);
        if (ahead?.text === text) return Promise.resolve(ahead.result as ParseResult<T>);
        return text.length > LARGE_DOCUMENT ? this.parseInSteps<T>(uri, text, token) : super.parseAsync<T>(uri, text, token);
    }

    /** A large report's parse under way (at most one: the one being built). */
    private underway?: { key: string; text: string; steps: Steps<ParseResult<AstNode>> };

    /**
     * A large report is parsed in steps of lines, the server's messages read in between; a build
     * cancelled meanwhile (another document changed) goes on with the same parse when the text is the same.
     */
    private async parseInSteps<T extends AstNode>(uri: URI, text: string, token: CancellationToken): Promise<ParseResult<T>> {
        const key = uri.toString();
        if (this.underway?.key !== key || this.underway.text !== text) {
            this.underway = { key, text, steps: parseInSteps(this.serviceRegistry.getServices(uri).parser.LangiumParser, text) };
        }
        try {
            const result = await runSteps(this.underway.steps, token);
            this.underway = undefined;
            return result as ParseResult<T>;
        } catch (e) {
            if (!isOperationCancelled(e)) this.underway = undefined;
            throw e;
        }
    }

    /** An open text over the limit is built as an empty one (see oversizedBytes), its own document an empty text too. */
    override async update<T extends AstNode>(document: LangiumDocument<T>, token: CancellationToken): Promise<LangiumDocument<T>> {
        await super.update(document, token);
        if (oversized.has(document)) {
            const { uri, languageId, version } = document.textDocument;
            Object.defineProperty(document, 'textDocument', { value: TextDocument.create(uri, languageId, version, ''), configurable: true });
        }
        return document;
    }

    protected override async getUpdatedText<T extends AstNode>(document: LangiumDocument<T>, textDocument: TextDocument | undefined, token: CancellationToken): Promise<string> {
        oversized.delete(document);
        if (textDocument) {
            const text = textDocument.getText();
            const bytes = oversizedBytes(text);
            if (bytes === undefined) return text;
            oversized.set(document, bytes);
            return '';
        }
        try {
            return await super.getUpdatedText(document, textDocument, token);
        } catch (e) {
            throw new DocumentGone(e instanceof Error ? e.message : String(e));
        }
    }
}

/**
 * Runs steps (src/util/steps.ts) to their end with the server's messages read between them; throws
 * OperationCancelled between two steps when the build is cancelled (the generator can go on later).
 */
async function runSteps<T>(steps: Steps<T>, token: CancellationToken): Promise<T> {
    for (;;) {
        const next = steps.next();
        if (next.done) return next.value;
        await interruptAndCheck(token);
    }
}

/** A document's tree (through XxgkDocumentFactory.reportOf: parsed again when it was dropped). Every reader of a report's tree in server/ goes through here. */
export function reportOf(shared: LangiumSharedCoreServices, document: LangiumDocument): Report {
    const factory = shared.workspace.LangiumDocumentFactory;
    return factory instanceof XxgkDocumentFactory ? factory.reportOf(document) : document.parseResult.value as Report;
}

/** The text a document's tree is (or was, before it was dropped) parsed from: an open document's may already be newer. */
export function parsedText(document: LangiumDocument): string {
    return document.parseResult.value.$cstNode?.root.fullText ?? document.textDocument.getText();
}

/**
 * The document builder, one document's failure isolated from the others: a phase that throws for a
 * document is logged and reported on that document; a document whose file has gone is dropped.
 */
export class XxgkDocumentBuilder extends DefaultDocumentBuilder {
    /** What failed per document in the current build (reported when it is validated). */
    private readonly failures = new Map<string, Set<string>>();
    /** Documents dropped during the current build: the later phases skip them. */
    private readonly gone = new Set<LangiumDocument>();

    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
    }

    /**
     * Small documents first, then large ones: a large report (a megabyte and more; real ones are
     * under 100 KB) does not hold back the diagnostics of the others. A small report that reads a
     * large one (cross-year) is checked again once the large one is built.
     */
    protected override async buildDocuments(documents: LangiumDocument[], options: BuildOptions, token: CancellationToken): Promise<void> {
        try {
            const large = documents.filter(d => this.isLarge(d));
            if (large.length === 0 || large.length === documents.length) return await super.buildDocuments(documents, options, token);
            const small = documents.filter(d => !large.includes(d));
            await super.buildDocuments(small, options, token);
            this.currentState = DocumentState.Changed; // the large ones are still to come: requests for them wait
            await super.buildDocuments(large, options, token);
            const built = new Set(large.map(d => d.uri.toString()));
            const readers = small.filter(d => d.state === DocumentState.Validated && this.indexManager.isAffected(d, built));
            if (readers.length === 0) return;
            readers.forEach(d => this.resetToState(d, DocumentState.IndexedReferences));
            await super.buildDocuments(readers, options, token);
        } finally {
            this.gone.clear();
        }
    }

    private isLarge(document: LangiumDocument): boolean {
        const open = this.textDocuments?.get(document.uri.toString());
        return (open?.getText().length ?? 0) > LARGE_DOCUMENT;
    }

    protected override runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken,
        callback: (document: LangiumDocument) => MaybePromise<unknown>): Promise<void> {
        return super.runCancelable(documents, targetState, cancelToken, async document => {
            if (this.gone.has(document)) return;
            try {
                if (targetState === DocumentState.IndexedContent && this.isLarge(document)) await this.analyzeInSteps(document, cancelToken);
                await callback(document);
            } catch (e) {
                if (isOperationCancelled(e)) throw e;
                if (e instanceof DocumentGone) await this.drop(document, e);
                else this.fail(document, targetState, e);
            }
        });
    }

    /**
     * A large report's analysis (which indexing, validation, hover and the preview share) is made in
     * steps before it is indexed: between steps the server reads its messages, and a change to another
     * document cancels this build, is built first, and this analysis goes on where it stopped.
     */
    private async analyzeInSteps(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        const { xxgk } = this.serviceRegistry.getServices(document.uri) as LangiumCoreServices & XxgkAddedServices;
        await runSteps(prepareAnalysis(document.parseResult.value as Report, document.textDocument.getText(), xxgk.Templates, xxgk.Options), cancelToken);
    }

    private fail(document: LangiumDocument, state: DocumentState, error: unknown): void {
        const stage = stageNames[state] ?? '处理';
        logProblem(this.shared, `xxgk: ${stage} ${document.uri.toString()} 时出错`, error);
        const key = document.uri.toString();
        if (!this.failures.has(key)) this.failures.set(key, new Set());
        this.failures.get(key)!.add(stage);
    }

    /** Forgets a document whose text can no longer be read (as if its file had been deleted). */
    private async drop(document: LangiumDocument, reason: Error): Promise<void> {
        logProblem(this.shared, `xxgk: ${document.uri.toString()} 已无法读取，不再检查`, reason.message);
        this.gone.add(document);
        this.langiumDocuments.deleteDocument(document.uri);
        this.cleanUpDeleted(document);
        document.diagnostics = [];
        await this.emitUpdate([], [document.uri]);
    }

    protected override async validate(document: LangiumDocument, cancelToken: CancellationToken): Promise<void> {
        const key = document.uri.toString();
        const factory = this.langiumDocumentFactory instanceof XxgkDocumentFactory ? this.langiumDocumentFactory : undefined;
        try {
            factory?.hydrate(document);
            await super.validate(document, cancelToken);
        } finally {
            const failed = this.failures.get(key);
            this.failures.delete(key);
            if (failed) (document.diagnostics ??= []).push(...[...failed].map(internalDiagnostic));
            const bytes = tooLargeBytes(document);
            if (bytes !== undefined) document.diagnostics = [tooLargeDiagnostic(bytes)];
            // A document no editor shows keeps its summaries and diagnostics, not its tree (nor with it its analysis).
            factory?.dehydrate(document);
        }
    }

    /** A listener that throws (a preview, the diagnostics) must not stop the build of the others. */
    protected override async notifyDocumentPhase(document: LangiumDocument, state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        try {
            await super.notifyDocumentPhase(document, state, cancelToken);
        } catch (e) {
            if (isOperationCancelled(e)) throw e;
            logProblem(this.shared, `xxgk: ${document.uri.toString()}`, e);
        }
    }

    protected override async notifyBuildPhase(documents: LangiumDocument[], state: DocumentState, cancelToken: CancellationToken): Promise<void> {
        const listeners = this.buildPhaseListeners.get(state).slice();
        for (const listener of documents.length ? listeners : []) {
            try {
                await listener(documents, cancelToken);
            } catch (e) {
                if (isOperationCancelled(e)) throw e;
                logProblem(this.shared, 'xxgk', e);
            }
        }
    }
}

/** Validation checks that throw give a Chinese `xxgk/internal` diagnostic (Langium's is English). */
export class XxgkValidationRegistry extends ValidationRegistry {
    constructor(private readonly services: LangiumCoreServices) {
        super(services);
    }

    protected override async handleException(functionality: () => MaybePromise<void>, _context: string, accept: ValidationAcceptor, node: AstNode): Promise<void> {
        try {
            await functionality();
        } catch (e) {
            if (isOperationCancelled(e)) throw e;
            logProblem(this.services.shared, 'xxgk: 检查时出错', e);
            accept('error', internalMessage('检查'), { node, code: 'xxgk/internal', data: { code: 'xxgk/internal' } });
        }
    }
}

/** Loads the workspace's reports; a file that cannot be read is skipped (and logged), not fatal. */
export class XxgkWorkspaceManager extends DefaultWorkspaceManager {
    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
    }

    /** One after the other: each file's tree is dropped before the next is read (the reads are synchronous anyway). */
    protected override async loadWorkspaceDocuments(uris: Stream<URI>, collector: (document: LangiumDocument) => void): Promise<void> {
        for (const uri of uris) {
            try {
                collector(await this.langiumDocuments.getOrCreateDocument(uri));
            } catch (e) {
                logProblem(this.shared, `xxgk: 未读取 ${uri.toString()}`, e instanceof Error ? e.message : e);
            }
        }
    }

    override shouldIncludeEntry(entry: FileSystemNode): boolean {
        return entry.isFile ? !UriUtils.basename(entry.uri).startsWith('.') && isReportPath(entry.uri) : super.shouldIncludeEntry(entry);
    }
}

export type XxgkLifecycleServices = LangiumSharedServices & { workspace: { SavedDocuments: SavedDocuments } };

/**
 * Opening, changing, saving and closing documents. Every update's failure is logged, never fatal.
 * Close: a document with a file is read from disk again; one without is deleted.
 */
export class XxgkDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    private readonly saved: SavedDocuments;

    private ready = false;

    constructor(private readonly services: XxgkLifecycleServices) {
        super(services);
        this.saved = services.workspace.SavedDocuments;
        void this.workspaceManager.ready.then(() => { this.ready = true; }, () => undefined);
    }

    /** Queues the update at once (cancelling the running build) once the workspace is loaded; logs its failure. */
    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        const update = () => this.workspaceLock.write(token => this.documentBuilder.update(changed, deleted, token));
        (this.ready ? update() : this.workspaceManager.ready.then(update)).catch(e => logProblem(this.services, 'xxgk: 更新文档时出错', e));
    }

    didOpenDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        this.saved.record(event.document); // before the change event that builds it
    }

    /**
     * A closed document without a file is gone (its diagnostics cleared); one with a file is read
     * from disk again and checked as the workspace files no editor shows are: unsaved edits are gone.
     */
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const key = event.document.uri;
        this.saved.forget(key);
        const uri = URI.parse(key);
        if (hasFile(uri)) this.fireDocumentUpdate([uri], []);
        else this.fireDocumentUpdate([], [uri]);
    }

    didSaveDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        // Re-validate as a change does (and with it the reports that depend on this one).
        if (this.saved.record(event.document)) this.fireDocumentUpdate([URI.parse(event.document.uri)], []);
    }
}
