/** Langium LSP services for provider tests (no connection, in-memory documents). */
import { EmptyFileSystem } from 'langium';
import { validationHelper } from 'langium/test';
import { expect } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Report } from '../../src/language/generated/ast.js';
import { createXxgkServices } from '../../server/xxgk-services.js';

let services: ReturnType<typeof createXxgkServices> | undefined;
export function lspServices() {
    services ??= createXxgkServices(EmptyFileSystem);
    return services;
}

/**
 * The diagnostic's preferred quick fix repairs it: as testCodeAction, but beside it each diagnostic
 * also offers to suppress itself (a comment), so the preferred action is the one applied.
 */
export async function expectFix(text: string, code: string, expected: string): Promise<void> {
    const { Xxgk } = lspServices();
    const validate = validationHelper<Report>(Xxgk);
    const before = await validate(text);
    const diagnostics = before.diagnostics.filter(d => (d.data as { code?: string } | undefined)?.code === code);
    expect(diagnostics).toHaveLength(1);
    const actions = (await Xxgk.lsp.CodeActionProvider!.getCodeActions(before.document, {
        textDocument: { uri: before.document.textDocument.uri }, range: diagnostics[0].range, context: { diagnostics, triggerKind: 1 },
    })) as CodeAction[];
    expect(actions.filter(a => a.isPreferred)).toHaveLength(1);
    expect(actions.map(a => a.title)).toContain(`忽略此处的 ${code}（插入 xxgk-disable-next-line 注释）`);
    const preferred = actions.find(a => a.isPreferred)!;
    const fixed = TextDocument.applyEdits(before.document.textDocument, preferred.edit!.changes![before.document.textDocument.uri]);
    expect(fixed).toBe(expected);
    const after = await validate(fixed);
    expect(after.diagnostics.filter(d => (d.data as { code?: string } | undefined)?.code === code)).toEqual([]);
}
