/** The full language-server services: Langium's LSP defaults, the xxgk core, and the xxgk LSP providers. */
import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, NormalizedTextDocuments, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices,
    type PartialLangiumServices, type PartialLangiumSharedServices,
} from 'langium/lsp';
import { XxgkGeneratedModule, XxgkGeneratedSharedModule } from '../src/language/generated/module.js';
import { createXxgkModule, type XxgkAddedServices } from '../src/language/xxgk-module.js';
import { registerValidationChecks } from '../src/language/xxgk-validator.js';
import type { TemplateRegistry } from '../src/templates/registry.js';
import { registerCheckSettings } from './check-settings.js';
import { CrossYearModule, CrossYearSharedModule, registerCrossYearChecks, type CrossYearAddedServices } from './cross-year.js';
import { XxgkCodeActionProvider } from './lsp/code-action-provider.js';
import { registerOffice } from './office.js';
import {
    clampedTextDocuments, ReportFileSystem, XxgkDocumentBuilder, XxgkDocumentFactory, XxgkDocumentUpdateHandler, XxgkServiceRegistry, XxgkValidationRegistry,
    XxgkWorkspaceManager,
} from './documents.js';
import { SavedDocuments, type XxgkSharedAddedServices } from './save-checks.js';
import { XxgkCompletionProvider } from './lsp/completion-provider.js';
import { XxgkFormatter } from './lsp/formatter.js';
import { XxgkHoverProvider } from './lsp/hover-provider.js';
import {
    XxgkDocumentSymbolProvider, XxgkFoldingRangeProvider, XxgkInlayHintProvider, XxgkSemanticTokenProvider,
} from './lsp/structure-providers.js';

export type XxgkServices = LangiumServices & XxgkAddedServices & CrossYearAddedServices;

/** The LSP providers: each adapts one pure module of src/editor or src/format. */
export const XxgkLspModule: Module<XxgkServices, PartialLangiumServices> = {
    validation: { ValidationRegistry: services => new XxgkValidationRegistry(services) },
    lsp: {
        CompletionProvider: services => new XxgkCompletionProvider(services),
        HoverProvider: services => new XxgkHoverProvider(services),
        CodeActionProvider: services => new XxgkCodeActionProvider(services),
        Formatter: services => new XxgkFormatter(services),
        DocumentSymbolProvider: services => new XxgkDocumentSymbolProvider(services),
        FoldingRangeProvider: services => new XxgkFoldingRangeProvider(services),
        SemanticTokenProvider: services => new XxgkSemanticTokenProvider(services),
        InlayHintProvider: services => new XxgkInlayHintProvider(services),
    },
};

export type XxgkSharedServices = LangiumSharedServices & XxgkSharedAddedServices;

/**
 * Shared LSP services: the document lifecycle that no message sequence breaks (server/documents.ts),
 * and which reports are saved, for the checks that run on save.
 */
export const XxgkSharedLspModule: Module<XxgkSharedServices, PartialLangiumSharedServices & XxgkSharedAddedServices> = {
    ServiceRegistry: shared => new XxgkServiceRegistry(shared),
    workspace: {
        SavedDocuments: shared => new SavedDocuments(shared),
        TextDocuments: () => new NormalizedTextDocuments(clampedTextDocuments),
        DocumentBuilder: shared => new XxgkDocumentBuilder(shared),
        LangiumDocumentFactory: shared => new XxgkDocumentFactory(shared),
        WorkspaceManager: shared => new XxgkWorkspaceManager(shared),
    },
    lsp: { DocumentUpdateHandler: shared => new XxgkDocumentUpdateHandler(shared) },
};

export function createXxgkServices(context: DefaultSharedModuleContext, templates?: TemplateRegistry): { shared: XxgkSharedServices; Xxgk: XxgkServices } {
    const files = { ...context, fileSystemProvider: (s: Parameters<typeof context.fileSystemProvider>[0]) => new ReportFileSystem(context.fileSystemProvider(s)) };
    const shared = inject(createDefaultSharedModule(files), XxgkGeneratedSharedModule, CrossYearSharedModule, XxgkSharedLspModule);
    const Xxgk: XxgkServices = inject(createDefaultModule({ shared }), XxgkGeneratedModule, createXxgkModule(templates), CrossYearModule, XxgkLspModule);
    shared.ServiceRegistry.register(Xxgk);
    registerCheckSettings(Xxgk);
    registerValidationChecks(Xxgk);
    registerCrossYearChecks(Xxgk, shared.workspace.SavedDocuments);
    registerOffice(shared, Xxgk);
    if (!context.connection) shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Xxgk };
}
