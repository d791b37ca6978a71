import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { MAX_FILE_BYTES } from '../../server/src/workspace/scan';
import { withServer } from './harness';
import { noise } from '../noise';


const GOOD = 'tickTime=2000\ndataDir=/var/lib/zookeeper\nclientPort=2181\n';

describe('robustness', () => {
  it('survives garbage files and requests and keeps answering', async () => {
    const files = {
      'good/zoo.cfg': GOOD,
      'binary/zoo.cfg': noise(4096, 42),
      'latin1/zoo.cfg': Uint8Array.from([0x74, 0x69, 0x63, 0x6b, 0xff, 0xfe, 0xc3, 0x28, 0x3d, 0x31, 0x0a]),
      'binary/myid': noise(64, 7),
      'empty/myid': '',
      'empty/zoo.cfg': '',
      'yaml/docker-compose.yml': 'services: [\n  {{{ : -\n\t- ]]\n',
      'huge/zoo.cfg': new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61),
    };
    await withServer(files, async (server) => {
      const good = server.uri('good/zoo.cfg');
      await server.waitForAnyDiagnostics(good);
      for (const file of ['binary/zoo.cfg', 'latin1/zoo.cfg', 'binary/myid', 'empty/myid', 'empty/zoo.cfg', 'yaml/docker-compose.yml']) {
        await server.waitForAnyDiagnostics(server.uri(file));
      }
      assert.ok(server.logs.some((line) => line.includes('huge/zoo.cfg')), 'the oversized file is logged as skipped');

      const hoverAt = (uri: string, line: number, character: number) =>
        server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character } });
      assert.equal(await hoverAt(server.uri('binary/zoo.cfg'), 0, 3), null);
      assert.equal(await hoverAt(server.uri('nowhere/zoo.cfg'), 0, 0), null);
      assert.equal(await hoverAt('untitled:Untitled-1', 0, 0), null);
      assert.equal(await hoverAt(good, 9999, 9999), null);
      await server.request('textDocument/completion', { textDocument: { uri: server.uri('binary/zoo.cfg') }, position: { line: 3, character: 1 } });
      await server.request('textDocument/hover', { textDocument: { uri: 42 }, position: null }).catch(() => undefined);
      await server.notify('textDocument/didChange', { textDocument: { uri: server.uri('never-opened/zoo.cfg'), version: 3 }, contentChanges: [{ text: 'x' }] });
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: 'not a uri', type: 1 }, { uri: server.uri('gone/zoo.cfg'), type: 2 }] });
      await server.notify('workspace/didChangeConfiguration', { settings: { zookeeper: { version: 12, rules: 'all' } } });
      await server.notify('textDocument/didOpen', { textDocument: { uri: server.uri('open/zoo.cfg'), languageId: 'zoocfg', version: 1, text: '\u0000\uFFFD\\u12' } });

      const hover = await hoverAt(good, 0, 2);
      assert.match((hover?.contents as MarkupContent).value, /\*\*tickTime\*\*/);
      assert.ok(server.running);
    });
  });
});
