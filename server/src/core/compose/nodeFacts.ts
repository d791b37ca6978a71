import { basename, dirname, isInside, join } from '../paths';
import type { Range } from '../text';
import { atLeast, formatVersion, ZkVersion } from '../version';
import type { ImageReference } from './image';
import type {
  ComposeMyid,
  ComposeNodeFacts,
  ComposeProblem,
  ComposeServerEntry,
  ComposeSetting,
  DataVolume,
  EnvVar,
  MountedFile,
  MyidSource,
  VolumeMount,
} from './model';
import {
  ConfigLine,
  ProblemSink,
  readBitnamiServers,
  readConfluentServers,
  readOfficialLines,
} from './serverLists';
import type { SourcedText } from './sourcedText';

/** A service variable with its interpolated value still mapped to the source (absent for shell pass-through). */
export interface EnvBinding {
  readonly variable: EnvVar;
  readonly text?: SourcedText;
}

export type ServiceEnvironment = ReadonlyMap<string, EnvBinding>;

/** A variable the image turns into a zoo.cfg line. */
interface EnvSetting {
  readonly env: string;
  readonly key: string;
  /** The image's value when the variable is unset. */
  readonly fallback?: string;
  /** Bitnami writes `true` for yes/true/1 and `false` for anything else. */
  readonly yesNo?: boolean;
  /** The first image version that reads the variable. */
  readonly since?: string;
}

interface GeneratedConfig {
  readonly servers?: readonly ComposeServerEntry[];
  readonly settings: readonly ComposeSetting[];
}

/** How one image family turns environment and mounts into a ZooKeeper node (rule book §4). */
interface ImageProfile {
  configPath(environment: ServiceEnvironment, version: ZkVersion | undefined): string | undefined;
  dataDir(environment: ServiceEnvironment, version: ZkVersion | undefined): string | undefined;
  readonly myidVariable?: MyidSource;
  readonly myidDefault?: string;
  /** Where the config comes from when none is mounted. */
  readonly unmountedConfig: 'environment' | 'image-default';
  /**
   * Whether the image uses a config file mounted at its config path (skipping generation and ignoring the
   * variables); cp-zookeeper renders its file from the environment at every start.
   */
  readonly readsMountedConfig: boolean;
  /** Variables users set on this image by mistake (another image's name for them), with the reason. */
  readonly misnamed: Readonly<Record<string, string>>;
  generate(environment: ServiceEnvironment, version: ZkVersion | undefined, report: ProblemSink): GeneratedConfig;
  /** Variables without which the container exits. */
  checkRequired?(input: NodeInput, report: ProblemSink): void;
}

const OFFICIAL_SETTINGS: readonly EnvSetting[] = [
  { env: 'ZOO_DATA_DIR', key: 'dataDir', fallback: '/data' },
  { env: 'ZOO_DATA_LOG_DIR', key: 'dataLogDir', fallback: '/datalog' },
  { env: 'ZOO_TICK_TIME', key: 'tickTime', fallback: '2000' },
  { env: 'ZOO_INIT_LIMIT', key: 'initLimit', fallback: '5' },
  { env: 'ZOO_SYNC_LIMIT', key: 'syncLimit', fallback: '2' },
  { env: 'ZOO_AUTOPURGE_SNAPRETAINCOUNT', key: 'autopurge.snapRetainCount', fallback: '3' },
  { env: 'ZOO_AUTOPURGE_PURGEINTERVAL', key: 'autopurge.purgeInterval', fallback: '0' },
  { env: 'ZOO_MAX_CLIENT_CNXNS', key: 'maxClientCnxns', fallback: '60' },
  { env: 'ZOO_STANDALONE_ENABLED', key: 'standaloneEnabled', fallback: 'true', since: '3.5' },
  { env: 'ZOO_ADMINSERVER_ENABLED', key: 'admin.enableServer', fallback: 'true', since: '3.5' },
  { env: 'ZOO_4LW_COMMANDS_WHITELIST', key: '4lw.commands.whitelist', since: '3.5' },
];

