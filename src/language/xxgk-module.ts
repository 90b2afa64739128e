/**
 * Langium services for xxgk without an editor: the parser, the document lifecycle and validation.
 * The CLI and the tests use these; server/ adds the LSP services on top.
 */
import {
    createDefaultCoreModule, createDefaultSharedCoreModule, EmptyFileSystem, inject,
    type DefaultSharedCoreModuleContext, type LangiumCoreServices, type LangiumSharedCoreServices, type Module, type PartialLangiumCoreServices,
} from 'langium';
import type { CheckOptions } from '../rules/check.js';
import { nationalRegistry, type TemplateRegistry } from '../templates/registry.js';
import { XxgkGeneratedModule, XxgkGeneratedSharedModule } from './generated/module.js';
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

export function createXxgkModule(templates: TemplateRegistry = nationalRegistry): Module<XxgkCoreServices, PartialLangiumCoreServices & XxgkAddedServices> {
    return {
        xxgk: { Templates: () => templates, Options: () => ({}) },
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
