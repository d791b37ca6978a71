/**
 * The incremental engine must answer exactly what a fresh engine answers. For every workspace case, one
 * long-lived Engine goes through a seeded sequence of random edits, deletions, re-additions, new files and the
 * occasional settings change; after each step its findings (in order), ensembles, ensembleOf and versionOf are
 * compared with those of a new Engine given the same files. It also checks that an earlier analysis is a true
 * snapshot (later steps do not change it) and that `findingsChangedSince` names every file whose findings changed.
 *
 * Reproduce a failure with the seed it prints: ZK_INCREMENTAL_SEED=<seed> node --test out/test/core/incremental.test.js
 * (ZK_INCREMENTAL_STEPS raises the number of steps per case).
 */
import assert from 'node:assert/strict';
import { buildEnsembles, Ensemble } from '../../server/src/core/ensembles';
import { releaseVersion } from '../../server/src/core/version';
import { test } from 'node:test';
import { Engine, EngineSettings, WorkspaceAnalysis } from '../../server/src/core/engine';
import { caseFiles, listCases } from '../cases';

const BASE_SEED = Number(process.env.ZK_INCREMENTAL_SEED ?? 20261129);
const STEPS = Number(process.env.ZK_INCREMENTAL_STEPS ?? 6);

/** mulberry32: small, seedable, good enough to pick edits. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function seedOf(name: string): number {
  let hash = BASE_SEED >>> 0;
  for (let i = 0; i < name.length; i++) hash = Math.imul(hash ^ name.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

/** Everything an analysis answers, as plain data (fixes included; functions and nodes' parsed zoo.cfg aside). */
function describe(engine: Engine, analysis: WorkspaceAnalysis, paths: readonly string[]): string {
  return JSON.stringify({
    findings: [...analysis.findings],
    ensembles: analysis.ensembles.map((e) => ({ key: e.key, name: e.name, nodes: e.nodes.map((n) => ({ ...n, config: n.config?.path, settings: [...n.settings], listenerSettings: [...n.listenerSettings] })) })),
    ensembleOf: paths.map((p) => analysis.ensembleOf(p)?.key ?? null),
    versionOf: paths.map((p) => engine.versionOf(p)),
  });
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `incremental: …${a.slice(Math.max(0, i - 150), i + 150)}…\nfresh:       …${b.slice(Math.max(0, i - 150), i + 150)}…`;
}

/** A random change to a file's text: the kind of edit a person makes, and some they should not. */
function mutate(text: string, pick: () => number, donor: string): string {
  const lines = text.split('\n');
  const at = Math.floor(pick() * lines.length);
  const donorLines = donor.split('\n');
  switch (Math.floor(pick() * 7)) {
    case 0:
      lines.splice(at, 1);
      break;
    case 1:
      lines.splice(at, 0, lines[at] ?? '');
      break;
    case 2: {
      // A digit changes: ids, ports, versions, tickTime.
      const digits = [...text.matchAll(/\d/g)];
      if (digits.length === 0) return text + '\n';
      const d = digits[Math.floor(pick() * digits.length)];
      return text.slice(0, d.index) + String(Math.floor(pick() * 10)) + text.slice((d.index ?? 0) + 1);
    }
    case 3:
      lines.splice(at, 0, donorLines[Math.floor(pick() * donorLines.length)] ?? '');
      break;
    case 4: {
      // A host name changes: members regroup.
      const hosts = [...text.matchAll(/[a-z][a-z0-9.-]*\d/gi)];
      if (hosts.length === 0) return text + 'x';
      const h = hosts[Math.floor(pick() * hosts.length)];
      return text.slice(0, h.index) + ['zoo9', 'localhost', '10.0.0.9', h[0] + 'x'][Math.floor(pick() * 4)] + text.slice((h.index ?? 0) + h[0].length);
    }
    case 5:
      lines.push(['server.9=zoo9:2888:3888', 'tickTime=5000', 'clientPort=2182', 'ZOO_MY_ID: 9', '4'][Math.floor(pick() * 5)]);
      break;
    default:
      return donor;
  }
  return lines.join('\n');
}

const cases = listCases();

