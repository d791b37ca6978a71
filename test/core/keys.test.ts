import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  completableKeys,
  isDynamicMemberKey,
  KEYS,
  lookupKey,
  suggestKey,
  type KeyInfo,
  type KeyLookup,
} from '../../server/src/core/keys';
import { parseZkVersion, zkVersion } from '../../server/src/core/version';

/** What a lookup says in one comparable line: kind plus the entry or replacement it points at. */
function describeLookup(found: KeyLookup): string {
  switch (found.kind) {
    case 'known':
    case 'not-in-version':
      return `${found.kind} ${found.info.key}`;
    case 'ineffective':
      return `ineffective${found.ineffective.replacement ? ` -> ${found.ineffective.replacement}` : ''}`;
    case 'prefixed':
      return `prefixed -> ${found.withoutPrefix}`;
    case 'unknown':
      return 'unknown';
  }
}

describe('lookupKey', () => {
  const cases: ReadonlyArray<readonly [key: string, version: string, expected: string]> = [
    ['tickTime', '3.4', 'known tickTime'],
    ['tickTime', '3.9', 'known tickTime'],
    ['ticktime', '3.8', 'unknown'],
    ['tickTim', '3.8', 'unknown'],
    ['dataDir', '3.4.14', 'known dataDir'],
    ['initLimit', '3.5', 'known initLimit'],
    ['admin.serverPort', '3.4', 'not-in-version admin.serverPort'],
    ['admin.serverPort', '3.5', 'known admin.serverPort'],
    ['admin.forceHttps', '3.7.0', 'not-in-version admin.forceHttps'],
    ['admin.forceHttps', '3.7.1', 'known admin.forceHttps'],
    ['observerMasterPort', '3.5', 'not-in-version observerMasterPort'],
    ['observerMasterPort', '3.6', 'known observerMasterPort'],
    ['clientPortListenBacklog', '3.5.10', 'not-in-version clientPortListenBacklog'],
    ['reconfigEnabled', '3.5.2', 'not-in-version reconfigEnabled'],
    ['reconfigEnabled', '3.5.3', 'known reconfigEnabled'],
    ['standaloneEnabled', '3.4', 'not-in-version standaloneEnabled'],
    ['dynamicConfigFile', '3.4', 'not-in-version dynamicConfigFile'],
    ['oraclePath', '3.7', 'not-in-version oraclePath'],
    ['oraclePath', '3.8', 'known oraclePath'],
    ['4lw.commands.whitelist', '3.4.9', 'not-in-version 4lw.commands.whitelist'],
    ['4lw.commands.whitelist', '3.4.10', 'known 4lw.commands.whitelist'],
    ['ipReachableTimeout', '3.4.14', 'known ipReachableTimeout'],
    ['ipReachableTimeout', '3.5', 'not-in-version ipReachableTimeout'],
    ['ssl.quorum.keyStore.location', '3.5.5', 'known ssl.quorum.keyStore.location'],
    ['ssl.keyStore.passwordPath', '3.7', 'not-in-version ssl.keyStore.passwordPath'],
    ['ssl.allowReverseDnsLookup', '3.9.5', 'known ssl.allowReverseDnsLookup'],
    ['forceSync', '3.4', 'known forceSync'],
    ['connection_throttle_tokens', '3.6', 'known connection_throttle_tokens'],
    ['leader.maxConcurrentSnapSyncs', '3.8', 'known leader.maxConcurrentSnapSyncs'],
    ['nio.numWorkerThreads', '3.8', 'known nio.numWorkerThreads'],
    ['multiAddress.enabled', '3.6', 'known multiAddress.enabled'],
    ['server.1', '3.8', 'known server.N'],
    ['server.0', '3.4', 'known server.N'],
    ['server.-1', '3.8', 'known server.N'],
    ['server.x', '3.8', 'unknown'],
    ['server.1.x', '3.8', 'unknown'],
    ['server.99999999999999999999', '3.8', 'unknown'],
    ['group.1', '3.5', 'known group.N'],
    ['weight.3', '3.5', 'known weight.N'],
    ['groupFoo', '3.8', 'unknown'],
    ['authProvider.1', '3.4', 'known authProvider.N'],
    ['authProvider.sasl', '3.8', 'known authProvider.N'],
    ['metricsProvider.httpPort', '3.8', 'known metricsProvider.httpPort'],
    ['metricsProvider.httpHost', '3.7', 'not-in-version metricsProvider.httpHost'],
    ['metricsProvider.customSetting', '3.8', 'known metricsProvider.*'],
    ['metricsProvider.className', '3.5', 'not-in-version metricsProvider.className'],
    ['connectionMaxTokens', '3.8', 'ineffective -> connection_throttle_tokens'],
    ['requestThrottleLimit', '3.8', 'ineffective -> request_throttle_max_requests'],
    ['maxConcurrentSnapSyncs', '3.8', 'ineffective -> leader.maxConcurrentSnapSyncs'],
    ['advancedFlowControlEnabled', '3.8', 'ineffective -> netty.advancedFlowControl.enabled'],
    ['throttledOpWaitTime', '3.6', 'ineffective -> throttled_op_wait_time'],
    ['jute.maxbuffer', '3.8', 'ineffective'],
    ['readonlymode.enabled', '3.4', 'ineffective'],
    ['znode.container.maxPerMinute', '3.8', 'ineffective'],
    ['java.security.auth.login.config', '3.8', 'ineffective'],
    ['zookeeper.superUser', '3.8', 'prefixed -> superUser'],
    ['zookeeper.nio.numWorkerThreads', '3.8', 'prefixed -> nio.numWorkerThreads'],
    ['zookeeper.noSuchThing', '3.8', 'prefixed -> noSuchThing'],
    ['zookeeper.', '3.8', 'unknown'],
    ['fooBar', '3.8', 'unknown'],
  ];
  for (const [key, version, expected] of cases) {
    it(`${key} on ${version} is ${expected}`, () => {
      assert.equal(describeLookup(lookupKey(key, zkVersion(version))), expected);
    });
  }

  it('explains every ineffective key and names working replacements that are themselves known', () => {
    for (const key of ['connectionMaxTokens', 'connectionDecreaseRatio', 'requestStaleConnectionCheck', 'maxConcurrentDiffSyncs', 'maxTimeToWaitForEpoch', 'outstandingHandshake.limit', 'jute.maxbuffer']) {
      const found = lookupKey(key, zkVersion('3.9'));
      assert.equal(found.kind, 'ineffective', key);
      if (found.kind !== 'ineffective') continue;
      assert.match(found.ineffective.reason, /\S.*\.$/, key);
      assert.match(found.ineffective.reference, /^§/, key);
      if (found.ineffective.replacement) assert.equal(lookupKey(found.ineffective.replacement, zkVersion('3.9')).kind, 'known', key);
    }
  });
});

