/** Langium LSP services for provider tests (no connection, in-memory documents). */
import { EmptyFileSystem } from 'langium';
import { createXxgkServices } from '../../server/xxgk-services.js';

let services: ReturnType<typeof createXxgkServices> | undefined;
export function lspServices() {
    services ??= createXxgkServices(EmptyFileSystem);
    return services;
}
