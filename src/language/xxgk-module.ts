/**
 * Langium services for xxgk without an editor: the parser, the document lifecycle and validation.
 * The CLI and the tests use these; server/ adds the LSP services on top.
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, DefaultLinker, DefaultReferenceDescriptionProvider, EmptyFileSystem, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices,
    type ReferenceDescription,
} from 'langium';
import type { CheckOptions } from '../rules/check.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { XxgkGeneratedModule, XxgkGeneratedSharedModule } from './generated/module.js';
import { createXxgkParser } from './parser.js';
import { registerValidationChecks, XxgkDocumentValidator } from './xxgk-validator.js';

export interface XxgkAddedServices {
    xxgk: {
        /** The formats reports may declare. */
        Templates: TemplateRegistry;
        /** Settings of the checks (the language server keeps them in step with the xxgk.validation settings). */
        Options: CheckOptions;
    };
}

export type XxgkCoreServices = LangiumCoreServices & XxgkAddedServices;

/*
 * Langium walks every node of a document several times per build: to link and to index its
 * references, and to run validation checks on each. The grammar has no cross-references, and the
 * checks (src/language/xxgk-validator.ts, server/cross-year.ts) are registered on Report only, so
 * these walks find nothing; on a large report (100,000s of nodes) they cost seconds. (The validator's
 * walk: XxgkDocumentValidator.)
 */

/** The grammar has no cross-references: nothing to link. */
export class XxgkLinker extends DefaultLinker {
    override async link(): Promise<void> {}
}

/** No cross-references: no reference to index. */
export class XxgkReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(): Promise<ReferenceDescription[]> {
        return [];
    }
}

export function createXxgkModule(templates: TemplateRegistry = nationalRegistry): Module<XxgkCoreServices, XxgkAddedServices & PartialLangiumCoreServices> {
    return {
        xxgk: { Templates: () => templates, Options: () => ({}) },
        parser: { LangiumParser: services => createXxgkParser(services) },
        references: { Linker: services => new XxgkLinker(services) },
        workspace: { ReferenceDescriptionProvider: services => new XxgkReferenceDescriptionProvider(services) },
        validation: { DocumentValidator: services => new XxgkDocumentValidator(services) },
    };
}

export function createXxgkCoreServices(context: DefaultSharedCoreModuleContext = EmptyFileSystem, templates?: TemplateRegistry) {
    const shared: LangiumSharedCoreServices = inject(createDefaultSharedCoreModule(context), XxgkGeneratedSharedModule);
    const Xxgk: XxgkCoreServices = inject(createDefaultCoreModule({ shared }), XxgkGeneratedModule, createXxgkModule(templates));
    shared.ServiceRegistry.register(Xxgk);
    registerValidationChecks(Xxgk);
    // Without a language client, nobody sends the configuration: mark it as received.
    shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Xxgk };
}
