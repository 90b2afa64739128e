/**
 * The unit registry in the language server: reads the registry (the setting xxgk.registry, else
 * 单位名单.csv / 单位名单.xlsx at the workspace root), reports its problems as diagnostics of that
 * file, adds the registry-based findings to each report (src/office/checks.ts), and answers the
 * status view's requests with src/office/status.ts — the same functions as `xxgk check --registry`
 * and `xxgk status`.
 *
 * A report's filing summary is kept per document and text (for files no editor shows: the summary
 * and the counts of its findings, taken before the tree is dropped; not the model). The index of
 * filings is rebuilt after each change.
 */
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, DocumentState, URI, UriUtils, type LangiumDocument, type ValidationAcceptor } from 'langium';
import type { Diagnostic, Range } from 'vscode-languageserver';
import type { Report } from '../src/language/generated/ast.js';
import { parseDate } from '../src/model/meta-values.js';
import { officeFindings } from '../src/office/checks.js';
import { UTF8_BOM, writeCsv } from '../src/office/csv.js';
import { draftRegistry } from '../src/office/draft.js';
import { filingSummary, type Filing, type FilingSummary } from '../src/office/filing.js';
import { FilingIndex } from '../src/office/filings.js';
import {
    OfficeMethods, type ExportStatusParams, type ExportStatusResult, type InitRegistryResult, type StatusParams, type StatusResult,
} from '../src/office/protocol.js';
import { DEFAULT_REGISTRY_NAMES, unreadableRegistry } from '../src/office/registry-file.js';
import { loadRegistry } from '../src/cli/registry.js';
import { describeUnit, type RegistryRead } from '../src/office/registry.js';
import { computeStatus, DEFAULT_SIMILARITY_THRESHOLD, type StatusReport } from '../src/office/status.js';
import { statusHtml } from '../src/office/status-html.js';
import { statusText } from '../src/office/status-text.js';
import { sumReport } from '../src/office/sum.js';
import { SumMethods, type SumParams, type SumResult } from '../src/office/sum-protocol.js';
import { rollupChildren, rollupTables, unitRollupFindings } from '../src/office/unit-rollup.js';
import { analyze, analyzeCached } from '../src/rules/check.js';
import { reportFigures, type ReportFigures } from '../src/rules/figures.js';
import { splitSuppressed } from '../src/rules/suppress.js';
import { plainFileName, REPORT_EXTENSION } from '../src/util/report-files.js';
import { LineIndex } from '../src/util/lines.js';
import { parsedText, reportOf, XxgkDocumentFactory } from './documents.js';
import type { XxgkServices, XxgkSharedServices } from './xxgk-services.js';

interface Loaded {
    uri: string;
    path: string;
    read: RegistryRead;
}

interface Known {
    text: string;
    summary: FilingSummary;
    /** The values of the roll-up rules' tables (src/office/unit-rollup.ts); no positions (only a parent's, when validated, need them). */
    figures: ReportFigures;
    /** Counts of the report's own findings (cross-year and registry findings come with diagnostics). */
    counts?: { errors: number; warnings: number };
}

const messages = {
    noRegistry: '没有单位名单：请在工作区根目录放一份 单位名单.csv 或 单位名单.xlsx，或在设置 xxgk.registry 中给出',
    notReport: (file: string) => `不能写到 ${file}：那是年报或单位名单`,
    failed: (reason: string) => `导出失败：${reason}`,
    noRoot: '没有打开文件夹，无法生成单位名单',
    unknownUnit: (id: string) => `单位名单中没有编号为「${id}」的单位`,
    notAUnit: '这份报告未对应到单位名单中的单位；请给出上级单位的编号',
    noYear: '无法确定年度：报告没有「年度」，工作区也没有年报',
    childless: (unit: string, year: number) => `${unit} 在 ${year} 年度没有下级单位，无从汇总`,
    noFormat: (year: number) => `没有适用于 ${year} 年度的格式`,
};

export class OfficeWorkspace {
    private loaded?: Loaded;
    /** Settles when the registry of the current settings is read. */
    private loading: Promise<void>;
    /** By document (kept when a document no editor shows lets its tree go: server/documents.ts). */
    private readonly known = new WeakMap<LangiumDocument, Known>();
    private index?: FilingIndex;
    /** The filing of each uri in the current index. */
    private bySource = new Map<string, Filing>();
    /** unit#year of each uri when the index was last made (kept when it is dropped). */
    private readonly lastKeys = new Map<string, string | undefined>();
    private threshold = DEFAULT_SIMILARITY_THRESHOLD;
    /** Whether the registry of the settings has been read once. */
    private settled = false;
    /** The registry uri diagnostics were last published for. */
    private published?: string;

