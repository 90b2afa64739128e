/**
 * The settings that change what a check reports, kept in `services.xxgk.Options` (which every
 * analysis of the server reads): xxgk.validation.deadline, a local publication deadline (R21).
 * Read before each document is validated; a change re-checks every report at once.
 */
import { parseDeadline } from '../src/rules/deadline.js';
import type { XxgkServices } from './xxgk-services.js';

export function registerCheckSettings(services: XxgkServices): void {
    const { ConfigurationProvider, DocumentBuilder, LangiumDocuments, WorkspaceLock } = services.shared.workspace;
    const options = services.xxgk.Options;
    /** Takes the settings; says whether they changed. An unreadable deadline counts as none (the setting's pattern says what is valid). */
    const apply = (validation: { deadline?: unknown } | undefined): boolean => {
        const text = typeof validation?.deadline === 'string' ? validation.deadline.trim() : '';
        const deadline = text ? parseDeadline(text) : undefined;
        const changed = JSON.stringify(deadline) !== JSON.stringify(options.deadline);
        options.deadline = deadline;
        return changed;
    };
    services.validation.ValidationRegistry.registerBeforeDocument(async () => {
        apply(await ConfigurationProvider.getConfiguration('xxgk', 'validation'));
    });
    ConfigurationProvider.onConfigurationSectionUpdate(({ section, configuration }) => {
        if (section !== 'xxgk' || !apply(configuration?.validation)) return;
        void WorkspaceLock.write(token => DocumentBuilder.build(LangiumDocuments.all.toArray(), { validation: true }, token));
    });
}
