import * as fs from 'node:fs';
import * as path from 'node:path';

/** The bundled example workspace (the seed's three hosts), read from the source tree. */
export const SEED_FOLDER = path.resolve(__dirname, '..', '..', 'examples', 'seed-3-hosts');

/** The seed's files by relative path, for tests that lay them out in a temporary workspace. */
export function seedFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const node of ['node1', 'node2', 'node3']) {
    for (const name of ['zoo.cfg', 'myid', 'docker-compose.yml']) {
      files[`${node}/${name}`] = fs.readFileSync(path.join(SEED_FOLDER, node, name), 'utf8');
    }
  }
  return files;
}