    constructor(private readonly shared: XxgkSharedServices, private readonly services: XxgkServices) {
        this.loading = Promise.resolve();
        // With a client: the first registry is read once the workspace folders are known, and validation
        // waits for it. (Services without a client never initialize a workspace: no registry then.)
        shared.lsp.LanguageServer.onInitialized(() => {
            this.loading = shared.workspace.WorkspaceManager.ready.then(() => this.load()).catch(e => console.error('xxgk: registry', e));
        });
    }

    get registry(): Loaded | undefined {
        return this.loaded;
    }

    /** Waits for the registry of the current settings. */
    ready(): Promise<void> {
        return this.loading;
    }

    /** Reads the registry again (the settings or the file changed). */
    reload(): Promise<void> {
        this.loading = this.loading.then(() => this.load()).catch(e => console.error('xxgk: registry', e));
        return this.loading;
    }

    private async load(): Promise<void> {
        const { ConfigurationProvider } = this.shared.workspace;
        const setting = await ConfigurationProvider.getConfiguration('xxgk', 'registry') as unknown;
        const status = await ConfigurationProvider.getConfiguration('xxgk', 'status') as { similarityThreshold?: unknown } | undefined;
        const percent = Number(status?.similarityThreshold);
        this.threshold = Number.isFinite(percent) && percent > 0 && percent <= 100 ? percent / 100 : DEFAULT_SIMILARITY_THRESHOLD;
        const file = this.registryPath(typeof setting === 'string' ? setting.trim() : '');
        if (!file) {
            this.loaded = undefined;
        } else {
            let read: RegistryRead;
            let text: string | undefined;
            try {
                const { registry, problems, bytes } = await loadRegistry(file); // a FIFO would block the server
                read = { registry, problems };
                if (bytes && !file.toLowerCase().endsWith('.xlsx')) text = new TextDecoder().decode(bytes);
            } catch (e) {
                const code = (e as NodeJS.ErrnoException).code;
                read = unreadableRegistry(code === 'ENOENT' ? '文件不存在' : code ?? (e as Error).message);
            }
            this.loaded = { uri: URI.file(file).toString(), path: file, read };
            this.publishProblems(text);
        }
        if (!this.loaded) this.publishProblems(undefined);
        this.index = undefined;
        this.settled = true;
    }

    /** The registry file: the setting (absolute, or relative to the first workspace folder), else a default name at the root. */
    private registryPath(setting: string): string | undefined {
        const root = this.root();
        if (setting) return path.isAbsolute(setting) ? setting : root ? path.join(root, setting) : undefined;
        if (!root) return undefined;
        return DEFAULT_REGISTRY_NAMES.map(n => path.join(root, n)).find(f => existsSync(f));
    }

    root(): string | undefined {
        const folder = this.shared.workspace.WorkspaceManager.workspaceFolders?.[0];
        return folder ? URI.parse(folder.uri).fsPath : undefined;
    }

    /** Whether a changed file may be the registry (the current one, or a default name at the root). */
    concerns(uri: string): boolean {
        if (this.loaded && uri === this.loaded.uri) return true;
        const root = this.root();
        const fsPath = URI.parse(uri).fsPath;
        return Boolean(root && DEFAULT_REGISTRY_NAMES.some(n => path.join(root, n) === fsPath));
    }

    private publishProblems(text: string | undefined): void {
        const connection = this.shared.lsp.Connection;
        if (!connection) return;
        const uri = this.loaded?.uri;
        if (this.published && this.published !== uri) void connection.sendDiagnostics({ uri: this.published, diagnostics: [] });
        this.published = uri;
        if (!uri) return;
        const lines = text === undefined ? undefined : new LineIndex(text.replace(/^\ufeff/, ''));
        const diagnostics: Diagnostic[] = this.loaded!.read.problems.map(p => {
            const start = { line: p.line - 1, character: 0 };
            const end = lines ? lines.position(Math.max(p.offset, lines.offset({ line: p.line, character: 0 }) - 1)) : start;
            return {
                range: { start, end: end.line === start.line ? end : start }, severity: p.severity === 'error' ? 1 : p.severity === 'warning' ? 2 : 3,
                code: p.code, source: 'xxgk', message: p.message, data: p.data,
            };
        });
        void connection.sendDiagnostics({ uri, diagnostics });
    }

