import { serverLines } from '../config';
import { INLINE_COMMENT } from './inlineComment';
import type { ComposeModel } from '../files';
import type { ComposeServerEntry } from '../compose/model';
import { entrySubrange } from '../composeNodes';
import { parseServerValue, ServerSpec, Span } from '../serverLine';
import type { FileRule, Report, RuleContext } from './rule';

export const serverSyntax: FileRule = {
  id: 'server-syntax',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: "A server.N line that the ZooKeeper version in use cannot parse, the finding on the bad part; also (warnings) a quorum or election port 0 and a negative server id, which ZooKeeper accepts.",
    why: "ZooKeeper refuses to start on a malformed server line ('does not have the form server_config or server_config;client_config', 'Address unresolved', 'port out of range', 'Unrecognised peertype'). The grammar changes with the version: 3.4 has no ';clientPort' part, '|' multi-addresses need 3.6+, and 3.5+ does not trim trailing blanks. Port 0 parses but binds a random port the other servers cannot know; any Java long parses as an id, but ids are documented as 1-255.",
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
      if (line.id !== undefined && line.id < 0) {
        const key = line.entry.keyRange;
        reports.push({ path: file.path, range: key, severity: 'warning', message: negativeIdMessage(line.id) });
      }
      for (const port of zeroPorts(line.parsed.spec)) {
        reports.push({ path: file.path, range: line.rangeOf(port.span), severity: 'warning', message: port.message });
      }
      if (line.parsed.problems.length === 0) continue;
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
      const parsed = parseServerValue(entry.value, version, { sid: entry.id });
      if (entry.id < 0) reports.push(entryWarning(entry, negativeIdMessage(entry.id)));
      for (const port of zeroPorts(parsed.spec)) reports.push(entryWarning(entry, port.message));
      for (const problem of parsed.problems) {
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

function entryWarning(entry: ComposeServerEntry, message: string): Report {
  return { path: entry.path, range: entry.range, severity: 'warning', message: `server.${entry.id}=${entry.value}: ${message}` };
}

function negativeIdMessage(id: number): string {
  return `server.${id} has a negative id: ZooKeeper parses any whole number, but ids are documented as 1 to 255 (the id fills the top byte of session ids) and a myid of -1 even reads as 'no id'. Use a positive id, e.g. server.${-id}.`;
}

/** Port 0 parses, and binds whatever free port the system picks: the other servers cannot know it. */
function zeroPorts(spec: ServerSpec | undefined): { span: Span; message: string }[] {
  const found: { span: Span; message: string }[] = [];
  for (const address of spec?.addresses ?? []) {
    if (address.quorumPort === 0 && address.quorumPortSpan) found.push({ span: address.quorumPortSpan, message: zeroPortMessage('quorum port', 2888) });
    if (address.electionPort === 0 && address.electionPortSpan) found.push({ span: address.electionPortSpan, message: zeroPortMessage('election port', 3888) });
  }
  return found;
}

function zeroPortMessage(label: string, example: number): string {
  return `The ${label} is 0: ZooKeeper then listens on a random free port, which the other servers cannot know, so they never reach this one there. Use a fixed port, e.g. ${example}.`;
}
