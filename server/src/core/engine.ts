import type { Ensemble } from './ensembles';
import { FileModel, readFileModel } from './files';
import { FindingsIndex, RuleSetting } from './findingsIndex';
import type { Finding } from './findings';
import { NodeIndex } from './nodeIndex';
import { isInside } from './paths';
import { RULES } from './rules';
import type { RuleContext } from './rules/rule';
import type { MapSnapshot } from './snapshot';
import { DEFAULT_ZOOKEEPER_VERSION, releaseVersion, ZkVersion } from './version';

export type { RuleSetting } from './findingsIndex';

export interface EngineSettings {
  /** The version assumed where no docker image tag says otherwise. */
  readonly zookeeperVersion: string;
  /** Per rule id: 'off' or a severity that replaces the rule's own. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** The folders the workspace consists of ('/'-separated, absolute): a dataDir inside them is looked up. */
  readonly roots: readonly string[];
}

export const DEFAULT_SETTINGS: EngineSettings = { zookeeperVersion: DEFAULT_ZOOKEEPER_VERSION, rules: {}, roots: [] };

export interface WorkspaceAnalysis {
  /** Findings per file; every file the engine holds has an entry, empty when it is clean. */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly ensembles: readonly Ensemble[];
  /** The ensemble a file's node belongs to. */
  ensembleOf(path: string): Ensemble | undefined;
}

/** A parsed file and the other files its parse read (a compose file's env files). */
interface ModelEntry {
  readonly model: FileModel | undefined;
  readonly reads: readonly string[];
}

/** The incremental state of one settings generation: nodes and ensembles, then rule results. */
interface State {
  readonly settingsKey: string;
  readonly defaultVersion: ZkVersion;
  readonly nodes: NodeIndex;
  readonly findings: FindingsIndex;
  readonly context: RuleContext;
}

/** How many analyses back `findingsChangedSince` can answer. */
const CHANGE_LOG_LENGTH = 32;

/**
 * The workspace as the engine sees it: the text of every relevant file, parsed once per change, and the
 * analysis over all of them. Pure: the host (language server, CLI) feeds it text and publishes the results.
 *
 * Incremental (ARCHITECTURE.md, Performance): `analyze` re-parses only changed files, rebuilds only the nodes
 * and ensembles a change reaches, re-runs rules only for files and ensembles whose inputs changed, and
 * returns immutable snapshots, so an analysis after a one-line edit costs about the same in a workspace of one
 * ensemble as in one of a thousand. The results are the same as a fresh engine's (test/core/incremental.test.ts).
 */
export class Engine {
  private settings: EngineSettings;
  private readonly texts = new Map<string, string>();
  private readonly models = new Map<string, ModelEntry>();
  /** Path -> the files whose model read it. */
  private readonly readers = new Map<string, Set<string>>();
  /** Files whose model may have changed since the last analysis, with the model that analysis used. */
  private readonly dirtyModels = new Map<string, FileModel | undefined>();
  /** Files started or stopped being held since the last analysis. */
  private readonly heldChanged = new Set<string>();
  private sortedPaths: readonly string[] = [];
  private state: State | undefined;
  private latest: WorkspaceAnalysis | undefined;
  private readonly sequence = new WeakMap<WorkspaceAnalysis, number>();
  private analyses = 0;
  /** Per analysis number: the files whose findings it reassembled ('all' after a fresh start). */
  private readonly changeLog: { readonly number: number; readonly paths: ReadonlySet<string> | 'all' }[] = [];

  constructor(settings: Partial<EngineSettings> = {}) {
    this.settings = { ...DEFAULT_SETTINGS, ...settings };
  }

  configure(settings: Partial<EngineSettings>): void {
    this.settings = { ...this.settings, ...settings };
  }

  get currentSettings(): EngineSettings {
    return this.settings;
  }

  setFile(path: string, text: string): void {
    const old = this.texts.get(path);
    if (old === text) return;
    if (old === undefined) this.heldChanged.add(path);
    this.texts.set(path, text);
    this.invalidate(path);
  }

  deleteFile(path: string): void {
    if (!this.texts.delete(path)) return;
    this.heldChanged.add(path);
    this.invalidate(path);
  }

  /** A model depends on its own text, and a compose model also on the env files it reads. */
  private invalidate(path: string): void {
    const entry = this.models.get(path);
    if (!this.dirtyModels.has(path)) this.dirtyModels.set(path, entry?.model);
    if (entry) {
      this.models.delete(path);
      for (const read of entry.reads) {
        const set = this.readers.get(read);
        set?.delete(path);
        if (set?.size === 0) this.readers.delete(read);
      }
    }
    // Copied: invalidating a reader unregisters it from this very set.
    for (const reader of [...(this.readers.get(path) ?? [])]) this.invalidate(reader);
  }

  /** The ZooKeeper version the last analysis applied to a file (its node's image tag, else the setting). */
  versionOf(path: string): ZkVersion {
    return this.state?.nodes.nodeOfFile.get(path)?.version ?? releaseVersion(this.settings.zookeeperVersion);
  }

  hasFile(path: string): boolean {
    return this.texts.has(path);
  }

  /** The parsed model of a file, or undefined when the engine does not hold it or does not read such files. */
  model(path: string): FileModel | undefined {
    const entry = this.models.get(path);
    if (entry) return entry.model;
    const text = this.texts.get(path);
    if (text === undefined) return undefined;
    const reads: string[] = [];
    const model = readFileModel(path, text, (other) => {
      reads.push(other);
      return this.texts.get(other);
    });
    this.models.set(path, { model, reads });
    for (const read of reads) {
      const set = this.readers.get(read);
      if (set) set.add(path);
      else this.readers.set(read, new Set([path]));
    }
    return model;
  }

