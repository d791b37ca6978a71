import { serverLines } from '../config';
import { INLINE_COMMENT } from './inlineComment';
import type { ComposeModel } from '../files';
import { entrySubrange } from '../composeNodes';
import { parseServerValue } from '../serverLine';
import type { FileRule, Report, RuleContext } from './rule';

export const serverSyntax: FileRule = {
  id: 'server-syntax',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: "A server.N line that the ZooKeeper version in use cannot parse; the finding sits on the bad part.",
    why: "ZooKeeper refuses to start on a malformed server line ('does not have the form server_config or server_config;client_config', 'Address unresolved', 'port out of range', 'Unrecognised peertype'). The grammar changes with the version: 3.4 has no ';clientPort' part, '|' multi-addresses need 3.6+, and 3.5+ does not trim trailing blanks.",
    reference: '§2.1, §2.2',
  },
  check(file, context) {
    if (file.kind === 'compose') return composeServerProblems(file, context);
    if (file.kind !== 'zoocfg' && file.kind !== 'dynamic') return [];
    const reports: Report[] = [];
    for (const line of serverLines(file, context.versionOf(file.path))) {
      if (line.keyProblem) {
        const key = line.entry.keyRange;
        const start = { line: key.start.line, character: key.start.character + line.keyProblem.span.start };
        const end = { line: key.start.line, character: key.start.character + line.keyProblem.span.end };
        reports.push({ path: file.path, range: { start, end }, message: line.keyProblem.message });
      }
      // A trailing comment is inline-comment's finding; do not report the port it spoils a second time.
      const comment = INLINE_COMMENT.exec(line.entry.value);
      for (const problem of line.parsed.problems) {
        if (comment && problem.span.end > comment.index) continue;
        reports.push({
          path: file.path,
          range: line.rangeOf(problem.span),
          message: problem.zkMessage ? `${problem.message} (ZooKeeper: '${problem.zkMessage.trim()}')` : problem.message,
          severity: problem.fatal ? 'error' : 'warning',
        });
      }
    }
    return reports;
  },
};

/** Server entries in ZOO_SERVERS & co.: the image's own syntax errors, then ZooKeeper's grammar for the image's version. */
function composeServerProblems(file: ComposeModel, context: RuleContext): Report[] {
  const reports: Report[] = file.compose.problems
    .filter((problem) => problem.kind === 'invalid-server')
    .map((problem) => ({ path: problem.path, range: problem.range, message: problem.message }));
  for (const service of file.compose.services) {
    const version = service.zookeeper?.version ?? context.versionOf(file.path);
    for (const entry of service.zookeeper?.servers ?? []) {
      if (entry.id === undefined || entry.problems.length > 0) continue;
      for (const problem of parseServerValue(entry.value, version, { sid: entry.id }).problems) {
        reports.push({
          path: entry.path,
          range: entrySubrange(entry.range, entry.value, problem.span),
          message: problem.zkMessage ? `server.${entry.id}=${entry.value}: ${problem.message} (ZooKeeper: '${problem.zkMessage.trim()}')` : `server.${entry.id}=${entry.value}: ${problem.message}`,
          severity: problem.fatal ? 'error' : 'warning',
        });
      }
    }
  }
  return reports;
}
