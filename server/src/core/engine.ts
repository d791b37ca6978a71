import { buildEnsembles, Ensemble } from './ensembles';
import { FileModel, readFileModel } from './files';
import type { ZkNode } from './nodes';
import { isInside } from './paths';
import type { Finding, Severity } from './findings';
import { RULES } from './rules';
import type { Report, Rule, RuleContext } from './rules/rule';
import { DEFAULT_ZOOKEEPER_VERSION, releaseVersion, ZkVersion } from './version';

/** A rule's configured state: off, or the severity its findings get instead of the default. */
export type RuleSetting = 'off' | Severity;

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

/**
 * The workspace as the engine sees it: the text of every relevant file, parsed once per change, and the
 * analysis over all of them. Pure: the host (language server, CLI) feeds it text and publishes the results.
 */
export class Engine {
  private settings: EngineSettings;
  private readonly texts = new Map<string, string>();
  private readonly models = new Map<string, FileModel | undefined>();
  private lastVersions = new Map<string, ZkVersion>();

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
    if (this.texts.get(path) === text) return;
    this.texts.set(path, text);
    this.forgetModels(path);
  }

  deleteFile(path: string): void {
    if (this.texts.delete(path)) this.forgetModels(path);
  }

  /** A model depends on its own text, and a compose model also on the env files it reads. */
  private forgetModels(changedPath: string): void {
    this.models.delete(changedPath);
    for (const [path, model] of this.models) if (model?.kind === 'compose') this.models.delete(path);
  }

  /** The ZooKeeper version the last analysis applied to a file (its node's image tag, else the setting). */
  versionOf(path: string): ZkVersion {
    return this.lastVersions.get(path) ?? releaseVersion(this.settings.zookeeperVersion);
  }

  hasFile(path: string): boolean {
    return this.texts.has(path);
  }

  /** The parsed model of a file, or undefined when the engine does not hold it or does not read such files. */
  model(path: string): FileModel | undefined {
    if (!this.models.has(path)) {
      const text = this.texts.get(path);
      this.models.set(path, text === undefined ? undefined : readFileModel(path, text, (other) => this.texts.get(other)));
    }
    return this.models.get(path);
  }

  analyze(): WorkspaceAnalysis {
    const files = [...this.texts.keys()].sort().map((path) => this.model(path)).filter((m): m is FileModel => m !== undefined);
    const defaultVersion = releaseVersion(this.settings.zookeeperVersion);
    const ensembles = buildEnsembles(files, { roots: this.settings.roots, defaultVersion, file: (p) => this.model(p) });
    const nodesByFile = new Map<string, ZkNode>();
    const ensembleByFile = new Map<string, Ensemble>();
    for (const ensemble of ensembles) {
      for (const node of ensemble.nodes) {
        for (const p of node.files) {
          if (nodesByFile.has(p)) continue;
          nodesByFile.set(p, node);
          ensembleByFile.set(p, ensemble);
        }
      }
    }
    this.lastVersions = new Map([...nodesByFile].map(([path, node]) => [path, node.version]));
    const context: RuleContext = {
      versionOf: (path) => nodesByFile.get(path)?.version ?? defaultVersion,
      file: (path) => this.model(path),
      nodeOf: (path) => nodesByFile.get(path),
      ensembleOf: (path) => ensembleByFile.get(path),
      isInWorkspace: (path) => this.settings.roots.some((root) => isInside(root, path)),
    };

    const findings = new Map<string, Finding[]>();
    for (const path of [...this.texts.keys()].sort()) findings.set(path, []);
    for (const rule of RULES) {
      const setting = this.settings.rules[rule.id];
      if (setting === 'off') continue;
      const reports = rule.scope === 'file' ? files.flatMap((f) => runSafely(rule, () => rule.check(f, context), f.path)) : ensembles.flatMap((e) => runSafely(rule, () => rule.check(e, context), e.nodes[0]?.files[0] ?? ''));
      for (const report of reports) {
        const list = findings.get(report.path);
        if (!list) continue;
        // One mistake shared by several nodes (a merged YAML anchor) is reported once.
        const finding = stamp(rule, setting, report);
        if (!list.some((f) => sameFinding(f, finding))) list.push(finding);
      }
    }
    for (const list of findings.values()) list.sort(compareFindings);
    return { findings, ensembles, ensembleOf: (path) => ensembleByFile.get(path) };
  }
}

function stamp(rule: Rule, setting: Severity | undefined, report: Report): Finding {
  return {
    ruleId: rule.id,
    severity: setting ?? report.severity ?? rule.defaultSeverity,
    message: report.message,
    path: report.path,
    range: report.range,
    related: report.related ?? [],
    fixes: report.fixes ?? [],
  };
}

/** A bug in one rule must not take the others (or the server) down: it becomes a finding that says so. */
function runSafely(rule: Rule, check: () => Report[], path: string): Report[] {
  try {
    return check();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [{ path, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 'hint', message: `Internal error in rule ${rule.id}: ${detail}. Please report it.` }];
  }
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.message === b.message && JSON.stringify(a.range) === JSON.stringify(b.range);
}

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}
