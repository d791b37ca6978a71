import type { FileRule, Report } from './rule';

export const duplicateKey: FileRule = {
  id: 'duplicate-key',
  scope: 'file',
  defaultSeverity: 'warning',
  docs: {
    summary: 'The same key is set more than once in one file; only the last value counts.',
    why: 'zoo.cfg is read with java.util.Properties: a second line with the same key silently replaces the first, with no error or warning, so the earlier line is dead and misleading (two server.1 lines: the last wins).',
    reference: '§0.1, §2.1',
  },
  check(file) {
    if (file.kind === 'myid' || file.kind === 'compose') return [];
    const reports: Report[] = [];
    for (const entry of file.properties.entries) {
      const winner = file.properties.effective.get(entry.key);
      if (!winner || winner === entry) continue;
      reports.push({
        path: file.path,
        range: entry.range,
        message: `'${entry.key}' is set again on line ${winner.keyRange.start.line + 1}; ZooKeeper silently uses the last value, so this line has no effect. Remove one of them.`,
        related: [{ path: file.path, range: winner.range, message: 'the value ZooKeeper uses' }],
      });
    }
    return reports;
  },
};