    /** Changes to reports: the index is made again when next needed. */
    invalidate(): void {
        this.index = undefined;
    }

    /** The filing summary of a document (and, with `counts`, the counts of its findings). */
    private knownOf(document: LangiumDocument, counts: boolean): Known | undefined {
        if (document.parseResult.value.$type !== 'Report') return undefined;
        // The text the report was parsed from (an open document's text may already be newer).
        const text = parsedText(document);
        let known = this.known.get(document);
        if (known?.text !== text) known = undefined;
        if (known && (!counts || known.counts)) return known;
        const report = reportOf(this.shared, document);
        const templates = this.services.xxgk.Templates;
        const open = this.shared.workspace.TextDocuments?.get(document.uri.toString()) !== undefined;
        const analysis = open ? analyzeCached(report, text, templates) : analyze(report, text, templates);
        known = {
            text, summary: filingSummary(analysis.model), figures: reportFigures(analysis.model, this.tables()),
            counts: {
                errors: analysis.findings.filter(f => f.severity === 'error').length,
                warnings: analysis.findings.filter(f => f.severity === 'warning').length,
            },
        };
        this.known.set(document, known);
        return known;
    }

    /** The tables the roll-up rules sum (made on first use). */
    private rollupTables?: Set<string>;

    private tables(): Set<string> {
        return this.rollupTables ??= new Set(rollupTables(this.services.xxgk.Templates));
    }

    /** A report's figures with their cells' positions, from the report being validated (a parent's: the findings go on its cells). */
    private placedFigures(document: LangiumDocument, report: Report): ReportFigures {
        const text = parsedText(document);
        const templates = this.services.xxgk.Templates;
        const open = this.shared.workspace.TextDocuments?.get(document.uri.toString()) !== undefined;
        const analysis = open ? analyzeCached(report, text, templates) : analyze(report, text, templates);
        return reportFigures(analysis.model, this.tables(), new LineIndex(text));
    }

    /** A filing's figures (its source is a uri of the current index). */
    private readonly figuresOf = (filing: Filing): ReportFigures | undefined => {
        const document = this.shared.workspace.LangiumDocuments.getDocument(URI.parse(filing.source));
        return document ? this.knownOf(document, false)?.figures : undefined;
    };

    private filing(document: LangiumDocument, source: string): Filing | undefined {
        const known = this.knownOf(document, true);
        if (!known) return undefined;
        let { errors, warnings } = known.counts!;
        if (document.state >= DocumentState.Validated && document.diagnostics) {
            // As the Problems panel shows them (with the cross-year and registry findings).
            errors = document.diagnostics.filter(d => d.severity === 1).length;
            warnings = document.diagnostics.filter(d => d.severity === 2).length;
        }
        return { ...known.summary, source, errors, warnings };
    }

    /**
     * The reports the office counts: files in the workspace's folders. A report opened from elsewhere or
     * not yet saved (untitled) is no filing, and does not choose the year the view shows.
     */
    private reports(): LangiumDocument[] {
        const inWorkspace = this.inWorkspace();
        return this.shared.workspace.LangiumDocuments.all
            .filter(d => d.state >= DocumentState.Parsed && d.parseResult.value.$type === 'Report' && inWorkspace(d.uri))
            .toArray().sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
    }

    private inWorkspace(): (uri: URI) => boolean {
        const folders = (this.shared.workspace.WorkspaceManager.workspaceFolders ?? []).map(f => URI.parse(f.uri));
        return uri => uri.scheme === 'file' && (!folders.length || folders.some(f => UriUtils.contains(f, uri)));
    }

    /**
     * Takes a filing's summary and counts from the tree of a workspace report no editor shows, before
     * the tree is dropped (server/documents.ts) — while a registry is, or may still be (not read yet), there.
     */
    keep(document: LangiumDocument): void {
        if ((this.loaded || !this.settled) && this.inWorkspace()(document.uri)) this.knownOf(document, true);
    }

    private filings(source: (document: LangiumDocument) => string): { filing: Filing; document: LangiumDocument }[] {
        return this.reports().flatMap(document => {
            const filing = this.filing(document, source(document));
            return filing ? [{ filing, document }] : [];
        });
    }