const BITNAMI_SETTINGS: readonly EnvSetting[] = [
  { env: 'ZOO_TICK_TIME', key: 'tickTime', fallback: '2000' },
  { env: 'ZOO_INIT_LIMIT', key: 'initLimit', fallback: '10' },
  { env: 'ZOO_SYNC_LIMIT', key: 'syncLimit', fallback: '5' },
  { env: 'ZOO_PRE_ALLOC_SIZE', key: 'preAllocSize', fallback: '65536' },
  { env: 'ZOO_SNAPCOUNT', key: 'snapCount', fallback: '100000' },
  { env: 'ZOO_DATA_LOG_DIR', key: 'dataLogDir' },
  { env: 'ZOO_PORT_NUMBER', key: 'clientPort', fallback: '2181' },
  { env: 'ZOO_MAX_CNXNS', key: 'maxCnxns', fallback: '0' },
  { env: 'ZOO_MAX_CLIENT_CNXNS', key: 'maxClientCnxns', fallback: '60' },
  { env: 'ZOO_RECONFIG_ENABLED', key: 'reconfigEnabled', fallback: 'no', yesNo: true },
  { env: 'ZOO_LISTEN_ALLIPS_ENABLED', key: 'quorumListenOnAllIPs', fallback: 'no', yesNo: true },
  { env: 'ZOO_AUTOPURGE_INTERVAL', key: 'autopurge.purgeInterval', fallback: '0' },
  { env: 'ZOO_AUTOPURGE_RETAIN_COUNT', key: 'autopurge.snapRetainCount', fallback: '3' },
  { env: 'ZOO_4LW_COMMANDS_WHITELIST', key: '4lw.commands.whitelist', fallback: 'srvr, mntr' },
  { env: 'ZOO_MAX_SESSION_TIMEOUT', key: 'maxSessionTimeout', fallback: '40000' },
  { env: 'ZOO_ADMIN_SERVER_ADDRESS', key: 'admin.serverAddress', fallback: '127.0.0.1' },
  { env: 'ZOO_ADMIN_SERVER_PORT_NUMBER', key: 'admin.serverPort', fallback: '8080' },
  { env: 'ZOO_ENABLE_ADMIN_SERVER', key: 'admin.enableServer', fallback: 'no', yesNo: true },
  { env: 'ZOO_PEER_TYPE', key: 'peerType' },
];

