import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { type CompletionItem, type Hover, InsertTextFormat, type MarkupContent, TextDocumentSyncKind } from 'vscode-languageserver/node';
import type { EnsemblesJson } from '../../server/src/lsp/ensembles';
import { withServer } from './harness';

const ZOO_CFG = 'tickTime=2000\n\ndataDir=/var/lib/zookeeper\nclientPort=2181\n';

const markdownOf = (hover: Hover | null) => (hover?.contents as MarkupContent | undefined)?.value ?? '';

describe('capabilities', () => {
  it('advertise incremental sync, hover, completion on . and =, quick fixes, the make-consistent command and workspace folder changes', async () => {
    await withServer({}, async (server) => {
      assert.deepEqual(server.initializeResult?.capabilities, {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', '='] },
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: ['zookeeper.makeConsistent'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      });
    });
  });
});

describe('hover and completion', () => {
  it('hover on tickTime shows its documentation', async () => {
    await withServer({ 'zoo.cfg': ZOO_CFG }, async (server) => {
      const uri = server.uri('zoo.cfg');
      await server.waitForAnyDiagnostics(uri);
      const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
      assert.equal((hover?.contents as MarkupContent).kind, 'markdown');
      assert.match(markdownOf(hover), /\*\*tickTime\*\* \(int\)[\s\S]*Default: `3000`/);
      assert.deepEqual(hover?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
    });
  });

  it('hover works on an open document the editor calls zoocfg whatever its name', async () => {
    await withServer({}, async (server) => {
      const uri = server.uri('conf/node-a.properties');
      await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'zoocfg', version: 1, text: 'initLimit=10\n' } });
      const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.match(markdownOf(hover), /\*\*initLimit\*\*/);
    });
  });

  it('completion on an empty line offers initLimit, as a key with its separator', async () => {
    await withServer({ 'zoo.cfg': ZOO_CFG }, async (server) => {
      const uri = server.uri('zoo.cfg');
      await server.waitForAnyDiagnostics(uri);
      const items = await server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
      const initLimit = items.find((item) => item.label === 'initLimit');
      assert.ok(initLimit, `labels: ${items.map((item) => item.label).join(', ')}`);
      assert.deepEqual(initLimit.textEdit, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'initLimit=' });
      assert.ok(!items.some((item) => item.label === 'tickTime'), 'tickTime is already set');
      const server1 = items.find((item) => item.label === 'server.1');
      assert.equal(server1?.insertTextFormat, InsertTextFormat.Snippet);
    });
  });

  it('completion sends snippets as plain text to clients without snippet support', async () => {
    await withServer(
      { 'zoo.cfg': ZOO_CFG },
      async (server) => {
        const uri = server.uri('zoo.cfg');
        await server.waitForAnyDiagnostics(uri);
        const items = await server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 0 } });
        const server1 = items.find((item) => item.label === 'server.1');
        assert.equal(server1?.insertTextFormat, InsertTextFormat.PlainText);
        assert.equal((server1?.textEdit as { newText: string }).newText, 'server.1=zoo1:2888:3888;2181');
      },
      { capabilities: {} },
    );
  });
});

describe('ensembles', () => {
  const node = (id: number) => `tickTime=2000\ninitLimit=10\nsyncLimit=5\ndataDir=/data\nserver.1=zoo1:2888:3888;2181\nserver.2=zoo2:2888:3888;2181\nserver.3=zoo3:2888:3888;2181\n# node ${id}\n`;
  const files = { 'ens/node1/zoo.cfg': node(1), 'ens/node1/myid': '1\n', 'ens/node2/zoo.cfg': node(2), 'ens/node2/myid': '2\n', 'ens/node3/zoo.cfg': node(3), 'ens/node3/myid': '3\n' };

  it('are answered to zookeeper/ensembles only once the first scan is published, however early the request', async () => {
    // With settings pulled, the server reads the workspace only after the editor answered: the request comes first.
    await withServer(
      files,
      async (server) => {
        // Without the wait for the first scan it would be answered from an empty engine.
        const answered = await server.request<EnsemblesJson>('zookeeper/ensembles', null);
        assert.deepEqual(answered.ensembles.map((e) => e.nodes.length), [3]);
        assert.ok(server.notifications.some((n) => n.method === 'zookeeper/ensemblesChanged'), 'the scan was announced before the answer');
      },
      { capabilities: { workspace: { configuration: true } } },
    );
  });

  it('are answered to zookeeper/ensembles and announced with zookeeper/ensemblesChanged', async () => {
    await withServer(files, async (server) => {
      const announced = await server.waitForNotification<EnsemblesJson>('zookeeper/ensemblesChanged', (json) => json.ensembles.length > 0);
      const answered = await server.request<EnsemblesJson>('zookeeper/ensembles', null);
      assert.deepEqual(answered, announced);
      assert.equal(answered.ensembles.length, 1);
      const nodes = answered.ensembles[0].nodes;
      assert.deepEqual(
        nodes.map((n) => [n.id, n.host, n.quorumPort, n.electionPort, n.clientPort, n.role]),
        [1, 2, 3].map((id) => [id, `zoo${id}`, 2888, 3888, 2181, 'participant']),
      );
      assert.ok(nodes[0].files.includes(`${server.root}/ens/node1/zoo.cfg`));

      // A change to the member list announces the ensembles again, once.
      const before = server.notifications.length;
      const uri = server.uri('ens/node3/zoo.cfg');
      await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'zoocfg', version: 1, text: node(3).replace('zoo3:2888', 'zoo3:2999') } });
      const changed = await server.waitForNotification<EnsemblesJson>('zookeeper/ensemblesChanged', (json) => JSON.stringify(json).includes('2999'));
      assert.ok(changed);
      assert.equal(server.notifications.slice(before).filter((n) => n.method === 'zookeeper/ensemblesChanged').length, 1);
    });
  });
});
