/**
 * Live status: asks the server (`zookeeper/status`) what each node is doing, on the explicit "Check Status"
 * action, or every `zookeeper.status.interval` seconds when the user opted in. Never on activation by default,
 * and never in an untrusted workspace: the check connects to the hosts and ports the workspace's files name.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { StatusSource } from './ensemblesView';
import { type EnsembleStatus, type StatusReport, statusMessage } from './tree/model';
import { VIEW_ID } from './ensemblesView';

export const STATUS_REQUEST = 'zookeeper/status';
export const TRUST_CHANGED_NOTIFICATION = 'zookeeper/trustChanged';
const INTERVAL_SETTING = 'status.interval';
/** Polling faster than this would only load the nodes. */
const MIN_INTERVAL_SECONDS = 5;

export class LiveStatus implements StatusSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly statuses = new Map<string, EnsembleStatus>();
  private readonly times = new Map<string, string>();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** One check at a time from here; the server also asks each node at most once at a time. */
  private running: Promise<StatusReport | undefined> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`zookeeper.${INTERVAL_SETTING}`)) this.schedule();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        // A server (re)started later gets the trust in its initializationOptions.
        if (this.client.isRunning()) this.client.sendNotification(TRUST_CHANGED_NOTIFICATION, { trusted: true }).catch(() => undefined);
        this.schedule();
      }),
    );
    this.schedule();
  }

  statusOf(ensembleKey: string): EnsembleStatus | undefined {
    return this.statuses.get(ensembleKey);
  }

  timeOf(ensembleKey: string): string | undefined {
    return this.times.get(ensembleKey);
  }

  /**
   * Checks one ensemble or all. `explicit`: the user asked, so say what happened (also why nothing can
   * happen); a periodic check stays silent.
   */
  async check(ensembleKey?: string, explicit = true): Promise<StatusReport | undefined> {
    if (!vscode.workspace.isTrusted) {
      if (explicit) {
        const manage = 'Manage Workspace Trust';
        const choice = await vscode.window.showWarningMessage(
          'Live status is off in Restricted Mode: checking it connects to the hosts and ports this workspace\'s files name. Trust the workspace to check status.',
          manage,
        );
        if (choice === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      }
      return undefined;
    }
    if (!this.client.isRunning()) {
      if (explicit) void vscode.window.showWarningMessage('The ZooKeeper language server is not running: restart it to check status.');
      return undefined;
    }
    if (this.running) return this.running;
    this.running = this.request(ensembleKey, explicit).finally(() => (this.running = undefined));
    return this.running;
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async request(ensembleKey: string | undefined, explicit: boolean): Promise<StatusReport | undefined> {
    const ask = () => this.client.sendRequest<StatusReport>(STATUS_REQUEST, ensembleKey === undefined ? {} : { ensembleKey });
    try {
      const report = explicit ? await vscode.window.withProgress({ location: { viewId: VIEW_ID }, title: 'Checking ZooKeeper status' }, ask) : await ask();
      const time = new Date(report.checkedAt).toLocaleTimeString();
      for (const ensemble of report.ensembles) {
        this.statuses.set(ensemble.key, ensemble);
        this.times.set(ensemble.key, time);
      }
      this.changed.fire();
      if (explicit) {
        if (report.ensembles.length === 0) void vscode.window.showInformationMessage('No ZooKeeper ensemble in this workspace to check.');
        else vscode.window.setStatusBarMessage(`$(pulse) ${statusMessage(report)}`, 10_000);
      }
      return report;
    } catch (error) {
      if (explicit) void vscode.window.showErrorMessage(`ZooKeeper status: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** (Re)starts polling when `zookeeper.status.interval` > 0 in a trusted workspace; stops it otherwise. */
  private schedule(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    const seconds = vscode.workspace.getConfiguration('zookeeper').get<number>(INTERVAL_SETTING, 0);
    if (!vscode.workspace.isTrusted || typeof seconds !== 'number' || !(seconds > 0)) return;
    this.timer = setInterval(() => void this.check(undefined, false), Math.max(seconds, MIN_INTERVAL_SECONDS) * 1000);
  }
}
