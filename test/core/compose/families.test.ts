import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { ComposeFile, readComposeFile } from '../../../server/src/core/compose/compose';
import { seedFiles } from '../../seed';
import { read, service, textAt } from './support';

function problemTexts(file: ComposeFile, text: string): [string, string][] {
  return file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]);
}

describe('seed: three hosts running wurstmeister/zookeeper with mounted zoo.cfg and myid', () => {
  for (const node of [1, 2, 3]) {
    it(`node${node}`, () => {
      const path = `/work/seed/node${node}/docker-compose.yml`;
      const text = seedFiles()[`node${node}/docker-compose.yml`];
      const file = readComposeFile(path, text, () => undefined);
      assert.deepEqual(file.problems, []);
      assert.equal(file.isCompose, true);
      assert.equal(file.project, `node${node}`);
      const zookeeper = service(file, 'zookeeper');
      assert.equal(zookeeper.runsZooKeeper, true);
      assert.equal(zookeeper.image?.family, 'wurstmeister');
      assert.equal(zookeeper.image?.versionFromTag, false);
      const facts = zookeeper.zookeeper;
      assert.ok(facts);
      assert.deepEqual(facts.version, { major: 3, minor: 4, patch: 13 });
      assert.equal(facts.expectedConfigPath, '/opt/zookeeper-3.4.13/conf/zoo.cfg');
      assert.equal(facts.expectedDataDir, '/opt/zookeeper-3.4.13/data');
      assert.equal(facts.configFrom, 'mounted');
      assert.equal(facts.myid, undefined);
      assert.equal(facts.servers, undefined);
      assert.deepEqual(
        { ...facts.mountedConfig, range: undefined },
        {
          hostPath: `/work/seed/node${node}/zoo.cfg`,
          containerPath: '/opt/zookeeper-3.4.9/conf/zoo.cfg',
          range: undefined,
          matchesImagePath: false,
        },
      );
      assert.equal(textAt(text, facts.mountedConfig?.range ?? assert.fail()), './zoo.cfg:/opt/zookeeper-3.4.9/conf/zoo.cfg');
      assert.equal(facts.mountedMyid?.hostPath, `/work/seed/node${node}/myid`);
      assert.equal(facts.mountedMyid?.matchesImagePath, false);
      assert.equal(facts.dataVolume?.source, `/work/seed/node${node}/data`);
      assert.equal(facts.dataVolume?.containerPath, '/opt/zookeeper-3.4.9/data');
      const hostPorts = { 1: 2181, 2: 2180, 3: 2179 }[node];
      assert.deepEqual(
        zookeeper.ports.map((port) => [port.hostPort, port.containerPort, textAt(text, port.range)]),
        [
          [hostPorts, 2181, `"${hostPorts}:2181"`],
          [2888, 2888, '"2888:2888"'],
          [3888, 3888, '"3888:3888"'],
        ],
      );
    });
  }
});

describe('bitnami/zookeeper', () => {
  it('numbers positional entries 1..N and appends ;ZOO_PORT_NUMBER', () => {
    const text =
      'services:\n  zk2:\n    image: docker.io/bitnami/zookeeper:3.9.3\n    environment:\n' +
      '      - ZOO_SERVER_ID=2\n      - ZOO_PORT_NUMBER=2182\n      - ZOO_SERVERS=zk1:2888:3888, zk2:2888:3888;zk3:2888:3888:observer\n' +
      '      - ZOO_LISTEN_ALLIPS_ENABLED=yes\n      - ZOO_CFG_maxClientCnxns=100\n';
    const file = read(text);
    assert.deepEqual(file.problems, []);
    const facts = service(file, 'zk2').zookeeper;
    assert.equal(facts?.family, 'bitnami');
    assert.deepEqual(facts?.version, { major: 3, minor: 9, patch: 3 });
    assert.equal(facts?.myid?.value, 2);
    assert.equal(facts?.myid?.source, 'ZOO_SERVER_ID');
    assert.deepEqual(
      facts?.servers?.map((server) => [server.id, server.value, textAt(text, server.range), server.idRange]),
      [
        [1, 'zk1:2888:3888;2182', 'zk1:2888:3888', undefined],
        [2, 'zk2:2888:3888;2182', 'zk2:2888:3888', undefined],
        [3, 'zk3:2888:3888:observer;2182', 'zk3:2888:3888:observer', undefined],
      ],
    );
    const setting = (key: string) => facts?.settings.find((candidate) => candidate.key === key);
    assert.equal(setting('clientPort')?.value, '2182');
    assert.equal(setting('quorumListenOnAllIPs')?.value, 'true');
    assert.equal(setting('admin.enableServer')?.value, 'false');
    assert.equal(setting('initLimit')?.value, '10');
    assert.equal(setting('maxClientCnxns')?.value, '100');
    assert.equal(setting('maxClientCnxns')?.sourceEnv, 'ZOO_CFG_maxClientCnxns');
    assert.equal(facts?.expectedConfigPath, '/opt/bitnami/zookeeper/conf/zoo.cfg');
    assert.equal(facts?.expectedMyidPath, '/bitnami/zookeeper/data/myid');
  });

  it('takes explicit ids from host:port:port::id', () => {
    const text = 'services:\n  zk:\n    image: bitnami/zookeeper\n    environment:\n      ZOO_SERVERS: "zk1:2888:3888::4,zk2:2888:3888::5 zk3:2888:3888:observer::6"\n';
    const facts = service(read(text), 'zk').zookeeper;
    assert.equal(facts?.version, undefined);
    assert.deepEqual(
      facts?.servers?.map((server) => [server.id, server.value, textAt(text, server.range), textAt(text, server.idRange ?? assert.fail())]),
      [
        [4, 'zk1:2888:3888;2181', 'zk1:2888:3888::4', '4'],
        [5, 'zk2:2888:3888;2181', 'zk2:2888:3888::5', '5'],
        [6, 'zk3:2888:3888:observer;2181', 'zk3:2888:3888:observer::6', '6'],
      ],
    );
  });

  it('reports a written ;2181, mixed id forms, and entries after the first line', () => {
    const text =
      'services:\n  zk:\n    image: bitnami/zookeeper:3.8\n    environment:\n      ZOO_MY_ID: 1\n' +
      '      ZOO_SERVERS: |\n        zk1:2888:3888;2181,zk2:2888:3888::2\n        zk3:2888:3888::3\n';
    const file = read(text);
    assert.deepEqual(problemTexts(file, text), [
      ['ignored-env', 'ZOO_MY_ID'],
      ['ignored-env', 'zk3:2888:3888::3'],
      ['invalid-server', 'zk1:2888:3888'],
      ['invalid-server', ';2181'],
    ]);
    const servers = service(file, 'zk').zookeeper?.servers ?? [];
    assert.deepEqual(
      servers.map((server) => [server.id, server.problems.length]),
      [
        [1, 1],
        [2, 0],
      ],
    );
  });
});

