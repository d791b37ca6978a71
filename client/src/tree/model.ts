/**
 * The "Ensembles" view as plain data: from the server's ensemble summaries (`zookeeper/ensembles`), the
 * editor's diagnostics and the last live status (`zookeeper/status`) to each item's id, label, description,
 * tooltip, icon, context value, command and children. No `vscode` import (this folder is its own TypeScript
 * project with no types at all), so every mapping is tested as data; the tree provider only converts.
 */
import type { EnsembleSummary, NodeSummary } from '../../../server/src/core/summary';
import type { EnsembleStatus, NodeState, NodeStatus, StatusReport } from '../../../server/src/status/types';

/** The wire types, re-exported so the extension (a project without the server's sources) can name them. */
export type { EnsembleSummary, NodeSummary, EnsembleStatus, NodeState, NodeStatus, StatusReport };

/** The `source` of the language server's diagnostics; others (a YAML extension's, ...) are not counted. */
export const DIAGNOSTIC_SOURCE = 'zk-ensemble';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface DiagnosticInfo {
  readonly severity: Severity;
  /** 0-based. */
  readonly line: number;
  readonly source?: string;
}

/** A codicon id and an optional theme color id; the id 'file' means the file's own icon from the icon theme. */
export interface IconModel {
  readonly id: string;
  readonly color?: string;
}

export interface CommandModel {
  readonly command: string;
  readonly title: string;
  readonly arguments: readonly unknown[];
}

export type FileKind = 'zoocfg' | 'dynamic' | 'myid' | 'compose';

export interface TreeItemModel {
  /** Stable across refreshes, so the view keeps what is expanded and selected. */
  readonly id: string;
  readonly kind: 'ensemble' | 'node' | 'file';
  readonly label: string;
  readonly description: string;
  /** Markdown. */
  readonly tooltip: string;
  readonly icon: IconModel;
  /** Space-separated: the kind, then the file kinds the item has ('zoocfg', 'myid', 'compose') and 'connect'. */
  readonly contextValue: string;
  readonly collapsible: 'expanded' | 'collapsed' | 'none';
  /** Absolute path of a file item. */
  readonly resourcePath?: string;
  readonly command?: CommandModel;
  readonly children: readonly TreeItemModel[];
  readonly ensembleKey: string;
  readonly nodeKey?: string;
  /** The files of the item's nodes by kind (each once), for "Open zoo.cfg", "Open myid", "Open Compose File". */
  readonly files: Readonly<Record<FileKind, readonly string[]>>;
  /** `host:clientPort,...` of the item's nodes that have both; undefined when none has. */
  readonly connectionString?: string;
}

export interface TreeInput {
  readonly ensembles: readonly EnsembleSummary[];
  /** The diagnostics of a file (absolute path), all sources; only {@link DIAGNOSTIC_SOURCE}'s count. */
  readonly diagnostics: (path: string) => readonly DiagnosticInfo[];
  /** The last live status per ensemble key. */
  readonly status?: ReadonlyMap<string, EnsembleStatus>;
  /** When the status was taken (shown in tooltips), e.g. "12:03:04". */
  readonly statusTime?: (ensembleKey: string) => string | undefined;
  /** How to show a path: relative to the workspace. Defaults to the absolute path. */
  readonly displayPath?: (path: string) => string;
}

/** The command a file item runs when clicked: open the file, at a line when one is given. */
export const OPEN_FILE_COMMAND = 'zookeeper.openFile';

export function buildTree(input: TreeInput): TreeItemModel[] {
  return input.ensembles.map((ensemble) => ensembleItem(ensemble, input));
}

// --- ensembles -------------------------------------------------------------------------------------------------

function ensembleItem(ensemble: EnsembleSummary, input: TreeInput): TreeItemModel {
  const status = input.status?.get(ensemble.key);
  const files = filesByKind(ensemble.nodes);
  const problems = countProblems(unique(ensemble.nodes.flatMap((n) => n.files)).flatMap((path) => ownDiagnostics(input, path)));
  const even = ensemble.participants > 0 && ensemble.participants % 2 === 0;
  const size = sizeText(ensemble);
  const tolerance = toleranceText(ensemble.faultTolerance);
  const description = [size, tolerance, status?.summary, problemText(problems)].filter(isText).join(' · ');
  const tooltip = [
    `**${md(ensemble.name)}** · ensemble`,
    `${md(size)}: ${md(tolerance)}${even ? ` — an even number of participants tolerates no more failures than one fewer` : ''}.`,
    problems.total > 0 ? `Problems: ${problemText(problems, true)}.` : 'No problems.',
    ...(status ? [statusParagraph(status, input.statusTime?.(ensemble.key))] : []),
  ].join('\n\n');
  let icon: IconModel = { id: 'server-environment' };
  if (problems.errors > 0 || even) icon = WARNING_ICON;
  else if (status) icon = status.healthy ? { id: 'pass', color: 'testing.iconPassed' } : WARNING_ICON;
  return {
    id: `ensemble:${ensemble.key}`,
    kind: 'ensemble',
    label: ensemble.name,
    description,
    tooltip,
    icon,
    contextValue: contextValue('ensemble', files, connectionString(ensemble.nodes)),
    collapsible: 'expanded',
    children: ensemble.nodes.map((node) => nodeItem(ensemble, node, input, status?.nodes.find((s) => s.key === node.key))),
    ensembleKey: ensemble.key,
    files,
    connectionString: connectionString(ensemble.nodes),
  };
}

