import {
  AnnotatedTextEdit,
  ChangeAnnotation,
  CodeAction,
  CodeActionKind,
  CreateFile,
  Diagnostic,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { makeConsistent } from '../core/consistent';
import type { Fix } from '../core/edits';
import type { Engine, WorkspaceAnalysis } from '../core/engine';
import type { Finding } from '../core/findings';
import { RULES } from '../core/rules';
import { DIAGNOSTIC_SOURCE } from './convert';

/**
 * Quick fixes: the core's fixes for the findings under the cursor, and "Make ensemble consistent" on every
 * finding about an ensemble. Every fix is one WorkspaceEdit the editor applies and can undo; the server writes
 * nothing itself.
 */

export const MAKE_CONSISTENT_COMMAND = 'zookeeper.makeConsistent';

/** What the preview of a make-consistent rewrite says it does. */
export const REWRITE_DESCRIPTION = 'Rewrites the files of every node of the ensemble.';

const ENSEMBLE_RULES = new Set(RULES.filter((rule) => rule.scope === 'ensemble').map((rule) => rule.id));

export interface EditTarget {
  uriOf(path: string): string;
  /** The version of an open document, null for a file on disk. */
  versionOf(uri: string): number | null;
}

export function codeActionsFor(path: string, diagnostics: readonly Diagnostic[], analysis: WorkspaceAnalysis, engine: Engine, target: EditTarget): CodeAction[] {
  const findings = analysis.findings.get(path) ?? [];
  const actions: CodeAction[] = [];
  let offeredConsistency = false;
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
    const finding = findings.find((f) => matches(f, diagnostic));
    if (!finding) continue;
    for (const fix of finding.fixes) actions.push(toCodeAction(fix, target, [diagnostic]));
    if (ENSEMBLE_RULES.has(finding.ruleId) && !offeredConsistency) {
      const ensemble = analysis.ensembleOf(path);
      const fix = ensemble && makeConsistent(ensemble, { file: (p) => engine.model(p) });
      if (fix) actions.push(toCodeAction(fix, target, [diagnostic], true));
      offeredConsistency = true;
    }
  }
  return actions;
}

function matches(finding: Finding, diagnostic: Diagnostic): boolean {
  const { start, end } = diagnostic.range;
  return (
    finding.ruleId === diagnostic.code &&
    finding.message === diagnostic.message &&
    finding.range.start.line === start.line &&
    finding.range.start.character === start.character &&
    finding.range.end.line === end.line &&
    finding.range.end.character === end.character
  );
}

export function toCodeAction(fix: Fix, target: EditTarget, diagnostics: Diagnostic[], preview = false): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics,
    isPreferred: fix.isPreferred === true ? true : undefined,
    edit: toWorkspaceEdit(fix, target, preview ? { preview: REWRITE_DESCRIPTION } : {}),
  };
}

/**
 * One WorkspaceEdit for all of a fix's files: creations first, then one text edit per file. Creations fail the
 * whole edit when the file exists, unless `overwrite` (which the user confirmed). With `preview`, the changes carry
 * an annotation, described by it, that asks the editor to show them before applying (a rewrite across nodes).
 */
export function toWorkspaceEdit(fix: Fix, target: EditTarget, options: { preview?: string; overwrite?: boolean } = {}): WorkspaceEdit {
  const annotationId = options.preview ? 'zk-ensemble.fix' : undefined;
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [];
  const editsByUri = new Map<string, (TextEdit | AnnotatedTextEdit)[]>();
  for (const change of fix.changes) {
    const uri = target.uriOf(change.path);
    if (change.kind === 'create') {
      // Without overwrite or ignoreIfExists the editor refuses the whole edit when the file exists.
      documentChanges.push(CreateFile.create(uri, options.overwrite ? { overwrite: true } : undefined, annotationId));
      editsByUri.set(uri, [...(editsByUri.get(uri) ?? []), annotated(TextEdit.insert({ line: 0, character: 0 }, change.text), annotationId)]);
    } else {
      editsByUri.set(uri, [...(editsByUri.get(uri) ?? []), annotated(TextEdit.replace(change.range, change.newText), annotationId)]);
    }
  }
  for (const [uri, edits] of editsByUri) documentChanges.push(TextDocumentEdit.create({ uri, version: target.versionOf(uri) }, edits));
  const edit: WorkspaceEdit = { documentChanges };
  if (annotationId) edit.changeAnnotations = { [annotationId]: ChangeAnnotation.create(fix.title, true, options.preview) };
  return edit;
}

function annotated(edit: TextEdit, annotationId: string | undefined): TextEdit | AnnotatedTextEdit {
  return annotationId ? AnnotatedTextEdit.replace(edit.range, edit.newText, annotationId) : edit;
}
