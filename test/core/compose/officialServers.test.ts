import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { read, service, textAt } from './support';

const SERVERS = ['server.1=zoo1:2888:3888;2181', 'server.2=zoo2:2888:3888;2181', 'server.3=zoo3:2888:3888;2181'];
const INDENT = '        ';

/** The ways people write ZOO_SERVERS; each renders the `environment:` block of node `id`. */
const FORMS: Record<string, (id: number) => string> = {
  'plain, space-separated': (id) => `      ZOO_MY_ID: ${id}\n      ZOO_SERVERS: ${SERVERS.join(' ')}\n`,
  'plain over several lines': (id) => `      ZOO_MY_ID: ${id}\n      ZOO_SERVERS: ${SERVERS.join(`\n${INDENT}`)}\n`,
  'literal block': (id) => `      ZOO_MY_ID: ${id}\n      ZOO_SERVERS: |\n${SERVERS.map((s) => INDENT + s).join('\n')}\n`,
  'literal block, keep, blank lines': (id) =>
    `      ZOO_SERVERS: |+\n\n${INDENT}${SERVERS[0]}\n\n${INDENT}${SERVERS[1]}\n${INDENT}${SERVERS[2]}\n\n      ZOO_MY_ID: ${id}\n`,
  'literal block, indentation indicator': (id) =>
    `      ZOO_MY_ID: ${id}\n      ZOO_SERVERS: |2\n${SERVERS.map((s) => `${INDENT}${s}`).join('\n')}\n`,
  'folded block, stripped': (id) => `      ZOO_MY_ID: ${id}\n      ZOO_SERVERS: >-\n${SERVERS.map((s) => INDENT + s).join('\n')}\n`,
  'double-quoted with escapes': (id) =>
    `      ZOO_MY_ID: "${id}"\n      ZOO_SERVERS: "${SERVERS[0]}\\t${SERVERS[1]}\\n\\\n${INDENT}${SERVERS[2]}"\n`,
  'single-quoted over lines': (id) =>
    `      ZOO_MY_ID: '${id}'\n      ZOO_SERVERS: '${SERVERS[0]}\n${INDENT}${SERVERS[1]}\n\n${INDENT}${SERVERS[2]}'\n`,
  'list form': (id) => `      - ZOO_MY_ID=${id}\n      - ZOO_SERVERS=${SERVERS.join(' ')}\n`,
  'list form, quoted': (id) => `      - "ZOO_MY_ID=${id}"\n      - "ZOO_SERVERS=${SERVERS.join('  ')}"\n`,
  'list form, literal block': (id) =>
    `      - ZOO_MY_ID=${id}\n      - |\n        ZOO_SERVERS=${SERVERS[0]}\n${SERVERS.slice(1).map((s) => INDENT + s).join('\n')}\n`,
};

function ensemble(environment: (id: number) => string, lineBreak = '\n'): string {
  const text = [1, 2, 3]
    .map(
      (id) =>
        `  zoo${id}:\n    image: zookeeper:3.8.4\n    hostname: zoo${id}\n    ports:\n      - "${2180 + id}:2181"\n` +
        `    environment:\n${environment(id)}`,
    )
    .join('');
  return `services:\n${text}`.replace(/\n/g, lineBreak);
}