function sizeText(ensemble: EnsembleSummary): string {
  const observers = ensemble.nodes.filter((n) => n.role === 'observer').length;
  const describedParticipants = ensemble.nodes.length - observers;
  let text = plural(ensemble.participants, 'node');
  if (observers > 0) text += ` + ${plural(observers, 'observer')}`;
  if (describedParticipants < ensemble.participants) text += ` (${describedParticipants} in this workspace)`;
  return text;
}

function toleranceText(faultTolerance: number): string {
  return faultTolerance === 0 ? 'tolerates no failure' : `tolerates ${plural(faultTolerance, 'failure')}`;
}

// --- nodes -----------------------------------------------------------------------------------------------------

/** What the view calls a node: `server.N`, or the node's label when it has no id. */
export function nodeName(node: Pick<NodeSummary, 'id' | 'label'>): string {
  return node.id !== null ? `server.${node.id}` : node.label;
}

function nodeItem(ensemble: EnsembleSummary, node: NodeSummary, input: TreeInput, status: NodeStatus | undefined): TreeItemModel {
  const problems = countProblems(node.files.flatMap((path) => ownDiagnostics(input, path)));
  const files = filesByKind([node]);
  const address = addressText(node);
  const description = [status?.state, address, problemText(problems)].filter(isText).join(' · ');
  const tooltip = [
    `**${md(nodeName(node))}** · ${md(node.label)} · ZooKeeper ${md(node.version)}`,
    md(address || 'No address in the files.'),
    `Files: ${node.files.map((path) => md(display(input, path))).join(', ')}`,
    problems.total > 0 ? `Problems: ${problemText(problems, true)}.` : 'No problems.',
    ...(status ? [nodeStatusParagraph(status, input.statusTime?.(ensemble.key))] : []),
  ].join('\n\n');
  let icon: IconModel = { id: 'server' };
  if (status) icon = STATE_ICONS[status.state];
  else if (problems.errors > 0) icon = ERROR_ICON;
  else if (problems.warnings > 0) icon = WARNING_ICON;
  const connection = connectionString([node]);
  return {
    id: `node:${ensemble.key}|${node.key}`,
    kind: 'node',
    label: nodeName(node),
    description,
    tooltip,
    icon,
    contextValue: contextValue('node', files, connection),
    collapsible: 'collapsed',
    children: node.files.map((path) => fileItem(ensemble, node, path, input)),
    ensembleKey: ensemble.key,
    nodeKey: node.key,
    files,
    connectionString: connection,
  };
}

/** `host · client 2181 · quorum 2888 · election 3888 · role`, leaving out what is unknown. */
export function addressText(node: NodeSummary): string {
  return [
    node.host,
    node.clientPort !== null ? `client ${node.clientPort}` : undefined,
    node.quorumPort !== null ? `quorum ${node.quorumPort}` : undefined,
    node.electionPort !== null ? `election ${node.electionPort}` : undefined,
    node.role,
  ]
    .filter(isText)
    .join(' · ');
}

// --- files -----------------------------------------------------------------------------------------------------

