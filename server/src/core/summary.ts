import type { Ensemble } from './ensembles';
import { nodeAddress } from './hosts';
import { faultTolerance, participants } from './quorum';

/**
 * The ensembles as plain data: what the CLI prints with --format json and what the language server sends to
 * the sidebar. Paths stay absolute here; each host makes them relative as its users expect.
 */
export interface NodeSummary {
  /** Stable identity: the zoo.cfg path or the compose path and service. */
  readonly key: string;
  readonly id: number | null;
  readonly label: string;
  readonly host: string | null;
  readonly clientPort: number | null;
  readonly quorumPort: number | null;
  readonly electionPort: number | null;
  readonly role: 'participant' | 'observer' | null;
  readonly version: string;
  readonly files: readonly string[];
}

export interface EnsembleSummary {
  readonly key: string;
  readonly name: string;
  readonly participants: number;
  readonly faultTolerance: number;
  readonly nodes: readonly NodeSummary[];
}

export function summarizeEnsembles(ensembles: readonly Ensemble[], formatVersion: (v: Ensemble['nodes'][number]['version']) => string): EnsembleSummary[] {
  return ensembles.map((ensemble) => {
    const listSizes = ensemble.nodes.map((node) => participants(node.members ?? []));
    const voters = Math.max(ensemble.nodes.length, ...listSizes);
    return {
      key: ensemble.key,
      name: ensemble.name,
      participants: voters,
      faultTolerance: faultTolerance(voters),
      nodes: ensemble.nodes.map((node) => {
        const address = nodeAddress(node, ensemble);
        return {
          key: node.key,
          id: node.myid?.value ?? null,
          label: node.label,
          host: address.host ?? null,
          clientPort: address.clientPort ?? null,
          quorumPort: address.quorumPort ?? null,
          electionPort: address.electionPort ?? null,
          role: address.role ?? null,
          version: formatVersion(node.version),
          files: node.files,
        };
      }),
    };
  });
}