    private currentIndex(): FilingIndex | undefined {
        if (!this.loaded) return undefined;
        if (!this.index) {
            const index = new FilingIndex(this.loaded.read.registry, this.filings(d => d.uri.toString()).map(f => f.filing));
            this.index = index;
            this.bySource = new Map(index.filings.map(f => [f.source, f]));
            this.lastKeys.clear();
            for (const f of index.filings) this.lastKeys.set(f.source, this.keyOf(index, f));
        }
        return this.index;
    }

    /** The registry findings of a report, as diagnostics. */
    validate(report: Report, accept: ValidationAcceptor): void {
        const index = this.currentIndex();
        if (!index) return;
        const document = AstUtils.getDocument(report);
        const filing = this.bySource.get(document.uri.toString());
        if (!filing) return;
        // This report's suppression comments apply to its registry findings too (src/rules/suppress.ts), as in the CLI.
        const { suppressions } = analyzeCached(report, document.textDocument.getText(), this.services.xxgk.Templates, this.services.xxgk.Options);
        const unsuppressed = <F extends { code: string; range: Range }>(found: F[]) => splitSuppressed(found, suppressions, f => f.range.start.line).visible;
        for (const finding of unsuppressed(officeFindings(index, filing, { threshold: this.threshold }))) {
            accept(finding.severity, finding.message, {
                node: report, range: finding.range, code: finding.code, data: finding.data,
                relatedInformation: finding.related?.map(r => ({ location: { uri: r.source!, range: r.range! }, message: r.message })),
            });
        }
        // A parent unit's report: the roll-up rule against its children's reports.
        const figuresOf = (f: Filing) => (f === filing ? this.placedFigures(document, report) : this.figuresOf(f));
        for (const finding of unsuppressed(unitRollupFindings(index, filing, figuresOf, this.services.xxgk.Templates))) {
            accept(finding.severity, finding.message, { node: report, range: finding.range, code: finding.code, data: finding.data });
        }
    }

    /** A parent unit's 汇总 report from its children's reports in the workspace (as `xxgk sum`). */
    async sum(params: SumParams): Promise<SumResult> {
        await this.ready();
        const index = this.currentIndex();
        if (!index || !this.loaded) return { status: 'failed', message: messages.noRegistry };
        const { registry } = this.loaded.read;
        const filing = params.uri === undefined ? undefined : this.bySource.get(params.uri);
        const unit = params.unitId !== undefined ? registry.get(params.unitId) : filing && index.unitOf(filing);
        if (!unit) return { status: 'failed', message: params.unitId !== undefined ? messages.unknownUnit(params.unitId) : messages.notAUnit };
        const year = params.year ?? filing?.year ?? Math.max(...index.filings.map(f => f.year ?? -Infinity));
        if (!Number.isFinite(year)) return { status: 'failed', message: messages.noYear };
        if (!registry.childrenOf(unit, year).length) return { status: 'failed', message: messages.childless(describeUnit(unit), year) };
        const template = this.services.xxgk.Templates.forYear(year);
        if (!template) return { status: 'failed', message: messages.noFormat(year) };
        const made = sumReport({
            template, agency: unit.name, year, level: unit.level?.label, extraMeta: [['单位编号', unit.id]],
            children: rollupChildren(index, unit, year, this.figuresOf),
        });
        return {
            status: 'created', text: made.text, unitId: unit.id, year, fileName: `${plainFileName(unit.name, '汇总')}-${year}${REPORT_EXTENSION}`,
            included: made.included, missing: made.missing,
        };
    }

    /** The status of a year; `relative`: sources as paths relative to the workspace root (exports) instead of uris. */
    status(params: StatusParams, relative = false): StatusResult {
        const root = this.root();
        const source = (d: LangiumDocument) => (relative && root ? path.relative(root, d.uri.fsPath) : d.uri.toString());
        const filings = this.filings(source).map(f => f.filing);
        const years = [...new Set(filings.map(f => f.year).filter((y): y is number => y !== undefined))].sort((a, b) => a - b);
        const result: StatusResult = { years };
        if (!this.loaded) return result;
        const problems = this.loaded.read.problems;
        result.registry = {
            uri: this.loaded.uri, units: this.loaded.read.registry.units.length,
            errors: problems.filter(p => p.severity === 'error').length, warnings: problems.filter(p => p.severity === 'warning').length,
        };
        const year = params.year ?? years.at(-1);
        if (year === undefined) return result;
        result.year = year;
        const asOf = params.asOf ? parseDate(params.asOf) : undefined;
        result.report = computeStatus(this.loaded.read.registry, filings, { year, asOf, threshold: this.threshold });
        return result;
    }

