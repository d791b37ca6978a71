import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { parseMntr, parseSrvr } from '../../server/src/status/parse';
import { fixture, SRVR_NOT_WHITELISTED } from './fixtures';

describe('parsing srvr answers of ZooKeeper 3.8.0', () => {
  const cases: [file: string, state: string, zxid: string | null][] = [
    ['srvr-leader.txt', 'leader', '0x100000000'],
    ['srvr-follower.txt', 'follower', '0x0'],
    ['srvr-standalone.txt', 'standalone', '0x0'],
  ];
  for (const [file, state, zxid] of cases) {
    it(`${file}: ${state} with its figures`, () => {
      const result = parseSrvr(fixture(file));
      assert.equal(result.state, state);
      assert.equal(result.detail, null);
      assert.equal(result.zxid, zxid);
      assert.deepEqual(result.latency, { min: 0, avg: 0, max: 0 });
      assert.equal(result.connections, 1);
      assert.equal(result.outstanding, 0);
      assert.equal(result.nodeCount, 5);
      assert.equal(result.version, '3.8.0');
      assert.equal(result.mntr, null);
    });
  }

  it('"not currently serving requests" is not serving, said plainly', () => {
    const result = parseSrvr(fixture('srvr-not-serving.txt'));
    assert.equal(result.state, 'not serving');
    assert.match(String(result.detail), /no quorum/);
    assert.equal(result.zxid, null);
  });

  it('a refused srvr is not whitelisted, naming the setting', () => {
    const result = parseSrvr(SRVR_NOT_WHITELISTED);
    assert.equal(result.state, 'not whitelisted');
    assert.match(String(result.detail), /'srvr'.*4lw\.commands\.whitelist/);
  });

  it('anything else is unknown, quoting what came back', () => {
    assert.equal(parseSrvr('').state, 'unknown');
    assert.match(String(parseSrvr('').detail), /without an answer/);
    const http = parseSrvr('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    assert.equal(http.state, 'unknown');
    assert.match(String(http.detail), /HTTP\/1\.1 400/);
    assert.equal(parseSrvr('Mode: leading\n').state, 'unknown');
  });

  it('reads CRLF answers and the Latency line with decimals', () => {
    const result = parseSrvr('Zookeeper version: 3.9.2-e454e8c7283100c7caec6dcae2bc82aaecb63023, built on 2024-02-12\r\nLatency min/avg/max: 1/2.5/17\r\nConnections: 12\r\nZxid: 0x2000000a3\r\nMode: observer\r\n');
    assert.deepEqual([result.state, result.version, result.latency, result.connections, result.zxid], ['observer', '3.9.2', { min: 1, avg: 2.5, max: 17 }, 12, '0x2000000a3']);
  });
});

describe('parsing mntr answers of ZooKeeper 3.8.0', () => {
  it('the leader: every key, tab-separated', () => {
    const values = parseMntr(fixture('mntr-leader.txt'));
    assert.ok(values);
    assert.equal(values.zk_server_state, 'leader');
    assert.equal(values.zk_synced_followers, '2');
    assert.equal(values.zk_znode_count, '5');
    assert.equal(values.zk_version, '3.8.0-${mvngit.commit.id}, built on 2024-12-29 17:54 UTC');
    assert.ok(Object.keys(values).length > 300);
  });

  it('a follower', () => {
    assert.equal(parseMntr(fixture('mntr-follower.txt'))?.zk_server_state, 'follower');
  });

  it('not whitelisted or not serving: nothing', () => {
    assert.equal(parseMntr(fixture('mntr-not-whitelisted.txt')), undefined);
    assert.equal(parseMntr(fixture('mntr-not-serving.txt')), undefined);
    assert.equal(parseMntr(''), undefined);
  });
});
