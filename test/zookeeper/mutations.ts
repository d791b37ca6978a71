/**
 * Cases derived from the clean reference config (three servers, node 1) by one edit of one line,
 * so that every line meets every edit. Whether ZooKeeper refuses the result is the oracle's call;
 * what is declared here is whether the result is still correct.
 */
import type { DifferentialCase } from './corpus';

/** Port blocks of mutation cases start here, above those of the hand-written cases. */
const FIRST_PORT_BLOCK = 40000;
const PORT_BLOCK_SIZE = 30;

type ReferenceKey = 'tickTime' | 'initLimit' | 'syncLimit' | 'dataDir' | 'clientPort' | 'server.1' | 'server.2' | 'server.3';

function referenceConfig(block: number): [ReferenceKey, string][] {
  const server = (id: number): [ReferenceKey, string] => [
    `server.${id}` as ReferenceKey,
    `127.0.0.1:${block + 10 + id}:${block + 20 + id}`,
  ];
  return [
    ['tickTime', '2000'],
    ['initLimit', '10'],
    ['syncLimit', '5'],
    ['dataDir', '${DATA_DIR}'],
    ['clientPort', String(block + 1)],
    server(1),
    server(2),
    server(3),
  ];
}

/** findings-here: wrong, and when ZooKeeper refuses it, its message points at the edited line. */
type Outcome = 'clean' | 'findings' | 'findings-here';

interface Sweep {
  readonly name: string;
  readonly note: string;
  /** The lines that replace `key=value`. */
  readonly edit: (key: ReferenceKey, value: string) => string[];
  /** Keys the edit applies to, and what it does to each. */
  readonly outcomes: Partial<Record<ReferenceKey, Outcome>>;
}

const SERVERS_HERE = { 'server.1': 'findings-here', 'server.2': 'findings-here', 'server.3': 'findings-here' } as const;

const SWEEPS: readonly Sweep[] = [
  {
    name: 'deleted',
    note: 'Line removed. tickTime has a default; the rest are required or leave a 2-server or id-less ensemble.',
    edit: () => [],
    outcomes: {
      tickTime: 'clean', initLimit: 'findings', syncLimit: 'findings', dataDir: 'findings', clientPort: 'findings',
      'server.1': 'findings', 'server.2': 'findings', 'server.3': 'findings',
    },
  },
  {
    name: 'trailing-blanks',
    note: 'Two blanks after the value: trimmed for plain keys, not for server values.',
    edit: (key, value) => [`${key}=${value}  `],
    outcomes: { tickTime: 'clean', initLimit: 'clean', syncLimit: 'clean', dataDir: 'clean', clientPort: 'clean', ...SERVERS_HERE },
  },
  {
    name: 'inline-comment',
    note: 'zoo.cfg has no inline comments: the comment becomes part of the value.',
    edit: (key, value) => [`${key}=${value} # note`],
    outcomes: {
      tickTime: 'findings-here', initLimit: 'findings-here', syncLimit: 'findings-here', dataDir: 'findings',
      clientPort: 'findings-here', ...SERVERS_HERE,
    },
  },
  {
    name: 'lower-case-key',
    note: 'Keys are case-sensitive: the lower-case key is unknown and the real one is unset.',
    edit: (key, value) => [`${key.toLowerCase()}=${value}`],
    outcomes: { tickTime: 'findings', initLimit: 'findings', syncLimit: 'findings', dataDir: 'findings', clientPort: 'findings' },
  },
  {
    name: 'colon-separator',
    note: "':' separates key and value like '='.",
    edit: (key, value) => [`${key}:${value}`],
    outcomes: {
      tickTime: 'clean', initLimit: 'clean', syncLimit: 'clean', dataDir: 'clean', clientPort: 'clean',
      'server.1': 'clean', 'server.2': 'clean', 'server.3': 'clean',
    },
  },
  {
    name: 'repeated',
    note: 'The same line twice: harmless today, a trap at the next edit (the last one wins silently).',
    edit: (key, value) => [`${key}=${value}`, `${key}=${value}`],
    outcomes: {
      tickTime: 'findings', initLimit: 'findings', syncLimit: 'findings', dataDir: 'findings', clientPort: 'findings',
      'server.1': 'findings', 'server.2': 'findings', 'server.3': 'findings',
    },
  },
  {
    name: 'empty-value',
    note: 'Key with an empty value.',
    edit: (key) => [`${key}=`],
    outcomes: {
      tickTime: 'findings-here', initLimit: 'findings-here', syncLimit: 'findings-here', dataDir: 'findings',
      clientPort: 'findings-here', ...SERVERS_HERE,
    },
  },
  {
    name: 'not-a-number',
    note: 'A word where numbers belong.',
    edit: (key) => [`${key}=x`],
    outcomes: {
      tickTime: 'findings-here', initLimit: 'findings-here', syncLimit: 'findings-here', clientPort: 'findings-here',
      ...SERVERS_HERE,
    },
  },
];

export function mutationCases(): DifferentialCase[] {
  const cases: DifferentialCase[] = [];
  for (const sweep of SWEEPS) {
    for (const [key, outcome] of Object.entries(sweep.outcomes) as [ReferenceKey, Outcome][]) {
      const block = FIRST_PORT_BLOCK + PORT_BLOCK_SIZE * cases.length;
      const reference = referenceConfig(block);
      const editedIndex = reference.findIndex(([k]) => k === key);
      const lines = reference.flatMap(([k, v], index) => (index === editedIndex ? sweep.edit(k, v) : [`${k}=${v}`]));
      cases.push({
        name: `mutation-${sweep.name}-${key.toLowerCase()}`,
        zooCfg: lines.map((line) => `${line}\n`).join(''),
        myid: '1\n',
        expect: outcome === 'clean' ? 'clean' : 'findings',
        ...(outcome === 'findings-here' ? { zkLine: editedIndex + 1 } : {}),
        note: sweep.note,
      });
    }
  }
  return cases;
}