/** cp-zookeeper's template map (`zookeeper.properties.template`, `other_props`). */
const CONFLUENT_KEYS: Readonly<Record<string, string>> = {
  ZOOKEEPER_CLIENT_PORT: 'clientPort',
  ZOOKEEPER_TICK_TIME: 'tickTime',
  ZOOKEEPER_GLOBAL_OUTSTANDING_LIMIT: 'globalOutstandingLimit',
  ZOOKEEPER_PRE_ALLOC_SIZE: 'preAllocSize',
  ZOOKEEPER_SNAP_COUNT: 'snapCount',
  ZOOKEEPER_TRACE_FILE: 'traceFile',
  ZOOKEEPER_MAX_CLIENT_CNXNS: 'maxClientCnxns',
  ZOOKEEPER_CLIENT_PORT_ADDRESS: 'clientPortAddress',
  ZOOKEEPER_MIN_SESSION_TIMEOUT: 'minSessionTimeout',
  ZOOKEEPER_MAX_SESSION_TIMEOUT: 'maxSessionTimeout',
  ZOOKEEPER_FSYNC_WARNING_THRESHOLDMS: 'fsync.warningthresholdms',
  ZOOKEEPER_AUTOPURGE_SNAP_RETAIN_COUNT: 'autopurge.snapRetainCount',
  ZOOKEEPER_AUTOPURGE_PURGE_INTERVAL: 'autopurge.purgeInterval',
  ZOOKEEPER_SYNC_ENABLED: 'syncEnabled',
  ZOOKEEPER_ELECTION_ALG: 'electionAlg',
  ZOOKEEPER_INIT_LIMIT: 'initLimit',
  ZOOKEEPER_LEADER_SERVES: 'leaderServes',
  ZOOKEEPER_SYNC_LIMIT: 'syncLimit',
  ZOOKEEPER_CNX_TIMEOUT: 'cnxTimeout',
  ZOOKEEPER_FORCE_SYNC: 'forceSync',
  ZOOKEEPER_JUTE_MAX_BUFFER: 'jute.maxbuffer',
  ZOOKEEPER_SKIP_ACL: 'skipACL',
  ZOOKEEPER_QUORUM_LISTEN_ON_ALL_IPS: 'quorumListenOnAllIPs',
  ZOOKEEPER_CLIENT_CNXN_SOCKET: 'clientCnxnSocket',
  ZOOKEEPER_SECURE_CLIENT_PORT: 'secureClientPort',
  ZOOKEEPER_SERVER_CNXN_SOCKET: 'serverCnxnSocket',
  ZOOKEEPER_TCP_KEEP_ALIVE: 'tcpKeepAlive',
  ZOOKEEPER_X509_AUTHENTICATION_PROVIDER_SUPER_USER: 'X509AuthenticationProvider.superUser',
  ZOOKEEPER_SSL_AUTH_PROVIDER: 'ssl.authProvider',
  ZOOKEEPER_SSL_CLIENT_AUTH: 'ssl.clientAuth',
  ZOOKEEPER_SSL_KEYSTORE_LOCATION: 'ssl.keyStore.location',
  ZOOKEEPER_SSL_KEYSTORE_PASSWORD: 'ssl.keyStore.password',
  ZOOKEEPER_SSL_KEYSTORE_TYPE: 'ssl.keyStore.type',
  ZOOKEEPER_SSL_TRUSTSTORE_LOCATION: 'ssl.trustStore.location',
  ZOOKEEPER_SSL_TRUSTSTORE_PASSWORD: 'ssl.trustStore.password',
  ZOOKEEPER_SSL_TRUSTSTORE_TYPE: 'ssl.trustStore.type',
  ZOOKEEPER_SSL_ENABLED_PROTOCOLS: 'ssl.enabledProtocols',
  ZOOKEEPER_SSL_CONTEXT_SUPPLIER_CLASS: 'ssl.context.supplier.class',
  ZOOKEEPER_SSL_CIPHER_SUITES: 'ssl.ciphersuites',
  ZOOKEEPER_SSL_HOSTNAME_VERIFICATION: 'ssl.hostnameVerification',
  ZOOKEEPER_SSL_CRL: 'ssl.crl',
  ZOOKEEPER_SSL_OCPS: 'ssl.ocsp',
  ZOOKEEPER_SSL_HANDSHAKE_DETECTION_TIMEOUT_MILLIS: 'ssl.handshakeDetectionTimeoutMillis',
  ZOOKEEPER_SSL_QUORUM: 'sslQuorum',
  ZOOKEEPER_SSL_QUORUM_CLIENT_AUTH: 'ssl.quorum.clientAuth',
  ZOOKEEPER_SSL_QUORUM_KEYSTORE_LOCATION: 'ssl.quorum.keyStore.location',
  ZOOKEEPER_SSL_QUORUM_KEYSTORE_PASSWORD: 'ssl.quorum.keyStore.password',
  ZOOKEEPER_SSL_QUORUM_KEYSTORE_TYPE: 'ssl.quorum.keyStore.type',
  ZOOKEEPER_SSL_QUORUM_TRUSTSTORE_LOCATION: 'ssl.quorum.trustStore.location',
  ZOOKEEPER_SSL_QUORUM_TRUSTSTORE_PASSWORD: 'ssl.quorum.trustStore.password',
  ZOOKEEPER_SSL_QUORUM_TRUSTSTORE_TYPE: 'ssl.quorum.trustStore.type',
  ZOOKEEPER_SSL_QUORUM_ENABLED_PROTOCOLS: 'ssl.quorum.enabledProtocols',
  ZOOKEEPER_SSL_QUORUM_CIPHER_SUITES: 'ssl.quorum.ciphersuites',
  ZOOKEEPER_SSL_QUORUM_CONTEXT_SUPPLIER_CLASS: 'ssl.quorum.context.supplier.class',
  ZOOKEEPER_SSL_QUORUM_HOSTNAME_VERIFICATION: 'ssl.quorum.hostnameVerification',
  ZOOKEEPER_SSL_QUORUM_CRL: 'ssl.quorum.crl',
  ZOOKEEPER_SSL_QUORUM_OCPS: 'ssl.quorum.ocsp',
  ZOOKEEPER_SSL_QUORUM_HANDSHAKE_DETECTION_TIMEOUT_MILLIS: 'ssl.quorum.handshakeDetectionTimeoutMillis',
  ZOOKEEPER_SERVER_CNXN_FACTORY: 'serverCnxnFactory',
  ZOOKEEPER_AUTH_PROVIDER_X509: 'authProvider.x509',
  ZOOKEEPER_AUTH_PROVIDER_SASL: 'authProvider.sasl',
  ZOOKEEPER_CLIENT_PORT_UNIFICATION: 'client.portUnification',
  ZOOKEEPER_ADMIN_ENABLE_SERVER: 'admin.enableServer',
  ZOOKEEPER_ADMIN_SERVER_ADDRESS: 'admin.serverAddress',
  ZOOKEEPER_ADMIN_SERVER_PORT: 'admin.serverPort',
  ZOOKEEPER_ADMIN_IDLE_TIMEOUT: 'admin.idleTimeout',
  ZOOKEEPER_ADMIN_COMMAND_URL: 'admin.commandURL',
};