  analyze(): WorkspaceAnalysis {
    const settingsKey = JSON.stringify([this.settings.zookeeperVersion, this.settings.rules, this.settings.roots]);
    const fresh = !this.state || this.state.settingsKey !== settingsKey;
    if (!fresh && this.latest && this.dirtyModels.size === 0 && this.heldChanged.size === 0) return this.latest;

    if (this.heldChanged.size > 0 || fresh) this.sortedPaths = [...this.texts.keys()].sort();
    if (fresh) this.state = this.freshState(settingsKey);
    const state = this.state as State;
    const heldChanged: Iterable<string> = fresh ? this.sortedPaths : this.heldChanged;
    const changedModels: string[] = [];
    let reassembled: Set<string>;
    try {
      if (fresh) for (const path of this.sortedPaths) changedModels.push(path);
      else for (const [path, old] of this.dirtyModels) if (this.model(path) !== old) changedModels.push(path);
      // Parse in path order, as the engine always has (rules see the same lazily parsed models either way).
      for (const path of changedModels) this.model(path);
      const nodes = state.nodes.update(changedModels);
      reassembled = state.findings.update({
        context: state.context,
        changedModels,
        removedEnsembles: nodes.removedEnsembles,
        addedEnsembles: nodes.addedEnsembles,
        changedFacts: { file: changedModels, node: nodes.nodeChanged, ensemble: nodes.ensembleChanged, version: nodes.versionChanged },
        heldChanged,
        isHeld: (path) => this.texts.has(path),
        compareEnsembles: state.nodes.compareEnsembles,
      });
    } catch (error) {
      // A half-applied update cannot be trusted: the next analysis starts afresh (rules cannot get here, they are guarded).
      this.state = undefined;
      this.latest = undefined;
      throw error;
    }
    this.dirtyModels.clear();
    this.heldChanged.clear();

    const analysis = snapshotAnalysis(this.sortedPaths, state.findings.findings.snapshot(), state.nodes.ensembles, state.nodes.ensembleOfFile.snapshot());
    this.sequence.set(analysis, ++this.analyses);
    this.changeLog.push({ number: this.analyses, paths: fresh ? 'all' : reassembled });
    if (this.changeLog.length > CHANGE_LOG_LENGTH) this.changeLog.shift();
    this.latest = analysis;
    return analysis;
  }

  /**
   * The files whose findings may differ between `previous` (an analysis of this engine) and the latest
   * analysis, including files no longer held; undefined when the engine cannot tell (too old, settings changed):
   * then compare everything. What a host uses to publish only what changed without walking every file.
   */
  findingsChangedSince(previous: WorkspaceAnalysis): ReadonlySet<string> | undefined {
    const since = this.sequence.get(previous);
    if (since === undefined) return undefined;
    const paths = new Set<string>();
    let covered = since === this.analyses;
    for (const entry of this.changeLog) {
      if (entry.number <= since) continue;
      if (entry.number === since + 1) covered = true;
      if (entry.paths === 'all') return undefined;
      for (const path of entry.paths) paths.add(path);
    }
    return covered ? paths : undefined;
  }

  private freshState(settingsKey: string): State {
    const defaultVersion = releaseVersion(this.settings.zookeeperVersion);
    const roots = this.settings.roots;
    const nodes = new NodeIndex({ roots, defaultVersion, file: (path) => this.model(path) });
    const nodeOfFile = nodes.nodeOfFile;
    const context: RuleContext = {
      versionOf: (path) => nodeOfFile.get(path)?.version ?? defaultVersion,
      file: (path) => this.model(path),
      nodeOf: (path) => nodeOfFile.get(path),
      ensembleOf: (path) => nodes.ensembleOfFile.get(path),
      isInWorkspace: (path) => roots.some((root) => isInside(root, path)),
    };
    return { settingsKey, defaultVersion, nodes, findings: new FindingsIndex(RULES, this.settings.rules), context };
  }
}

function snapshotAnalysis(
  paths: readonly string[],
  findings: MapSnapshot<string, readonly Finding[]>,
  ensembles: readonly Ensemble[],
  ensembleOfFile: MapSnapshot<string, Ensemble>,
): WorkspaceAnalysis {
  return { findings: new FindingsView(paths, findings), ensembles, ensembleOf: (path) => ensembleOfFile.get(path) };
}

/** The findings of one analysis: a read-only map over a snapshot, in path order. */
class FindingsView implements ReadonlyMap<string, readonly Finding[]> {
  private materialized: Map<string, readonly Finding[]> | undefined;

  constructor(
    private readonly paths: readonly string[],
    private readonly snapshot: MapSnapshot<string, readonly Finding[]>,
  ) {}

  get size(): number {
    return this.paths.length;
  }

  get(path: string): readonly Finding[] | undefined {
    return this.snapshot.get(path);
  }

  has(path: string): boolean {
    return this.snapshot.has(path);
  }

  forEach(callback: (value: readonly Finding[], key: string, map: ReadonlyMap<string, readonly Finding[]>) => void, thisArg?: unknown): void {
    this.all().forEach((value, key) => callback.call(thisArg, value, key, this));
  }

  entries(): ReturnType<Map<string, readonly Finding[]>['entries']> {
    return this.all().entries();
  }

  keys(): ReturnType<Map<string, readonly Finding[]>['keys']> {
    return this.all().keys();
  }

  values(): ReturnType<Map<string, readonly Finding[]>['values']> {
    return this.all().values();
  }

  [Symbol.iterator](): ReturnType<Map<string, readonly Finding[]>['entries']> {
    return this.all().entries();
  }

  private all(): Map<string, readonly Finding[]> {
    this.materialized ??= new Map(this.paths.map((path) => [path, this.snapshot.get(path) ?? []]));
    return this.materialized;
  }
}
