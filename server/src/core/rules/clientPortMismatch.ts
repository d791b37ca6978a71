import { parseJavaInt } from '../java';
import { isWildcard } from '../ensembles';
import { ownMember } from '../hosts';
import { atLeast } from '../version';
import type { EnsembleRule, Report } from './rule';

export const clientPortMismatch: EnsembleRule = {
  id: 'client-port-mismatch',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: "clientPort (or clientPortAddress) disagrees with the ';[host:]port' part of the node's own server line.",
    why: "ZooKeeper 3.5+ refuses to start: 'client address for this server (id = N) in static config file is ... different from client address found in dynamic file'. A wildcard address with the same port is accepted.",
    reference: '§2.5, §3.4 X18',
  },
  check(ensemble) {
    const reports: Report[] = [];
    for (const node of ensemble.nodes) {
      const config = node.config;
      const own = ownMember(node);
      const spec = own?.spec;
      if (!config || !own || !spec || spec.clientPort === undefined || !atLeast(node.version, '3.5')) continue;
      const portEntry = config.properties.effective.get('clientPort');
      if (!portEntry) continue;
      const staticPort = parseJavaInt(portEntry.value.trim());
      const addressEntry = config.properties.effective.get('clientPortAddress');
      const staticHost = addressEntry?.value.trim();
      const hostDiffers = staticHost !== undefined && !isWildcard(staticHost) && staticHost !== (spec.clientHost ?? '0.0.0.0');
      if (staticPort === spec.clientPort && !hostDiffers) continue;
      reports.push({
        path: config.path,
        range: portEntry.valueRange,
        message: `clientPort is ${portEntry.value.trim()}${staticHost ? ` on ${staticHost}` : ''}, but this node's server.${own.id} line says ';${spec.clientHostSpan ? spec.clientHost + ':' : ''}${spec.clientPort}'. ZooKeeper 3.5+ refuses to start ('client address for this server (id = ${own.id}) in static config file is ... different from client address found in dynamic file'). Keep one of them.`,
        related: [{ ...own.at, message: `server.${own.id}` }],
      });
    }
    return reports;
  },
};
