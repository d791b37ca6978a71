import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { read, service, textAt } from './support';

describe('readComposeFile: YAML structure', () => {
  it('honors anchors, aliases and << merge keys, with ranges at the anchor text', () => {
    const text = [
      'x-zookeeper: &zookeeper',
      '  image: zookeeper:3.9.2',
      '  environment: &zookeeper-env',
      '    ZOO_SERVERS: server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181 server.3=zoo3:2888:3888;2181',
      '    ZOO_TICK_TIME: 3000',
      'x-ports: &client-port',
      '  ports: ["2181:2181"]',
      'services:',
      '  zoo1:',
      '    <<: [*zookeeper, *client-port]',
      '    environment:',
      '      <<: *zookeeper-env',
      '      ZOO_MY_ID: 1',
      '  zoo2:',
      '    <<: *zookeeper',
      '    image: zookeeper:3.8',
      '    environment:',
      '      ZOO_TICK_TIME: 4000',
      '      <<: *zookeeper-env',
      '      ZOO_MY_ID: 2',
      '',
    ].join('\n');
    const file = read(text);
    assert.deepEqual(file.problems, []);
    const zoo1 = service(file, 'zoo1');
    assert.equal(zoo1.image?.value, 'zookeeper:3.9.2');
    assert.equal(zoo1.image?.range.start.line, 1, 'the anchor line');
    assert.deepEqual(zoo1.ports.map((port) => port.hostPort), [2181]);
    const servers = zoo1.zookeeper?.servers ?? [];
    assert.deepEqual(
      servers.map((server) => textAt(text, server.range)),
      ['server.1=zoo1:2888:3888;2181', 'server.2=zoo2:2888:3888;2181', 'server.3=zoo3:2888:3888;2181'],
    );
    assert.ok(servers.every((server) => server.range.start.line === 3));
    const tickTime = (name: string) => service(file, name).zookeeper?.settings.find((s) => s.key === 'tickTime');
    assert.equal(tickTime('zoo1')?.value, '3000');
    assert.equal(tickTime('zoo1')?.range?.start.line, 4);
    assert.equal(tickTime('zoo2')?.value, '4000', 'an explicit key wins over a merged one');
    const zoo2 = service(file, 'zoo2');
    assert.equal(zoo2.image?.value, 'zookeeper:3.8', 'an explicit key wins over a merged one');
    assert.equal(zoo2.zookeeper?.myid?.value, 2);
  });

  it('reports a merge key that names no mapping', () => {
    const text = 'services:\n  zoo1:\n    <<: 5\n    image: zookeeper\n';
    const file = read(text);
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]),
      [['invalid-merge', '<<']],
    );
    assert.equal(service(file, 'zoo1').image?.family, 'official');
  });

  it('survives an anchor merged into itself', () => {
    const text = 'services:\n  zoo1: &self\n    image: zookeeper\n    <<: *self\n';
    assert.equal(service(read(text), 'zoo1').image?.family, 'official');
  });

  it('reads the services of every document', () => {
    const text = 'services:\n  zoo1:\n    image: zookeeper\n---\nservices:\n  zoo2:\n    image: zookeeper:3.4.14\n';
    const file = read(text);
    assert.deepEqual(file.services.map((s) => s.name), ['zoo1', 'zoo2']);
    assert.deepEqual(service(file, 'zoo1').image?.zkVersion, { major: 3, minor: 9, patch: 0 });
    assert.equal(service(file, 'zoo1').image?.versionFromTag, false);
    assert.equal(service(file, 'zoo2').image?.versionFromTag, true);
    assert.equal(service(file, 'zoo2').nameRange.start.line, 5);
  });

  it('turns YAML syntax errors into problems and keeps what it can read', () => {
    const text = 'services:\n  zoo1:\n    image: zookeeper\n    ports: [2181:2181\n  zoo2: "unterminated\n';
    const file = read(text);
    assert.ok(file.problems.length > 0);
    assert.ok(file.problems.every((problem) => problem.kind === 'yaml' && problem.path === file.path));
  });

  it('stops an alias bomb quickly, as a problem', () => {
    const levels = ['  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`  ${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    const text = `x-bomb:\n${levels.join('\n')}\nservices:\n  zoo1:\n    image: zookeeper\n    environment:\n      <<: *j\n`;
    const started = Date.now();
    const file = read(text);
    assert.ok(Date.now() - started < 2000, 'bounded');
    assert.deepEqual(file.problems.map((problem) => problem.kind), ['alias-limit']);
    assert.deepEqual(file.services, []);
  });

  it('reports an alias to an undefined anchor', () => {
    const text = 'services:\n  zoo1:\n    image: *missing\n';
    const file = read(text);
    assert.equal(file.problems.length, 1);
    assert.equal(textAt(text, file.problems[0].range), '*missing');
  });

  it('says when a YAML file is not a compose file', () => {
    for (const text of ['name: thing\nitems:\n  - a\n', '', '- services\n', 'services: [a, b]\n']) {
      const file = read(text);
      assert.equal(file.isCompose, false, JSON.stringify(text));
      assert.deepEqual(file.services, []);
      assert.deepEqual(file.problems, []);
    }
    assert.equal(read('services:\n').isCompose, true);
  });

  it('names the project after the folder, or the name key', () => {
    assert.equal(read('services: {}\n').project, 'zk');
    assert.equal(read('name: ensemble-a\nservices: {}\n').project, 'ensemble-a');
  });
});

