'use strict';
/**
 * Writes a synthetic workspace of N ZooKeeper ensembles (3-5 nodes each) below `root`, in five styles:
 *   folders       ens-i/nodeK/zoo.cfg + myid (plain JVMs, one machine per node)
 *   official      one docker-compose.yml, image zookeeper:3.8, ZOO_MY_ID / ZOO_SERVERS
 *   bitnami       one docker-compose.yml, image bitnami/zookeeper:3.8, ZOO_SERVER_ID / ZOO_SERVERS
 *   confluent     one docker-compose.yml, image confluentinc/cp-zookeeper:7.6.1, ZOOKEEPER_SERVER_ID / ZOOKEEPER_SERVERS
 *   wurstmeister  one folder per node with docker-compose.yml mounting its zoo.cfg and myid (the seed's layout)
 * About one ensemble in eight gets a planted mistake (server-line mismatch, duplicate myid, unknown key,
 * mismatched tickTime). Host names are unique per ensemble so that ensembles never merge.
 * Optionally adds `unrelated` files (.txt/.json/.md, 20 a folder, three levels deep), which the server must walk past.
 * Deterministic for a given seed. Returns the candidate files written and the file the edit loop edits.
 */
const fs = require('node:fs');
const path = require('node:path');

const STYLES = ['folders', 'official', 'bitnami', 'confluent', 'wurstmeister'];
const MISTAKES = ['server-mismatch', 'myid-duplicate', 'unknown-key', 'setting-mismatch'];

function prng(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x100000000;
  };
}

function generateWorkspace(root, { ensembles, unrelated = 0, seed = 42 }) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const candidates = [];
  const write = (relative, text, candidate = true) => {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    if (candidate) candidates.push(file);
  };
  let editTarget;
  // The edit loop's file: a clean folder-style ensemble near the middle.
  const editIndex = Math.floor(ensembles / 2);

  for (let i = 0; i < ensembles; i++) {
    const name = `ens-${String(i).padStart(4, '0')}`;
    const style = i === editIndex ? 'folders' : STYLES[i % STYLES.length];
    const size = i === editIndex ? 3 : 3 + Math.floor(random() * 3);
    const mistake = i !== editIndex && random() < 0.125 ? pick(MISTAKES) : undefined;
    const folder = `${pick(['prod', 'staging', 'dev', 'team-a/clusters', 'team-b/infra/zk'])}/${name}`;
    const ids = Array.from({ length: size }, (_, k) => k + 1);
    const written = writers[style](write, folder, i, ids, mistake);
    if (i === editIndex) editTarget = written;
  }

  // 20 files a folder, three levels deep (docs/area-N/part-N/section-N): 500 folders for 10,000 files.
  for (let j = 0; j < unrelated; j++) {
    const folder = Math.floor(j / 20);
    const dir = `docs/area-${Math.floor(folder / 50)}/part-${Math.floor(folder / 5) % 10}/section-${folder % 5}`;
    const ext = ['txt', 'json', 'md'][j % 3];
    const body = ext === 'json' ? JSON.stringify({ id: j, note: 'unrelated file', tags: ['a', 'b'] }) + '\n' : `Unrelated file ${j}\n\nNothing to do with ZooKeeper.\n`;
    write(`${dir}/file-${j}.${ext}`, body, false);
  }
  return { candidates: candidates.sort(), editTarget };
}

function host(i, k) {
  return `zk${k}.e${i}.example.internal`;
}

