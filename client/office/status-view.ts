/**
 * The 「年报报送情况」 view: the units of the registry under their parents, an icon per status, the
 * report's error count in the description, a click opens the report. The language server computes
 * the status (src/office/status.ts) and says when it may have changed; this side only displays it.
 * Commands: refresh, choose the year, look at a day (as of), export the table, draft a registry.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
    OfficeMethods, type ExportStatusParams, type ExportStatusResult, type InitRegistryResult, type StatusFormat, type StatusParams, type StatusResult,
} from '../../src/office/protocol.js';
import type { StatusCode, UnitStatus, UnmatchedFiling } from '../../src/office/status.js';
import { commandIds, STATUS_VIEW_ID } from '../ids.js';
import { clientStrings as S } from '../strings.js';

type Node =
    | { kind: 'unit'; unit: UnitStatus }
    | { kind: 'unmatched'; items: UnmatchedFiling[] }
    | { kind: 'stray'; item: UnmatchedFiling };

const ICONS: Record<StatusCode, [string, string | undefined]> = {
    filed: ['pass-filled', 'testing.iconPassed'],
    'filed-empty': ['circle-large-outline', 'charts.blue'],
    late: ['warning', 'charts.orange'],
    missing: ['error', 'testing.iconFailed'],
    exempt: ['circle-slash', 'disabledForeground'],
};

export class StatusView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<Node | undefined>();
    readonly onDidChangeTreeData = this.changed.event;
    private readonly view: vscode.TreeView<Node>;
    private readonly disposables: vscode.Disposable[] = [];
    private result?: StatusResult;
    private params: StatusParams = {};
    private stale = true;
    private loading?: Promise<void>;

    constructor(private readonly client: LanguageClient) {
        this.view = vscode.window.createTreeView(STATUS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
        this.disposables.push(
            this.view,
            this.changed,
            client.onNotification(OfficeMethods.changed, () => this.invalidate()),
            this.view.onDidChangeVisibility(e => {
                if (e.visible && this.stale) this.invalidate();
            }),
            vscode.commands.registerCommand(commandIds.statusRefresh, () => this.refresh()),
            vscode.commands.registerCommand(commandIds.statusChooseYear, (year?: number) => this.chooseYear(year)),
            vscode.commands.registerCommand(commandIds.statusAsOf, (date?: string) => this.chooseDay(date)),
            vscode.commands.registerCommand(commandIds.statusExport, (format?: StatusFormat, output?: vscode.Uri) => this.export(format, output)),
            vscode.commands.registerCommand(commandIds.registryInit, () => this.initRegistry()),
        );
    }

    /** The status now shown (for scripts and tests): the server's answer, refreshed first. */
    async refresh(): Promise<StatusResult | undefined> {
        this.stale = true;
        await this.load();
        return this.result;
    }

    private invalidate(): void {
        this.stale = true;
        if (this.view.visible) void this.load();
    }

    private load(): Promise<void> {
        this.loading ??= (async () => {
            try {
                while (this.stale) {
                    this.stale = false;
                    this.result = await this.client.sendRequest<StatusResult>(OfficeMethods.status, this.params);
                }
                this.describe();
                this.changed.fire(undefined);
            } finally {
                this.loading = undefined;
            }
        })();
        return this.loading;
    }

    private describe(): void {
        const result = this.result;
        const report = result?.report;
        void vscode.commands.executeCommand('setContext', 'xxgk.registryFound', Boolean(result?.registry));
        if (!result?.registry || !report) {
            this.view.description = undefined;
            this.view.message = result?.registry ? S.noReports : undefined;
            this.view.badge = undefined;
            return;
        }
        const c = report.counts;
        this.view.description = S.statusDescription(report.year, c.required, c.missing, c.late, report.asOf);
        const problems = result.registry.errors ? S.registryErrors(result.registry.errors) : undefined;
        this.view.message = problems;
        const due = c.missing + c.late;
        this.view.badge = due ? { value: due, tooltip: S.statusBadge(c.missing, c.late) } : undefined;
    }

    getChildren(node?: Node): Node[] {
        const report = this.result?.report;
        if (!report) {
            if (this.stale && !node) void this.load();
            return [];
        }
        if (!node) {
            const roots: Node[] = report.units.filter(u => u.parentId === undefined).map(unit => ({ kind: 'unit', unit }));
            if (report.unmatched.length) roots.push({ kind: 'unmatched', items: report.unmatched });
            return roots;
        }
        if (node.kind === 'unmatched') return node.items.map(item => ({ kind: 'stray', item }));
        if (node.kind === 'unit') return report.units.filter(u => u.parentId === node.unit.id).map(unit => ({ kind: 'unit', unit }));
        return [];
    }

    getTreeItem(node: Node): vscode.TreeItem {
        if (node.kind === 'unmatched') {
            const item = new vscode.TreeItem(S.unmatchedGroup(node.items.length), vscode.TreeItemCollapsibleState.Expanded);
            item.iconPath = new vscode.ThemeIcon('question', new vscode.ThemeColor('charts.orange'));
            item.contextValue = 'unmatched';
            return item;
        }
        if (node.kind === 'stray') {
            const uri = vscode.Uri.parse(node.item.source);
            const item = new vscode.TreeItem(node.item.agency ?? uri.path.split('/').pop()!, vscode.TreeItemCollapsibleState.None);
            item.description = node.item.candidates.length ? S.candidates(node.item.candidates.map(c => c.name).join('、')) : undefined;
            item.resourceUri = uri;
            item.iconPath = new vscode.ThemeIcon('file');
            item.command = { command: 'vscode.open', title: S.openReport, arguments: [uri] };
            item.tooltip = uri.fsPath;
            return item;
        }
        const { unit } = node;
        const hasChildren = this.result!.report!.units.some(u => u.parentId === unit.id);
        const item = new vscode.TreeItem(unit.name, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        item.id = `${this.result!.report!.year}/${unit.id}`;
        const [icon, color] = ICONS[unit.status];
        item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
        const parts = [unit.label];
        if (unit.errors) parts.push(S.errorCount(unit.errors));
        if (unit.similar) parts.push(S.similar);
        if (hasChildren && unit.children) parts.push(S.childrenFiled(unit.children.required - unit.children.missing, unit.children.required));
        item.description = parts.join(' · ');
        item.contextValue = `unit.${unit.status}`;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**${escapeMarkdown(unit.name)}**（${escapeMarkdown(unit.id)}）　${unit.label}\n\n`);
        if (unit.deadline) tooltip.appendMarkdown(`${S.deadline}：${unit.deadline}　`);
        if (unit.published) tooltip.appendMarkdown(`${S.published}：${unit.published}`);
        if (unit.errors !== undefined) tooltip.appendMarkdown(`\n\n${S.problems(unit.errors, unit.warnings ?? 0)}`);
        if (unit.notes.length) tooltip.appendMarkdown(`\n\n${unit.notes.map(escapeMarkdown).join('；')}`);
        item.tooltip = tooltip;
        if (unit.source) {
            const uri = vscode.Uri.parse(unit.source);
            item.resourceUri = uri;
            item.command = { command: 'vscode.open', title: S.openReport, arguments: [uri] };
        }
        return item;
    }

    private async chooseYear(year?: number): Promise<void> {
        const years = this.result?.years ?? [];
        const chosen = year ?? Number((await vscode.window.showQuickPick(years.slice().reverse().map(y => ({ label: String(y) })), { placeHolder: S.chooseYear }))?.label);
        if (!Number.isInteger(chosen)) return;
        this.params = { ...this.params, year: chosen };
        await this.refresh();
    }

    private async chooseDay(date?: string): Promise<void> {
        const value = date ?? await vscode.window.showInputBox({
            prompt: S.asOfPrompt, placeHolder: 'YYYY-MM-DD', value: this.params.asOf ?? '',
            validateInput: v => (v === '' || /^\d{4}-\d{1,2}-\d{1,2}$/.test(v.trim()) ? undefined : S.asOfInvalid),
        });
        if (value === undefined) return;
        this.params = { ...this.params, asOf: value.trim() || undefined };
        await this.refresh();
    }

    private async export(format?: StatusFormat, output?: vscode.Uri): Promise<ExportStatusResult | undefined> {
        const chosen = format ?? (await vscode.window.showQuickPick(
            (['xlsx', 'html', 'json', 'text'] as const).map(f => ({ label: S.statusFormats[f], format: f })), { placeHolder: S.exportPick },
        ))?.format;
        if (!chosen) return undefined;
        const extension = chosen === 'text' ? 'txt' : chosen;
        const year = this.params.year ?? this.result?.year;
        const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
        const target = output ?? await vscode.window.showSaveDialog({
            defaultUri: folder && vscode.Uri.joinPath(folder, `年报报送情况-${year ?? ''}.${extension}`),
            filters: { [S.statusFormats[chosen]]: [extension] },
            saveLabel: S.saveLabel,
        });
        if (!target) return undefined;
        const params: ExportStatusParams = { ...this.params, year, format: chosen, output: target.fsPath };
        const result = await this.client.sendRequest<ExportStatusResult>(OfficeMethods.exportStatus, params);
        if (result.status === 'failed') void vscode.window.showErrorMessage(S.exportFailed(result.message));
        else void vscode.window.showInformationMessage(S.exported(target.path.split('/').pop()!), S.open).then(choice => {
            if (choice === S.open) void vscode.env.openExternal(vscode.Uri.file(result.path));
        });
        return result;
    }

    private async initRegistry(): Promise<InitRegistryResult> {
        const result = await this.client.sendRequest<InitRegistryResult>(OfficeMethods.initRegistry);
        if (result.status === 'failed') void vscode.window.showErrorMessage(result.message);
        else {
            if (result.status === 'written') void vscode.window.showInformationMessage(S.registryDrafted(result.units));
            await vscode.window.showTextDocument(vscode.Uri.file(result.path));
            await this.refresh();
        }
        return result;
    }

    dispose(): void {
        this.disposables.forEach(d => d.dispose());
    }
}

function escapeMarkdown(text: string): string {
    return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, ch => `\\${ch}`);
}
