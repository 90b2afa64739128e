/** The full language-server services: Langium's LSP defaults plus the xxgk core. */
import { inject } from 'langium';
import { createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices, type LangiumSharedServices } from 'langium/lsp';
import { XxgkGeneratedModule, XxgkGeneratedSharedModule } from '../src/language/generated/module.js';
import { createXxgkModule, type XxgkAddedServices } from '../src/language/xxgk-module.js';
import { registerValidationChecks } from '../src/language/xxgk-validator.js';
import type { TemplateRegistry } from '../src/templates/registry.js';
import { CrossYearModule, CrossYearSharedModule, registerCrossYearChecks, type CrossYearAddedServices } from './cross-year.js';

export type XxgkServices = LangiumServices & XxgkAddedServices & CrossYearAddedServices;

export function createXxgkServices(context: DefaultSharedModuleContext, templates?: TemplateRegistry): { shared: LangiumSharedServices; Xxgk: XxgkServices } {
    const shared = inject(createDefaultSharedModule(context), XxgkGeneratedSharedModule, CrossYearSharedModule);
    const Xxgk: XxgkServices = inject(createDefaultModule({ shared }), XxgkGeneratedModule, createXxgkModule(templates), CrossYearModule);
    shared.ServiceRegistry.register(Xxgk);
    registerValidationChecks(Xxgk);
    registerCrossYearChecks(Xxgk);
    if (!context.connection) shared.workspace.ConfigurationProvider.initialized({});
    return { shared, Xxgk };
}
