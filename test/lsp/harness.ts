/**
 * Runs the real language server as a child process and talks LSP to it over stdio, as an editor does.
 * Waiting is always on notifications (with a timeout), never on fixed sleeps.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type ClientCapabilities,
  createMessageConnection,
  type Diagnostic,
  type InitializeResult,
  type MessageConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type RegistrationParams,
  StreamMessageReader,
  StreamMessageWriter,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';

export const SERVER_MAIN = path.resolve(__dirname, '..', '..', 'server', 'src', 'lsp', 'main.js');
const DEFAULT_TIMEOUT_MS = 5000;

/** Children still running, killed when the test process ends however it ends. */
const liveChildren = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of liveChildren) child.kill('SIGKILL');
});

export interface ServerOptions {
  /** Merged over `{ debounceMs: 0 }`. */
  readonly initializationOptions?: Record<string, unknown>;
  /** Replaces the default client capabilities (watchers by dynamic registration, snippets, no configuration pull). */
  readonly capabilities?: ClientCapabilities;
  /** The `zookeeper` section answered to workspace/configuration; changeable during the test. */
  readonly settings?: Record<string, unknown>;
  /** Workspace folders, relative to the temporary folder; by default the temporary folder itself. */
  readonly folders?: readonly string[];
}

const DEFAULT_CAPABILITIES: ClientCapabilities = {
  workspace: {
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true, resourceOperations: ['create'], changeAnnotationSupport: { groupsOnLabel: true } },
  },
  textDocument: { completion: { completionItem: { snippetSupport: true } }, hover: { contentFormat: ['markdown'] } },
};

export class ServerUnderTest {
  /** Server log lines (window/logMessage and stderr). */
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  /** Every textDocument/publishDiagnostics received, in order. */
  readonly publications: PublishDiagnosticsParams[] = [];
  /** Every notification other than diagnostics and log messages, in order. */
  readonly notifications: { readonly method: string; readonly params: unknown }[] = [];
  /** The `zookeeper` section the server gets when it pulls its settings. */
  settings: Record<string, unknown>;
  /** Every edit the server asked the editor to apply (workspace/applyEdit). */
  readonly appliedEdits: WorkspaceEdit[] = [];
  /** What the server answered to initialize. */
  initializeResult: InitializeResult | undefined;
  private readonly latest = new Map<string, Diagnostic[]>();
  private readonly waiters = new Set<() => void>();
  private readonly exited: Promise<void>;