    async exportStatus(params: ExportStatusParams): Promise<ExportStatusResult> {
        await this.ready();
        if (/\.xxgk$/i.test(params.output) || (this.loaded && path.resolve(params.output) === path.resolve(this.loaded.path))) {
            return { status: 'failed', message: messages.notReport(params.output) };
        }
        const { report } = this.status(params, true);
        if (!report || !this.loaded) return { status: 'failed', message: messages.noRegistry };
        const registry = this.root() ? path.relative(this.root()!, this.loaded.path) : this.loaded.path;
        try {
            let content: string | Uint8Array;
            if (params.format === 'html') content = statusHtml(report, { registry });
            else if (params.format === 'xlsx') content = await (await import('../src/office/status-xlsx.js')).statusXlsx(report, { registry });
            else if (params.format === 'json') content = `${JSON.stringify({ ...report, registry }, null, 2)}\n`;
            else content = statusText(report, { registry, curve: true });
            writeFileSync(params.output, content);
            return { status: 'written', path: params.output };
        } catch (e) {
            return { status: 'failed', message: messages.failed((e as NodeJS.ErrnoException).code ?? (e as Error).message) };
        }
    }

    /** Drafts 单位名单.csv at the workspace root from the workspace's reports. */
    initRegistry(): InitRegistryResult {
        const root = this.root();
        if (!root) return { status: 'failed', message: messages.noRoot };
        const target = path.join(root, DEFAULT_REGISTRY_NAMES[0]);
        if (existsSync(target)) return { status: 'exists', path: target };
        const rows = draftRegistry(this.reports().flatMap(d => {
            const known = this.knownOf(d, false);
            return known ? [known.summary] : [];
        }));
        try {
            writeFileSync(target, UTF8_BOM + writeCsv(rows), 'utf8');
        } catch (e) {
            return { status: 'failed', message: messages.failed((e as NodeJS.ErrnoException).code ?? (e as Error).message) };
        }
        return { status: 'written', path: target, units: rows.length - 1 };
    }

    /** What the status view shows of each report, as last seen (see `shownChanged`). */
    private readonly shown = new Map<string, string>();

    /**
     * Whether a build changed what the status view shows of these reports (who, year, 发布日期, empty,
     * error and warning counts): typing in a report that changes none of it does not make the view ask
     * again. A large build (the workspace loading, a folder copied in) counts as a change unseen.
     */
    shownChanged(documents: readonly LangiumDocument[]): boolean {
        if (documents.length > 50) {
            this.shown.clear();
            return true;
        }
        let changed = false;
        for (const document of documents) {
            const uri = document.uri.toString();
            const known = this.knownOf(document, true);
            const f = known?.summary;
            // The report's own counts: the same in both build phases (diagnostics exist only after validation).
            const shown = f ? JSON.stringify([f.agency, f.unitId, f.year, f.published, f.empty, f.tables, known!.counts]) : '';
            if (this.shown.get(uri) !== shown) changed = true;
            this.shown.set(uri, shown);
        }
        return changed;
    }

    forgetShown(uris: readonly string[]): void {
        uris.forEach(uri => this.shown.delete(uri));
    }

    /** Documents whose registry findings a change of `uris` may change: the same unit, that year or the next. */
    affectedBy(before: Map<string, string | undefined>): LangiumDocument[] {
        const index = this.currentIndex();
        if (!index) return [];
        const keys = new Set<string>();
        for (const [uri, key] of before) {
            if (key) keys.add(key);
            const now = this.lastKeys.get(uri);
            if (now) keys.add(now);
        }
        if (!keys.size) return [];
        const wanted = new Set<string>();
        for (const key of keys) {
            const [unit, year] = key.split('#');
            wanted.add(`${unit}#${year}`);
            wanted.add(`${unit}#${Number(year) + 1}`);
            // The parent's 汇总 adds this unit's report up.
            const parent = index.registry.parentOf(unit);
            if (parent) wanted.add(`${parent.id}#${year}`);
        }
        const documents = this.shared.workspace.LangiumDocuments;
        return index.filings.filter(f => !before.has(f.source) && wanted.has(this.keyOf(index, f) ?? ''))
            .map(f => documents.getDocument(URI.parse(f.source))).filter((d): d is LangiumDocument => d !== undefined);
    }