for (const c of cases) {
  test(`incremental analysis equals a fresh one: ${c.name}`, () => {
    const seed = seedOf(c.name);
    const pick = random(seed);
    const root = c.folder.split('\\').join('/');
    const original = new Map(caseFiles(c.folder).map((f) => [f.path, f.text]));
    const texts = new Map(original);
    let settings: Partial<EngineSettings> = { ...c.settings, roots: [root] };
    const engine = new Engine(settings);
    for (const [path, text] of texts) engine.setFile(path, text);
    const allPaths = () => [...new Set([...original.keys(), ...texts.keys(), `${root}/extra/zoo.cfg`, `${root}/extra/myid`])].sort();
    const steps: string[] = [];
    let previous = engine.analyze();
    let previousPaths = allPaths();
    let previousDescription = describe(engine, previous, previousPaths);
    const fail = (message: string) => assert.fail(`${message}\nseed ${seed} (ZK_INCREMENTAL_SEED=${BASE_SEED}), case ${c.name}, steps:\n  ${steps.join('\n  ')}`);

    for (let step = 0; step < STEPS; step++) {
      const held = [...texts.keys()].sort();
      const gone = [...original.keys()].filter((p) => !texts.has(p));
      const choice = pick();
      const target = held[Math.floor(pick() * held.length)];
      if (choice < 0.55 && target) {
        const donor = original.get([...original.keys()][Math.floor(pick() * original.size)]) ?? '';
        const text = mutate(texts.get(target) ?? '', pick, donor);
        texts.set(target, text);
        engine.setFile(target, text);
        steps.push(`edit ${target}: ${JSON.stringify(text).slice(0, 200)}`);
      } else if (choice < 0.7 && target) {
        texts.delete(target);
        engine.deleteFile(target);
        steps.push(`delete ${target}`);
      } else if (choice < 0.85 && gone.length > 0) {
        const path = gone[Math.floor(pick() * gone.length)];
        texts.set(path, original.get(path) ?? '');
        engine.setFile(path, original.get(path) ?? '');
        steps.push(`re-add ${path}`);
      } else if (choice < 0.95) {
        // A new file: another node's zoo.cfg, myid or compose file in a new folder.
        const source = [...original.keys()][Math.floor(pick() * original.size)];
        const name = source.slice(source.lastIndexOf('/') + 1);
        const path = `${root}/extra/${name}`;
        texts.set(path, original.get(source) ?? '');
        engine.setFile(path, original.get(source) ?? '');
        steps.push(`add ${path} (copy of ${source})`);
      } else {
        settings = { ...settings, zookeeperVersion: pick() < 0.5 ? '3.4' : '3.9', rules: pick() < 0.5 ? { 'server-mismatch': 'off' } : { 'even-ensemble': 'error' } };
        engine.configure(settings);
        steps.push(`configure ${JSON.stringify(settings)}`);
      }

      const analysis = engine.analyze();
      const paths = allPaths();
      const fresh = new Engine(settings);
      for (const [path, text] of texts) fresh.setFile(path, text);
      const expected = describe(fresh, fresh.analyze(), paths);
      const actual = describe(engine, analysis, paths);
      if (actual !== expected) fail(`step ${step}: the long-lived engine differs from a fresh one\n${firstDifference(actual, expected)}`);

      // Regrouping only the touched clusters gives what grouping every node from scratch gives.
      const models = paths.flatMap((p) => engine.model(p) ?? []);
      const plain = buildEnsembles(models, { roots: engine.currentSettings.roots, defaultVersion: releaseVersion(engine.currentSettings.zookeeperVersion), file: (p) => engine.model(p) });
      const grouping = (ensembles: readonly Ensemble[]) => JSON.stringify(ensembles.map((e) => [e.key, e.name, e.nodes.map((n) => n.key)]));
      if (grouping(analysis.ensembles) !== grouping(plain)) fail(`step ${step}: incremental grouping differs from buildEnsembles\n${firstDifference(grouping(analysis.ensembles), grouping(plain))}`);

      // The previous analysis is a snapshot: nothing since changed it (versionOf is the engine's latest, left out).
      const again = JSON.parse(describe(engine, previous, previousPaths));
      const before = JSON.parse(previousDescription);
      for (const key of ['findings', 'ensembles', 'ensembleOf'] as const) {
        if (JSON.stringify(again[key]) !== JSON.stringify(before[key])) fail(`step ${step}: an earlier analysis changed after a later one (${key})`);
      }

      // Every file whose findings changed is named by findingsChangedSince (or the engine says it cannot tell).
      const changed = engine.findingsChangedSince(previous);
      if (changed) {
        for (const path of paths) {
          const [now, then] = [analysis.findings.get(path), previous.findings.get(path)];
          if (changed.has(path) || now === then) continue;
          if (JSON.stringify(now ?? null) !== JSON.stringify(then ?? null)) fail(`step ${step}: the findings of ${path} changed but findingsChangedSince does not name it`);
        }
      }
      previous = analysis;
      previousPaths = paths;
      previousDescription = actual;
    }
  });
}