describe('readComposeFile: values', () => {
  it('resolves ${VAR:-default} and ${VAR-default}, keeps ${VAR} and $$ as Compose does', () => {
    const text = [
      'services:',
      '  zoo1:',
      '    image: zookeeper:${ZK_VERSION:-3.7.2}',
      '    hostname: ${HOST-zoo1}',
      '    environment:',
      '      ZOO_MY_ID: ${ZK_ID:-1}',
      '      ZOO_SERVERS: server.1=${HOST1:-zoo1}:2888:3888;2181 server.2=zoo2:2888:3888;$${PORT} server.3=${HOST3}:2888:3888;2181',
      '',
    ].join('\n');
    const zoo1 = service(read(text), 'zoo1');
    assert.equal(zoo1.image?.value, 'zookeeper:3.7.2');
    assert.equal(zoo1.image?.interpolated, 'default');
    assert.deepEqual(zoo1.image?.zkVersion, { major: 3, minor: 7, patch: 2 });
    assert.equal(zoo1.hostname?.value, 'zoo1');
    const myid = zoo1.environment.find((variable) => variable.name === 'ZOO_MY_ID');
    assert.deepEqual(
      { value: myid?.value, raw: myid?.raw, interpolated: myid?.interpolated },
      { value: '1', raw: '${ZK_ID:-1}', interpolated: 'default' },
    );
    assert.equal(zoo1.zookeeper?.myid?.value, 1);
    const servers = zoo1.zookeeper?.servers ?? [];
    assert.deepEqual(
      servers.map((server) => [server.value, textAt(text, server.range)]),
      [
        ['zoo1:2888:3888;2181', 'server.1=${HOST1:-zoo1}:2888:3888;2181'],
        ['zoo2:2888:3888;${PORT}', 'server.2=zoo2:2888:3888;$${PORT}'],
        ['${HOST3}:2888:3888;2181', 'server.3=${HOST3}:2888:3888;2181'],
      ],
    );
    assert.equal(zoo1.environment.find((variable) => variable.name === 'ZOO_SERVERS')?.interpolated, 'unresolved');
  });

  it('reads env_file entries through resolveFile, overridden by environment', () => {
    const envText = [
      '# the ensemble',
      'ZOO_MY_ID=9',
      'export ZOO_SERVERS="server.1=zoo1:2888:3888;2181 server.2=zoo2:2888:3888;2181',
      'server.3=zoo3:2888:3888;2181"',
      "ZOO_4LW_COMMANDS_WHITELIST='srvr, ruok' # quoted",
      'ZOO_TICK_TIME = 2500 # inline comment',
      'ZOO_INIT_LIMIT=${INIT:-7}',
      '',
    ].join('\n');
    const text = [
      'services:',
      '  zoo1:',
      '    image: zookeeper',
      '    env_file:',
      '      - ./conf/zoo.env',
      '      - path: ../missing.env',
      '        required: false',
      '    environment:',
      '      ZOO_MY_ID: 1',
      '',
    ].join('\n');
    const envPath = '/work/project/zk/conf/zoo.env';
    const zoo1 = service(read(text, { [envPath]: envText }), 'zoo1');
    assert.deepEqual(
      zoo1.envFiles.map((reference) => [reference.path, reference.resolved, reference.required, textAt(text, reference.range)]),
      [
        [envPath, true, true, './conf/zoo.env'],
        ['/work/project/missing.env', false, false, '../missing.env'],
      ],
    );
    const facts = zoo1.zookeeper;
    assert.equal(facts?.myid?.value, 1);
    assert.equal(facts?.myid?.path, '/work/project/zk/docker-compose.yml');
    const servers = facts?.servers ?? [];
    assert.equal(servers.length, 3);
    for (const server of servers) {
      assert.equal(server.path, envPath);
      assert.equal(textAt(envText, server.range), `server.${server.id}=zoo${server.id}:2888:3888;2181`);
    }
    const setting = (key: string) => facts?.settings.find((candidate) => candidate.key === key);
    assert.equal(setting('4lw.commands.whitelist')?.value, 'srvr, ruok');
    assert.equal(setting('tickTime')?.value, '2500');
    assert.equal(textAt(envText, setting('tickTime')?.range ?? assert.fail()), '2500');
    assert.equal(setting('initLimit')?.value, '7');
    const tickTime = zoo1.environment.find((variable) => variable.name === 'ZOO_TICK_TIME');
    assert.equal(tickTime && textAt(envText, tickTime.nameRange), 'ZOO_TICK_TIME');
  });

  it('reads short and long port syntax, ranges included', () => {
    const text = [
      'services:',
      '  zk:',
      '    image: zookeeper',
      '    ports:',
      '      - 2181',
      '      - "127.0.0.1:2888:2888/tcp"',
      '      - "[::1]:8080:8080"',
      '      - 3181-3183:4181-4183',
      '      - "7000-7010:7000"',
      '      - target: 3888',
      '        published: "13888"',
      '        host_ip: 0.0.0.0',
      '        protocol: udp',
      '      - "99999:1"',
      '      - "1:2/icmp"',
      '',
    ].join('\n');
    const file = read(text);
    const ports = service(file, 'zk').ports;
    assert.deepEqual(
      ports.map((port) => [port.hostIp, port.hostPort, port.containerPort, port.protocol, port.hostPortSpan]),
      [
        [undefined, undefined, 2181, 'tcp', undefined],
        ['127.0.0.1', 2888, 2888, 'tcp', undefined],
        ['::1', 8080, 8080, 'tcp', undefined],
        [undefined, 3181, 4181, 'tcp', undefined],
        [undefined, 3182, 4182, 'tcp', undefined],
        [undefined, 3183, 4183, 'tcp', undefined],
        [undefined, undefined, 7000, 'tcp', { first: 7000, last: 7010 }],
        ['0.0.0.0', 13888, 3888, 'udp', undefined],
      ],
    );
    assert.equal(textAt(text, ports[1].hostPortRange ?? assert.fail()), '2888');
    assert.equal(textAt(text, ports[7].hostPortRange ?? assert.fail()), '"13888"');
    assert.equal(textAt(text, ports[7].containerPortRange), '3888');
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]),
      [
        ['invalid-port', '99999'],
        ['invalid-port', 'icmp'],
      ],
    );
  });

  it('reads short and long volume syntax and finds config, myid and data mounts', () => {
    const text = [
      'services:',
      '  zk:',
      '    image: bitnami/zookeeper:3.9',
      '    volumes:',
      '      - type: bind',
      '        source: ../conf/zoo.cfg',
      '        target: /opt/bitnami/zookeeper/conf/zoo.cfg',
      '        read_only: true',
      '      - type: volume',
      '        source: zkdata',
      '        target: /bitnami/zookeeper',
      '      - ./myid:/bitnami/zookeeper/data/myid:ro,z',
      '      - /logs',
      '      - ~/backup:/backup',
      '      - relative-target:data',
      '    environment:',
      '      ZOO_SERVERS: zk1:2888:3888,zk2:2888:3888,zk3:2888:3888',
      '',
    ].join('\n');
    const file = read(text);
    const zk = service(file, 'zk');
    assert.deepEqual(
      zk.volumes.map((volume) => [volume.kind, volume.source, volume.target, volume.readOnly]),
      [
        ['bind', '/work/project/conf/zoo.cfg', '/opt/bitnami/zookeeper/conf/zoo.cfg', true],
        ['volume', 'zkdata', '/bitnami/zookeeper', false],
        ['bind', '/work/project/zk/myid', '/bitnami/zookeeper/data/myid', true],
        ['volume', undefined, '/logs', false],
        ['bind', undefined, '/backup', false],
      ],
    );
    assert.equal(textAt(text, zk.volumes[2].sourceRange ?? assert.fail()), './myid');
    const facts = zk.zookeeper;
    assert.equal(facts?.configFrom, 'mounted');
    assert.equal(facts?.mountedConfig?.matchesImagePath, true);
    assert.equal(facts?.mountedMyid?.hostPath, '/work/project/zk/myid');
    assert.equal(facts?.mountedMyid?.matchesImagePath, true);
    assert.deepEqual({ ...facts?.dataVolume, range: undefined }, { kind: 'volume', source: 'zkdata', containerPath: '/bitnami/zookeeper', range: undefined });
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]),
      [
        ['invalid-volume', 'data'],
        ['ignored-env', 'ZOO_SERVERS'],
      ],
    );
  });

  it('reads hostname, container_name and network aliases', () => {
    const text = [
      'services:',
      '  zoo1:',
      '    image: zookeeper',
      '    hostname: zk-one',
      '    container_name: zookeeper-1',
      '    networks:',
      '      backend:',
      '        aliases: [zoo1.internal, zk1]',
      '      frontend: {}',
      '',
    ].join('\n');
    const zoo1 = service(read(text), 'zoo1');
    assert.equal(zoo1.hostname?.value, 'zk-one');
    assert.equal(zoo1.containerName?.value, 'zookeeper-1');
    assert.deepEqual(zoo1.networkAliases.map((alias) => [alias.value, textAt(text, alias.range)]), [
      ['zoo1.internal', 'zoo1.internal'],
      ['zk1', 'zk1'],
    ]);
  });

  it('keeps environment names without values as taken from the shell', () => {
    const text = 'services:\n  zoo1:\n    image: zookeeper\n    environment:\n      - ZOO_MY_ID\n      - JVMFLAGS=-Xmx1g\n';
    const zoo1 = service(read(text), 'zoo1');
    const myid = zoo1.environment.find((variable) => variable.name === 'ZOO_MY_ID');
    assert.equal(myid?.value, undefined);
    assert.equal(zoo1.zookeeper?.myid?.value, undefined);
    assert.equal(zoo1.zookeeper?.myid?.isDefault, false);
    const jvm = zoo1.environment.find((variable) => variable.name === 'JVMFLAGS');
    assert.equal(jvm && textAt(text, jvm.valueRange), '-Xmx1g');
    assert.equal(jvm && textAt(text, jvm.nameRange), 'JVMFLAGS');
  });
});
