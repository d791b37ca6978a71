import { EnsemblePlan, planEnsemble } from '../consistent';
import type { ZkNode } from '../nodes';
import { basename, dirname, join, relativePath } from '../paths';
import { participants } from '../quorum';
import type { EnsembleRule, Report } from './rule';

export const myidMissing: EnsembleRule = {
  id: 'myid-missing',
  scope: 'ensemble',
  defaultSeverity: 'error',
  docs: {
    summary: 'A node of an ensemble has no myid where the workspace says it should be.',
    why: "Every node of an ensemble reads its id from dataDir/myid; without it ZooKeeper refuses to start ('myid file is missing'). Expected when dataDir lies in the workspace, when a compose file mounts a myid that is not there, or when the sibling nodes keep theirs beside zoo.cfg.",
    reference: '§2.5, §3.4 X3',
  },
  check(ensemble, context) {
    const reports: Report[] = [];
    // The plan reads every file of the ensemble: computed (and recorded as a dependency) only once a fix needs it.
    let ids: EnsemblePlan['ids'] | undefined;
    const create = (node: ZkNode, path: string) => {
      ids ??= planEnsemble(ensemble, context).ids;
      const id = ids.get(node);
      return id === undefined ? [] : [{ title: `Create ${basename(dirname(path))}/myid with id ${id}`, isPreferred: true, changes: [{ kind: 'create' as const, path, text: `${id}\n` }] }];
    };
    const siblingsKeepMyidBesideConfig = ensemble.nodes.some((node) => node.config && node.myid?.source === 'file');
    for (const node of ensemble.nodes) {
      if (node.myid || participants(node.members ?? []) < 2) continue;
      if (node.myidExpected) {
        reports.push({
          path: node.myidExpected.at.path,
          range: node.myidExpected.at.range,
          message: `No myid file at ${relativePath(dirname(node.myidExpected.at.path), node.myidExpected.path)} (${node.myidExpected.reason}). ZooKeeper refuses to start an ensemble node without one ('myid file is missing'). Create it with this node's id.`,
          fixes: create(node, node.myidExpected.path),
        });
      } else if (node.config && siblingsKeepMyidBesideConfig) {
        const at = node.membersAt ?? { path: node.config.path, range: node.config.properties.lines.rangeOf(0, 0) };
        reports.push({
          path: at.path,
          range: at.range,
          message: `This node has no myid file, while the other nodes of its ensemble keep theirs beside zoo.cfg. ZooKeeper refuses to start without one ('myid file is missing'). Create ${node.label}/myid with this node's id.`,
          fixes: create(node, join(dirname(node.config.path), 'myid')),
        });
      }
    }
    return reports;
  },
};