/** wurstmeister's zoo_sample.cfg with its Dockerfile's dataDir and start-zk.sh's autopurge edits. */
function wurstmeisterSettings(home: string | undefined): ComposeSetting[] {
  const sample: [string, string | undefined][] = [
    ['tickTime', '2000'],
    ['initLimit', '10'],
    ['syncLimit', '5'],
    ['dataDir', home && `${home}/data`],
    ['clientPort', '2181'],
    ['autopurge.snapRetainCount', '3'],
    ['autopurge.purgeInterval', '1'],
  ];
  return sample.flatMap(([key, value]) => (value === undefined ? [] : [constant(key, value)]));
}

function constant(key: string, value: string): ComposeSetting {
  return { key, value, isDefault: true };
}

function fromVariable(key: string, value: string, binding: EnvBinding): ComposeSetting {
  const { variable } = binding;
  return { key, value, sourceEnv: variable.name, isDefault: false, path: variable.path, range: variable.valueRange };
}

function fromLine(line: ConfigLine, sourceEnv: string): ComposeSetting {
  return { key: line.key.text, value: line.value.text, sourceEnv, isDefault: false, path: line.line.path, range: line.line.range };
}

function isYes(value: string): boolean {
  return /^(1|true|yes)$/i.test(value);
}

/** Settings in zoo.cfg order; a later setting of the same key replaces the earlier one. */
function byKey(settings: readonly ComposeSetting[]): ComposeSetting[] {
  return [...new Map(settings.map((setting) => [setting.key, setting])).values()];
}

function tableSettings(
  table: readonly EnvSetting[],
  environment: ServiceEnvironment,
  version: ZkVersion | undefined,
  report: ProblemSink,
): ComposeSetting[] {
  return table.flatMap((entry) => {
    const binding = environment.get(entry.env);
    if (entry.since && version && !atLeast(version, entry.since)) {
      if (binding) report(ignored(binding, `${entry.env} is only read by images for ZooKeeper ${entry.since} and later.`));
      return [];
    }
    const value = binding?.variable.value;
    if (binding && value !== undefined) return [fromVariable(entry.key, entry.yesNo ? String(isYes(value)) : value, binding)];
    if (entry.fallback === undefined) return [];
    return [constant(entry.key, entry.yesNo ? String(isYes(entry.fallback)) : entry.fallback)];
  });
}

function ignored(binding: EnvBinding, message: string): ComposeProblem {
  const { variable } = binding;
  return { kind: 'ignored-env', message, path: variable.path, range: variable.nameRange };
}

function valueOf(environment: ServiceEnvironment, name: string): string | undefined {
  return environment.get(name)?.variable.value;
}

const OFFICIAL: ImageProfile = {
  configPath: (environment) => `${valueOf(environment, 'ZOO_CONF_DIR') ?? '/conf'}/zoo.cfg`,
  dataDir: (environment) => valueOf(environment, 'ZOO_DATA_DIR') ?? '/data',
  myidVariable: 'ZOO_MY_ID',
  myidDefault: '1',
  unmountedConfig: 'environment',
  readsMountedConfig: true,
  misnamed: {
    ZOO_PORT:
      'The official image ignores ZOO_PORT (removed in 2019): 3.5+ images take the client port from the `;2181` ' +
      'part of each ZOO_SERVERS entry, 3.4 images always use 2181.',
    ZOO_SERVER_ID: 'The official image reads the id from ZOO_MY_ID; ZOO_SERVER_ID is the Bitnami name.',
  },
  generate(environment, version, report) {
    // An unset or blank variable leaves the image's default (ZOO_SERVERS: a standalone server.1).
    const written = (name: 'ZOO_SERVERS' | 'ZOO_CFG_EXTRA') => {
      const text = environment.get(name)?.text;
      return text && text.text.trim() !== '' ? readOfficialLines(text, name, report) : undefined;
    };
    const legacy = version !== undefined && !atLeast(version, '3.5');
    const servers = written('ZOO_SERVERS');
    const extraBinding = environment.get('ZOO_CFG_EXTRA');
    if (legacy && extraBinding) report(ignored(extraBinding, 'ZOO_CFG_EXTRA is only read by images for ZooKeeper 3.5 and later.'));
    const extra = legacy ? undefined : written('ZOO_CFG_EXTRA');
    const legacyClientPort = legacy ? [constant('clientPort', '2181')] : [];
    const settings = [
      ...legacyClientPort,
      ...tableSettings(OFFICIAL_SETTINGS, environment, version, report),
      ...(servers?.others.map((line) => fromLine(line, 'ZOO_SERVERS')) ?? []),
      ...(extra?.others.map((line) => fromLine(line, 'ZOO_CFG_EXTRA')) ?? []),
    ];
    const serverLines = [...(servers?.servers ?? []), ...(extra?.servers ?? [])];
    return { servers: servers || extra?.servers.length ? serverLines : undefined, settings: byKey(settings) };
  },
};

