/**
 * The single-node cases of the differential test: hand-written ones from cases/*.json plus the
 * mutation sweeps. Each case becomes one folder: <case>/zoo.cfg, <case>/data/myid, <case>/zoo.cfg.dynamic.
 *
 * Every case uses its own block of loopback ports (block B = base + 30 * index: client ports B+s,
 * quorum ports B+10+s, election ports B+20+s for server s), so that a workspace holding all cases
 * is a set of independent ensembles rather than one ensemble with clashing ids and ports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mutationCases } from './mutations';

export type Expectation = 'clean' | 'findings';

export interface DifferentialCase {
  /** Also the case's folder name. */
  readonly name: string;
  /** zoo.cfg text; ${DATA_DIR} and ${CASE_DIR} stand for the case's absolute data and case folders. */
  readonly zooCfg: string;
  /** Text of data/myid; null when the case has no myid file. */
  readonly myid: string | null;
  /** Text of zoo.cfg.dynamic (next to zoo.cfg), for split configs. */
  readonly dynamicCfg?: string;
  /** clean: correct, we must report no error. findings: wrong, whether ZooKeeper refuses it or not. */
  readonly expect: Expectation;
  /** 1-based zoo.cfg line that ZooKeeper's refusal points at, when it points at one. */
  readonly zkLine?: number;
  readonly note: string;
}

export const CASES_DIR = path.join(__dirname, '..', '..', '..', 'test', 'zookeeper', 'cases');

export function loadCorpus(): DifferentialCase[] {
  const handWritten = fs
    .readdirSync(CASES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => JSON.parse(fs.readFileSync(path.join(CASES_DIR, file), 'utf8')) as DifferentialCase[]);
  return [...handWritten, ...mutationCases()];
}

/** What makes a corpus unusable: duplicate or unsafe names, bad fields, ensembles sharing a port. */
export function corpusProblems(cases: readonly DifferentialCase[]): string[] {
  const problems: string[] = [];
  const portOwners = new Map<number, string>();
  const names = new Set<string>();
  for (const c of cases) {
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(c.name)) problems.push(`${c.name}: name must be a lower-case folder name`);
    if (names.has(c.name)) problems.push(`${c.name}: duplicate name`);
    names.add(c.name);
    if (c.expect !== 'clean' && c.expect !== 'findings') problems.push(`${c.name}: expect must be clean or findings`);
    if (c.zkLine !== undefined && !(c.zkLine >= 1 && c.zkLine <= c.zooCfg.split(/\r\n|\r|\n/).length)) {
      problems.push(`${c.name}: zkLine ${c.zkLine} is not a line of zoo.cfg`);
    }
    for (const port of new Set(listenerPorts(c))) {
      const owner = portOwners.get(port);
      if (owner !== undefined && owner !== c.name) problems.push(`${c.name}: port ${port} is also used by ${owner}`);
      portOwners.set(port, c.name);
    }
  }
  return problems;
}

/** Ports this case's servers would listen on: valid unprivileged ports in server values and *Port values. */
function listenerPorts(c: DifferentialCase): number[] {
  const lines = `${c.zooCfg}\n${c.dynamicCfg ?? ''}`.split(/\r\n|\r|\n/);
  return lines
    .flatMap((line) => [...line.matchAll(/^\s*server\./.test(line) ? /[:;](\d+)/g : /^\s*\w*Port\s*[=:\s]\s*(\d+)/g)])
    .map((match) => Number(match[1]))
    .filter((port) => port >= 1024 && port <= 65535);
}