describe('suggestKey', () => {
  const cases: ReadonlyArray<readonly [typed: string, version: string, expected: string | undefined]> = [
    ['tickTim', '3.8', 'tickTime'],
    ['ticktime', '3.8', 'tickTime'],
    ['initlimit', '3.8', 'initLimit'],
    ['synclimit', '3.8', 'syncLimit'],
    ['clientport', '3.8', 'clientPort'],
    ['datadir', '3.8', 'dataDir'],
    ['dataDri', '3.8', 'dataDir'],
    ['initLimti', '3.4', 'initLimit'],
    ['admin.serverport', '3.8', 'admin.serverPort'],
    ['fooBar', '3.8', undefined],
    ['snapCnt', '3.8', 'snapCount'],
    ['abc', '3.8', undefined],
    // Keys of other versions are not suggested: 3.4 has no standaloneEnabled.
    ['standaloneenabled', '3.4', undefined],
    ['standaloneenabled', '3.5', 'standaloneEnabled'],
  ];
  for (const [typed, version, expected] of cases) {
    it(`${typed} on ${version} suggests ${expected ?? 'nothing'}`, () => {
      assert.equal(suggestKey(typed, zkVersion(version)), expected);
    });
  }
});

describe('isDynamicMemberKey', () => {
  const cases: ReadonlyArray<readonly [key: string, expected: boolean]> = [
    ['server.1', true],
    ['server.x', true],
    ['group.1', true],
    ['groupFoo', true],
    ['weight.2', true],
    ['weights', true],
    ['server', false],
    ['servers.1', false],
    ['tickTime', false],
    ['metricsProvider.httpPort', false],
  ];
  for (const [key, expected] of cases) {
    it(`${key} -> ${expected}`, () => assert.equal(isDynamicMemberKey(key), expected));
  }
});

