import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { type CreateFile, FileChangeType, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { EnsembleSummary } from '../../server/src/core/summary';
import type { StatusReport } from '../../server/src/status/types';
import { withServer } from '../lsp/harness';
import { type FakeNode, fakeNode, fixture } from './fixtures';

/** Three zoo.cfg + myid on loopback whose client ports are the fake nodes'. */
function loopbackEnsemble(clientPorts: readonly number[]): Record<string, string> {
  const servers = clientPorts.map((port, i) => `server.${i + 1}=127.0.0.1:${41888 + i}:${42888 + i};${port}`);
  const files: Record<string, string> = {};
  clientPorts.forEach((port, i) => {
    files[`node${i + 1}/zoo.cfg`] = ['tickTime=2000', 'initLimit=10', 'syncLimit=5', 'admin.enableServer=false', 'dataDir=data', `clientPort=${port}`, ...servers, ''].join('\n');
    files[`node${i + 1}/data/myid`] = `${i + 1}\n`;
  });
  return files;
}

const fakes: FakeNode[] = [];
after(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

async function threeFakeNodes(): Promise<FakeNode[]> {
  const nodes = await Promise.all([
    fakeNode({ srvr: fixture('srvr-follower.txt'), mntr: fixture('mntr-follower.txt') }),
    fakeNode({ srvr: fixture('srvr-follower.txt'), mntr: fixture('mntr-follower.txt') }),
    fakeNode({ srvr: fixture('srvr-leader.txt'), mntr: fixture('mntr-leader.txt') }),
  ]);
  fakes.push(...nodes);
  return nodes;
}

interface ResponseErrorLike {
  code: number;
  message: string;
  data?: { reason?: string };
}

describe('zookeeper/status over LSP', () => {
  it('is refused, saying why, unless the editor said the workspace is trusted', async () => {
    const nodes = await threeFakeNodes();
    await withServer(loopbackEnsemble(nodes.map((n) => n.port)), async (server) => {
      await server.waitForNotification('zookeeper/ensemblesChanged');
      await assert.rejects(server.request('zookeeper/status', {}), (error: ResponseErrorLike) => {
        assert.equal(error.code, -32803); // LSP RequestFailed
        assert.match(error.message, /not trusted/);
        assert.equal(error.data?.reason, 'untrusted');
        return true;
      });
      assert.deepEqual(nodes.map((n) => n.received.length), [0, 0, 0], 'nothing was asked');
    });
  });

  it('answers for every node once trusted (initializationOptions), and for one ensemble by key', async () => {
    const nodes = await threeFakeNodes();
    await withServer(
      loopbackEnsemble(nodes.map((n) => n.port)),
      async (server) => {
        const { ensembles } = await server.waitForNotification<{ ensembles: EnsembleSummary[] }>('zookeeper/ensemblesChanged', (p) => p.ensembles.length === 1);
        const report = await server.request<StatusReport>('zookeeper/status', {});
        assert.equal(report.ensembles.length, 1);
        const [ensemble] = report.ensembles;
        assert.deepEqual([ensemble.key, ensemble.healthy, ensemble.summary], [ensembles[0].key, true, '2 followers, 1 leader']);
        assert.deepEqual(
          ensemble.nodes.map((n) => [n.key, n.id, n.address, n.state, n.zxid]),
          ensembles[0].nodes.map((n, i) => [n.key, n.id, `127.0.0.1:${nodes[i].port}`, i === 2 ? 'leader' : 'follower', i === 2 ? '0x100000000' : '0x0']),
        );
        const one = await server.request<StatusReport>('zookeeper/status', { ensembleKey: ensembles[0].key });
        assert.equal(one.ensembles.length, 1);
        await assert.rejects(server.request('zookeeper/status', { ensembleKey: '/no/such/zoo.cfg' }), /No ensemble has the key/);
      },
      { initializationOptions: { trusted: true } },
    );
  });

  it('follows zookeeper/trustChanged both ways', async () => {
    const nodes = await threeFakeNodes();
    await withServer(loopbackEnsemble(nodes.map((n) => n.port)), async (server) => {
      await server.waitForNotification('zookeeper/ensemblesChanged');
      await assert.rejects(server.request('zookeeper/status', {}), /not trusted/);
      await server.notify('zookeeper/trustChanged', { trusted: true });
      assert.equal((await server.request<StatusReport>('zookeeper/status', {})).ensembles[0].healthy, true);
      await server.notify('zookeeper/trustChanged', { trusted: false });
      await assert.rejects(server.request('zookeeper/status', {}), /not trusted/);
    });
  });
});

type GenerateResult = { errors: string[] } | { edit: WorkspaceEdit; firstFile: string; files: string[]; existing: string[] };

describe('zookeeper/generate and zookeeper/validateGenerateOptions over LSP', () => {
  it('a 3-node compose layout: one CreateFile that fails if the file exists, plus its text; applied, the server finds 3 nodes and no problem', async () => {
    await withServer({ 'README.md': 'empty workspace\n' }, async (server) => {
      const outDir = `${server.root}/zookeeper`;
      const result = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: 3, layout: 'compose', outDir } });
      assert.ok('edit' in result, JSON.stringify(result));
      const composeUri = server.uri('zookeeper/docker-compose.yml');
      assert.deepEqual([result.files, result.firstFile, result.existing], [[composeUri], composeUri, []]);
      const changes = result.edit.documentChanges ?? [];
      assert.equal(changes.length, 2);
      const create = changes[0] as CreateFile;
      assert.deepEqual([create.kind, create.uri, create.options], ['create', composeUri, undefined]);
      const text = changes[1] as TextDocumentEdit;
      assert.deepEqual([text.textDocument.uri, text.textDocument.version, text.edits.length], [composeUri, null, 1]);
      const inserted = text.edits[0];
      assert.ok('newText' in inserted);
      assert.deepEqual(inserted.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.match(inserted.newText, /^services:$/m);
      for (const id of [1, 2, 3]) assert.match(inserted.newText, new RegExp(`^  zoo${id}:$`, 'm'));
      assert.match(inserted.newText, /ZOO_SERVERS: "server\.1=zoo1:2888:3888;2181 server\.2=zoo2:2888:3888;2181 server\.3=zoo3:2888:3888;2181"/);

      // VS Code creates missing parent folders for a CreateFile; the harness writes into existing ones.
      fs.mkdirSync(outDir, { recursive: true });
      for (const uri of server.applyToDisk(result.edit)) await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: FileChangeType.Created }] });
      const { ensembles } = await server.waitForNotification<{ ensembles: EnsembleSummary[] }>('zookeeper/ensemblesChanged', (p) => p.ensembles.length === 1);
      assert.deepEqual(ensembles[0].nodes.map((n) => [n.id, n.host, n.clientPort]), [[1, 'zoo1', 2181], [2, 'zoo2', 2181], [3, 'zoo3', 2181]]);
      assert.deepEqual(await server.waitForAnyDiagnostics(composeUri), []);

      // Again: the file exists now, so the editor is told, and only an explicit overwrite replaces it.
      const again = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: '3', layout: 'compose', outDir } });
      assert.ok('edit' in again);
      assert.deepEqual(again.existing, [composeUri]);
      assert.throws(() => server.applyToDisk(again.edit), /exists/);
      const overwrite = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: 3, layout: 'compose', outDir }, overwrite: true });
      assert.ok('edit' in overwrite);
      assert.deepEqual((overwrite.edit.documentChanges?.[0] as CreateFile).options, { overwrite: true });
    });
  });

  it('the first zoo.cfg is the file to open for the other layouts; bad options give errors and no edit', async () => {
    await withServer({}, async (server) => {
      const outDir = `${server.root}/zk`;
      const local = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: 3, layout: 'local', outDir, clientPort: '42181' } });
      assert.ok('edit' in local);
      assert.equal(local.firstFile, server.uri('zk/node1/zoo.cfg'));
      assert.equal(local.files.length, 6);
      const bad = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: 0, layout: 'compose', outDir } });
      assert.ok('errors' in bad);
      assert.match(bad.errors.join(' '), /number of nodes/);
      const relative = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: 3, layout: 'local', outDir: 'zk' } });
      assert.ok('errors' in relative);
      assert.match(relative.errors.join(' '), /absolute path/);
      const missing = await server.request<GenerateResult>('zookeeper/generate', { options: { nodes: 3 } });
      assert.ok('errors' in missing);
      assert.match(missing.errors.join(' '), /layout is missing.*output folder is missing/);
    });
  });

  it('validates what the input boxes hold so far, as typed', async () => {
    await withServer({}, async (server) => {
      const validate = (options: Record<string, unknown>) => server.request<string[]>('zookeeper/validateGenerateOptions', { options });
      assert.deepEqual(await validate({ nodes: '3' }), []);
      assert.deepEqual(await validate({ nodes: '4' }), [], 'even sizes are the client\'s warning, not an error');
      assert.match((await validate({ nodes: 'three' })).join(' '), /whole number from 1 to 255 .*not 'three'/);
      assert.match((await validate({ nodes: '3', layout: 'compose', hosts: 'zoo1,Zoo2,zoo3' })).join(' '), /Host 2, 'Zoo2'/);
      assert.match((await validate({ nodes: '3', layout: 'hosts', hosts: 'a,b' })).join(' '), /one host per node/);
      assert.match((await validate({ nodes: '3', layout: 'local', clientPort: '2888' })).join(' '), /client ports 2888-2890 overlap the quorum ports 2888-2890/);
      assert.match((await validate({ nodes: '3', layout: 'local', clientPort: '70000' })).join(' '), /client port must be a whole number from 1 to 65535/);
      assert.match((await validate({ nodes: '3', layout: 'local', outDir: 'relative/dir' })).join(' '), /absolute path/);
      assert.deepEqual(await validate({ nodes: '3', layout: 'local', outDir: `${server.root}/zk` }), []);
    });
  });
});
