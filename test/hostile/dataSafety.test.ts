/**
 * Data safety: every edit (`zk-ensemble fix`, and the LSP quick fixes' WorkspaceEdits) changes the mismatched value
 * and not one byte more: CRLF (and CR) stay, a byte order mark stays, the trailing newline or its absence stays,
 * comments, key order, odd spacing, continuation lines and unrelated keys stay; in compose files YAML comments and
 * each value's quoting style too. A file whose bytes are not valid UTF-8 is not rewritten at all.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { type CodeAction, type Diagnostic, FileChangeType } from 'vscode-languageserver/node';
import { run, tempWorkspace } from '../cli/run';
import { type ServerUnderTest, withServer } from '../lsp/harness';

const RIGHT = '10.0.0.3:2888:3888';
const WRONG = '10.0.0.3:2889:3889';

interface Framing {
  readonly name: string;
  readonly eol: string;
  readonly bom: boolean;
  readonly trailing: boolean;
}

const FRAMINGS: readonly Framing[] = [
  { name: 'CRLF, a BOM, no final newline', eol: '\r\n', bom: true, trailing: false },
  { name: 'LF, no BOM, a final newline', eol: '\n', bom: false, trailing: true },
  { name: 'CR only, a BOM, a final newline', eol: '\r', bom: true, trailing: true },
  { name: 'CRLF, no BOM, a final newline', eol: '\r\n', bom: false, trailing: true },
];

/** A zoo.cfg with comments, odd spacing, a continuation line and keys in no particular order. */
function zooCfg(node: number, server3: string, framing: Framing, comment = 'managed by hand'): string {
  const lines = [
    `# ZooKeeper node ${node}, ${comment}`,
    'tickTime=2000',
    '! the members, in order',
    'server.1=10.0.0.1:2888:3888',
    'server.2 = 10.0.0.2:2888:3888',
    `server.3=${server3}`,
    '',
    '\tdataDir=/var/lib/zookeeper',
    'autopurge.snapRetainCount=3',
    'initLimit:10',
    'maxClientCnxns=6\\',
    '   0',
    'syncLimit 5',
    'clientPort=2181   ',
    '# end',
  ];
  return (framing.bom ? '\uFEFF' : '') + lines.join(framing.eol) + (framing.trailing ? framing.eol : '');
}

function zooCfgWorkspace(framing: Framing, node3Comment?: string): Record<string, string> {
  return {
    'node1/zoo.cfg': zooCfg(1, RIGHT, framing),
    'node1/myid': '1\n',
    'node2/zoo.cfg': zooCfg(2, RIGHT, framing),
    'node2/myid': '2\n',
    'node3/zoo.cfg': zooCfg(3, WRONG, framing, node3Comment),
    'node3/myid': '3',
  };
}

type Quoting = 'double' | 'single-list' | 'plain' | 'block';

/**
 * Three official-image services writing ZOO_SERVERS in three styles (zoo3 plain, or as a folded block scalar);
 * `odd` is the one whose server.3 differs, or 'none'.
 */
function compose(odd: Quoting | 'none', framing: Framing, block = odd === 'block'): string {
  const servers = (third: string) => `server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181 server.3=${third};2181`;
  const value = (style: Quoting) => servers(style === odd ? 'zoo3:2889:3889' : 'zoo3:2888:3888');
  const lines = [
    '# three nodes on one Docker host',
    'services:',
    '  zoo1:',
    '    image: zookeeper:3.8   # pinned',
    '    hostname: zoo1',
    '    ports:',
    '      - "2181:2181"',
    '    environment:',
    '      ZOO_MY_ID: 1',
    `      ZOO_SERVERS: "${value('double')}" # quoted`,
    '  zoo2:',
    "    image: 'zookeeper:3.8'",
    '    hostname: zoo2',
    '    ports: ["2182:2181"]',
    '    environment:',
    '      - ZOO_MY_ID=2',
    `      - 'ZOO_SERVERS=${value('single-list')}'`,
    '  zoo3:',
    '    image: zookeeper:3.8',
    '    hostname: zoo3',
    '    ports:',
    '      - 2183:2181',
    '    environment:',
    '      ZOO_MY_ID: 3',
    '      # the plain one',
    ...(block ? ['      ZOO_SERVERS: >-', `        ${value('block')}`] : [`      ZOO_SERVERS: ${value('plain')}`]),
  ];
  return (framing.bom ? '\uFEFF' : '') + lines.join(framing.eol) + (framing.trailing ? framing.eol : '');
}

/** Three official-image services without ZOO_MY_ID: each runs with the image's default id 1. */
const DEFAULT_IDS = ['services:', ...[1, 2, 3].flatMap((i) => [`  zoo${i}:`, '    image: zookeeper:3.8', '    environment:', '      ZOO_SERVERS: server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181 server.3=zoo3:2888:3888;2181'])].join('\n') + '\n';

/** Every file of `root` as bytes, by relative path. */
function bytesOf(root: string, files: Record<string, string>): Record<string, Buffer> {
  return Object.fromEntries(Object.keys(files).map((file) => [file, fs.readFileSync(path.join(root, file))]));
}

function assertBytes(actual: Buffer, expected: string, label: string): void {
  if (actual.equals(Buffer.from(expected, 'utf8'))) return;
  assert.equal(JSON.stringify(actual.toString('utf8')), JSON.stringify(expected), `${label}: every byte outside the changed value is kept`);
}