describe('completableKeys', () => {
  it('offers only keys of the version and no family placeholders', () => {
    const on34 = completableKeys(zkVersion('3.4.14')).map((info) => info.key);
    const on39 = completableKeys(zkVersion('3.9')).map((info) => info.key);
    assert.ok(on34.includes('tickTime') && on34.includes('ipReachableTimeout'));
    assert.ok(!on34.includes('admin.serverPort') && !on34.includes('standaloneEnabled'));
    assert.ok(on39.includes('admin.serverPort') && !on39.includes('ipReachableTimeout'));
    for (const placeholder of ['server.N', 'group.N', 'weight.N', 'authProvider.N', 'metricsProvider.*']) {
      assert.ok(!on39.includes(placeholder), placeholder);
    }
  });
});

/** Whether `text` is a value ZooKeeper accepts for this key's type (the data check, not the rule). */
function isValidDefault(info: KeyInfo, text: string): boolean {
  switch (info.type) {
    case 'int':
    case 'long':
    case 'port':
      return /^-?\d+$/.test(text) && Number(text) >= (info.min ?? -Infinity) && Number(text) <= (info.max ?? Infinity);
    case 'boolean':
      return info.booleanStyle === 'yes-no' ? text === 'yes' || text === 'no' : text === 'true' || text === 'false';
    case 'enum':
      return info.values?.includes(text) ?? false;
    default:
      return text.trim() === text && text !== '';
  }
}

describe('KEYS table', () => {
  it('has no duplicate keys', () => {
    const seen = new Set<string>();
    for (const info of KEYS) {
      assert.ok(!seen.has(info.key), `duplicate ${info.key}`);
      seen.add(info.key);
    }
  });

  for (const info of KEYS) {
    it(`${info.key} is well formed`, () => {
      assert.ok(info.summary.trim().length > 0 && !info.summary.includes('\n'), 'one-line summary');
      assert.match(info.reference, /^§\d/);
      assert.match(info.since, /^3\.\d+\.\d+$/);
      assert.ok(parseZkVersion(info.since));
      if (info.until !== undefined) assert.match(info.until, /^3\.\d+$/);
      if (info.min !== undefined && info.max !== undefined) assert.ok(info.min <= info.max, 'min <= max');
      if (info.type === 'port') assert.deepEqual([info.min, info.max], [0, 65535]);
      if (info.type === 'int') assert.ok(info.min !== undefined && info.max !== undefined, 'int keys carry bounds');
      if (info.type === 'enum') assert.ok((info.values?.length ?? 0) > 0, 'enum values');
      if (info.type !== 'enum') assert.equal(info.values, undefined);
      if (info.booleanStyle !== undefined) assert.equal(info.type, 'boolean');
      if (info.defaultValue !== undefined && info.key !== 'dataLogDir') {
        assert.ok(isValidDefault(info, info.defaultValue), `default ${info.defaultValue}`);
      }
    });
  }

  it('marks the required keys as the rule book does', () => {
    const required = KEYS.filter((info) => info.required).map((info) => `${info.key}:${info.required}`);
    assert.deepEqual(required.sort(), ['clientPort:v3.4', 'dataDir:always', 'initLimit:distributed', 'syncLimit:distributed']);
  });

  it('records the parsing styles and defaults the rule book gives', () => {
    const byKey = new Map(KEYS.map((info) => [info.key, info]));
    const expectations: ReadonlyArray<readonly [key: string, field: keyof KeyInfo, value: unknown]> = [
      ['tickTime', 'defaultValue', '3000'],
      ['tickTime', 'min', 1],
      ['admin.serverPort', 'defaultValue', '8080'],
      ['metricsProvider.httpPort', 'defaultValue', '7000'],
      ['standaloneEnabled', 'booleanStyle', 'strict'],
      ['reconfigEnabled', 'booleanStyle', 'strict'],
      ['quorumListenOnAllIPs', 'booleanStyle', 'strict-3.7'],
      ['forceSync', 'booleanStyle', 'yes-no'],
      ['skipACL', 'booleanStyle', 'yes-no'],
      ['leaderServes', 'booleanStyle', 'yes-no'],
      ['digest.enabled', 'booleanStyle', 'java'],
      ['electionAlg', 'values', ['0', '1', '2', '3']],
      ['peerType', 'values', ['observer', 'participant']],
      ['ssl.clientAuth', 'values', ['none', 'want', 'need']],
      ['ssl.quorum.clientAuth', 'values', ['none', 'want', 'need']],
      ['dataDir', 'source', 'quorum-config'],
      ['snapCount', 'source', 'system-property'],
    ];
    for (const [key, field, value] of expectations) {
      assert.deepEqual(byKey.get(key)?.[field], value, `${key}.${field}`);
    }
    assert.match(byKey.get('multiAddress.enabled')?.summary ?? '', /-Dzookeeper\.multiAddress\.enabled=true/);
  });
});
