/**
 * dataDir/myid as QuorumPeerConfig reads it (rule book §2.5, §7.2): only the first line, as BufferedReader.readLine
 * returns it (ending at \n, \r\n or \r), parsed untrimmed with Long.parseLong.
 */
import { javaTrimBounds, parseJavaLong } from './java';
import { range, Range } from './text';

export type MyidProblemKind = 'empty' | 'not-a-number' | 'whitespace' | 'bom' | 'minus-one' | 'too-large-for-long';

export interface MyidProblem {
  readonly kind: MyidProblemKind;
  readonly message: string;
  readonly zkMessage: string;
  readonly range: Range;
}

export interface MyidFile {
  /** The id ZooKeeper would use; undefined when it refuses the file. */
  readonly id?: number;
  readonly firstLine: string;
  readonly firstLineRange: Range;
  /** Lines as BufferedReader counts them; ZooKeeper ignores all but the first. */
  readonly lineCount: number;
  /** Fatal problems only: each one stops ZooKeeper. */
  readonly problems: readonly MyidProblem[];
}

/** QuorumPeer's "no id" value: a myid of -1 reads as no myid at all. */
const UNSET_ID = -1;
const BYTE_ORDER_MARK = '\uFEFF';

export function readMyid(text: string): MyidFile {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? '';
  const file = { firstLine, firstLineRange: firstLineRange(0, firstLine.length), lineCount: countLines(text) };
  const id = parseJavaLong(firstLine);
  if (id === UNSET_ID) {
    const message = `myid -1 is ZooKeeper's value for "no id", so it stops with 'myid file is missing'. Write this server's id (the N of its server.N line).`;
    return { ...file, problems: [{ kind: 'minus-one', message, zkMessage: 'myid file is missing', range: file.firstLineRange }] };
  }
  if (id !== undefined) return { ...file, id, problems: [] };
  return { ...file, problems: unreadableIdProblems(text, firstLine) };
}

/** Why Long.parseLong refused the first line, narrowed to the offending characters where there are some. */
function unreadableIdProblems(text: string, firstLine: string): MyidProblem[] {
  // readLine returns null for an empty file, and ZooKeeper prints it.
  const zkMessage = `serverid ${text === '' ? 'null' : firstLine} is not a number`;
  const bomLength = firstLine.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  const trimmed = javaTrimBounds(firstLine.slice(bomLength));
  const start = bomLength + trimmed.start;
  const end = bomLength + trimmed.end;
  const core = firstLine.slice(start, end);
  if (core === '') {
    const message = "myid has no id on its first line. Write this server's id there (the N of its server.N line), e.g. '1'.";
    return [{ kind: 'empty', message, zkMessage, range: firstLineRange(0, firstLine.length) }];
  }
  if (parseJavaLong(core) !== undefined) {
    const problems: MyidProblem[] = [];
    if (bomLength > 0) {
      const message = `myid starts with a byte order mark (BOM), which ZooKeeper reads as part of the number. Save the file without BOM, containing just '${core}'.`;
      problems.push({ kind: 'bom', message, zkMessage, range: firstLineRange(0, bomLength) });
    }
    const found = firstLine.slice(bomLength);
    const message = `myid must be just the server id on the first line, without spaces: found '${found}'. Write '${core}'.`;
    if (start > bomLength) problems.push({ kind: 'whitespace', message, zkMessage, range: firstLineRange(bomLength, start) });
    if (end < firstLine.length) problems.push({ kind: 'whitespace', message, zkMessage, range: firstLineRange(end, firstLine.length) });
    return problems;
  }
  if (/^[+-]?\p{Nd}+$/u.test(core)) {
    const message = `myid ${core} is too large: ZooKeeper reads it as a Java long (at most 9223372036854775807). Use this server's id from its server.N line, 1 to 255.`;
    return [{ kind: 'too-large-for-long', message, zkMessage, range: firstLineRange(0, firstLine.length) }];
  }
  const message = `myid must be the server id, a whole number (the N of this server's server.N line), alone on the first line: found '${firstLine}'.`;
  return [{ kind: 'not-a-number', message, zkMessage, range: firstLineRange(0, firstLine.length) }];
}

function firstLineRange(startCharacter: number, endCharacter: number): Range {
  return range(0, startCharacter, 0, endCharacter);
}

/** readLine calls that return a line: a final terminator does not start another one. */
function countLines(text: string): number {
  if (text === '') return 0;
  const terminators = text.match(/\r\n|\r|\n/g)?.length ?? 0;
  return /[\r\n]$/.test(text) ? terminators : terminators + 1;
}