function fileItem(ensemble: EnsembleSummary, node: NodeSummary, path: string, input: TreeInput): TreeItemModel {
  const diagnostics = ownDiagnostics(input, path);
  const problems = countProblems(diagnostics);
  const shown = display(input, path);
  const folder = shown.includes('/') ? shown.slice(0, shown.lastIndexOf('/')) : '';
  const line = relevantLine(diagnostics);
  const kind = fileKind(path);
  return {
    id: `file:${ensemble.key}|${node.key}|${path}`,
    kind: 'file',
    label: basename(path),
    description: [folder, problemText(problems)].filter(isText).join(' · '),
    tooltip: [`**${md(shown)}** · ${FILE_KIND_NAMES[kind]} of ${md(nodeName(node))}`, problems.total > 0 ? `Problems: ${problemText(problems, true)}.` : 'No problems.'].join('\n\n'),
    icon: { id: 'file' },
    contextValue: `file ${kind}`,
    collapsible: 'none',
    resourcePath: path,
    command: { command: OPEN_FILE_COMMAND, title: 'Open', arguments: line === undefined ? [path] : [path, line] },
    children: [],
    ensembleKey: ensemble.key,
    nodeKey: node.key,
    files: { zoocfg: [], dynamic: [], myid: [], compose: [], [kind]: [path] },
  };
}

const FILE_KIND_NAMES: Record<FileKind, string> = { zoocfg: 'zoo.cfg', dynamic: 'dynamic config', myid: 'myid', compose: 'compose file' };

/** What a node's file is, from its name (the summaries only list zoo.cfg-like, dynamic, myid and compose files). */
export function fileKind(path: string): FileKind {
  const name = basename(path);
  if (name === 'myid') return 'myid';
  if (/\.ya?ml$/i.test(name)) return 'compose';
  if (/\.cfg\.dynamic/.test(name)) return 'dynamic';
  return 'zoocfg';
}

/** The line to open a file at: its first error, else its first warning, else its first finding. */
function relevantLine(diagnostics: readonly DiagnosticInfo[]): number | undefined {
  for (const severity of ['error', 'warning', 'information', 'hint'] as const) {
    const lines = diagnostics.filter((d) => d.severity === severity).map((d) => d.line);
    if (lines.length > 0) return Math.min(...lines);
  }
  return undefined;
}

function filesByKind(nodes: readonly NodeSummary[]): Record<FileKind, string[]> {
  const files: Record<FileKind, string[]> = { zoocfg: [], dynamic: [], myid: [], compose: [] };
  for (const path of unique(nodes.flatMap((n) => n.files))) files[fileKind(path)].push(path);
  return files;
}

function contextValue(kind: 'ensemble' | 'node', files: Record<FileKind, readonly string[]>, connection: string | undefined): string {
  const flags = (['zoocfg', 'myid', 'compose'] as const).filter((k) => files[k].length > 0);
  return [kind, ...flags, ...(connection ? ['connect'] : [])].join(' ');
}

// --- connection strings ----------------------------------------------------------------------------------------

/** `host:clientPort,...` for the nodes whose host and client port are known, in the summaries' order. */
export function connectionString(nodes: readonly NodeSummary[]): string | undefined {
  const addresses = unique(nodes.flatMap((n) => (n.host !== null && n.clientPort !== null ? [`${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.clientPort}`] : [])));
  return addresses.length > 0 ? addresses.join(',') : undefined;
}

// --- problems --------------------------------------------------------------------------------------------------

export interface ProblemCount {
  readonly errors: number;
  readonly warnings: number;
  /** information and hint */
  readonly notes: number;
  readonly total: number;
}

export function countProblems(diagnostics: readonly DiagnosticInfo[]): ProblemCount {
  const count = (severities: readonly Severity[]) => diagnostics.filter((d) => severities.includes(d.severity)).length;
  const errors = count(['error']);
  const warnings = count(['warning']);
  const notes = count(['information', 'hint']);
  return { errors, warnings, notes, total: errors + warnings + notes };
}

/** "2 errors, 1 warning"; notes only when asked (tooltips), as the Problems view shows no hints. */
export function problemText(problems: ProblemCount, withNotes = false): string {
  return [
    problems.errors > 0 ? plural(problems.errors, 'error') : undefined,
    problems.warnings > 0 ? plural(problems.warnings, 'warning') : undefined,
    withNotes && problems.notes > 0 ? plural(problems.notes, 'note') : undefined,
  ]
    .filter(isText)
    .join(', ');
}

function ownDiagnostics(input: TreeInput, path: string): DiagnosticInfo[] {
  return input.diagnostics(path).filter((d) => d.source === DIAGNOSTIC_SOURCE);
}

// --- live status -----------------------------------------------------------------------------------------------

const ERROR_ICON: IconModel = { id: 'error', color: 'problemsErrorIcon.foreground' };
const WARNING_ICON: IconModel = { id: 'warning', color: 'problemsWarningIcon.foreground' };

