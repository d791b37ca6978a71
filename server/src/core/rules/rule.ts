import type { Fix } from '../edits';
import type { Ensemble } from '../ensembles';
import type { FileModel } from '../files';
import type { ZkNode } from '../nodes';
import type { RelatedLocation, Severity } from '../findings';
import type { Range } from '../text';
import type { ZkVersion } from '../version';

/** What a rule's author writes about it: shown in the README, hover on a diagnostic's code, and `--explain`. */
export interface RuleDocs {
  /** One line: what the rule reports. */
  readonly summary: string;
  /** Why it matters: what ZooKeeper does with such a file. */
  readonly why: string;
  /** Where the rule book says so, e.g. '§2.5', '§3.4 X1'. */
  readonly reference: string;
}

/** A finding before the engine stamps it with the rule's id and the configured severity. */
export interface Report {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
  readonly related?: readonly RelatedLocation[];
  /** When the rule grades its own findings (a myid of 0 is a warning, a myid of 'abc' an error). */
  readonly severity?: Severity;
  /** Quick fixes, at most one of them preferred. */
  readonly fixes?: readonly Fix[];
}

export interface RuleContext {
  /** The ZooKeeper version that applies to a file: its node's image tag, else the configured default. */
  versionOf(path: string): ZkVersion;
  /** Another file's model, when the workspace has it. */
  file(path: string): FileModel | undefined;
  /** The node a file belongs to (its zoo.cfg, myid, dynamic or compose file). */
  nodeOf(path: string): ZkNode | undefined;
  /** The ensemble of that node. */
  ensembleOf(path: string): Ensemble | undefined;
  /** Whether a path lies in the workspace's folders, where a missing file is really missing. */
  isInWorkspace(path: string): boolean;
}

interface RuleBase {
  /** Stable public id: the diagnostic's `code`, the key in the `zookeeper.rules` setting. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly docs: RuleDocs;
}

/** Looks at one file on its own. */
export interface FileRule extends RuleBase {
  readonly scope: 'file';
  check(file: FileModel, context: RuleContext): Report[];
}

/** Looks at the nodes of one ensemble together. */
export interface EnsembleRule extends RuleBase {
  readonly scope: 'ensemble';
  check(ensemble: Ensemble, context: RuleContext): Report[];
}

export type Rule = FileRule | EnsembleRule;
