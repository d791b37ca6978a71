import { LineIndex, Range } from './text';

/**
 * Changes to workspace files, as pure data: what a quick fix, the make-consistent rewrite and the generator
 * produce. The language server turns them into one undoable WorkspaceEdit; the CLI applies them to disk.
 */
export interface TextEdit {
  readonly kind: 'edit';
  readonly path: string;
  readonly range: Range;
  readonly newText: string;
}

/** A new file; never overwrites (hosts refuse or ask when the file exists). */
export interface FileCreation {
  readonly kind: 'create';
  readonly path: string;
  readonly text: string;
}

export type FileChange = TextEdit | FileCreation;

export interface Fix {
  /** What the fix does, as a menu entry: "Change to 'tickTime'". */
  readonly title: string;
  /** The one fix that is clearly right; editors apply it with "auto fix". */
  readonly isPreferred?: boolean;
  readonly changes: readonly FileChange[];
}

export function replace(path: string, range: Range, newText: string): TextEdit {
  return { kind: 'edit', path, range, newText };
}

/**
 * Applies text edits to one file's text. Edits must not overlap; they are applied from the end so that earlier
 * ranges stay valid. Everything outside the edited ranges is kept byte for byte (line endings, BOM, comments).
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((edit) => ({ start: lines.offsetAt(edit.range.start), end: lines.offsetAt(edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) continue; // overlaps an edit already applied: the first one wins
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** The line ending a file already uses, so that inserted lines match it. */
export function lineEndingOf(text: string): string {
  const match = /\r\n|\n|\r/.exec(text);
  return match ? match[0] : '\n';
}

/**
 * The texts of the files a set of changes touches, after the changes: edits applied per file, creations added.
 * A creation of a file that exists is refused (left out and listed), never an overwrite.
 */
export function applyChanges(
  changes: readonly FileChange[],
  read: (path: string) => string | undefined,
): { readonly texts: ReadonlyMap<string, string>; readonly refused: readonly string[] } {
  const texts = new Map<string, string>();
  const refused: string[] = [];
  for (const change of changes) {
    if (change.kind !== 'create') continue;
    if (read(change.path) !== undefined || texts.has(change.path)) refused.push(change.path);
    else texts.set(change.path, change.text);
  }
  const byPath = new Map<string, TextEdit[]>();
  for (const change of changes) if (change.kind === 'edit') byPath.set(change.path, [...(byPath.get(change.path) ?? []), change]);
  for (const [path, edits] of byPath) {
    const text = texts.get(path) ?? read(path);
    if (text === undefined) refused.push(path);
    else texts.set(path, applyTextEdits(text, edits));
  }
  return { texts, refused };
}
