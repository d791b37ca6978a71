import { isDynamicMemberKey, lookupKey } from '../keys';
import { lineEndingOf, replace } from '../edits';
import type { FileRule, Report } from './rule';

export const INLINE_COMMENT = /\s[#!]/;

export const inlineComment: FileRule = {
  id: 'inline-comment',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: "A '#' comment after a value: zoo.cfg has no inline comments, so the comment becomes part of the value.",
    why: "java.util.Properties treats '#' and '!' as comments only at the start of a line. 'clientPort=2181 # client port' gives the value '2181 # client port', and ZooKeeper refuses to start with NumberFormatException; on a server line it is 'Address unresolved'; on a path it silently names another directory.",
    reference: '§7.2',
  },
  check(file, context) {
    if (file.kind === 'myid' || file.kind === 'compose') return [];
    const version = context.versionOf(file.path);
    const reports: Report[] = [];
    for (const entry of file.properties.entries) {
      const key = entry.key.trim();
      const match = INLINE_COMMENT.exec(entry.value);
      if (!match) continue;
      if (!isDynamicMemberKey(key) && lookupKey(key, version).kind !== 'known') continue;
      const comment = entry.value.slice(match.index + 1).trim();
      const range = entry.valueSubrange(match.index, entry.value.length);
      const lineStart = { line: entry.range.start.line, character: 0 };
      reports.push({
        path: file.path,
        range,
        message: `ZooKeeper has no inline comments: the value of '${key}' is read as '${entry.value.trim()}'. Move '${comment}' to its own line.`,
        fixes: [{
          title: 'Move the comment to its own line',
          isPreferred: true,
          changes: [replace(file.path, { start: lineStart, end: lineStart }, `${comment}${lineEndingOf(file.text)}`), replace(file.path, range, '')],
        }],
      });
    }
    return reports;
  },
};
