/**
 * Helpers of the VS Code extension suite: waiting on editor events (never on fixed sleeps) and finding the
 * workspace's files. The suite runs in a real extension host (desktop VS Code or code-server) whose workspace is
 * a throwaway copy of examples/seed-3-hosts.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

/** publisher.name of the extension under test. */
export const EXTENSION_ID = 'zk-ensemble.zk-ensemble';
/** The `source` of the language server's diagnostics. */
export const SOURCE = 'zk-ensemble';

/** Generous: a cold extension host on a 2-core CI machine, with the language server starting behind it. */
export const TIMEOUT_MS = 30_000;

/**
 * Resolves with the first defined value of `probe`, evaluated now and again whenever one of `events` fires (and,
 * with `pollMs`, every so often for state no event announces); rejects after `timeoutMs`, saying what it waited
 * for and the last thing it saw.
 */
export function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  options: { events?: readonly vscode.Event<unknown>[]; pollMs?: number; timeoutMs?: number; describe?: () => string } = {},
): Promise<T> {
  const { events = [], pollMs, timeoutMs = TIMEOUT_MS } = options;
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let running = false;
    let again = false;
    let lastError: unknown;
    const subscriptions: vscode.Disposable[] = [];
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (poller) clearInterval(poller);
      for (const subscription of subscriptions) subscription.dispose();
      settle();
    };
    const check = async (): Promise<void> => {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        const value = await probe();
        if (value !== undefined) finish(() => resolve(value));
      } catch (error) {
        lastError = error;
      } finally {
        running = false;
      }
      if (again) {
        again = false;
        void check();
      }
    };
    const timer = setTimeout(() => {
      const seen = options.describe ? `; last seen: ${options.describe()}` : '';
      const failed = lastError ? `; last error: ${String(lastError)}` : '';
      finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${seen}${failed}`)));
    }, timeoutMs);
    // Subscribe before the first check, so no change between the check and the subscription is missed.
    for (const event of events) subscriptions.push(event(() => void check()));
    const poller = pollMs ? setInterval(() => void check(), pollMs) : undefined;
    void check();
  });
}

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (a copy of examples/seed-3-hosts)');
  return folder.uri;
}

export function workspaceFile(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

/** The language server's diagnostics of a file. */
export function serverDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const { code } = diagnostic;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

/** One line per diagnostic, for failure messages. */
export function describeDiagnostics(uri: vscode.Uri): string {
  const list = serverDiagnostics(uri).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]}`);
  return `${vscode.workspace.asRelativePath(uri)}: [${list.join(', ')}]`;
}

/** Waits until the server's diagnostics of `uri` satisfy `accept`, and returns them. */
export function diagnosticsWhere(uri: vscode.Uri, what: string, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${what} (${vscode.workspace.asRelativePath(uri)})`,
    () => {
      const diagnostics = serverDiagnostics(uri);
      return accept(diagnostics) ? diagnostics : undefined;
    },
    { events: [vscode.languages.onDidChangeDiagnostics], describe: () => describeDiagnostics(uri) },
  );
}

/** Every error the language server reports anywhere, as `path:line code`. */
export function allServerErrors(): string[] {
  return vscode.languages
    .getDiagnostics()
    .flatMap(([uri, diagnostics]) =>
      diagnostics
        .filter((d) => d.source === SOURCE && d.severity === vscode.DiagnosticSeverity.Error)
        .map((d) => `${vscode.workspace.asRelativePath(uri)}:${d.range.start.line + 1} ${codeOf(d)}`),
    );
}

/** Replaces the first occurrence of `from` in the open document with `to`, as an edit in the editor (not saved). */
export async function replaceInDocument(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const offset = document.getText().indexOf(from);
  assert.ok(offset >= 0, `${JSON.stringify(from)} is not in ${document.uri.fsPath}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(offset), document.positionAt(offset + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit), `VS Code refused to replace ${JSON.stringify(from)}`);
}

/** The text of a hover's contents, whatever form each part takes. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((part) => (typeof part === 'string' ? part : part.value))
    .join('\n');
}
