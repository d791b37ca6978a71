import type { FileRule, Report } from './rule';

export const myidInvalid: FileRule = {
  id: 'myid-invalid',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'A myid file ZooKeeper cannot read (not a number, blanks, a byte order mark, empty, -1), or an id outside the documented 1-255.',
    why: "ZooKeeper reads the first line of dataDir/myid untrimmed with Long.parseLong: '1 ' or a BOM stops it with 'serverid ... is not a number', -1 reads as 'myid file is missing'. Ids are documented as 1-255 because the id fills the top byte of every session id: 256 collides with 0, 257 with 1.",
    reference: '§2.5, §7.2, §3.4 X14',
  },
  check(file) {
    if (file.kind !== 'myid') return [];
    const { myid } = file;
    const reports: Report[] = myid.problems.map((problem) => ({ path: file.path, range: problem.range, message: problem.message }));
    if (myid.id === undefined) return reports;
    const at = { path: file.path, range: myid.firstLineRange, severity: 'warning' as const };
    if (myid.id === 0) reports.push({ ...at, message: 'myid 0 works, but ZooKeeper documents ids from 1 to 255; some tools treat 0 as unset. Prefer 1-255.' });
    else if (myid.id < 0) reports.push({ ...at, message: `myid ${myid.id} is negative; ZooKeeper documents ids from 1 to 255. Use a positive id.` });
    else if (myid.id > 255) reports.push({ ...at, message: `myid ${myid.id} is above 255: ZooKeeper puts the id in the top byte of session ids, so it wraps (${myid.id} collides with ${myid.id % 256}). Use 1-255.` });
    return reports;
  },
};
