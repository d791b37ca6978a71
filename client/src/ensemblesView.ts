/**
 * The "Ensembles" view: a thin adapter from the pure tree model (`tree/model.ts`) to VS Code's TreeDataProvider.
 * Data comes from the server (`zookeeper/ensembles`, then `zookeeper/ensemblesChanged`), the editor's
 * diagnostics and the last live status; every change rebuilds the model, and stable ids keep expansion.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { buildTree, type DiagnosticInfo, type EnsembleStatus, type EnsembleSummary, type IconModel, type Severity, type TreeItemModel } from './tree/model';

export const VIEW_ID = 'zookeeper.ensembles';
export const ENSEMBLES_REQUEST = 'zookeeper/ensembles';
export const ENSEMBLES_CHANGED_NOTIFICATION = 'zookeeper/ensemblesChanged';
/** A context key: true once the server has reported its first analysis, so the welcome text shows only when it is empty. */
const LOADED_CONTEXT = 'zookeeper.ensemblesLoaded';
const REBUILD_DELAY_MS = 100;

interface EnsemblesJson {
  readonly ensembles: readonly EnsembleSummary[];
}

/** The live status the view shows, kept by the status controller. */
export interface StatusSource {
  readonly onDidChange: vscode.Event<void>;
  statusOf(ensembleKey: string): EnsembleStatus | undefined;
  timeOf(ensembleKey: string): string | undefined;
}

export class EnsemblesView implements vscode.TreeDataProvider<TreeItemModel>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  /** The summaries last received; also read by the language status item and the commands. */
  ensembles: readonly EnsembleSummary[] = [];
  private roots: TreeItemModel[] = [];
  private readonly parents = new Map<string, TreeItemModel>();
  private readonly byId = new Map<string, TreeItemModel>();
  private readonly disposables: vscode.Disposable[] = [];
  private pendingRebuild: ReturnType<typeof setTimeout> | undefined;
  readonly treeView: vscode.TreeView<TreeItemModel>;

  constructor(
    private readonly client: LanguageClient,
    private readonly status: StatusSource,
  ) {
    this.treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.treeView,
      this.changed,
      client.onNotification(ENSEMBLES_CHANGED_NOTIFICATION, (json: EnsemblesJson) => {
        void vscode.commands.executeCommand('setContext', LOADED_CONTEXT, true);
        this.setEnsembles(json.ensembles);
      }),
      vscode.languages.onDidChangeDiagnostics(() => this.scheduleRebuild()),
      status.onDidChange(() => this.rebuild()),
    );
  }

  /** Asks the server again (the refresh button); the view also follows the server's notifications by itself. */
  async refresh(): Promise<void> {
    if (!this.client.isRunning()) return;
    const json = await this.client.sendRequest<EnsemblesJson>(ENSEMBLES_REQUEST);
    this.setEnsembles(json.ensembles);
  }

  item(id: string): TreeItemModel | undefined {
    return this.byId.get(id);
  }

  async reveal(id: string): Promise<void> {
    const item = this.byId.get(id);
    if (item) await this.treeView.reveal(item, { select: true, focus: true, expand: true });
  }

  getTreeItem(model: TreeItemModel): vscode.TreeItem {
    const collapsible = {
      expanded: vscode.TreeItemCollapsibleState.Expanded,
      collapsed: vscode.TreeItemCollapsibleState.Collapsed,
      none: vscode.TreeItemCollapsibleState.None,
    }[model.collapsible];
    const item = new vscode.TreeItem(model.label, collapsible);
    item.id = model.id;
    item.description = model.description;
    item.tooltip = new vscode.MarkdownString(model.tooltip);
    item.iconPath = themeIcon(model.icon);
    item.contextValue = model.contextValue;
    if (model.resourcePath) item.resourceUri = vscode.Uri.file(model.resourcePath);
    if (model.command) item.command = { command: model.command.command, title: model.command.title, arguments: [...model.command.arguments] };
    return item;
  }

  getChildren(model?: TreeItemModel): TreeItemModel[] {
    return model ? [...model.children] : this.roots;
  }

  getParent(model: TreeItemModel): TreeItemModel | undefined {
    return this.parents.get(model.id);
  }

  dispose(): void {
    clearTimeout(this.pendingRebuild);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private setEnsembles(ensembles: readonly EnsembleSummary[]): void {
    this.ensembles = ensembles;
    this.rebuild();
  }

  /** Diagnostics arrive file by file; one rebuild for a burst. */
  private scheduleRebuild(): void {
    clearTimeout(this.pendingRebuild);
    this.pendingRebuild = setTimeout(() => this.rebuild(), REBUILD_DELAY_MS);
  }

  private rebuild(): void {
    clearTimeout(this.pendingRebuild);
    this.pendingRebuild = undefined;
    this.roots = buildTree({
      ensembles: this.ensembles,
      diagnostics: diagnosticsOf,
      status: new Map(this.ensembles.flatMap((e) => {
        const status = this.status.statusOf(e.key);
        return status ? [[e.key, status] as const] : [];
      })),
      statusTime: (key) => this.status.timeOf(key),
      displayPath: (file) => vscode.workspace.asRelativePath(vscode.Uri.file(file)),
    });
    this.parents.clear();
    this.byId.clear();
    const index = (item: TreeItemModel, parent: TreeItemModel | undefined) => {
      this.byId.set(item.id, item);
      if (parent) this.parents.set(item.id, parent);
      for (const child of item.children) index(child, item);
    };
    for (const root of this.roots) index(root, undefined);
    this.changed.fire();
  }
}

const SEVERITIES: Record<vscode.DiagnosticSeverity, Severity> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** A file's diagnostics (every source; the model counts the server's own), by its core path. */
export function diagnosticsOf(file: string): DiagnosticInfo[] {
  return vscode.languages.getDiagnostics(vscode.Uri.file(file)).map((d) => ({ severity: SEVERITIES[d.severity], line: d.range.start.line, source: d.source }));
}

/** The core's form of a file URI's path: absolute, '/'-separated (as the server reports paths). */
export function corePath(uri: vscode.Uri): string {
  return path.resolve(uri.fsPath).split(path.sep).join('/');
}

function themeIcon(icon: IconModel): vscode.ThemeIcon {
  if (icon.id === 'file') return vscode.ThemeIcon.File;
  return new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}
