import type { FileModel } from './files';
import type { NodeContext, ZkNode } from './nodes';

/** Nodes described by docker-compose services (filled in with the compose reader). */
export function composeNodes(_files: readonly FileModel[], _context: NodeContext): ZkNode[] {
  return [];
}
