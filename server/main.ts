/** The xxgk language server (stdio or IPC, as the client starts it). */
import '../src/polyfill.js';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerImportService } from './import-service.js';
import { registerPreviewService } from './preview-service.js';
import { createXxgkServices } from './xxgk-services.js';

const connection = createConnection(ProposedFeatures.all);
const { shared, Xxgk } = createXxgkServices({ connection, ...NodeFileSystem });
startLanguageServer(shared);
registerPreviewService(shared, Xxgk);
registerImportService(shared);