describe('official image: ZOO_SERVERS entries and their exact ranges', () => {
  for (const [form, environment] of Object.entries(FORMS)) {
    for (const [lineBreakName, lineBreak] of [
      ['LF', '\n'],
      ['CRLF', '\r\n'],
    ]) {
      it(`${form} (${lineBreakName})`, () => {
        const text = ensemble(environment, lineBreak);
        const file = read(text);
        assert.deepEqual(file.problems, []);
        for (const id of [1, 2, 3]) {
          const zoo = service(file, `zoo${id}`);
          const facts = zoo.zookeeper;
          assert.ok(facts, 'a ZooKeeper node');
          assert.equal(facts.family, 'official');
          assert.deepEqual(facts.version, { major: 3, minor: 8, patch: 4 });
          assert.equal(facts.configFrom, 'environment');
          assert.equal(facts.myid?.value, id);
          assert.equal(facts.myid?.source, 'ZOO_MY_ID');
          assert.equal(facts.myid?.range && textAt(text, facts.myid.range).replace(/['"]/g, ''), String(id));
          const servers = facts.servers ?? [];
          assert.deepEqual(
            servers.map((server) => [server.id, server.value]),
            SERVERS.map((line, index) => [index + 1, line.slice('server.N='.length)]),
          );
          servers.forEach((server, index) => {
            assert.equal(textAt(text, server.range), SERVERS[index]);
            assert.equal(server.idRange && textAt(text, server.idRange), String(index + 1));
            assert.equal(server.path, file.path);
          });
          assert.equal(zoo.hostname?.value, `zoo${id}`);
          assert.deepEqual(
            zoo.ports.map((port) => [port.hostPort, port.containerPort]),
            [[2180 + id, 2181]],
          );
        }
      });
    }
  }

  it('adds the image defaults, unmarked by a range, and takes written settings with theirs', () => {
    const text = 'services:\n  zk:\n    image: zookeeper:3.9\n    environment:\n      ZOO_INIT_LIMIT: 10\n      ZOO_CFG_EXTRA: "metricsProvider.httpPort=7001 server.4=zoo4:2888:3888;2181"\n';
    const facts = service(read(text), 'zk').zookeeper;
    const setting = (key: string) => facts?.settings.find((candidate) => candidate.key === key);
    assert.deepEqual(setting('tickTime'), { key: 'tickTime', value: '2000', isDefault: true });
    assert.deepEqual(setting('syncLimit'), { key: 'syncLimit', value: '2', isDefault: true });
    assert.equal(setting('initLimit')?.value, '10');
    assert.equal(setting('initLimit')?.isDefault, false);
    assert.equal(textAt(text, setting('initLimit')?.range ?? assert.fail()), '10');
    assert.equal(setting('metricsProvider.httpPort')?.value, '7001');
    assert.equal(textAt(text, setting('metricsProvider.httpPort')?.range ?? assert.fail()), 'metricsProvider.httpPort=7001');
    assert.deepEqual(facts?.servers?.map((server) => server.id), [4]);
    assert.equal(facts?.myid?.isDefault, true);
    assert.equal(facts?.myid?.value, 1);
  });

  it('flags ZOO_PORT and other images\' variable names as ignored', () => {
    const text = 'services:\n  zk:\n    image: zookeeper\n    environment:\n      ZOO_PORT: 2182\n      ZOO_SERVER_ID: 2\n';
    const file = read(text);
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]),
      [
        ['ignored-env', 'ZOO_PORT'],
        ['ignored-env', 'ZOO_SERVER_ID'],
      ],
    );
  });

  it('reports a word of ZOO_SERVERS that is no zoo.cfg line, and a non-numeric id', () => {
    const text = 'services:\n  zk:\n    image: zookeeper\n    environment:\n      ZOO_SERVERS: zoo1:2888:3888 server.x=zoo2:2888:3888;2181\n';
    const file = read(text);
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]),
      [
        ['invalid-server', 'zoo1:2888:3888'],
        ['invalid-server', 'x'],
      ],
    );
  });

  it('treats a 3.4 image as writing clientPort=2181 and ignoring 3.5-only variables', () => {
    const text = 'services:\n  zk:\n    image: zookeeper:3.4.14\n    environment:\n      ZOO_STANDALONE_ENABLED: "false"\n';
    const file = read(text);
    const facts = service(file, 'zk').zookeeper;
    assert.equal(facts?.settings.find((setting) => setting.key === 'clientPort')?.value, '2181');
    assert.equal(facts?.settings.find((setting) => setting.key === 'standaloneEnabled'), undefined);
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]),
      [['ignored-env', 'ZOO_STANDALONE_ENABLED']],
    );
  });

  it('uses a zoo.cfg mounted at /conf and ignores the variables that would have generated one', () => {
    const text =
      'services:\n  zk:\n    image: zookeeper:3.9\n    volumes:\n      - ./zoo.cfg:/conf/zoo.cfg:ro\n' +
      '    environment:\n      ZOO_MY_ID: 3\n      ZOO_SERVERS: server.1=a:1:2;2181\n      ZOO_TICK_TIME: 3000\n';
    const file = read(text);
    const facts = service(file, 'zk').zookeeper;
    assert.equal(facts?.configFrom, 'mounted');
    assert.deepEqual(facts?.mountedConfig, {
      hostPath: '/work/project/zk/zoo.cfg',
      containerPath: '/conf/zoo.cfg',
      range: facts?.mountedConfig?.range,
      matchesImagePath: true,
    });
    assert.equal(facts?.servers, undefined);
    assert.deepEqual(facts?.settings, []);
    assert.equal(facts?.myid?.value, 3);
    assert.deepEqual(
      file.problems.map((problem) => [problem.kind, textAt(text, problem.range)]).sort(),
      [
        ['ignored-env', 'ZOO_SERVERS'],
        ['ignored-env', 'ZOO_TICK_TIME'],
      ],
    );
  });

  it('finds a zoo.cfg in a folder mounted on /conf only when the workspace has it', () => {
    const text = 'services:\n  zk:\n    image: zookeeper:3.9\n    volumes:\n      - ./conf:/conf\n';
    assert.equal(service(read(text), 'zk').zookeeper?.mountedConfig, undefined);
    const withFile = service(read(text, { '/work/project/zk/conf/zoo.cfg': 'tickTime=2000\n' }), 'zk').zookeeper;
    assert.equal(withFile?.mountedConfig?.hostPath, '/work/project/zk/conf/zoo.cfg');
    assert.equal(withFile?.configFrom, 'mounted');
  });
});
