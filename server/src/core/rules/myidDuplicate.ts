import type { ZkNode } from '../nodes';
import { planNodeIds } from '../consistent';
import { replace } from '../edits';
import type { EnsembleRule, Report } from './rule';

export const myidDuplicate: EnsembleRule = {
  id: 'myid-duplicate',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: 'Two nodes of one ensemble have the same id, or share one data volume (and so one myid file).',
    why: 'The id is how nodes recognise each other in leader election and in session ids. Two nodes with the same id fight over one identity: elections fail or flap, and ZooKeeper does not check it. Positional ids (bitnami, confluent) count too.',
    reference: '§3.4 X4',
  },
  check(ensemble) {
    const reports: Report[] = [];
    const byId = new Map<number, ZkNode[]>();
    for (const node of ensemble.nodes) {
      const id = node.myid?.value;
      if (id === undefined) continue;
      const nodes = byId.get(id);
      if (nodes) nodes.push(node);
      else byId.set(id, [node]);
    }
    // Planned only once a fix needs it.
    let planned: ReadonlyMap<ZkNode, number | undefined> | undefined;
    for (const [id, nodes] of byId) {
      if (nodes.length < 2) continue;
      planned ??= planNodeIds(ensemble);
      for (const node of nodes) {
        const others = nodes.filter((n) => n !== node);
        const newId = planned.get(node);
        // An image's default id is written nowhere: replacing "its" range would rename the service.
        const fixes = newId !== undefined && newId !== id && !node.myid!.isDefault ? [{ title: `Change this node's id to ${newId}`, isPreferred: true, changes: [replace(node.myid!.at.path, node.myid!.at.range, String(newId))] }] : [];
        reports.push({
          fixes,
          path: node.myid!.at.path,
          range: node.myid!.at.range,
          message: `Id ${id} is also the id of ${others.map((n) => n.label).join(', ')}. Every node of an ensemble needs its own id.`,
          related: others.map((n) => ({ path: n.myid!.at.path, range: n.myid!.at.range, message: `id of ${n.label}` })),
        });
      }
    }
    const byVolume = new Map<string, ZkNode[]>();
    for (const node of ensemble.nodes) {
      const volume = node.container?.dataVolume;
      if (!volume) continue;
      const nodes = byVolume.get(volume.source);
      if (nodes) nodes.push(node);
      else byVolume.set(volume.source, [node]);
    }
    for (const nodes of byVolume.values()) {
      if (nodes.length < 2) continue;
      for (const node of nodes) {
        const volume = node.container!.dataVolume!;
        const others = nodes.filter((n) => n !== node);
        reports.push({
          path: volume.at.path,
          range: volume.at.range,
          message: `The data directory '${volume.written}' is also mounted by ${others.map((n) => n.label).join(', ')}: the nodes share one myid and one transaction log. Give each node its own volume.`,
          related: others.map((n) => ({ path: n.container!.dataVolume!.at.path, range: n.container!.dataVolume!.at.range, message: `data volume of ${n.label}` })),
        });
      }
    }
    return reports;
  },
};
