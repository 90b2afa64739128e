/**
 * Cross-year rules (R14–R17) in the workspace.
 *
 * - Each report is exported to Langium's index under 机关#年度 (ScopeComputation), so last year's
 *   report of the same 机关 is found through the index, open or on disk.
 * - The findings come from src/rules/cross-year.ts on the summaries of both reports; they go on this
 *   year's cell, with related information in last year's file.
 * - Go-to-definition on such a cell, or on its row label, jumps to last year's cell (or row).
 * - Editing a report re-validates the report of the following year of the same 机关, and nothing
 *   else: IndexManager.isAffected knows which 机关#年度 each document was and is now.
 */
import {
    AstUtils, DefaultIndexManager, DefaultScopeComputation, MultiMap, URI, type AstNodeDescription, type LangiumDocument, type LocalSymbols,
    type LangiumSharedCoreServices, type Module, type ValidationAcceptor,
} from 'langium';
import {
    DefaultDefinitionProvider, type LangiumServices, type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import type { CancellationToken, DefinitionParams, LocationLink } from 'vscode-languageserver';
import type { Report } from '../src/language/generated/ast.js';
import type { XxgkAddedServices } from '../src/language/xxgk-module.js';
import { buildModel } from '../src/model/build.js';
import type { ReportModel, Span } from '../src/model/types.js';
import { analyzeCached } from '../src/rules/check.js';
import { splitSuppressed } from '../src/rules/suppress.js';
import {
    agencyKeyOf, crossYearFindings, crossYearTargets, previousKey, reportKey, reportSummary, type ReportSummary, type SummarySpan,
} from '../src/rules/cross-year.js';
import { LineIndex } from '../src/util/lines.js';
import { LARGE_DOCUMENT, logProblem, reportOf, XxgkDocumentFactory } from './documents.js';
import type { SavedDocuments } from './save-checks.js';

/** The index entry of a report (its name is 机关#年度). */
export const REPORT_TYPE = 'Report';

export interface CrossYearAddedServices {
    crossYear: {
        Reports: CrossYearReports;
    };
}

type Services = LangiumServices & XxgkAddedServices & CrossYearAddedServices;

interface Located {
    document: LangiumDocument;
    summary: ReportSummary;
}

export class CrossYearReports {
    /** The key each document was exported under (kept when Langium drops the document's index entries). */
    private readonly exportedKeys = new Map<string, string>();
    /** The key of last year's report of each exported document. */
    private readonly previousKeys = new Map<string, string>();
    /** Keys of changed documents' current texts, computed once per set of changes. */
    private readonly changedKeys = new WeakMap<Set<string>, Map<string, string | undefined>>();

    constructor(private readonly services: Services) {
        // A document no editor shows keeps its summary, taken before its tree is dropped.
        const factory = services.shared.workspace.LangiumDocumentFactory;
        if (factory instanceof XxgkDocumentFactory) factory.onDehydrate(document => this.summaryOf(document));
    }

    /** Summaries by document, with the text they were made from (kept when the document's tree is dropped). */
    private readonly summaries = new WeakMap<LangiumDocument, { text: string; summary?: ReportSummary }>();

    /**
     * This document's summary, if it has 机关 and 年度. An open document's comes from its one cached
     * analysis; a workspace file that no editor shows keeps only its summary, not a whole model (nor
     * its tree: server/documents.ts).
     */
    summaryOf(document: LangiumDocument): ReportSummary | undefined {
        if (document.parseResult.value.$type !== 'Report') return undefined;
        const text = document.textDocument.getText();
        const known = this.summaries.get(document);
        if (known?.text === text) return known.summary;
        const report = reportOf(this.services.shared, document);
        const templates = this.services.xxgk.Templates;
        const open = this.services.shared.workspace.TextDocuments?.get(document.uri.toString()) !== undefined;
        const model = open ? analyzeCached(report, text, templates, this.services.xxgk.Options).model : buildModel(report, text, templates);
        const summary = reportSummary(model, templates);
        this.summaries.set(document, { text, summary });
        return summary;
    }

    /** Forgets deleted documents, once the builder has used their keys to find the documents they affect. */
    forget(uris: readonly URI[]): void {
        uris.forEach(uri => {
            this.exportedKeys.delete(uri.toString());
            this.previousKeys.delete(uri.toString());
        });
    }

    /** The key a document is exported under; remembered for isAffected. */
    exportKey(document: LangiumDocument): string | undefined {
        const summary = this.summaryOf(document);
        const key = summary && reportKey(summary.agencyKey, summary.year);
        const uri = document.uri.toString();
        if (key) {
            this.exportedKeys.set(uri, key);
            this.previousKeys.set(uri, previousKey(summary));
        } else {
            this.exportedKeys.delete(uri);
            this.previousKeys.delete(uri);
        }
        return key;
    }

    /** Last year's report of the same 机关 (the first by uri when there are several). */
    previousOf(document: LangiumDocument): { current: ReportSummary; previous?: Located } | undefined {
        const current = this.summaryOf(document);
        if (!current) return undefined;
        const key = previousKey(current);
        const self = document.uri.toString();
        const uris = this.services.shared.workspace.IndexManager.allElements(REPORT_TYPE)
            .filter(d => d.name === key && d.documentUri.toString() !== self)
            .map(d => d.documentUri.toString()).toArray().sort();
        for (const uri of uris) {
            const other = this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
            const summary = other && this.summaryOf(other);
            if (other && summary && reportKey(summary.agencyKey, summary.year) === key) return { current, previous: { document: other, summary } };
        }
        return { current };
    }

    validate(report: Report, accept: ValidationAcceptor): void {
        const document = AstUtils.getDocument(report);
        const found = this.previousOf(document);
        if (!found?.previous) return;
        const uri = document.uri.toString();
        const previousUri = found.previous.document.uri.toString();
        const lines = new LineIndex(document.textDocument.getText());
        const range = (span: Span) => ({ start: lines.position(span.start), end: lines.position(span.end) });
        const templates = this.services.xxgk.Templates;
        // This report's suppression comments apply to its cross-year findings too (src/rules/suppress.ts).
        const { suppressions } = analyzeCached(report, lines.text, templates, this.services.xxgk.Options);
        const { visible } = splitSuppressed(crossYearFindings(found.current, found.previous.summary, templates, previousUri), suppressions,
            f => lines.position(f.span.start).line);
        for (const finding of visible) {
            accept(finding.severity, finding.message, {
                node: report,
                range: range(finding.span),
                code: finding.code,
                data: finding.data,
                relatedInformation: finding.related?.map(r => ({
                    location: r.source !== undefined && r.range ? { uri: r.source, range: r.range } : { uri, range: range(r.span) },
                    message: r.message,
                })),
            });
        }
    }

    /** Go-to-definition from this year's cell or row label to last year's. */
    definition(document: LangiumDocument, offset: number): LocationLink[] | undefined {
        const found = this.previousOf(document);
        if (!found?.previous) return undefined;
        const hit = crossYearTargets(found.current, found.previous.summary, this.services.xxgk.Templates, offset);
        if (!hit) return undefined;
        const uri = found.previous.document.uri.toString();
        const origin = (s: SummarySpan) => s.range;
        return hit.targets.map(t => ({ targetUri: uri, targetRange: t.range, targetSelectionRange: t.range, originSelectionRange: origin(hit.origin) }));
    }

    /**
     * Whether a change to `changed` may change this document's cross-year findings: a changed document
     * was, or now is, last year's report of this document's 机关.
     */
    dependsOn(document: LangiumDocument, changed: Set<string>): boolean {
        // As it was last indexed (not yet indexed: it is built anyway); never analysed here, in the
        // update, where a large report would hold back every other one.
        const wanted = this.previousKeys.get(document.uri.toString());
        if (wanted === undefined) return false;
        let keys = this.changedKeys.get(changed);
        if (!keys) this.changedKeys.set(changed, keys = new Map());
        for (const uri of changed) {
            if (this.exportedKeys.get(uri) === wanted) return true;
            if (!keys.has(uri)) keys.set(uri, this.keyOfCurrentText(uri));
            if (keys.get(uri) === wanted) return true;
        }
        return false;
    }

    /**
     * The key of a document's current text, before Langium parses it again (undefined: gone or not a
     * report). The parse is the one the build then uses; an open report's analysis the one it checks.
     * A large text is not parsed here: only its metadata lines are (see metadataLines).
     */
    private keyOfCurrentText(uri: string): string | undefined {
        const { workspace } = this.services.shared;
        const open = workspace.TextDocuments?.get(uri)?.getText();
        let text = open;
        if (text === undefined) {
            try {
                text = workspace.FileSystemProvider.readFileSync(URI.parse(uri));
            } catch {
                return undefined;
            }
        }
        const templates = this.services.xxgk.Templates;
        let meta: ReportModel['meta'];
        if (text.length > LARGE_DOCUMENT) {
            const lines = metadataLines(text, this.loneCrBreaksLines);
            meta = buildModel(this.services.parser.LangiumParser.parse<Report>(lines).value, lines, templates).meta;
        } else {
            const factory = workspace.LangiumDocumentFactory;
            const report = (factory instanceof XxgkDocumentFactory ? factory.parseAhead<Report>(URI.parse(uri), text)
                : this.services.parser.LangiumParser.parse<Report>(text)).value;
            meta = (open !== undefined ? analyzeCached(report, text, templates).model : buildModel(report, text, templates)).meta;
        }
        const agency = meta.agency?.value;
        const year = meta.year?.value;
        return agency && year !== undefined ? reportKey(agencyKeyOf(agency), year) : undefined;
    }

    /** Whether the grammar reads a lone CR as a line break (as LSP does; issue 11 makes it so). */
    private get loneCrBreaksLines(): boolean {
        return this.loneCr ??= this.services.parser.LangiumParser.parse<Report>('标题：甲\r机关：乙').value.lines.length === 2;
    }

    private loneCr?: boolean;
}

/** The characters that may start a line break, a comment or a text block. */
const INTERESTING = /[\n\r\/"]/g;

const metaKeys = ['标题', '机关', '机关层级', '年度', '格式', '发布日期', '统计期限'];

/**
 * The lines of a text that may be metadata, in order, found by a scan instead of a parse: the lines
 * (and what follows a text block on its last line) that start with a metadata key, outside text
 * blocks and comments. The model reads its metadata from these lines only, so the metadata of the
 * result is the text's (tests/cross-year-workspace.test.ts compares them on mutated reports).
 */
export function metadataLines(text: string, loneCrBreaksLines: boolean): string {
    const out: string[] = [];
    let i = 0;
    let lineStart = true;
    const isBreak = (at: number) => text[at] === '\n' || (loneCrBreaksLines && text[at] === '\r');
    while (i < text.length) {
        if (lineStart) {
            lineStart = false;
            let j = i;
            while (j < text.length && /[^\S\r\n]/.test(text[j])) j++;
            if (metaKeys.some(key => text.startsWith(key, j))) {
                let end = j;
                while (end < text.length && !isBreak(end) && !text.startsWith('"""', end)) end++;
                out.push(text.slice(j, end).replace(/\r$/, ''));
                i = end;
                continue;
            }
        }
        if (text.startsWith('//', i)) {
            while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++; // as SL_COMMENT ends
        } else if (text.startsWith('"""', i)) {
            const close = text.indexOf('"""', i + 3);
            i = close < 0 ? text.length : close + 3;
            lineStart = true; // what follows a text block on its line starts a line of the report
        } else if (isBreak(i)) {
            lineStart = true;
            i++;
        } else {
            // Nothing but a break, a comment or a text block changes what follows: skip to the next that may.
            INTERESTING.lastIndex = i + 1;
            i = INTERESTING.test(text) ? INTERESTING.lastIndex - 1 : text.length;
        }
    }
    return out.join('\n');
}

/** Exports each report under 机关#年度. */
export class CrossYearScopeComputation extends DefaultScopeComputation {
    private readonly reports: CrossYearReports;

    constructor(services: Services) {
        super(services);
        this.reports = services.crossYear.Reports;
    }

    /**
     * Only the report itself, under its key (the lines have no names; Langium would visit each): the
     * whole text as its segment, and not the tree, which a document no editor shows lets go.
     */
    override async collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
        const key = this.reports.exportKey(document);
        if (!key) return [];
        const lines = new LineIndex(document.textDocument.getText());
        const segment = { offset: 0, end: lines.text.length, length: lines.text.length, range: { start: lines.position(0), end: lines.position(lines.text.length) } };
        return [{ name: key, type: REPORT_TYPE, documentUri: document.uri, path: '', nameSegment: segment, selectionSegment: segment }];
    }

    /** Nothing is scoped within a report (no cross-references): Langium would visit every node. */
    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}

/** Re-validates the reports whose last year's report changed (besides Langium's reference-based rule). */
export class CrossYearIndexManager extends DefaultIndexManager {
    constructor(private readonly shared: LangiumSharedCoreServices) {
        super(shared);
    }

    override isAffected(document: LangiumDocument, changedUris: Set<string>): boolean {
        if (super.isAffected(document, changedUris)) return true;
        try {
            const services = this.serviceRegistry.getServices(document.uri) as Partial<CrossYearAddedServices>;
            return services.crossYear?.Reports.dependsOn(document, changedUris) ?? false;
        } catch (e) {
            logProblem(this.shared, `xxgk: ${document.uri.toString()}`, e);
            return true; // re-validating too much is safe
        }
    }
}

/** Go-to-definition into last year's report; everything else as Langium does it. */
export class CrossYearDefinitionProvider extends DefaultDefinitionProvider {
    private readonly reports: CrossYearReports;

    constructor(services: Services) {
        super(services);
        this.reports = services.crossYear.Reports;
    }

    override getDefinition(document: LangiumDocument, params: DefinitionParams, cancelToken?: CancellationToken) {
        const offset = document.textDocument.offsetAt(params.position);
        return this.reports.definition(document, offset) ?? super.getDefinition(document, params, cancelToken);
    }
}

/** The language services of the cross-year rules. */
export const CrossYearModule: Module<Services, CrossYearAddedServices & PartialLangiumServices> = {
    crossYear: { Reports: services => new CrossYearReports(services) },
    references: { ScopeComputation: services => new CrossYearScopeComputation(services) },
    lsp: { DefinitionProvider: services => new CrossYearDefinitionProvider(services) },
};

/** The shared service of the cross-year rules. */
export const CrossYearSharedModule: Module<LangiumSharedCoreServices, PartialLangiumSharedServices> = {
    workspace: { IndexManager: services => new CrossYearIndexManager(services) },
};

/** When the cross-year rules run: the setting xxgk.validation.crossYear (onType by default). */
export type CrossYearMode = 'onType' | 'onSave' | 'off';

const modeOf = (validation: { crossYear?: unknown } | undefined): CrossYearMode => {
    const mode = validation?.crossYear;
    return mode === 'onSave' || mode === 'off' ? mode : 'onType';
};

export async function crossYearMode(services: Services): Promise<CrossYearMode> {
    return modeOf(await services.shared.workspace.ConfigurationProvider.getConfiguration('xxgk', 'validation'));
}

export function registerCrossYearChecks(services: Services, saved: SavedDocuments): void {
    const reports = services.crossYear.Reports;
    const { ConfigurationProvider, DocumentBuilder, LangiumDocuments, WorkspaceLock } = services.shared.workspace;
    let used: CrossYearMode | undefined; // the mode the last validation ran with
    // While typing, or once the report is saved (SavedDocuments says which reports are).
    services.validation.ValidationRegistry.register({
        Report: async (report: Report, accept: ValidationAcceptor) => {
            const mode = used = await crossYearMode(services);
            const document = AstUtils.getDocument(report);
            if (mode === 'onType' || (mode === 'onSave' && saved.isSaved(document))) reports.validate(report, accept);
        },
    });
    // A new mode re-checks every report at once: the setting shows its effect without an edit.
    ConfigurationProvider.onConfigurationSectionUpdate(({ section, configuration }) => {
        if (section !== 'xxgk' || used === undefined || modeOf(configuration?.validation) === used) return;
        void WorkspaceLock.write(token => DocumentBuilder.build(LangiumDocuments.all.toArray(), { validation: true }, token));
    });
    // Runs after the builder has decided which documents a change affects.
    DocumentBuilder.onUpdate((_changed, deleted) => reports.forget(deleted));
}