  private constructor(
    readonly root: string,
    private readonly child: ChildProcess,
    readonly connection: MessageConnection,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.publications.push(params);
      this.latest.set(params.uri, params.diagnostics);
      this.notifyWaiters();
    });
    connection.onNotification((method, params) => {
      this.notifications.push({ method, params });
      this.notifyWaiters();
    });
    connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      this.logs.push(message);
    });
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    connection.onRequest('workspace/configuration', ({ items }: { items: { section?: string }[] }) =>
      items.map((item) => (item.section === 'zookeeper' ? this.settings : null)),
    );
    // As an editor does: apply the edit (here, to the files on disk) and say so.
    connection.onRequest('workspace/applyEdit', ({ edit }: { edit: WorkspaceEdit }) => {
      this.appliedEdits.push(edit);
      return { applied: this.applyToDisk(edit).length >= 0 };
    });
    child.stderr?.on('data', (chunk: Buffer) => this.logs.push(chunk.toString()));
  }

  /** Writes `files` (paths relative to a fresh temporary workspace folder), starts the server and initializes it. */
  static async start(files: Readonly<Record<string, string | Uint8Array>>, options: ServerOptions = {}): Promise<ServerUnderTest> {
    // realpath: the server reports canonical paths, and on some systems the temp folder is a symlink.
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zk-lsp-')));
    for (const [relative, content] of Object.entries(files)) writeFile(root, relative, content);
    const child = spawn(process.execPath, [SERVER_MAIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    liveChildren.add(child);
    child.once('exit', () => liveChildren.delete(child));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server = new ServerUnderTest(root, child, connection, options.settings ?? {});
    connection.listen();
    try {
      const folders = (options.folders ?? ['']).map((relative) => server.folder(relative));
      server.initializeResult = await server.within(
        connection.sendRequest<InitializeResult>('initialize', {
          processId: process.pid,
          rootUri: folders[0]?.uri ?? null,
          workspaceFolders: folders,
          capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
          initializationOptions: { debounceMs: 0, ...options.initializationOptions },
        }),
        'initialize',
      );
      await connection.sendNotification('initialized', {});
    } catch (error) {
      await server.shutdown();
      throw error;
    }
    return server;
  }

  /**
   * Applies a WorkspaceEdit to the files on disk, as an editor would when saving them, and returns the URIs it
   * touched. A CreateFile for an existing file fails the whole edit, as in VS Code.
   */
  applyToDisk(edit: WorkspaceEdit): string[] {
    const touched: string[] = [];
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        const file = fileURLToPath(change.uri);
        if (fs.existsSync(file)) throw new Error(`${change.uri} exists: the edit would overwrite it`);
        fs.writeFileSync(file, '');
        touched.push(change.uri);
        continue;
      }
      const file = fileURLToPath(change.textDocument.uri);
      const document = TextDocument.create(change.textDocument.uri, 'plaintext', 0, fs.readFileSync(file, 'utf8'));
      fs.writeFileSync(file, TextDocument.applyEdits(document, change.edits.map((e) => ('newText' in e ? e : { range: e.range, newText: e.snippet.value }))));
      touched.push(change.textDocument.uri);
    }
    return touched;
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.root, relative)).href;
  }

  /** A workspace folder as LSP names it. */
  folder(relative: string): { uri: string; name: string } {
    return { uri: this.uri(relative), name: relative || 'workspace' };
  }

  write(relative: string, content: string | Uint8Array): string {
    writeFile(this.root, relative, content);
    return this.uri(relative);
  }

  read(relative: string): string {
    return fs.readFileSync(path.join(this.root, relative), 'utf8');
  }

  remove(relative: string): string {
    fs.rmSync(path.join(this.root, relative), { recursive: true, force: true });
    return this.uri(relative);
  }

  /** The diagnostics last published for `uri`, if any were. */
  diagnostics(uri: string): Diagnostic[] | undefined {
    return this.latest.get(uri);
  }

  /**
   * Resolves with the diagnostics of `uri` as soon as the last published ones satisfy `predicate` (possibly already).
   * Waits for a publication: a file that never had findings gets none, so ask `waitForAnyDiagnostics` about it.
   */
  waitForDiagnostics(uri: string, predicate: (diagnostics: Diagnostic[]) => boolean, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics of ${uri}`, () => {
      const diagnostics = this.latest.get(uri);
      return diagnostics && predicate(diagnostics) ? diagnostics : undefined;
    }, timeoutMs);
  }

  /**
   * The diagnostics of `uri` once the server has analysed everything sent to it so far: the last published, or []
   * when none ever were (the server sends nothing for a file that never had findings). The barrier is
   * `zookeeper/ensembles`, answered after the first scan's diagnostics and after running any pending analysis.
   */
  async waitForAnyDiagnostics(uri: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Diagnostic[]> {
    await this.request('zookeeper/ensembles', null, timeoutMs);
    return this.latest.get(uri) ?? [];
  }

  /** Resolves with the first notification `method` received so far, or to come, whose params satisfy `predicate`. */
  waitForNotification<T>(method: string, predicate: (params: T) => boolean = () => true, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    return this.waitFor(`notification ${method}`, () => {
      const found = this.notifications.find((n) => n.method === method && predicate(n.params as T));
      return found?.params as T | undefined;
    }, timeoutMs);
  }

  /** A request with a timeout, so a server that stopped answering fails the test instead of hanging it. */
  request<R>(method: string, params: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    return this.within(this.connection.sendRequest<R>(method, params), method, timeoutMs);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Asks the server to shut down and exit; kills it if it does not. Always removes the workspace. */
  async shutdown(): Promise<void> {
    try {
      if (this.child.exitCode === null) {
        await this.within(this.connection.sendRequest('shutdown'), 'shutdown', 1000);
        await this.connection.sendNotification('exit');
        await this.within(this.exited, 'exit', 1000);
      }
    } catch {
      // Killed below.
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) {
        this.child.kill('SIGKILL');
        await this.exited;
      }
      fs.rmSync(this.root, { recursive: true, force: true });
    }
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  private waitFor<T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        this.waiters.delete(attempt);
        clearTimeout(timer);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(attempt);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\nlast diagnostics: ${JSON.stringify(Object.fromEntries(this.latest))}\nserver log:\n${this.logs.join('\n')}`));
      }, timeoutMs);
      this.waiters.add(attempt);
      attempt();
    });
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private within<T>(promise: Promise<T>, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${timeoutMs} ms\nserver log:\n${this.logs.join('\n')}`)), timeoutMs);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }
}

/** Starts a server on `files`, runs `body` and shuts the server down whatever happens. */
export async function withServer(
  files: Readonly<Record<string, string | Uint8Array>>,
  body: (server: ServerUnderTest) => Promise<void>,
  options?: ServerOptions,
): Promise<void> {
  const server = await ServerUnderTest.start(files, options);
  try {
    await body(server);
  } finally {
    await server.shutdown();
  }
}

function writeFile(root: string, relative: string, content: string | Uint8Array): void {
  const target = path.join(root, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
}