const writers = {
  folders(write, folder, i, ids, mistake) {
    let target;
    for (const k of ids) {
      const servers = ids.map((id) => `server.${id}=${mistake === 'server-mismatch' && k === 1 && id === 2 ? host(i, 9) : host(i, id)}:2888:3888;2181`);
      const lines = [
        '# generated for the zk-ensemble benchmark',
        `tickTime=${mistake === 'setting-mismatch' && k === 2 ? 3000 : 2000}`,
        'initLimit=10',
        'syncLimit=5',
        'dataDir=/var/lib/zookeeper',
        'clientPort=2181',
        'autopurge.snapRetainCount=3',
        'autopurge.purgeInterval=1',
        ...(mistake === 'unknown-key' && k === 1 ? ['initlimit=10'] : []),
        ...servers,
      ];
      const cfg = `${folder}/node${k}/zoo.cfg`;
      write(cfg, lines.join('\n') + '\n');
      write(`${folder}/node${k}/myid`, `${mistake === 'myid-duplicate' && k === 2 ? 1 : k}\n`);
      if (k === 1) target = { path: cfg, serverLine: lines.indexOf(servers[1]), serverText: servers[1], brokenText: `server.2=${host(i, 9)}:2888:3888;2181` };
    }
    return target;
  },

  official(write, folder, i, ids, mistake) {
    const services = ids.map((k) => {
      const list = ids.map((id) => `server.${id}=e${i}-zoo${id}:2888:3888;2181`);
      if (mistake === 'server-mismatch' && k === 1) list[1] = `server.2=e${i}-zoo9:2888:3888;2181`;
      const env = [`      ZOO_MY_ID: ${mistake === 'myid-duplicate' && k === 2 ? 1 : k}`, `      ZOO_SERVERS: ${list.join(' ')}`];
      if (mistake === 'setting-mismatch' && k === 2) env.push('      ZOO_TICK_TIME: 3000');
      if (mistake === 'unknown-key' && k === 1) env.push('      ZOO_CFG_EXTRA: "initlimit=10"');
      return [`  e${i}-zoo${k}:`, '    image: zookeeper:3.8', `    hostname: e${i}-zoo${k}`, '    ports:', `      - "${2180 + k}:2181"`, '    environment:', ...env].join('\n');
    });
    write(`${folder}/docker-compose.yml`, `services:\n${services.join('\n')}\n`);
  },

  bitnami(write, folder, i, ids, mistake) {
    const services = ids.map((k) => {
      const list = ids.map((id) => `e${i}-zoo${id}:2888:3888`);
      if (mistake === 'server-mismatch' && k === 1) list[1] = `e${i}-zoo9:2888:3888`;
      const env = [
        `      - ZOO_SERVER_ID=${mistake === 'myid-duplicate' && k === 2 ? 1 : k}`,
        `      - ZOO_SERVERS=${list.join(',')}`,
        '      - ALLOW_ANONYMOUS_LOGIN=yes',
        '      - ZOO_LISTEN_ALLIPS_ENABLED=yes',
      ];
      if (mistake === 'setting-mismatch' && k === 2) env.push('      - ZOO_TICK_TIME=3000');
      return [`  e${i}-zoo${k}:`, '    image: bitnami/zookeeper:3.8', `    hostname: e${i}-zoo${k}`, '    ports:', `      - "${2180 + k}:2181"`, '    environment:', ...env].join('\n');
    });
    write(`${folder}/docker-compose.yml`, `services:\n${services.join('\n')}\n`);
  },

  confluent(write, folder, i, ids, mistake) {
    const services = ids.map((k) => {
      const list = ids.map((id) => `e${i}-zoo${id}:2888:3888`);
      if (mistake === 'server-mismatch' && k === 1) list[1] = `e${i}-zoo9:2888:3888`;
      const env = [
        `      ZOOKEEPER_SERVER_ID: ${mistake === 'myid-duplicate' && k === 2 ? 1 : k}`,
        `      ZOOKEEPER_SERVERS: ${list.join(';')}`,
        '      ZOOKEEPER_CLIENT_PORT: 2181',
        `      ZOOKEEPER_TICK_TIME: ${mistake === 'setting-mismatch' && k === 2 ? 3000 : 2000}`,
      ];
      return [`  e${i}-zoo${k}:`, '    image: confluentinc/cp-zookeeper:7.6.1', `    hostname: e${i}-zoo${k}`, '    ports:', `      - "${2180 + k}:2181"`, '    environment:', ...env].join('\n');
    });
    write(`${folder}/docker-compose.yml`, `services:\n${services.join('\n')}\n`);
  },

  wurstmeister(write, folder, i, ids, mistake) {
    for (const k of ids) {
      const servers = ids.map((id) => `server.${id}=${mistake === 'server-mismatch' && k === 1 && id === 2 ? `10.${i >> 8}.${i & 255}.99` : `10.${i >> 8}.${i & 255}.${id}`}:2888:3888`);
      const cfg = [
        `tickTime=${mistake === 'setting-mismatch' && k === 2 ? 3000 : 2000}`,
        'initLimit=10',
        'syncLimit=5',
        'dataDir=/opt/zookeeper-3.4.13/data',
        'dataLogDir=/opt/zookeeper-3.4.13/logs',
        'clientPort=2181',
        ...(mistake === 'unknown-key' && k === 1 ? ['initlimit=10'] : []),
        ...servers,
      ];
      write(`${folder}/node${k}/zoo.cfg`, cfg.join('\n') + '\n');
      write(`${folder}/node${k}/myid`, `${mistake === 'myid-duplicate' && k === 2 ? 1 : k}\n`);
      const compose = [
        "version: '2'",
        'services:',
        '  zookeeper:',
        '    image: wurstmeister/zookeeper',
        '    volumes:',
        '      - ./zoo.cfg:/opt/zookeeper-3.4.13/conf/zoo.cfg',
        '      - ./data:/opt/zookeeper-3.4.13/data',
        '      - ./logs:/opt/zookeeper-3.4.13/logs',
        '      - ./myid:/opt/zookeeper-3.4.13/data/myid',
        '    ports:',
        '      - "2181:2181"',
        '      - "2888:2888"',
        '      - "3888:3888"',
        '    restart: always',
      ];
      write(`${folder}/node${k}/docker-compose.yml`, compose.join('\n') + '\n');
    }
  },
};

module.exports = { generateWorkspace };

if (require.main === module) {
  const [root, count = '10', unrelated = '0'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node bench/generate.js <folder> [ensembles] [unrelated files]');
    process.exit(2);
  }
  const result = generateWorkspace(path.resolve(root), { ensembles: Number(count), unrelated: Number(unrelated) });
  console.log(`${result.candidates.length} candidate files; edit target ${result.editTarget.path}`);
}
