import { effectiveValue } from '../config';
import { isDynamicMemberKey } from '../keys';
import { atLeast } from '../version';
import type { FileRule, Report } from './rule';

export const dynamicConfig: FileRule = {
  id: 'dynamic-config',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'Dynamic configuration misuse: a key other than server/group/weight in a zoo.cfg.dynamic file, a version inside it, or server lines in a static file that also names a dynamicConfigFile.',
    why: "ZooKeeper 3.5+ refuses both: 'Unrecognised parameter: <key>' and 'dynamic file shouldn't have version inside' in the dynamic file, and 'parameter: server.N must be in a separate dynamic config file' in the static one.",
    reference: '§2.6, §3.4 X12',
  },
  check(file, context) {
    const reports: Report[] = [];
    if (file.kind === 'dynamic') {
      for (const entry of file.properties.entries) {
        const key = entry.key.trim();
        if (key === 'version') reports.push({ path: file.path, range: entry.keyRange, message: "A dynamic config file must not contain 'version': ZooKeeper takes it from the file name ('dynamic file shouldn't have version inside')." });
        else if (!isDynamicMemberKey(key)) reports.push({ path: file.path, range: entry.keyRange, message: `Only server.N, group.N and weight.N belong in a dynamic config file: ZooKeeper refuses '${key}' ('Unrecognised parameter: ${key}'). Move it to zoo.cfg.` });
      }
    } else if (file.kind === 'zoocfg' && effectiveValue(file, 'dynamicConfigFile') && atLeast(context.versionOf(file.path), '3.5')) {
      for (const entry of file.properties.effective.values()) {
        const key = entry.key.trim();
        if (isDynamicMemberKey(key)) reports.push({ path: file.path, range: entry.keyRange, message: `This file names a dynamicConfigFile, so '${key}' must live there: ZooKeeper refuses to start ('parameter: ${key} must be in a separate dynamic config file').` });
      }
    }
    return reports;
  },
};
