import { lookupKey, isDynamicMemberKey, suggestKey } from '../keys';
import { replace } from '../edits';
import { formatVersion } from '../version';
import type { FileRule, Report } from './rule';

export const unknownKey: FileRule = {
  id: 'unknown-key',
  scope: 'file',
  defaultSeverity: 'warning',
  docs: {
    summary: 'A key ZooKeeper does not read: a typo, wrong case, a documented name that is a no-op, or a key of another version.',
    why:
      'ZooKeeper never rejects an unknown key: it turns it into the system property "zookeeper.<key>" and carries on, so a typo such as tickTim=2000 silently leaves tickTime at its default of 3000. Keys are case-sensitive. Some documented names (connectionMaxTokens, jute.maxbuffer) have no effect in zoo.cfg at all.',
    reference: '§0.3, §1.2',
  },
  check(file, context) {
    if (file.kind !== 'zoocfg') return [];
    const version = context.versionOf(file.path);
    const reports: Report[] = [];
    for (const entry of file.properties.entries) {
      const key = entry.key.trim();
      // A byte order mark glued to the first key is file-format's finding.
      if (key === '' || key.startsWith('\uFEFF') || isDynamicMemberKey(key)) continue;
      const found = lookupKey(key, version);
      if (found.kind === 'known') continue;
      const at = { path: file.path, range: entry.keyRange };
      const renameTo = (name: string) => [{ title: `Change to '${name}'`, isPreferred: true, changes: [replace(file.path, entry.keyRange, name)] }];
      switch (found.kind) {
        case 'not-in-version': {
          const { since, until } = found.info;
          const when = until ? `only up to ${until}` : `only since ${since}`;
          reports.push({ ...at, message: `ZooKeeper ${formatVersion(version)} does not read '${key}' (it exists ${when}): the line is silently ignored.` });
          break;
        }
        case 'ineffective': {
          const { reason, replacement } = found.ineffective;
          reports.push({ ...at, message: `'${key}' has no effect in zoo.cfg: ${reason}${replacement ? ` Write '${replacement}' instead.` : ''}`, fixes: replacement ? renameTo(replacement) : [] });
          break;
        }
        case 'prefixed':
          reports.push({
            ...at,
            message: `ZooKeeper adds the 'zookeeper.' prefix itself, so '${key}' becomes the property 'zookeeper.${key}' and is ignored. Write '${found.withoutPrefix}'.`,
            fixes: renameTo(found.withoutPrefix),
          });
          break;
        case 'unknown': {
          const suggestion = suggestKey(key, version);
          reports.push({
            ...at,
            message: suggestion
              ? `Unknown key '${key}': ZooKeeper silently ignores it. Did you mean '${suggestion}'?`
              : `Unknown key '${key}': ZooKeeper silently ignores it.`,
            fixes: suggestion ? renameTo(suggestion) : [],
          });
          break;
        }
      }
    }
    return reports;
  },
};