describe('confluentinc/cp-zookeeper', () => {
  it('numbers ;-separated entries from 1 and applies the ensemble defaults', () => {
    const text =
      'services:\n  zookeeper-1:\n    image: confluentinc/cp-zookeeper:7.6.1\n    environment:\n' +
      '      ZOOKEEPER_SERVER_ID: 1\n      ZOOKEEPER_CLIENT_PORT: 22181\n      ZOOKEEPER_TICK_TIME: 2000\n' +
      '      ZOOKEEPER_SERVERS: localhost:22888:23888;localhost:32888:33888;localhost:42888:43888\n    network_mode: host\n';
    const file = read(text);
    assert.deepEqual(file.problems, []);
    const zk = service(file, 'zookeeper-1');
    assert.equal(zk.networkMode?.value, 'host');
    const facts = zk.zookeeper;
    assert.equal(facts?.family, 'confluent');
    assert.equal(facts?.version, undefined, 'a CP tag is no ZooKeeper version');
    assert.equal(facts?.myid?.value, 1);
    assert.deepEqual(
      facts?.servers?.map((server) => [server.id, server.value, textAt(text, server.range)]),
      [
        [1, 'localhost:22888:23888', 'localhost:22888:23888'],
        [2, 'localhost:32888:33888', 'localhost:32888:33888'],
        [3, 'localhost:42888:43888', 'localhost:42888:43888'],
      ],
    );
    const setting = (key: string) => facts?.settings.find((candidate) => candidate.key === key);
    assert.deepEqual(setting('initLimit'), { key: 'initLimit', value: '10', isDefault: true });
    assert.deepEqual(setting('syncLimit'), { key: 'syncLimit', value: '5', isDefault: true });
    assert.equal(textAt(text, setting('clientPort')?.range ?? assert.fail()), '22181');
    assert.equal(facts?.expectedMyidPath, '/var/lib/zookeeper/data/myid');
  });

  it('reports the 3.5 ;clientPort suffix, a missing client port and a missing server id', () => {
    const text =
      'services:\n  zk:\n    image: confluentinc/cp-zookeeper\n    environment:\n' +
      '      ZOOKEEPER_SERVERS: zk1:2888:3888;2181;zk2:2888:3888;\n';
    const file = read(text);
    assert.deepEqual(problemTexts(file, text), [
      ['invalid-server', '2181'],
      ['invalid-server', ''],
      ['missing-env', 'zk'],
      ['missing-env', 'ZOOKEEPER_SERVERS'],
    ]);
    assert.deepEqual(
      service(file, 'zk').zookeeper?.servers?.map((server) => [server.id, server.value]),
      [
        [1, 'zk1:2888:3888'],
        [2, 'zk2:2888:3888'],
      ],
    );
  });
});

describe('services that run no ZooKeeper, or an unknown image with a zoo.cfg', () => {
  it('tells them apart', () => {
    const text =
      'services:\n  web:\n    image: nginx:1.27\n  custom:\n    image: registry.example.com/team/zk:1\n' +
      '    volumes:\n      - type: bind\n        source: ./conf/zoo.cfg\n        target: /etc/zk/zoo.cfg\n';
    const file = read(text);
    assert.equal(service(file, 'web').runsZooKeeper, false);
    assert.equal(service(file, 'web').zookeeper, undefined);
    const custom = service(file, 'custom');
    assert.equal(custom.runsZooKeeper, true);
    assert.equal(custom.image?.family, 'other');
    assert.equal(custom.zookeeper?.configFrom, 'mounted');
    assert.equal(custom.zookeeper?.mountedConfig?.hostPath, '/work/project/zk/conf/zoo.cfg');
    assert.equal(custom.zookeeper?.mountedConfig?.matchesImagePath, undefined);
  });
});