export const STATE_ICONS: Readonly<Record<NodeState, IconModel>> = {
  leader: { id: 'star-full', color: 'testing.iconPassed' },
  follower: { id: 'pass', color: 'testing.iconPassed' },
  observer: { id: 'eye', color: 'testing.iconPassed' },
  standalone: { id: 'circle-filled', color: 'testing.iconPassed' },
  'read-only': { id: 'lock', color: 'problemsWarningIcon.foreground' },
  'not serving': { id: 'circle-slash', color: 'problemsErrorIcon.foreground' },
  'not whitelisted': { id: 'shield', color: 'problemsWarningIcon.foreground' },
  unreachable: { id: 'debug-disconnect', color: 'problemsErrorIcon.foreground' },
  'no address': { id: 'question', color: 'problemsWarningIcon.foreground' },
  unknown: { id: 'question', color: 'problemsWarningIcon.foreground' },
};

function statusParagraph(status: EnsembleStatus, time: string | undefined): string {
  const head = `**Live status**${time ? ` (${md(time)})` : ''}: ${status.healthy ? 'healthy' : 'not healthy'}, ${md(status.summary)}.`;
  return [head, ...status.problems.map((p) => `- ${md(p)}`)].join('\n');
}

function nodeStatusParagraph(status: NodeStatus, time: string | undefined): string {
  const facts = [
    status.address ? `at ${status.address}` : undefined,
    status.zxid ? `zxid ${status.zxid}` : undefined,
    status.latency ? `latency min/avg/max ${status.latency.min}/${status.latency.avg}/${status.latency.max} ms` : undefined,
    status.connections !== null ? plural(status.connections, 'connection') : undefined,
    status.outstanding !== null && status.outstanding > 0 ? `${status.outstanding} outstanding` : undefined,
    status.nodeCount !== null ? plural(status.nodeCount, 'znode') : undefined,
    status.mntr?.zk_synced_followers !== undefined ? `${status.mntr.zk_synced_followers} synced followers` : undefined,
    status.version ? `ZooKeeper ${status.version}` : undefined,
  ].filter(isText);
  const head = `**Live status**${time ? ` (${md(time)})` : ''}: ${md(status.state)}${status.detail ? ` — ${md(status.detail)}` : ''}`;
  return facts.length > 0 ? `${head}\n\n${md(facts.join(' · '))}` : head;
}

/** The status-bar line after a check: "seed: healthy (1 leader, 2 followers)" per ensemble. */
export function statusMessage(report: StatusReport): string {
  if (report.ensembles.length === 0) return 'No ZooKeeper ensemble to check.';
  return report.ensembles.map((e) => `${e.name}: ${e.healthy ? 'healthy' : 'not healthy'} (${e.summary})`).join('; ');
}

// --- the language status item ----------------------------------------------------------------------------------

export interface FileDescription {
  /** Short, for the language status item: "server.2 · seed-3-hosts". */
  readonly text: string;
  readonly detail: string;
  readonly severity: 'error' | 'warning' | 'information';
  /** The tree item to reveal, when the file belongs to a node. */
  readonly itemId?: string;
}

/** The file's ensemble and node(s) and its problem count, for the language status item. */
export function describeFile(ensembles: readonly EnsembleSummary[], path: string, diagnostics: readonly DiagnosticInfo[]): FileDescription {
  const problems = countProblems(diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE));
  const detail = problems.total > 0 ? `${problemText(problems, true)} in this file` : 'No problems in this file';
  const severity = problems.errors > 0 ? 'error' : problems.warnings > 0 ? 'warning' : 'information';
  const owners = ensembles.flatMap((ensemble) => ensemble.nodes.filter((node) => node.files.includes(path)).map((node) => ({ ensemble, node })));
  if (owners.length === 0) return { text: 'No ZooKeeper node', detail: `zk-ensemble found no node for this file · ${detail.charAt(0).toLowerCase()}${detail.slice(1)}`, severity };
  const byEnsemble = new Map<EnsembleSummary, NodeSummary[]>();
  for (const { ensemble, node } of owners) byEnsemble.set(ensemble, [...(byEnsemble.get(ensemble) ?? []), node]);
  const text = [...byEnsemble].map(([ensemble, nodes]) => `${nodes.map(nodeName).join(', ')} · ${ensemble.name}`).join('; ');
  const first = owners[0];
  return { text, detail, severity, itemId: `node:${first.ensemble.key}|${first.node.key}` };
}

// --- helpers ---------------------------------------------------------------------------------------------------

function display(input: TreeInput, path: string): string {
  return input.displayPath ? input.displayPath(path) : path;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function isText(value: string | null | undefined): value is string {
  return value !== undefined && value !== null && value !== '';
}

/** Escapes what Markdown would take for formatting, links or HTML in a tooltip's text. */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, (ch) => `\\${ch}`);
}