const BITNAMI: ImageProfile = {
  configPath: () => '/opt/bitnami/zookeeper/conf/zoo.cfg',
  dataDir: () => '/bitnami/zookeeper/data',
  myidVariable: 'ZOO_SERVER_ID',
  myidDefault: '1',
  unmountedConfig: 'environment',
  readsMountedConfig: true,
  misnamed: {
    ZOO_MY_ID: 'Bitnami reads the id from ZOO_SERVER_ID; ZOO_MY_ID is the official image\'s name.',
    ZOO_PORT: 'Bitnami reads the client port from ZOO_PORT_NUMBER.',
  },
  generate(environment, version, report) {
    const clientPort = valueOf(environment, 'ZOO_PORT_NUMBER') ?? '2181';
    const serversText = environment.get('ZOO_SERVERS')?.text;
    // `zookeeper_configure_from_environment_variables`: ZOO_CFG_x_y → x.y, applied last.
    const passthrough = [...environment.values()].flatMap((binding) => {
      const { name, value } = binding.variable;
      return name.startsWith('ZOO_CFG_') && value !== undefined
        ? [fromVariable(name.slice('ZOO_CFG_'.length).replace(/_/g, '.'), value, binding)]
        : [];
    });
    const settings = [
      constant('dataDir', '/bitnami/zookeeper/data'),
      ...tableSettings(BITNAMI_SETTINGS, environment, version, report),
      ...passthrough,
    ];
    return {
      servers: serversText && serversText.text.trim() !== '' ? readBitnamiServers(serversText, clientPort, report) : undefined,
      settings: byKey(settings),
    };
  },
};

const CONFLUENT: ImageProfile = {
  configPath: () => '/etc/kafka/zookeeper.properties',
  dataDir: () => '/var/lib/zookeeper/data',
  myidVariable: 'ZOOKEEPER_SERVER_ID',
  unmountedConfig: 'environment',
  readsMountedConfig: false,
  misnamed: {
    ZOO_MY_ID: 'cp-zookeeper reads the id from ZOOKEEPER_SERVER_ID.',
    ZOO_SERVERS: 'cp-zookeeper reads the server list from ZOOKEEPER_SERVERS (entries separated by \';\').',
  },
  generate(environment, _version, report) {
    const serversBinding = environment.get('ZOOKEEPER_SERVERS');
    const hasServers = !!serversBinding?.variable.value;
    // `configure` defaults the limits only for an ensemble.
    const limits: EnvSetting[] = hasServers
      ? [
          { env: 'ZOOKEEPER_INIT_LIMIT', key: 'initLimit', fallback: '10' },
          { env: 'ZOOKEEPER_SYNC_LIMIT', key: 'syncLimit', fallback: '5' },
        ]
      : [];
    const table = Object.entries(CONFLUENT_KEYS).map(([env, key]) => ({ env, key }));
    // The template numbers ';'-separated parts from 1.
    const positional = (env: string, keyPrefix: string) => {
      const parts = environment.get(env)?.text?.split(/;/g) ?? [];
      return parts.map((part, index) => fromPart(`${keyPrefix}.${index + 1}`, part.trim(), env));
    };
    const settings = [
      constant('dataDir', '/var/lib/zookeeper/data'),
      constant('dataLogDir', '/var/lib/zookeeper/log'),
      ...tableSettings([...table, ...limits], environment, undefined, report),
      ...positional('ZOOKEEPER_GROUPS', 'group'),
      ...positional('ZOOKEEPER_WEIGHTS', 'weight'),
    ];
    const servers = hasServers && serversBinding?.text ? readConfluentServers(serversBinding.text, report) : undefined;
    return { servers, settings: byKey(settings) };
  },
  checkRequired(input, report) {
    const { environment, serviceLocation } = input;
    if (!environment.has('ZOOKEEPER_CLIENT_PORT') && !environment.has('ZOOKEEPER_SECURE_CLIENT_PORT')) {
      const message = 'cp-zookeeper refuses to start without ZOOKEEPER_CLIENT_PORT or ZOOKEEPER_SECURE_CLIENT_PORT.';
      report({ kind: 'missing-env', message, ...serviceLocation });
    }
    const servers = environment.get('ZOOKEEPER_SERVERS');
    if (servers?.variable.value && !environment.has('ZOOKEEPER_SERVER_ID')) {
      const message = 'cp-zookeeper requires ZOOKEEPER_SERVER_ID when ZOOKEEPER_SERVERS is set.';
      report({ kind: 'missing-env', message, path: servers.variable.path, range: servers.variable.nameRange });
    }
  },
};

