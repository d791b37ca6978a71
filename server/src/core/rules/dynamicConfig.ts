import { dynamicConfigPath, effectiveValue } from '../config';
import { classifyPath } from '../files';
import { isDynamicMemberKey } from '../keys';
import { atLeast } from '../version';
import type { FileRule, Report } from './rule';

export const dynamicConfig: FileRule = {
  id: 'dynamic-config',
  scope: 'file',
  defaultSeverity: 'error',
  docs: {
    summary: 'Dynamic configuration misuse: a key other than server/group/weight in a zoo.cfg.dynamic file, a version inside it, server lines in a static file that also names a dynamicConfigFile, or a dynamicConfigFile that does not exist.',
    why: "ZooKeeper 3.5+ refuses all of them: 'Unrecognised parameter: <key>' and 'dynamic file shouldn't have version inside' in the dynamic file, 'parameter: server.N must be in a separate dynamic config file' in the static one, and 'Error processing <file>' when the named file is missing. A missing file is reported only when its path lies in the workspace and is named like a dynamic file (zoo.cfg.dynamic*): a container path outside the workspace, or a file of another name, cannot be checked from here.",
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
      const written = effectiveValue(file, 'dynamicConfigFile');
      const path = dynamicConfigPath(file);
      const entry = file.properties.effective.get('dynamicConfigFile');
      // The workspace only holds files it can classify, so only a dynamic file's name proves absence.
      if (entry && path && context.isInWorkspace(path) && classifyPath(path) === 'dynamic' && !context.file(path)) {
        reports.push({ path: file.path, range: entry.valueRange, message: `dynamicConfigFile names ${written}, which does not exist: ZooKeeper refuses to start ('Error processing ${written}'). Create it with the server.N lines, or fix the path.` });
      }
      for (const entry of file.properties.effective.values()) {
        const key = entry.key.trim();
        if (isDynamicMemberKey(key)) reports.push({ path: file.path, range: entry.keyRange, message: `This file names a dynamicConfigFile, so '${key}' must live there: ZooKeeper refuses to start ('parameter: ${key} must be in a separate dynamic config file').` });
      }
    }
    return reports;
  },
};