    /** unit#year of a document's filing when the index was last made (never computed here: the document may be changing). */
    unitKeyOf(uri: string): string | undefined {
        return this.lastKeys.get(uri);
    }

    private keyOf(index: FilingIndex, filing: Filing): string | undefined {
        const unit = index.unitOf(filing);
        return unit && filing.year !== undefined ? `${unit.id}#${filing.year}` : undefined;
    }
}

/** Wires the office workspace into the server: validation, settings, file changes, requests and the change notification. */
export function registerOffice(shared: XxgkSharedServices, services: XxgkServices): OfficeWorkspace {
    const office = new OfficeWorkspace(shared, services);
    const factory = shared.workspace.LangiumDocumentFactory;
    if (factory instanceof XxgkDocumentFactory) factory.onDehydrate(document => office.keep(document));
    const { ConfigurationProvider, DocumentBuilder, LangiumDocuments, WorkspaceLock } = shared.workspace;
    const connection = shared.lsp.Connection;
    services.validation.ValidationRegistry.register({
        Report: async (report: Report, accept: ValidationAcceptor) => {
            await office.ready();
            office.validate(report, accept);
        },
    });
    let notifyTimer: ReturnType<typeof setTimeout> | undefined;
    const notify = () => {
        if (!connection) return;
        clearTimeout(notifyTimer);
        notifyTimer = setTimeout(() => void connection.sendNotification(OfficeMethods.changed, {}), 300);
    };
    /**
     * Re-checks these reports. Through `update`, so that a build this write cancels (a folder of
     * reports just copied in) is finished too: `update` rebuilds every document not validated yet.
     */
    const recheck = (documents: () => LangiumDocument[]) => WorkspaceLock.write(token => {
        for (const d of documents()) DocumentBuilder.resetToState(d, DocumentState.IndexedReferences);
        return DocumentBuilder.update([], [], token);
    });
    /** The reports validated before (the open ones and those checked since), not the whole workspace. */
    const revalidate = () => recheck(() => LangiumDocuments.all.filter(d => d.state >= DocumentState.Validated).toArray());
    const reload = async () => {
        await office.reload();
        await revalidate();
        notify();
    };
    shared.lsp.LanguageServer.onInitialized(() => void office.ready().then(notify)); // after the office's own listener
    ConfigurationProvider.onConfigurationSectionUpdate(({ section }) => {
        if (section === 'xxgk') void reload();
    });
    shared.lsp.DocumentUpdateHandler.onWatchedFilesChange(params => {
        if (params.changes.some(c => office.concerns(c.uri))) void reload();
    });
    // Which unit and year each changed report was before the change, to re-check its neighbours after it.
    let before = new Map<string, string | undefined>();
    DocumentBuilder.onUpdate((changed, deleted) => {
        for (const uri of [...changed, ...deleted]) {
            const key = uri.toString();
            if (!before.has(key)) before.set(key, office.unitKeyOf(key));
        }
        office.invalidate();
        if (deleted.length) {
            office.forgetShown(deleted.map(u => u.toString()));
            notify();
        }
    });
    DocumentBuilder.onBuildPhase(DocumentState.IndexedReferences, built => {
        if (office.shownChanged(built)) notify();
    });
    DocumentBuilder.onBuildPhase(DocumentState.Validated, built => {
        if (!before.size || !office.registry) {
            before = new Map();
            if (office.shownChanged(built)) notify();
            return;
        }
        const changes = before;
        before = new Map();
        const validated = new Set(built.map(d => d.uri.toString()));
        const others = office.affectedBy(changes).filter(d => !validated.has(d.uri.toString()) && d.state >= DocumentState.Validated);
        if (others.length) void recheck(() => others);
        if (office.shownChanged(built)) notify();
    });
    if (connection) {
        connection.onRequest(OfficeMethods.status, async (params: StatusParams) => {
            await office.ready();
            await DocumentBuilder.waitUntil(DocumentState.IndexedReferences);
            return office.status(params ?? {});
        });
        connection.onRequest(SumMethods.create, async (params: SumParams) => {
            await office.ready();
            await DocumentBuilder.waitUntil(DocumentState.IndexedReferences);
            return office.sum(params ?? {});
        });
        connection.onRequest(OfficeMethods.exportStatus, (params: ExportStatusParams) => office.exportStatus(params));
        connection.onRequest(OfficeMethods.initRegistry, async () => {
            const result = office.initRegistry();
            if (result.status === 'written') await reload();
            return result;
        });
    }
    return office;
}

export type { StatusReport };