function fromPart(key: string, part: SourcedText, sourceEnv: string): ComposeSetting {
  return { key, value: part.text, sourceEnv, isDefault: false, path: part.path, range: part.range };
}

function wurstmeisterHome(version: ZkVersion | undefined): string | undefined {
  return version && `/opt/zookeeper-${formatVersion(version)}`;
}

const WURSTMEISTER: ImageProfile = {
  configPath: (_environment, version) => wurstmeisterHome(version) && `${wurstmeisterHome(version)}/conf/zoo.cfg`,
  dataDir: (_environment, version) => wurstmeisterHome(version) && `${wurstmeisterHome(version)}/data`,
  unmountedConfig: 'image-default',
  readsMountedConfig: true,
  misnamed: {},
  generate: (_environment, version) => ({ settings: wurstmeisterSettings(wurstmeisterHome(version)) }),
};

const UNKNOWN_IMAGE: ImageProfile = {
  configPath: () => undefined,
  dataDir: () => undefined,
  unmountedConfig: 'image-default',
  readsMountedConfig: true,
  misnamed: {},
  generate: () => ({ settings: [] }),
};

const PROFILES = { official: OFFICIAL, bitnami: BITNAMI, confluent: CONFLUENT, wurstmeister: WURSTMEISTER, other: UNKNOWN_IMAGE };

export interface NodeInput {
  readonly image?: ImageReference;
  /** Where a problem about the service as a whole is reported. */
  readonly serviceLocation: { readonly path: string; readonly range: Range };
  readonly environment: ServiceEnvironment;
  readonly volumes: readonly VolumeMount[];
  /** Whether a workspace file exists, to tell if a mounted folder brings its own zoo.cfg or myid. */
  readonly fileExists: (absolutePath: string) => boolean;
}

/**
 * The ZooKeeper node a service starts, or undefined when it runs no ZooKeeper (an unknown image without a
 * mounted zoo.cfg).
 */
export function describeZooKeeperNode(input: NodeInput, report: ProblemSink): ComposeNodeFacts | undefined {
  const family = input.image?.family ?? 'other';
  const version = input.image?.zkVersion;
  const profile = PROFILES[family];
  const { environment } = input;
  const expectedConfigPath = profile.configPath(environment, version);
  const expectedDataDir = profile.dataDir(environment, version);
  const expectedMyidPath = expectedDataDir && `${expectedDataDir}/myid`;
  const mountedConfig = mountedFile(input, 'zoo.cfg', expectedConfigPath);
  if (family === 'other' && !mountedConfig) return undefined;
  const mountedMyid = mountedFile(input, 'myid', expectedMyidPath);

  for (const [name, reason] of Object.entries(profile.misnamed)) {
    const binding = environment.get(name);
    if (binding) report(ignored(binding, reason));
  }
  const configShadowed = profile.readsMountedConfig && mountedConfig?.matchesImagePath === true;
  const generated = configShadowed
    ? ignoreGeneratedConfig(profile.generate(environment, version, () => undefined), environment, expectedConfigPath, report)
    : profile.generate(environment, version, report);
  profile.checkRequired?.(input, report);

  const myid = myidFact(profile, environment);
  const myidBinding = profile.myidVariable && environment.get(profile.myidVariable);
  if (mountedMyid?.matchesImagePath && myidBinding) {
    report(ignored(myidBinding, `${profile.myidVariable} is ignored: the image keeps the myid file mounted at ${mountedMyid.containerPath}.`));
  }
  const dataVolume = findDataVolume(input.volumes, mountedMyid ? dirname(mountedMyid.containerPath) : expectedDataDir);
  return {
    family,
    ...(version && { version }),
    ...(expectedConfigPath && { expectedConfigPath }),
    ...(expectedDataDir && { expectedDataDir }),
    ...(expectedMyidPath && { expectedMyidPath }),
    configFrom: mountedConfig && profile.readsMountedConfig ? 'mounted' : profile.unmountedConfig,
    ...(myid && { myid }),
    ...(generated.servers && { servers: generated.servers }),
    settings: generated.settings,
    ...(mountedConfig && { mountedConfig }),
    ...(mountedMyid && { mountedMyid }),
    ...(dataVolume && { dataVolume }),
  };
}

