import * as fs from 'node:fs';
import type { WorkspaceEdit } from 'vscode-languageserver/node';
import {
  DEFAULT_NODES,
  defaultSpec,
  GeneratedFile,
  GenerateOptions,
  generateFiles,
  Layout,
  validateGenerateOptions,
} from '../core/generate';
import { toCorePath } from '../workspace/scan';
import { toWorkspaceEdit } from './codeActions';
import { corePathToUri, uriToCorePath } from './uris';

/**
 * The ensemble generator over LSP, for the editor's "Generate Ensemble..." command, which must not
 * re-implement any of it:
 * - `zookeeper/validateGenerateOptions { options }` → string[]: the messages for the options given so far (an
 *   input box validates each keystroke with it). Fields not given yet take their defaults; the output folder is
 *   only checked once given.
 * - `zookeeper/generate { options, overwrite? }` → `{ errors }`, or `{ edit, firstFile, files, existing }`: one
 *   WorkspaceEdit creating every file, each creation failing the whole edit if the file exists (unless
 *   `overwrite`, which the editor sends only after the user confirmed); `existing` lists the files that exist now,
 *   so the editor can ask first; `firstFile` is the first zoo.cfg (the compose file for the compose layout).
 *
 * Options may come as typed in input boxes: numbers as digit strings, hosts as one comma-separated string,
 * the output folder as a path or a file: URI.
 */

export const GENERATE_REQUEST = 'zookeeper/generate';
export const VALIDATE_GENERATE_REQUEST = 'zookeeper/validateGenerateOptions';

export type GenerateResult =
  | { readonly errors: readonly string[] }
  | { readonly edit: WorkspaceEdit; readonly firstFile: string; readonly files: readonly string[]; readonly existing: readonly string[] };

/** Stands in for the output folder until it is given: absolute, so it draws no message. */
const PLACEHOLDER_OUT_DIR = '/';

export function validateGenerateRequest(params: unknown): string[] {
  const input = readInput(params);
  return validateGenerateOptions({ nodes: DEFAULT_NODES, layout: 'local' as Layout, ...input, outDir: input.outDir ?? PLACEHOLDER_OUT_DIR } as GenerateOptions);
}

export function generateRequest(params: unknown): GenerateResult {
  const input = readInput(params);
  const missing = [...(input.layout === undefined ? ['The layout is missing (hosts, compose or local).'] : []), ...(input.outDir === undefined ? ['The output folder is missing.'] : [])];
  if (missing.length > 0) return { errors: missing };
  const options = { nodes: DEFAULT_NODES, ...input } as GenerateOptions;
  const errors = validateGenerateOptions(options);
  if (errors.length > 0) return { errors };
  let files: GeneratedFile[];
  try {
    files = generateFiles(defaultSpec(options));
  } catch (error) {
    return { errors: [error instanceof Error ? error.message : String(error)] };
  }
  const overwrite = isRecord(params) && params.overwrite === true;
  const uris = files.map((file) => corePathToUri(file.path));
  const creations = { title: 'Generate ensemble', changes: files.map((file) => ({ kind: 'create' as const, path: file.path, text: file.text })) };
  const first = files.findIndex((file) => /(^|\/)zoo\.cfg$/.test(file.path));
  return {
    // New files: no document is open, so no version to check.
    edit: toWorkspaceEdit(creations, { uriOf: corePathToUri, versionOf: () => null }, { overwrite }),
    firstFile: uris[Math.max(first, 0)],
    files: uris,
    existing: files.filter((file) => fs.existsSync(file.path)).map((file) => corePathToUri(file.path)),
  };
}

/** The options as the editor sent them, with text turned into numbers and lists where it reads as such. */
function readInput(params: unknown): Partial<GenerateOptions> {
  const raw = isRecord(params) && isRecord(params.options) ? params.options : {};
  const input: Record<string, unknown> = {};
  const number = (value: unknown) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value);
  const given = (value: unknown) => value !== undefined && value !== null && value !== '';
  if (given(raw.nodes)) input.nodes = number(raw.nodes);
  if (given(raw.layout)) input.layout = typeof raw.layout === 'string' ? raw.layout.trim() : raw.layout;
  for (const port of ['clientPort', 'quorumPort', 'electionPort'] as const) if (given(raw[port])) input[port] = number(raw[port]);
  if (given(raw.zookeeperVersion)) input.zookeeperVersion = typeof raw.zookeeperVersion === 'string' ? raw.zookeeperVersion.trim() : raw.zookeeperVersion;
  if (typeof raw.hosts === 'string') {
    if (raw.hosts.trim() !== '') input.hosts = raw.hosts.split(',').map((host) => host.trim());
  } else if (Array.isArray(raw.hosts)) {
    input.hosts = raw.hosts.map((host) => String(host).trim());
  }
  if (typeof raw.outDir === 'string' && raw.outDir.trim() !== '') input.outDir = readFolder(raw.outDir.trim());
  return input as Partial<GenerateOptions>;
}

/** A file: URI or an absolute native path to the core's form; anything else is left for validation to report. */
function readFolder(folder: string): string {
  if (folder.startsWith('file:')) return uriToCorePath(folder) ?? folder;
  const absolute = folder.startsWith('/') || /^[A-Za-z]:[\\/]/.test(folder) || folder.startsWith('\\\\');
  return absolute ? toCorePath(folder) : folder;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
