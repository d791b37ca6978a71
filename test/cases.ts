import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, EngineSettings } from '../server/src/core/engine';
import type { Finding } from '../server/src/core/findings';
import { formatPosition } from '../server/src/core/text';

/**
 * Data-driven workspace cases: a folder of files (the workspace) plus `expected.txt`, one line per finding:
 *   <path relative to the case>:<line>:<column> <severity> <rule-id> <message>
 * and an optional `case.json` with engine settings ({"zookeeperVersion": "3.4", "rules": {...}}).
 * Every finding the engine reports must be listed: a case also proves the absence of false positives.
 * Run the tests with UPDATE_EXPECT=1 to rewrite expected.txt from what the engine reports, then review the diff.
 */

/** The source folder of the cases (tests run from out/test, the cases stay in the tree). */
export const CASES_ROOT = path.resolve(__dirname, '..', '..', 'test', 'cases');

export interface WorkspaceCase {
  readonly name: string;
  readonly folder: string;
  readonly settings: Partial<EngineSettings>;
  readonly expected: string[];
}

export function listCases(root = CASES_ROOT): WorkspaceCase[] {
  const cases: WorkspaceCase[] = [];
  const visit = (folder: string) => {
    const expectedFile = path.join(folder, 'expected.txt');
    if (fs.existsSync(expectedFile)) {
      const settingsFile = path.join(folder, 'case.json');
      cases.push({
        name: path.relative(root, folder).split(path.sep).join('/'),
        folder,
        settings: fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {},
        expected: readLines(expectedFile),
      });
      return;
    }
    for (const entry of fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) visit(path.join(folder, entry.name));
    }
  };
  visit(root);
  return cases;
}

function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').map((l) => l.trimEnd()).filter((l) => l !== '' && !l.startsWith('#'));
}

/** The files of a case, as the engine takes them: '/'-separated absolute paths. */
export function caseFiles(folder: string): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (!['expected.txt', 'case.json'].includes(entry.name)) files.push({ path: full.split(path.sep).join('/'), text: fs.readFileSync(full, 'utf8') });
    }
  };
  visit(folder);
  return files;
}

export function analyzeCase(c: WorkspaceCase): Finding[] {
  const root = c.folder.split(path.sep).join('/');
  const engine = new Engine({ ...c.settings, roots: [root] });
  for (const file of caseFiles(c.folder)) engine.setFile(file.path, file.text);
  return [...engine.analyze().findings.values()].flat();
}

export function formatFinding(caseFolder: string, f: { path: string; range: Finding['range']; severity: string; ruleId: string; message: string }): string {
  const relative = path.relative(caseFolder, f.path.split('/').join(path.sep)).split(path.sep).join('/');
  return `${relative}:${formatPosition(f.range.start)} ${f.severity} ${f.ruleId} ${f.message}`;
}

export function writeExpected(c: WorkspaceCase, lines: readonly string[]): void {
  fs.writeFileSync(path.join(c.folder, 'expected.txt'), lines.join('\n') + (lines.length ? '\n' : ''));
}