/**
 * The image finds a config file at start and so generates none: every variable that would have gone into it is
 * ignored, and the node's settings are the mounted file's.
 */
function ignoreGeneratedConfig(
  generated: GeneratedConfig,
  environment: ServiceEnvironment,
  configPath: string | undefined,
  report: ProblemSink,
): GeneratedConfig {
  const sources = new Set(generated.settings.flatMap((setting) => (setting.sourceEnv ? [setting.sourceEnv] : [])));
  if (generated.servers) sources.add('ZOO_SERVERS');
  for (const name of sources) {
    const binding = environment.get(name);
    if (binding) report(ignored(binding, `${name} is ignored: the image uses the zoo.cfg mounted at ${configPath} instead of generating one.`));
  }
  return { settings: [] };
}

function myidFact(profile: ImageProfile, environment: ServiceEnvironment): ComposeMyid | undefined {
  const source = profile.myidVariable;
  if (!source) return undefined;
  const binding = environment.get(source);
  if (!binding) {
    const text = profile.myidDefault;
    return text === undefined ? undefined : { value: Number(text), text, source: 'default', isDefault: true };
  }
  const { variable } = binding;
  const text = variable.value ?? '';
  const value = /^\d+$/.test(text) ? Number(text) : undefined;
  return { value, text, source, isDefault: false, path: variable.path, range: variable.valueRange };
}

/**
 * The bind mount providing `fileName`: a file mounted under that name or at the image's path, or a folder
 * mounted on the image's folder that holds the file in the workspace.
 */
function mountedFile(input: NodeInput, fileName: string, expectedPath: string | undefined): MountedFile | undefined {
  const binds = input.volumes.filter((volume) => volume.kind === 'bind');
  const fileMounts = binds.filter((volume) => basename(volume.target) === fileName || volume.target === expectedPath);
  const fileMount = fileMounts.find((volume) => volume.target === expectedPath) ?? fileMounts[0];
  if (fileMount) {
    const matchesImagePath = expectedPath === undefined ? undefined : fileMount.target === expectedPath;
    return { ...(fileMount.source && { hostPath: fileMount.source }), containerPath: fileMount.target, range: fileMount.range, matchesImagePath };
  }
  if (!expectedPath) return undefined;
  const folderMount = binds.find((volume) => volume.target === dirname(expectedPath));
  const hostPath = folderMount?.source && join(folderMount.source, basename(expectedPath));
  if (!folderMount || !hostPath || !input.fileExists(hostPath)) return undefined;
  return { hostPath, containerPath: expectedPath, range: folderMount.range, matchesImagePath: true };
}

/** The bind mount or volume holding `dataDir`: the deepest one mounted on it or on a folder above it. */
function findDataVolume(volumes: readonly VolumeMount[], dataDir: string | undefined): DataVolume | undefined {
  if (!dataDir) return undefined;
  const holders = volumes.filter(
    (volume): volume is VolumeMount & { kind: 'bind' | 'volume' } =>
      (volume.kind === 'bind' || volume.kind === 'volume') && isInside(volume.target, dataDir),
  );
  const deepest = holders.sort((a, b) => b.target.length - a.target.length)[0];
  if (!deepest) return undefined;
  return { kind: deepest.kind, ...(deepest.source && { source: deepest.source }), containerPath: deepest.target, range: deepest.range };
}
