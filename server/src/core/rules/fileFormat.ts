import type { FileRule } from './rule';

export const fileFormat: FileRule = {
  id: 'file-format',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'The file cannot be read as ZooKeeper reads it: a malformed \\uXXXX escape, binary content, or a byte order mark.',
    why: 'ZooKeeper loads zoo.cfg with java.util.Properties in ISO-8859-1. A malformed \\u escape makes the load fail; a UTF-8 byte order mark becomes part of the first key, which is then silently ignored.',
    reference: '§0.1',
  },
  check(file) {
    if (file.kind !== 'zoocfg' && file.kind !== 'dynamic') return [];
    return file.properties.problems.map((problem) => ({
      path: file.path,
      range: problem.range,
      message: problem.message,
      severity: problem.kind === 'byte-order-mark' ? 'warning' : 'error',
    }));
  },
};