describe('data safety: zk-ensemble fix changes the value and nothing else', () => {
  for (const framing of FRAMINGS) {
    it(`zoo.cfg with ${framing.name}`, () => {
      const files = zooCfgWorkspace(framing);
      const root = tempWorkspace(files, 'zk-data-');
      try {
        const result = run(['fix'], root);
        assert.equal(result.code, 0, result.stdout + result.stderr);
        assert.match(result.stdout, /^fixed node3\/zoo\.cfg$/m);
        const after = bytesOf(root, files);
        for (const [file, text] of Object.entries(files)) assertBytes(after[file], file === 'node3/zoo.cfg' ? zooCfg(3, RIGHT, framing) : text, file);
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  for (const [odd, framing] of [['double', FRAMINGS[1]], ['single-list', FRAMINGS[0]], ['plain', FRAMINGS[3]], ['block', FRAMINGS[1]]] as const) {
    it(`compose file: the ${odd}-quoted ZOO_SERVERS, with ${framing.name}`, () => {
      const files = { 'docker-compose.yml': compose(odd, framing) };
      const root = tempWorkspace(files, 'zk-data-');
      try {
        const result = run(['fix'], root);
        assert.match(result.stdout, /^fixed docker-compose\.yml$/m, result.stdout + result.stderr);
        assertBytes(bytesOf(root, files)['docker-compose.yml'], compose('none', framing, odd === 'block'), 'docker-compose.yml');
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }

  it('compose services that take the image\'s default id (no ZOO_MY_ID) are not renamed: the id is written nowhere', () => {
    const files = { 'docker-compose.yml': DEFAULT_IDS };
    const root = tempWorkspace(files, 'zk-data-');
    try {
      const result = run(['fix'], root);
      assert.equal(result.code, 1, 'the duplicate ids remain: only the user can add ZOO_MY_ID');
      assert.match(result.stdout, /^0 files changed; 3 errors remain/m, result.stdout);
      assertBytes(bytesOf(root, files)['docker-compose.yml'], DEFAULT_IDS, 'docker-compose.yml');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('a zoo.cfg that is not valid UTF-8 (an ISO-8859-1 comment) is not rewritten: its bytes would change', () => {
    const framing = FRAMINGS[1];
    const files = zooCfgWorkspace(framing, 'managed by Jos\u00e9');
    const root = tempWorkspace(files, 'zk-data-');
    try {
      const latin1 = Buffer.from(files['node3/zoo.cfg'], 'latin1');
      fs.writeFileSync(path.join(root, 'node3/zoo.cfg'), latin1);
      const result = run(['fix'], root);
      assert.match(result.stdout, /^node3\/zoo\.cfg: not written: its bytes are not valid UTF-8/m, result.stdout);
      assert.match(result.stdout, /^0 files changed; 1 error remain/m);
      assert.equal(result.code, 1);
      assert.ok(fs.readFileSync(path.join(root, 'node3/zoo.cfg')).equals(latin1), 'byte for byte as it was');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

/** The quick fixes on the server-mismatch diagnostic of `uri`. */
async function mismatchActions(server: ServerUnderTest, uri: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
  const diagnostics = await server.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'server-mismatch'));
  const diagnostic = diagnostics.find((d) => d.code === 'server-mismatch')!;
  const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return { diagnostic, actions };
}

/** Applies a code action as the editor would (to the files on disk), tells the server, and returns the touched URIs. */
async function apply(server: ServerUnderTest, action: CodeAction | undefined): Promise<void> {
  assert.ok(action?.edit, 'the action carries an edit');
  for (const uri of server.applyToDisk(action.edit)) await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Changed }] });
}

describe('data safety: the quick fixes over LSP change the value and nothing else', () => {
  it('zoo.cfg with CRLF, a BOM and no final newline: the preferred fix, then "make consistent" after a revert', async () => {
    const framing = FRAMINGS[0];
    const files = zooCfgWorkspace(framing);
    await withServer(files, async (server) => {
      const node3 = server.uri('node3/zoo.cfg');
      for (const pick of [(a: CodeAction) => a.isPreferred === true, (a: CodeAction) => a.title.startsWith('Make ensemble')]) {
        const { actions } = await mismatchActions(server, node3);
        await apply(server, actions.find(pick));
        const after = bytesOf(server.root, files);
        for (const [file, text] of Object.entries(files)) assertBytes(after[file], file === 'node3/zoo.cfg' ? zooCfg(3, RIGHT, framing) : text, file);
        await server.waitForDiagnostics(node3, (d) => !d.some((x) => x.code === 'server-mismatch'));
        server.write('node3/zoo.cfg', files['node3/zoo.cfg']);
        await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: node3, type: FileChangeType.Changed }] });
      }
    });
  });

  it('no quick fix on a default (unwritten) compose id edits the service name', async () => {
    await withServer({ 'docker-compose.yml': DEFAULT_IDS }, async (server) => {
      const uri = server.uri('docker-compose.yml');
      const diagnostics = await server.waitForDiagnostics(uri, (d) => d.filter((x) => x.code === 'myid-duplicate').length === 3);
      for (const diagnostic of diagnostics) {
        const actions = await server.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        const edits = actions.flatMap((a) => a.edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? c.edits : []));
        const names = edits.filter((e) => e.range.start.line === diagnostic.range.start.line);
        assert.deepEqual(names, [], `${actions.map((a) => a.title).join(' | ')}: no edit on the line of '${server.read('docker-compose.yml').split('\n')[diagnostic.range.start.line]}'`);
      }
    });
  });

  it('compose file with CRLF and a BOM: the double-quoted value keeps its quotes, the comments stay', async () => {
    const framing = FRAMINGS[0];
    const files = { 'docker-compose.yml': compose('double', framing) };
    await withServer(files, async (server) => {
      const { actions } = await mismatchActions(server, server.uri('docker-compose.yml'));
      await apply(server, actions.find((a) => a.isPreferred === true));
      assertBytes(bytesOf(server.root, files)['docker-compose.yml'], compose('none', framing), 'docker-compose.yml');
    });
  });
});
