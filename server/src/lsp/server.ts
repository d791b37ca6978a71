import {
  ClientCapabilities,
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CompletionItem,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeConfigurationParams,
  DidChangeWatchedFilesNotification,
  DidChangeWatchedFilesParams,
  ExecuteCommandParams,
  FileChangeType,
  Hover,
  InitializeParams,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentPositionParams,
  TextDocuments,
  TextDocumentSyncKind,
  WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt } from '../core/completion';
import { EngineSettings, Engine, WorkspaceAnalysis } from '../core/engine';
import type { Ensemble } from '../core/ensembles';
import type { Finding } from '../core/findings';
import type { EnsembleSummary } from '../core/summary';
import { classifyPath } from '../core/files';
import { hoverAt } from '../core/hover';
import { isInside } from '../core/paths';
import { PropertiesDocument, readProperties } from '../core/properties';
import { DEFAULT_ZOOKEEPER_VERSION, releaseVersion, ZkVersion } from '../core/version';
import { findCandidateFiles, readCandidateFile, toCorePath } from '../workspace/scan';
import { makeConsistent } from '../core/consistent';
import { codeActionsFor, EditTarget, MAKE_CONSISTENT_COMMAND, REWRITE_DESCRIPTION, toWorkspaceEdit } from './codeActions';
import { toCompletionItem, toDiagnostic, toHover } from './convert';
import { ENSEMBLES_CHANGED_NOTIFICATION, ENSEMBLES_REQUEST, EnsemblesJson, ensemblesToJson } from './ensembles';
import { DEFAULT_DEBOUNCE_MS, InitializationOptions, mergeSettings, readConfigurationSection, readInitializationOptions } from './settings';
import { corePathToUri, uriToCorePath } from './uris';
import { STATUS_REQUEST, StatusService, TRUST_CHANGED_NOTIFICATION } from './status';
import { GENERATE_REQUEST, generateRequest, VALIDATE_GENERATE_REQUEST, validateGenerateRequest } from './generate';

/**
 * The language server: keeps the engine fed with the workspace's files (disk text, overridden by the editor's
 * text while a document is open), re-analyses after changes and publishes what changed.
 */

/** The files the engine reads, as the editor should watch them. */
const WATCHED_GLOBS = ['**/zoo*.cfg', '**/zoo*.cfg.bak', '**/*.cfg.dynamic*', '**/zookeeper.properties', '**/myid', '**/*.{yml,yaml}'];

/** The language id the VS Code extension gives zoo.cfg-like files, whatever their name. */
const ZOOCFG_LANGUAGE_ID = 'zoocfg';

export function startServer(connection: Connection): void {
  new ZooKeeperLanguageServer(connection).listen();
}

class ZooKeeperLanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly engine = new Engine();
  private capabilities: ClientCapabilities = {};
  private options: InitializationOptions = { debounceMs: DEFAULT_DEBOUNCE_MS, engine: {} };
  private roots: string[] = [];
  /** Open documents by path, with the URI the editor uses for them. */
  private readonly openUris = new Map<string, string>();
  /** Paths held with their disk text (not open in the editor). */
  private readonly diskPaths = new Set<string>();
  /** What was last published per path, so that only changes are sent (compared serialized, when there is one). */
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  /** The analysis last published, and the open documents' URIs then: the engine tells what changed since. */
  private publishedAnalysis: WorkspaceAnalysis | undefined;
  private publishedOpenUris = new Map<string, string>();
  /** The ensembles last published: the list (by identity), each one's summary serialized, and a cache of those. */
  private publishedEnsembles: readonly string[] | undefined;
  private publishedEnsembleList: readonly Ensemble[] = [];
  private readonly ensembleSummaries = new WeakMap<Ensemble, { readonly summary: EnsembleSummary; readonly serialized: string }>();
  private lastAnalysis: WorkspaceAnalysis | undefined;
  /** Live status (`zookeeper/status`), refused until the editor says the workspace is trusted. */
  private readonly statusService = new StatusService();
  private pendingAnalysis: ReturnType<typeof setTimeout> | undefined;
  /** False until the first scan is done: analysing a half-read workspace would publish noise. */
  private ready = false;
  /**
   * Settles once the first scan's diagnostics are sent. Files without findings get no message, so a client learns
   * that a file is clean by asking `zookeeper/ensembles`, which answers only after this.
   */
  private markFirstAnalysisSent: () => void = () => {};
  private readonly firstAnalysisSent = new Promise<void>((resolve) => (this.markFirstAnalysisSent = resolve));

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(this.guard('initialized', undefined, () => this.initialized()));
    connection.onShutdown(() => this.stopAnalysis());
    connection.onDidChangeConfiguration(this.guard('configuration change', undefined, (params) => this.configurationChanged(params)));
    connection.onDidChangeWatchedFiles(this.guard('watched files', undefined, (params) => this.watchedFilesChanged(params)));
    connection.onHover(this.guard('hover', null, (params) => this.hover(params)));
    connection.onCompletion(this.guard('completion', [], (params) => this.complete(params)));
    connection.onCodeAction(this.guard('code actions', [], (params) => this.codeActions(params)));
    connection.onExecuteCommand(this.guard('command', undefined, (params) => this.executeCommand(params)));
    connection.onRequest(ENSEMBLES_REQUEST, this.guard('ensembles request', { ensembles: [] }, async () => {
      await this.firstAnalysisSent;
      return this.ensembles();
    }));
    // Not guarded: its refusal in an untrusted workspace is an error answer the editor shows.
    connection.onRequest(STATUS_REQUEST, (params: unknown) => this.statusService.status(params, () => this.ensembles().ensembles));
    connection.onNotification(TRUST_CHANGED_NOTIFICATION, (params: unknown) => this.statusService.trustChanged(params));
    connection.onRequest(GENERATE_REQUEST, this.guard('generate request', { errors: ['The language server failed to generate the files; see its log.'] }, (params: unknown) => generateRequest(params)));
    connection.onRequest(VALIDATE_GENERATE_REQUEST, this.guard('validate generate options', [] as string[], (params: unknown) => validateGenerateRequest(params)));
    documents.onDidOpen(this.guard('open', undefined, ({ document }) => this.documentOpened(document)));
    documents.onDidChangeContent(this.guard('change', undefined, ({ document }) => this.documentChanged(document)));
    documents.onDidClose(this.guard('close', undefined, ({ document }) => this.documentClosed(document)));
    documents.listen(connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities ?? {};
    this.options = readInitializationOptions(params.initializationOptions, (message) => this.warn(message));
    this.statusService.initialize(params.initializationOptions);
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots = folders.map(uriToCorePath).filter((root): root is string => root !== undefined);
    if (this.roots.length === 0 && params.rootPath) this.roots = [toCorePath(params.rootPath)];
    // In force until (and unless) the editor's settings arrive.
    this.applySettings({});
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '='] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [MAKE_CONSISTENT_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'zk-ensemble' },
    };
  }

  private async initialized(): Promise<void> {
    try {
      this.registerForChanges();
      await this.guard('settings', undefined, () => this.pullSettings())();
      this.scan();
      this.ready = true;
      this.analyzeAndPublish();
    } finally {
      // After the turns that send the diagnostics and the ensembles (scheduled first).
      setImmediate(this.markFirstAnalysisSent);
    }
  }

  private registerForChanges(): void {
    const workspace = this.capabilities.workspace;
    if (workspace?.didChangeWatchedFiles?.dynamicRegistration) {
      const watchers = WATCHED_GLOBS.map((globPattern) => ({ globPattern }));
      this.send(this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }));
    }
    if (workspace?.didChangeConfiguration?.dynamicRegistration) {
      this.send(this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'zookeeper' }));
    }
    if (workspace?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders(this.guard('workspace folders', undefined, (event) => this.foldersChanged(event)));
    }
  }

  // --- settings ---------------------------------------------------------------------------------------------

  private async pullSettings(): Promise<void> {
    if (!this.capabilities.workspace?.configuration) return;
    const section: unknown = await this.connection.workspace.getConfiguration({ section: 'zookeeper' });
    this.applySettings(readConfigurationSection(section, (message) => this.warn(message)));
  }

  private async configurationChanged(params: DidChangeConfigurationParams): Promise<void> {
    if (this.capabilities.workspace?.configuration) await this.pullSettings();
    else {
      const pushed: unknown = (params.settings as { zookeeper?: unknown } | null)?.zookeeper;
      this.applySettings(readConfigurationSection(pushed, (message) => this.warn(message)));
    }
    this.scheduleAnalysis();
  }

  /** Editor settings over initializationOptions; every field set, so a removed setting falls back to its default. */
  private applySettings(section: Partial<EngineSettings>): void {
    const merged = mergeSettings(this.options.engine, section);
    this.engine.configure({ zookeeperVersion: merged.zookeeperVersion ?? DEFAULT_ZOOKEEPER_VERSION, rules: merged.rules ?? {}, roots: this.roots });
  }

  // --- files ------------------------------------------------------------------------------------------------

  /** Reads every candidate file below the roots and forgets disk files that are gone. */
  private scan(): void {
    const { paths, skipped } = findCandidateFiles(this.roots);
    for (const file of skipped) this.info(`Skipped ${file.path}: ${file.reason}`);
    const found = new Set(paths);
    for (const path of [...this.diskPaths]) if (!found.has(path)) this.forget(path);
    for (const path of paths) if (!this.openUris.has(path)) this.readFromDisk(path);
  }

  private readFromDisk(path: string): void {
    // With the roots, a link whose target lies outside the workspace is skipped, not read.
    const read = readCandidateFile(path, this.roots);
    if ('text' in read) {
      this.engine.setFile(path, read.text);
      this.diskPaths.add(path);
    } else {
      this.info(`Skipped ${path}: ${read.skipped}`);
      this.forget(path);
    }
  }

  private forget(path: string): void {
    this.diskPaths.delete(path);
    this.engine.deleteFile(path);
  }

  private isInWorkspace(path: string): boolean {
    return this.roots.some((root) => isInside(root, path));
  }

  private foldersChanged(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((folder) => uriToCorePath(folder.uri)));
    const added = event.added.map((folder) => uriToCorePath(folder.uri)).filter((root): root is string => root !== undefined);
    const kept = this.roots.filter((root) => !removed.has(root));
    this.roots = [...kept, ...added.filter((root) => !kept.includes(root))];
    this.engine.configure({ roots: this.roots });
    this.scan();
    this.scheduleAnalysis();
  }

  private watchedFilesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      const path = uriToCorePath(change.uri);
      // The editor's text of an open document wins over the disk.
      if (path === undefined || this.openUris.has(path)) continue;
      if (change.type === FileChangeType.Deleted) {
        // A deleted folder takes the files below it along.
        for (const held of [...this.diskPaths]) if (isInside(path, held)) this.forget(held);
      } else if (classifyPath(path) !== undefined && this.isInWorkspace(path)) {
        this.readFromDisk(path);
      }
    }
    this.scheduleAnalysis();
  }

  private documentOpened(document: TextDocument): void {
    const path = uriToCorePath(document.uri);
    if (path !== undefined && classifyPath(path) !== undefined) this.openUris.set(path, document.uri);
  }

  private documentChanged(document: TextDocument): void {
    const path = uriToCorePath(document.uri);
    if (path === undefined || !this.openUris.has(path)) return;
    this.engine.setFile(path, document.getText());
    this.scheduleAnalysis();
  }

  /** Back to the disk text, or out of the engine when the file is not part of the workspace. */
  private documentClosed(document: TextDocument): void {
    const path = uriToCorePath(document.uri);
    if (path === undefined || !this.openUris.delete(path)) return;
    if (this.isInWorkspace(path)) this.readFromDisk(path);
    else this.forget(path);
    this.scheduleAnalysis();
  }

  // --- analysis ---------------------------------------------------------------------------------------------

  private scheduleAnalysis(): void {
    if (!this.ready) return;
    clearTimeout(this.pendingAnalysis);
    this.pendingAnalysis = setTimeout(this.guard('analysis', undefined, () => this.analyzeAndPublish()), this.options.debounceMs);
  }

  private stopAnalysis(): void {
    this.ready = false;
    clearTimeout(this.pendingAnalysis);
    this.pendingAnalysis = undefined;
  }

  private analyzeAndPublish(): WorkspaceAnalysis {
    clearTimeout(this.pendingAnalysis);
    this.pendingAnalysis = undefined;
    const analysis = this.engine.analyze();
    this.lastAnalysis = analysis;
    this.publishDiagnostics(analysis);
    // Diagnostics first: the Ensembles view's summaries (a thousand ensembles take ~50 ms) wait for the next turn.
    setImmediate(this.guard('ensembles notification', undefined, () => this.lastAnalysis && this.publishEnsembles(this.lastAnalysis)));
    return analysis;
  }

  /**
   * Sends the files whose diagnostics differ from what was sent last, and [] for files no longer held. Only the
   * files the engine says may have changed are looked at, unless an open document's URI changed (it is in
   * every diagnostic that points at that file) or the engine cannot tell.
   */
  private publishDiagnostics(analysis: WorkspaceAnalysis): void {
    const uriOf = (path: string) => this.openUris.get(path) ?? corePathToUri(path);
    const changed = this.publishedAnalysis && sameEntries(this.openUris, this.publishedOpenUris) ? this.engine.findingsChangedSince(this.publishedAnalysis) : undefined;
    this.publishedAnalysis = analysis;
    if (!sameEntries(this.openUris, this.publishedOpenUris)) this.publishedOpenUris = new Map(this.openUris);
    if (changed) {
      for (const path of changed) this.publishFile(path, analysis.findings.get(path), uriOf);
      return;
    }
    for (const [path, findings] of analysis.findings) this.publishFile(path, findings, uriOf);
    for (const path of [...this.published.keys()]) if (!analysis.findings.has(path)) this.publishFile(path, undefined, uriOf);
  }

  /** Publishes one file's diagnostics if they differ from what was sent; undefined findings: no longer held. */
  private publishFile(path: string, findings: readonly Finding[] | undefined, uriOf: (path: string) => string): void {
    if (findings === undefined) {
      if (!this.published.delete(path)) return;
      this.send(this.connection.sendDiagnostics({ uri: uriOf(path), diagnostics: [] }));
      return;
    }
    const uri = uriOf(path);
    const diagnostics = findings.map((finding) => toDiagnostic(finding, uriOf));
    const params = { uri, diagnostics };
    const previous = this.published.get(path);
    // A file never published has no diagnostics in the editor: [] would tell it nothing. On a cold start 3,631 of
    // 4,518 files are clean; without their messages the client had the last one 40 ms after the analysis, not 114.
    if (previous ? JSON.stringify(previous) === JSON.stringify(params) : diagnostics.length === 0) return;
    this.published.set(path, params);
    this.send(this.connection.sendDiagnostics(params));
  }

  /** Each ensemble is summarized once (ensembles are immutable values), for the notification and the request alike. */
  private summariesOf(ensembles: readonly Ensemble[]): { readonly summary: EnsembleSummary; readonly serialized: string }[] {
    return ensembles.map((ensemble) => {
      let cached = this.ensembleSummaries.get(ensemble);
      if (!cached) {
        const summary = ensemblesToJson([ensemble]).ensembles[0];
        cached = { summary, serialized: JSON.stringify(summary) };
        this.ensembleSummaries.set(ensemble, cached);
      }
      return cached;
    });
  }

  /** Sends the ensembles when they changed. */
  private publishEnsembles(analysis: WorkspaceAnalysis): void {
    const ensembles = analysis.ensembles;
    if (ensembles === this.publishedEnsembleList) return;
    const summaries = this.summariesOf(ensembles);
    this.publishedEnsembleList = ensembles;
    const serialized = summaries.map((s) => s.serialized);
    const previous = this.publishedEnsembles;
    if (previous && previous.length === serialized.length && serialized.every((s, i) => s === previous[i])) return;
    this.publishedEnsembles = serialized;
    const json: EnsemblesJson = { ensembles: summaries.map((s) => s.summary) };
    this.send(this.connection.sendNotification(ENSEMBLES_CHANGED_NOTIFICATION, json));
  }

  /** Up to date: a pending analysis runs now rather than answering with stale ensembles. */
  private ensembles(): EnsemblesJson {
    return { ensembles: this.summariesOf(this.currentAnalysis().ensembles).map((s) => s.summary) };
  }

  // --- fixes ------------------------------------------------------------------------------------------------

  private codeActions(params: CodeActionParams): CodeAction[] {
    const path = uriToCorePath(params.textDocument.uri);
    if (path === undefined) return [];
    return codeActionsFor(path, params.context.diagnostics, this.currentAnalysis(), this.engine, this.editTarget());
  }

  /**
   * `zookeeper.makeConsistent` with a file path or URI of any node of the ensemble (what the sidebar and the
   * command palette send): the rewrite goes to the editor as one edit to preview and apply.
   */
  private async executeCommand(params: ExecuteCommandParams): Promise<void> {
    if (params.command !== MAKE_CONSISTENT_COMMAND) return;
    const [argument] = params.arguments ?? [];
    const path = typeof argument === 'string' ? (argument.includes('://') ? uriToCorePath(argument) : argument) : undefined;
    const analysis = this.currentAnalysis();
    const ensemble = path === undefined ? undefined : analysis.ensembleOf(path);
    if (!ensemble) {
      this.connection.window.showInformationMessage('No ZooKeeper ensemble found for this file.');
      return;
    }
    const fix = makeConsistent(ensemble, { file: (p) => this.engine.model(p) });
    if (!fix) {
      this.connection.window.showInformationMessage(`Ensemble '${ensemble.name}' is already consistent.`);
      return;
    }
    const result = await this.connection.workspace.applyEdit({ label: fix.title, edit: toWorkspaceEdit(fix, this.editTarget(), { preview: REWRITE_DESCRIPTION }) });
    if (!result.applied) this.warn(`${fix.title} was not applied${result.failureReason ? `: ${result.failureReason}` : ''}`);
  }

  private editTarget(): EditTarget {
    return {
      uriOf: (path) => this.openUris.get(path) ?? corePathToUri(path),
      versionOf: (uri) => this.documents.get(uri)?.version ?? null,
    };
  }

  /** The analysis of what the engine holds now, running a pending one first. */
  private currentAnalysis(): WorkspaceAnalysis {
    return this.ready && (this.pendingAnalysis !== undefined || !this.lastAnalysis) ? this.analyzeAndPublish() : (this.lastAnalysis ?? this.engine.analyze());
  }

  // --- hover and completion ---------------------------------------------------------------------------------

  private hover(params: TextDocumentPositionParams): Hover | null {
    const target = this.configAt(params.textDocument.uri);
    const result = target && hoverAt(target.properties, params.position, this.version(params.textDocument.uri));
    return result ? toHover(result) : null;
  }

  private complete(params: TextDocumentPositionParams): CompletionItem[] {
    const target = this.configAt(params.textDocument.uri);
    if (!target) return [];
    const snippetSupport = this.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    return completionsAt(target.properties, params.position, this.version(params.textDocument.uri), target.kind).map((item) => toCompletionItem(item, snippetSupport));
  }

  /** The parsed zoo.cfg or dynamic file behind a URI: the engine's model, or the open text of a file named otherwise. */
  private configAt(uri: string): { properties: PropertiesDocument; kind: 'zoocfg' | 'dynamic' } | undefined {
    const path = uriToCorePath(uri);
    const model = path === undefined ? undefined : this.engine.model(path);
    if (model?.kind === 'zoocfg' || model?.kind === 'dynamic') return model;
    const document = this.documents.get(uri);
    return document?.languageId === ZOOCFG_LANGUAGE_ID ? { properties: readProperties(document.getText()), kind: 'zoocfg' } : undefined;
  }

  /** The version the engine applies to this file: its node's image tag, else the configured default. */
  private version(uri: string): ZkVersion {
    const path = uriToCorePath(uri);
    return path === undefined ? releaseVersion(this.engine.currentSettings.zookeeperVersion) : this.engine.versionOf(path);
  }

  // --- robustness -------------------------------------------------------------------------------------------

  /** Runs a handler so that a failure is logged and answered with `fallback` instead of taking the server down. */
  private guard<P extends unknown[], R>(name: string, fallback: R, handler: (...params: P) => R | Promise<R>): (...params: P) => Promise<R> {
    return async (...params: P) => {
      try {
        return await handler(...params);
      } catch (error) {
        this.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        return fallback;
      }
    };
  }

  /** Messages to a client that has gone away fail; that must not become an unhandled rejection. */
  private send(sent: Promise<unknown>): void {
    sent.catch((error: unknown) => this.error(`sending failed: ${String(error)}`));
  }

  private info(message: string): void {
    this.connection.console.info(message);
  }

  private warn(message: string): void {
    this.connection.console.warn(message);
  }

  private error(message: string): void {
    try {
      this.connection.console.error(message);
    } catch {
      // Nowhere left to report to.
    }
  }
}

function sameEntries<K, V>(a: ReadonlyMap<K, V>, b: ReadonlyMap<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, value] of a) if (b.get(key) !== value) return false;
  return true;
}
