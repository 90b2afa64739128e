/** The xxgk language server (stdio or IPC, as the client starts it). */
import '../src/polyfill.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerCompareService } from './compare-service.js';
import { registerImportService } from './import-service.js';
import { collectWhenIdle, limitHeapGrowth } from './memory.js';
import { registerNextYearService } from './next-year.js';
import { registerPreviewService } from './preview-service.js';
import { createXxgkServices } from './xxgk-services.js';

limitHeapGrowth();
const connection = createConnection(ProposedFeatures.all);
// The last safety net: whatever slipped through is logged, and the server keeps serving the other
// documents (the causes are handled where they happen: server/documents.ts).
const logUncaught = (what: string) => (error: unknown) => {
    try {
        connection.console.error(`xxgk: ${what}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    } catch {
        // the connection itself is gone: nothing left to tell
    }
};
process.on('unhandledRejection', logUncaught('未处理的异步错误'));
process.on('uncaughtException', logUncaught('未捕获的错误'));
const { shared, Xxgk } = createXxgkServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
registerPreviewService(shared, Xxgk);
registerNextYearService(shared, Xxgk);
registerCompareService(shared, Xxgk);
registerImportService(shared);
collectWhenIdle(shared);
