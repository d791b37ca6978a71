import type { FileRule } from './rule';

/** What keeps a compose file from being read as Docker reads it; image-specific mistakes are other rules'. */
const COMPOSE_READING_PROBLEMS = new Set(['yaml', 'alias-limit', 'invalid-merge', 'invalid-port', 'invalid-volume', 'invalid-environment']);

export const fileFormat: FileRule = {
  id: 'file-format',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'The file cannot be read as ZooKeeper (or Docker Compose) reads it: a malformed \\uXXXX escape, binary content, a byte order mark; YAML errors, alias bombs and malformed ports, volumes or environment in a compose file.',
    why: 'ZooKeeper loads zoo.cfg with java.util.Properties in ISO-8859-1. A malformed \\u escape makes the load fail; a UTF-8 byte order mark becomes part of the first key, which is then silently ignored.',
    reference: '§0.1',
  },
  check(file) {
    if (file.kind === 'compose') {
      return file.compose.problems
        .filter((problem) => COMPOSE_READING_PROBLEMS.has(problem.kind))
        .map((problem) => ({ path: problem.path, range: problem.range, message: problem.message, severity: problem.kind === 'yaml' || problem.kind === 'alias-limit' ? 'error' : 'warning' }));
    }
    if (file.kind !== 'zoocfg' && file.kind !== 'dynamic') return [];
    return file.properties.problems.map((problem) => ({
      path: file.path,
      range: problem.range,
      message: problem.message,
      severity: problem.kind === 'byte-order-mark' ? 'warning' : 'error',
    }));
  },
};
