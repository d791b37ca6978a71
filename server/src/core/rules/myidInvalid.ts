import { effectiveValue } from '../config';
import { planEnsemble } from '../consistent';
import { replace } from '../edits';
import type { MyidModel } from '../files';
import { range } from '../text';
import { atLeast } from '../version';
import type { FileRule, Report, RuleContext } from './rule';

/** EphemeralType.validateServerId: with extended types the id shares its byte with the type marker (rule book §2.5). */
const MAX_EXTENDED_SERVER_ID = 254;
/** An id as people and scripts write it: ASCII digits, no sign or leading zeros. */
const PLAIN_ID = /^(0|-?[1-9][0-9]*)$/;

export const myidInvalid: FileRule = {
  id: 'myid-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: "A myid file ZooKeeper cannot read (not a number, blanks, a byte order mark, empty, -1), an id above 254 with extendedTypesEnabled=true, or (warnings) an id outside the documented 1-255, an id written other than plainly ('+1', '01'), or more lines than the id.",
    why: "ZooKeeper reads the first line of dataDir/myid untrimmed with Long.parseLong: '1 ' or a BOM stops it with 'serverid ... is not a number', -1 reads as 'myid file is missing'. Ids are documented as 1-255 because the id fills the top byte of every session id: 256 collides with 0, 257 with 1; with extendedTypesEnabled=true the server stops at start with 'extendedTypesEnabled is true but Server ID is too large. Cannot be larger than 254'. Long.parseLong also takes '+1' and '01', and the lines after the first are ignored, but scripts, images and people reading the file do not see the same id.",
    reference: '§2.5, §7.2, §3.4 X14',
  },
  check(file, context) {
    if (file.kind !== 'myid') return [];
    const { myid } = file;
    const implied = myid.id === undefined ? impliedId(file, context) : undefined;
    const fixes = implied === undefined ? [] : [{ title: `Change to '${implied}' (the id this node's server line implies)`, isPreferred: true, changes: [replace(file.path, myid.firstLineRange, String(implied))] }];
    const reports: Report[] = myid.problems.map((problem) => ({ path: file.path, range: problem.range, message: problem.message, fixes }));
    if (myid.id === undefined) return reports;
    const at = { path: file.path, range: myid.firstLineRange, severity: 'warning' as const };
    const extendedLimit = extendedTypesLimit(file, context);
    if (extendedLimit && myid.id > MAX_EXTENDED_SERVER_ID) {
      reports.push({
        path: file.path,
        range: myid.firstLineRange,
        message: `myid ${myid.id} is above ${MAX_EXTENDED_SERVER_ID}, and this node's zoo.cfg sets extendedTypesEnabled=true: ZooKeeper stops at start ('extendedTypesEnabled is true but Server ID is too large. Cannot be larger than ${MAX_EXTENDED_SERVER_ID}'). Use an id from 1 to ${MAX_EXTENDED_SERVER_ID} (here and in server.N), or turn extended types off.`,
        related: [{ ...extendedLimit, message: 'extendedTypesEnabled=true' }],
      });
    } else if (myid.id === 0) reports.push({ ...at, message: 'myid 0 works, but ZooKeeper documents ids from 1 to 255; some tools treat 0 as unset. Prefer 1-255.' });
    else if (myid.id < 0) reports.push({ ...at, message: `myid ${myid.id} is negative; ZooKeeper documents ids from 1 to 255. Use a positive id.` });
    else if (myid.id > 255) reports.push({ ...at, message: `myid ${myid.id} is above 255: ZooKeeper puts the id in the top byte of session ids, so it wraps (${myid.id} collides with ${myid.id % 256}). Use 1-255.` });
    if (!PLAIN_ID.test(myid.firstLine)) {
      const plain = String(myid.id);
      reports.push({
        ...at,
        message: `ZooKeeper reads myid '${myid.firstLine}' as ${plain}, but scripts, images and people comparing the text do not. Write '${plain}'.`,
        fixes: [{ title: `Change to '${plain}'`, isPreferred: true, changes: [replace(file.path, myid.firstLineRange, plain)] }],
      });
    }
    reports.push(...extraLines(file));
    return reports;
  },
};

/** The id the node should have, as make-consistent infers it (its own 0.0.0.0 line, its folder name, the only free id). */
function impliedId(file: MyidModel, context: RuleContext): number | undefined {
  const node = context.nodeOf(file.path);
  const ensemble = context.ensembleOf(file.path);
  return node && ensemble ? planEnsemble(ensemble, context).ids.get(node) : undefined;
}

/** Where this node's zoo.cfg turns extended types on (3.5.4+), if it does. */
function extendedTypesLimit(file: MyidModel, context: RuleContext): { path: string; range: Report['range'] } | undefined {
  const node = context.nodeOf(file.path);
  const config = node?.config;
  // A standalone server never reads myid.
  if (!node || !config || (node.members?.length ?? 0) < 2 || !atLeast(node.version, '3.5.4')) return undefined;
  const entry = config.properties.effective.get('extendedTypesEnabled');
  // Boolean.getBoolean: "true" in any case.
  if (!entry || effectiveValue(config, 'extendedTypesEnabled')?.toLowerCase() !== 'true') return undefined;
  return { path: config.path, range: entry.range };
}

/** BufferedReader.readLine is called once: anything on later lines is ignored (blank lines are harmless). */
function extraLines(file: MyidModel): Report[] {
  const lines = file.text.split(/\r\n|\r|\n/);
  let last = lines.length - 1;
  while (last > 0 && lines[last].trim() === '') last--;
  if (last < 1) return [];
  return [{
    path: file.path,
    range: range(1, 0, last, lines[last].length),
    severity: 'warning',
    message: `myid has more than one line: ZooKeeper reads only the first ('${file.myid.firstLine}') and ignores the rest. Keep just the id on a single line.`,
  }];
}
