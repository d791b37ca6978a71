/**
 * Every zoo.cfg key ZooKeeper 3.4–3.9 understands (rule book §1.1, §1.2), the documented names that do
 * nothing in zoo.cfg, and lookups for the unknown-key / invalid-value rules, hover and completion.
 *
 * Why a key can be "unknown" at all: QuorumPeerConfig copies every key it does not parse to the system
 * property `zookeeper.<key>` and never complains (rule book §0.3), so a typo is silently ignored.
 */
import { TextMemo } from './memo';
import { atLeast, compareVersions, versionId, zkVersion, type ZkVersion } from './version';

export type KeyType = 'int' | 'long' | 'port' | 'boolean' | 'path' | 'host' | 'string' | 'enum' | 'class' | 'list';
/** How ZooKeeper reads it: parsed by QuorumPeerConfig ('quorum-config'), or via the zookeeper.<key> system-property fall-through ('system-property'). */
export type KeySource = 'quorum-config' | 'system-property';
/** How booleans are parsed: 'strict-3.7' = Boolean.parseBoolean before 3.7, strict true/false (case-insensitive) from 3.7.0 (ZOOKEEPER-3721); 'strict' = strict in every version that has the key (standaloneEnabled, reconfigEnabled); 'java' = Boolean.parseBoolean (anything but "true" is false, silently); 'yes-no' = system properties compared with "yes"/"no" (forceSync, skipACL, leaderServes). */
export type BooleanStyle = 'strict-3.7' | 'strict' | 'java' | 'yes-no';

export interface KeyInfo {
  /** As written in zoo.cfg, e.g. 'tickTime'; for families the display form, e.g. 'server.N', 'metricsProvider.*'. */
  readonly key: string;
  readonly type: KeyType;
  readonly source: KeySource;
  /** Code default as text ('3000', 'dataDir', 'false'); omitted when the rule book gives none. */
  readonly defaultValue?: string;
  /** Inclusive bounds ZooKeeper enforces or that make sense (ports 0..65535, ints the Java int range). */
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  readonly booleanStyle?: BooleanStyle;
  /** First release with it, e.g. '3.5.0'. */
  readonly since: string;
  /** Last release line (major.minor) that had it, when removed, e.g. '3.4'. */
  readonly until?: string;
  readonly summary: string;
  /** Rule-book section, e.g. '§1.1'. */
  readonly reference: string;
  /** dataDir always; initLimit/syncLimit when servers are listed; clientPort on 3.4. */
  readonly required?: 'always' | 'distributed' | 'v3.4';
}

export interface IneffectiveKey {
  /** What the user wrote, e.g. 'connectionMaxTokens', 'jute.maxbuffer'. */
  readonly key: string;
  /** Why it has no effect in zoo.cfg (one sentence). */
  readonly reason: string;
  /** The key that works in zoo.cfg, when there is one. */
  readonly replacement?: string;
  readonly reference: string;
}

export type KeyLookup =
  | { readonly kind: 'known'; readonly info: KeyInfo }
  | { readonly kind: 'not-in-version'; readonly info: KeyInfo }
  | { readonly kind: 'ineffective'; readonly ineffective: IneffectiveKey }
  | { readonly kind: 'prefixed'; readonly withoutPrefix: string }
  | { readonly kind: 'unknown' };

const JAVA_INT = { min: -2147483648, max: 2147483647 } as const;
const JAVA_LONG_MIN = -9223372036854775808n;
const JAVA_LONG_MAX = 9223372036854775807n;

const Q = { source: 'quorum-config', reference: '§1.1' } as const;
const S = { source: 'system-property', reference: '§1.2' } as const;
const INT = { type: 'int', ...JAVA_INT } as const;
// Long keys carry no bounds: the Java long range is wider than what a JS number holds exactly.
const LONG = { type: 'long' } as const;
const PORT = { type: 'port', min: 0, max: 65535 } as const;
const QPC_BOOLEAN = { type: 'boolean', booleanStyle: 'strict-3.7' } as const;
const PROPERTY_BOOLEAN = { type: 'boolean', booleanStyle: 'java' } as const;
const YES_NO = { type: 'boolean', booleanStyle: 'yes-no' } as const;

/**
 * Used for keys older than the rule book's 3.4 scope ("3.x") or that it lists without a release:
 * treated as present in every covered release. Other system-property `since` values the rule book
 * leaves undated come from ZooKeeper's admin guide ("New in …").
 */
const COVERED_SINCE = '3.4.0';

/** The ssl.* / ssl.quorum.* settings read by X509Util for both the client and the quorum context (§1.2). */
function tlsKeys(prefix: 'ssl.' | 'ssl.quorum.', connection: string): KeyInfo[] {
  const tls = { ...S, since: '3.5.5' } as const;
  return [
    { key: `${prefix}keyStore.location`, type: 'path', ...tls, summary: `Key store file with this server's certificate for ${connection} TLS.` },
    { key: `${prefix}keyStore.password`, type: 'string', ...tls, summary: `Password of the ${connection} TLS key store.` },
    { key: `${prefix}keyStore.passwordPath`, type: 'path', ...tls, since: '3.8.0', summary: `File holding the ${connection} TLS key store password.` },
    { key: `${prefix}keyStore.type`, type: 'string', ...tls, summary: `Format of the ${connection} TLS key store (detected from the file name when unset).` },
    { key: `${prefix}trustStore.location`, type: 'path', ...tls, summary: `Trust store file with the certificates trusted for ${connection} TLS.` },
    { key: `${prefix}trustStore.password`, type: 'string', ...tls, summary: `Password of the ${connection} TLS trust store.` },
    { key: `${prefix}trustStore.passwordPath`, type: 'path', ...tls, since: '3.8.0', summary: `File holding the ${connection} TLS trust store password.` },
    { key: `${prefix}trustStore.type`, type: 'string', ...tls, summary: `Format of the ${connection} TLS trust store (detected from the file name when unset).` },
    { key: `${prefix}protocol`, type: 'string', ...tls, summary: `TLS protocol used to create the ${connection} SSL context.` },
    { key: `${prefix}enabledProtocols`, type: 'list', ...tls, summary: `Comma-separated TLS protocols enabled for ${connection} connections.` },
    { key: `${prefix}ciphersuites`, type: 'list', ...tls, summary: `Comma-separated cipher suites enabled for ${connection} TLS.` },
    { key: `${prefix}context.supplier.class`, type: 'class', ...tls, summary: `Class that supplies the SSLContext for ${connection} TLS instead of the key/trust store settings.` },
    { key: `${prefix}hostnameVerification`, ...PROPERTY_BOOLEAN, ...tls, summary: `Verify the peer's host name against its certificate on ${connection} TLS.` },
    { key: `${prefix}clientHostnameVerification`, ...PROPERTY_BOOLEAN, ...tls, since: '3.9.4', summary: `Also verify the host name of connecting peers (the TLS client side) on ${connection} connections.` },
    { key: `${prefix}allowReverseDnsLookup`, ...PROPERTY_BOOLEAN, ...tls, since: '3.9.5', summary: `Allow reverse DNS lookups during ${connection} TLS host name verification.` },
    { key: `${prefix}crl`, ...PROPERTY_BOOLEAN, ...tls, summary: `Check certificate revocation lists on ${connection} TLS.` },
    { key: `${prefix}ocsp`, ...PROPERTY_BOOLEAN, ...tls, summary: `Check certificates with OCSP on ${connection} TLS.` },
    { key: `${prefix}clientAuth`, type: 'enum', values: ['none', 'want', 'need'], ...tls, summary: `Whether ${connection} TLS asks connecting peers for a certificate: none, want or need.` },
    { key: `${prefix}handshakeDetectionTimeoutMillis`, ...INT, ...tls, summary: `How long (ms) a unified port waits to tell a TLS handshake from plaintext on ${connection} connections.` },
  ];
}

/** System properties whose documented name is also the zoo.cfg name, grouped as in rule book §1.2. */
const SYSTEM_PROPERTY_KEYS: readonly KeyInfo[] = [
  // Storage and request pipeline.
  { key: 'globalOutstandingLimit', ...INT, ...S, since: COVERED_SINCE, summary: 'Queued requests in the server above which it stops reading new client requests.' },
  { key: 'preAllocSize', ...LONG, ...S, since: COVERED_SINCE, summary: 'Block size (KB) by which transaction log files are preallocated.' },
  { key: 'snapCount', ...INT, ...S, since: COVERED_SINCE, summary: 'Transactions logged before a snapshot is taken (randomised around this value).' },
  { key: 'commitLogCount', ...INT, ...S, since: '3.6.0', summary: 'Committed proposals kept in memory for fast follower syncs.' },
  { key: 'snapSizeLimitInKb', ...LONG, ...S, since: '3.6.0', summary: 'Snapshot size (KB) above which a follower is synced with a snapshot rather than a diff.' },
  { key: 'txnLogSizeLimitInKb', ...LONG, ...S, since: '3.6.0', summary: 'Transaction log size (KB) that triggers rolling to a new log file.' },
  { key: 'maxCnxns', ...INT, ...S, since: '3.6.0', summary: 'Total client connections this server accepts (0 = unlimited).' },
  { key: 'fsync.warningthresholdms', ...LONG, ...S, since: COVERED_SINCE, summary: 'fsync duration (ms) of the transaction log above which a warning is logged.' },
  { key: 'maxResponseCacheSize', ...INT, ...S, since: '3.6.0', summary: 'Entries in the serialized getData response cache (0 or negative disables it).' },
  { key: 'maxGetChildrenResponseCacheSize', ...INT, ...S, since: '3.6.0', summary: 'Entries in the serialized getChildren response cache (0 or negative disables it).' },
  { key: 'forceSync', ...YES_NO, ...S, since: COVERED_SINCE, summary: "Unsafe when 'no': skips fsync of the transaction log before acknowledging writes." },
  { key: 'skipACL', ...YES_NO, ...S, since: COVERED_SINCE, summary: "Unsafe when 'yes': disables all ACL checks." },
  { key: 'leaderServes', ...YES_NO, ...S, defaultValue: 'yes', since: COVERED_SINCE, summary: "Whether the leader accepts client connections; only the exact value 'no' turns it off." },
  { key: 'cnxTimeout', ...INT, ...S, since: COVERED_SINCE, summary: 'Timeout for opening leader-election connections (electionAlg 3).' },
  { key: 'quorumCnxnTimeoutMs', ...INT, ...S, since: COVERED_SINCE, summary: 'Read timeout of leader-election connections; -1 means syncLimit × tickTime.' },
  { key: 'tcpKeepAlive', ...PROPERTY_BOOLEAN, ...S, since: '3.4.11', summary: 'Sets TCP keep-alive on the sockets quorum members use for elections.' },
  { key: 'clientTcpKeepAlive', ...PROPERTY_BOOLEAN, ...S, since: '3.6.1', summary: 'Sets TCP keep-alive on client sockets (NIOServerCnxnFactory only).' },
  { key: 'serverCnxnFactory', type: 'class', ...S, since: COVERED_SINCE, summary: 'ServerCnxnFactory implementation; NettyServerCnxnFactory is needed for TLS.' },
  { key: 'flushDelay', ...LONG, ...S, since: COVERED_SINCE, summary: 'Delay (ms) before flushing the commit log, to batch writes.' },
  { key: 'maxWriteQueuePollTime', ...LONG, ...S, since: COVERED_SINCE, summary: 'With flushDelay, wait (ms) for more requests before flushing an idle queue.' },
  { key: 'maxBatchSize', ...INT, ...S, since: COVERED_SINCE, summary: 'Transactions allowed before the commit log is flushed.' },
  { key: 'enforceQuota', ...PROPERTY_BOOLEAN, ...S, since: '3.7.0', summary: 'Reject writes that exceed a znode quota instead of only logging them.' },
  { key: 'digest.enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Incremental data-tree digest to detect inconsistencies between servers and on disk.' },
  { key: 'snapshot.compression.method', type: 'string', ...S, since: '3.6.0', summary: 'Compression of snapshot files.' },
  { key: 'snapshot.trust.empty', ...PROPERTY_BOOLEAN, ...S, since: '3.5.6', summary: 'Start without snapshot files when transaction logs exist (upgrades from old 3.4 only).' },
  { key: 'audit.enable', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Enables audit logging.' },
  { key: 'audit.impl.class', type: 'class', ...S, since: '3.6.0', summary: 'Audit logger implementation.' },
  { key: 'largeRequestMaxBytes', ...INT, ...S, since: '3.6.0', summary: 'Bytes of in-flight large requests above which connections are closed.' },
  { key: 'largeRequestThreshold', ...INT, ...S, since: '3.6.0', summary: 'Request size above which a request counts as large (-1 = never).' },
  { key: 'learner.closeSocketAsync', ...PROPERTY_BOOLEAN, ...S, since: '3.7.0', summary: 'Learners close the quorum socket asynchronously (slow TLS closes no longer block).' },
  { key: 'leader.closeSocketAsync', ...PROPERTY_BOOLEAN, ...S, since: '3.7.0', summary: 'The leader closes learner sockets asynchronously.' },
  { key: 'learner.asyncSending', ...PROPERTY_BOOLEAN, ...S, since: '3.7.0', summary: 'Learners send packets to the leader from a separate thread.' },
  { key: 'serializeLastProcessedZxid.enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.9.0', summary: 'Writes the last processed zxid into snapshots.' },
  { key: 'watchManagerName', type: 'class', ...S, since: '3.6.0', summary: 'Watch manager implementation (WatchManager or WatchManagerOptimized).' },
  { key: 'watcherCleanThreadsNum', ...INT, ...S, since: '3.6.0', summary: 'Threads WatchManagerOptimized uses to clean up dead watchers.' },
  { key: 'watcherCleanThreshold', ...INT, ...S, since: '3.6.0', summary: 'Dead watchers batched before WatchManagerOptimized cleans them up.' },
  { key: 'watcherCleanIntervalInSeconds', ...INT, ...S, since: '3.6.0', summary: 'Interval after which dead watchers are cleaned even below the threshold.' },
  { key: 'maxInProcessingDeadWatchers', ...INT, ...S, since: '3.6.0', summary: 'Backlog of dead watchers above which adding watchers is slowed down.' },
  { key: 'bitHashCacheSize', ...INT, ...S, since: '3.6.0', summary: 'HashSet cache size of the BitHashSet used by WatchManagerOptimized.' },
  { key: 'fastleader.minNotificationInterval', ...INT, ...S, since: COVERED_SINCE, summary: 'Lower bound (ms) between checks of election votes.' },
  { key: 'fastleader.maxNotificationInterval', ...INT, ...S, since: COVERED_SINCE, summary: 'Upper bound (ms) between checks of election votes during long elections.' },
  { key: 'observer.reconnectDelayMs', ...LONG, ...S, since: '3.6.0', summary: 'Delay (ms) before an observer reconnects after losing the leader.' },
  { key: 'observer.election.DelayMs', ...LONG, ...S, since: '3.6.0', summary: "Delay (ms) of an observer's participation in a leader election after a disconnect." },
  { key: 'observer.syncEnabled', ...PROPERTY_BOOLEAN, ...S, since: '3.4.6', summary: 'System-property form of syncEnabled: observers persist transactions and snapshots.' },
  { key: 'electionPortBindRetry', ...INT, ...S, since: '3.5.6', summary: 'Retries when binding the election port fails (0 = retry forever).' },
  { key: 'extendedTypesEnabled', ...PROPERTY_BOOLEAN, ...S, since: '3.5.4', summary: 'Enables TTL and other extended znode types; server ids must then be at most 254 (§2.5).' },
  { key: 'emulate353TTLNodes', ...PROPERTY_BOOLEAN, ...S, since: '3.5.4', summary: 'Emulates the 3.5.3 TTL node encoding; server ids must then be at most 127 (§2.5).' },
  { key: 'enableEagerACLCheck', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Checks ACLs of write requests on the local server before forwarding them to the quorum.' },
  { key: 'fips-mode', ...PROPERTY_BOOLEAN, ...S, since: '3.8.2', summary: 'FIPS mode: uses the JDK trust manager and its host name verification for TLS.' },
  { key: 'superUser', type: 'string', ...S, since: COVERED_SINCE, summary: 'SASL user that bypasses all ACL checks.' },
  { key: 'ensembleAuthName', type: 'list', ...S, since: '3.6.0', summary: 'Comma-separated names of this ensemble accepted by the "ensemble" auth scheme.' },
  { key: 'sessionRequireClientSASLAuth', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Only clients authenticated with SASL may open sessions.' },
  { key: 'enforce.auth.enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.7.0', summary: 'Clients must authenticate with one of enforce.auth.schemes before opening a session.' },
  { key: 'enforce.auth.schemes', type: 'list', ...S, since: '3.7.0', summary: 'Comma-separated auth schemes accepted when enforce.auth.enabled is true.' },
  { key: 'datadir.autocreate', ...PROPERTY_BOOLEAN, ...S, since: '3.5.0', summary: 'Whether missing dataDir/dataLogDir directories are created at start.' },
  { key: 'db.autocreate', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'When false, an empty dataDir is only initialised if the initialize marker file exists (§2.5).' },
  { key: '4lw.commands.whitelist', type: 'list', ...S, since: '3.4.10', summary: "Comma-separated four-letter words to enable, '*' for all; 3.5.3+ enables only srvr when unset, 3.4.10+ all but wchc/wchp." },

  // AdminServer (3.5+; 3.4 has none).
  { key: 'admin.enableServer', type: 'boolean', ...S, since: '3.5.0', summary: "Runs the AdminServer (Jetty); only the exact value 'false' turns it off." },
  { key: 'admin.serverAddress', type: 'host', ...S, since: '3.5.0', summary: 'Address the AdminServer listens on.' },
  { key: 'admin.serverPort', ...PORT, ...S, defaultValue: '8080', since: '3.5.0', summary: 'AdminServer port; co-located servers need distinct ports.' },
  { key: 'admin.idleTimeout', ...INT, ...S, since: '3.5.0', summary: 'Idle time (ms) before the AdminServer closes a connection.' },
  { key: 'admin.commandURL', type: 'string', ...S, since: '3.5.0', summary: 'URL path under which AdminServer commands are served.' },
  { key: 'admin.portUnification', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'The AdminServer port accepts both HTTP and HTTPS.' },
  { key: 'admin.forceHttps', ...PROPERTY_BOOLEAN, ...S, since: '3.7.1', summary: 'The AdminServer accepts HTTPS only.' },
  { key: 'admin.needClientAuth', ...PROPERTY_BOOLEAN, ...S, since: '3.9.0', summary: 'The AdminServer requires TLS client certificates.' },
  { key: 'admin.rateLimiterIntervalInMS', ...LONG, ...S, since: '3.9.0', summary: 'Minimum interval (ms) between rate-limited AdminServer commands (snapshot, restore).' },
  { key: 'admin.snapshot.enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.9.0', summary: 'Enables the AdminServer snapshot command.' },
  { key: 'admin.restore.enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.9.0', summary: 'Enables the AdminServer restore command.' },

  // TLS.
  ...tlsKeys('ssl.', 'client'),
  ...tlsKeys('ssl.quorum.', 'quorum'),
  { key: 'ssl.authProvider', type: 'string', ...S, since: '3.5.5', summary: 'Auth scheme used for TLS clients; its class must be registered as authProvider.<scheme>.' },
  { key: 'ssl.sslProvider', type: 'string', ...S, since: '3.9.0', summary: 'SSL engine provider for client TLS.' },

  // Client connections and authentication.
  // Undated in the rule book; part of the 3.5.5 TLS options in the admin guide.
  { key: 'client.portUnification', ...PROPERTY_BOOLEAN, ...S, since: '3.5.5', summary: 'The client port also accepts TLS connections (same settings as secureClientPort).' },
  { key: 'client.certReload', ...PROPERTY_BOOLEAN, ...S, since: '3.7.2', summary: 'Reloads client TLS certificates when the files change (3.7.2, 3.8.1 and 3.9.0 onwards).' },
  { key: 'authProvider.N', type: 'class', ...S, since: COVERED_SINCE, summary: 'Registers an authentication provider class, e.g. authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider.' },
  { key: 'kerberos.removeHostFromPrincipal', ...PROPERTY_BOOLEAN, ...S, since: COVERED_SINCE, summary: 'Strips the host part from Kerberos principals used for ACLs.' },
  { key: 'kerberos.removeRealmFromPrincipal', ...PROPERTY_BOOLEAN, ...S, since: COVERED_SINCE, summary: 'Strips the realm from Kerberos principals used for ACLs.' },
  { key: 'kerberos.canonicalizeHostNames', ...PROPERTY_BOOLEAN, ...S, since: '3.7.0', summary: 'Canonicalizes server host names for Kerberos; unresolvable server.N hosts then fail (§2.2).' },
  { key: 'DigestAuthenticationProvider.superDigest', type: 'string', ...S, since: COVERED_SINCE, summary: 'Digest (super:<hash>) of the super user that bypasses ACLs.' },
  { key: 'DigestAuthenticationProvider.enabled', ...PROPERTY_BOOLEAN, ...S, since: COVERED_SINCE, summary: 'Enables the digest authentication provider.' },
  { key: 'DigestAuthenticationProvider.digestAlg', type: 'string', ...S, since: COVERED_SINCE, summary: 'Hash algorithm of digest authentication.' },
  { key: 'X509AuthenticationProvider.superUser', type: 'string', ...S, since: COVERED_SINCE, summary: 'X.500 principal of the TLS client that bypasses ACLs.' },
  { key: 'IPAuthenticationProvider.usexforwardedfor', ...PROPERTY_BOOLEAN, ...S, since: '3.9.3', summary: 'IP authentication uses the X-Forwarded-For header of AdminServer requests.' },
  { key: 'requireClientAuthScheme', type: 'string', ...S, since: COVERED_SINCE, summary: 'Older setting: auth scheme (sasl) clients must use.' },
  { key: 'jute.maxbuffer.extrasize', ...INT, ...S, since: '3.5.7', summary: 'Extra bytes above jute.maxbuffer tolerated for request headers.' },

  // Throttling and leader sync: the names that work in zoo.cfg, not the documented ones (§1.2).
  { key: 'connection_throttle_tokens', ...INT, ...S, since: '3.6.0', summary: 'Connection throttler bucket size (0 disables it); documented as connectionMaxTokens.' },
  { key: 'connection_throttle_fill_time', ...INT, ...S, since: '3.6.0', summary: 'Interval (ms) at which the connection token bucket is refilled; documented as connectionTokenFillTime.' },
  { key: 'connection_throttle_fill_count', ...INT, ...S, since: '3.6.0', summary: 'Tokens added per refill; documented as connectionTokenFillCount.' },
  { key: 'connection_throttle_freeze_time', ...INT, ...S, since: '3.6.0', summary: 'Interval (ms) at which the drop probability is adjusted (-1 disables it); documented as connectionFreezeTime.' },
  { key: 'connection_throttle_drop_increase', type: 'string', ...S, since: '3.6.0', summary: 'Decimal step by which the drop probability rises; documented as connectionDropIncrease.' },
  { key: 'connection_throttle_drop_decrease', type: 'string', ...S, since: '3.6.0', summary: 'Decimal step by which the drop probability falls; documented as connectionDropDecrease.' },
  { key: 'connection_throttle_decrease_ratio', type: 'string', ...S, since: '3.6.0', summary: 'Decimal share of tokens above which the drop probability falls; documented as connectionDecreaseRatio.' },
  { key: 'connection_throttle_weight_enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'The connection throttler weighs global, local and renewed sessions differently.' },
  { key: 'connection_throttle_global_session_weight', ...INT, ...S, since: '3.6.0', summary: 'Tokens a global session costs when weighing is enabled.' },
  { key: 'connection_throttle_local_session_weight', ...INT, ...S, since: '3.6.0', summary: 'Tokens a local session costs when weighing is enabled.' },
  { key: 'connection_throttle_renew_session_weight', ...INT, ...S, since: '3.6.0', summary: 'Tokens a session renewal costs when weighing is enabled.' },
  { key: 'request_throttle_max_requests', ...INT, ...S, since: '3.6.0', summary: 'Outstanding requests before the request throttler stalls (0 disables it); documented as requestThrottleLimit.' },
  { key: 'request_throttle_stall_time', ...INT, ...S, since: '3.6.0', summary: 'Longest wait (ms) of a stalled request; documented as requestThrottleStallTime.' },
  { key: 'request_throttle_drop_stale', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'The request throttler drops stale requests; documented as requestThrottleDropStale.' },
  { key: 'request_stale_latency_check', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Requests older than their session timeout are stale; documented as requestStaleLatencyCheck.' },
  { key: 'request_stale_connection_check', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Requests of closed connections are stale; documented as requestStaleConnectionCheck.' },
  { key: 'request_throttler.shutdownTimeout', ...INT, ...S, since: '3.6.0', summary: 'Time (ms) the request throttler drains its queue at shutdown.' },
  { key: 'throttled_op_wait_time', ...INT, ...S, since: '3.6.0', summary: 'Queue time (ms) after which a request is marked throttled; documented as throttledOpWaitTime.' },
  { key: 'leader.maxConcurrentSnapSyncs', ...INT, ...S, since: '3.6.0', summary: 'Snapshot syncs a leader or follower serves at once; documented as maxConcurrentSnapSyncs.' },
  { key: 'leader.maxConcurrentDiffSyncs', ...INT, ...S, since: '3.6.0', summary: 'Diff syncs a leader or follower serves at once; documented as maxConcurrentDiffSyncs.' },
  { key: 'leader.maxTimeToWaitForEpoch', ...INT, ...S, since: '3.6.0', summary: 'Time (ms) a new leader waits for epochs from voters; documented as maxTimeToWaitForEpoch.' },
  { key: 'netty.advancedFlowControl.enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Netty reads only when the pipeline has room (avoids direct-buffer OOM); documented as advancedFlowControlEnabled.' },
  { key: 'netty.server.outstandingHandshake.limit', ...INT, ...S, since: '3.6.0', summary: 'In-flight TLS handshakes above which connections are rejected; documented as outstandingHandshake.limit.' },

  // Documented with the zookeeper. prefix, which must be dropped in zoo.cfg (§1.2).
  { key: 'nio.numSelectorThreads', ...INT, ...S, since: '3.5.0', summary: 'NIO selector threads of the client port.' },
  { key: 'nio.numWorkerThreads', ...INT, ...S, since: '3.5.0', summary: 'NIO worker threads of the client port.' },
  { key: 'nio.directBufferBytes', ...INT, ...S, since: '3.5.0', summary: 'Direct buffer size per NIO worker (0 uses gathered writes).' },
  { key: 'nio.shutdownTimeout', ...LONG, ...S, since: '3.5.0', summary: 'Time (ms) the NIO worker pool gets to shut down.' },
  { key: 'nio.sessionlessCnxnTimeout', ...INT, ...S, since: '3.5.0', summary: 'Time (ms) a connection may stay open without a session.' },
  { key: 'commitProcessor.numWorkerThreads', ...INT, ...S, since: '3.5.0', summary: 'Commit processor worker threads.' },
  { key: 'commitProcessor.shutdownTimeout', ...LONG, ...S, since: '3.5.0', summary: 'Time (ms) the commit processor workers get to shut down.' },
  { key: 'commitProcessor.maxReadBatchSize', ...INT, ...S, since: '3.6.0', summary: 'Reads processed in a batch between writes (-1 disables batching).' },
  { key: 'commitProcessor.maxCommitBatchSize', ...INT, ...S, since: '3.6.0', summary: 'Writes committed in a batch.' },
  { key: 'messageTracker.BufferSize', ...INT, ...S, since: '3.6.0', summary: 'Quorum messages remembered for debugging.' },
  { key: 'messageTracker.Enabled', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Remembers recent quorum messages for debugging.' },
  { key: 'follower.skipLearnerRequestToNextProcessor', ...PROPERTY_BOOLEAN, ...S, since: '3.6.0', summary: 'Experimental: saves ObserverMaster memory by not passing learner requests on.' },

  { key: 'ipReachableTimeout', ...INT, ...S, since: '3.4.11', until: '3.4', summary: 'Timeout (ms) when probing whether a host address is reachable (3.4 only).' },
];

const QUORUM_CONFIG_KEYS: readonly KeyInfo[] = [
  { key: 'dataDir', type: 'path', ...Q, since: '3.0.0', required: 'always', summary: "Snapshot directory; also holds myid. Missing → 'dataDir is not set' (fatal)." },
  { key: 'dataLogDir', type: 'path', ...Q, defaultValue: 'dataDir', since: '3.0.0', summary: 'Transaction log directory; defaults to dataDir.' },
  { key: 'clientPort', ...PORT, ...Q, since: '3.0.0', required: 'v3.4', summary: 'Port clients connect to; required on 3.4, optional from 3.5 where it may come from server.N=…;port (0 accepted from 3.9).' },
  { key: 'clientPortAddress', type: 'host', ...Q, since: '3.3.0', summary: 'Address the client port binds to (wildcard when unset); needs clientPort on 3.5+.' },
  { key: 'secureClientPort', ...PORT, ...Q, since: '3.5.1', summary: 'TLS client port; needs serverCnxnFactory=NettyServerCnxnFactory.' },
  { key: 'secureClientPortAddress', type: 'host', ...Q, since: '3.5.1', summary: 'Address the TLS client port binds to; needs secureClientPort.' },
  { key: 'observerMasterPort', ...PORT, ...Q, defaultValue: '0', since: '3.6.0', summary: 'Port on which followers serve observers (0 = off, observers follow the leader).' },
  { key: 'clientPortListenBacklog', ...INT, ...Q, defaultValue: '-1', since: '3.6.0', summary: 'Listen backlog of the client socket (-1 = OS default); ignored before 3.6.0 despite the docs.' },
  { key: 'tickTime', ...INT, ...Q, min: 1, defaultValue: '3000', since: '3.0.0', summary: "Basic time unit (ms) for heartbeats and limits; 0 is refused as 'tickTime is not set', default 3000 (not the sample's 2000)." },
  { key: 'maxClientCnxns', ...INT, ...Q, defaultValue: '60', since: COVERED_SINCE, summary: 'Concurrent connections one client IP may open to this server (0 = unlimited).' },
  { key: 'minSessionTimeout', ...INT, ...Q, defaultValue: '-1', since: '3.3.0', summary: 'Smallest session timeout (ms) granted; -1 means 2 × tickTime. Must not exceed maxSessionTimeout.' },
  { key: 'maxSessionTimeout', ...INT, ...Q, defaultValue: '-1', since: '3.3.0', summary: 'Largest session timeout (ms) granted; -1 means 20 × tickTime.' },
  { key: 'initLimit', ...INT, ...Q, defaultValue: '0', since: '3.0.0', required: 'distributed', summary: "Ticks a follower may take to connect and sync to the leader; 0 with servers listed → 'initLimit is not set'." },
  { key: 'syncLimit', ...INT, ...Q, defaultValue: '0', since: '3.0.0', required: 'distributed', summary: "Ticks a follower may lag behind the leader; 0 with servers listed → 'syncLimit is not set'." },
  { key: 'connectToLearnerMasterLimit', ...INT, ...Q, defaultValue: '0', since: '3.6.0', summary: 'Ticks a follower may take to connect to the leader after an election (defaults to initLimit).' },
  { key: 'electionAlg', type: 'enum', values: ['0', '1', '2', '3'], ...Q, defaultValue: '3', since: '3.0.0', summary: "Leader election algorithm; 3.4/3.5 accept 0–3 (1 and 2 deprecated), 3.6+ only 3 ('Only 3 is supported')." },
  { key: 'quorumListenOnAllIPs', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.4.0', summary: 'Binds the quorum and election ports on all interfaces (0.0.0.0).' },
  { key: 'peerType', type: 'enum', values: ['observer', 'participant'], ...Q, defaultValue: 'participant', since: '3.3.0', summary: "This server's role (case-insensitive); the server.N line's role wins when they differ." },
  { key: 'syncEnabled', ...QPC_BOOLEAN, ...Q, defaultValue: 'true', since: '3.4.6', summary: 'Observers persist transactions and snapshots like participants.' },
  { key: 'dynamicConfigFile', type: 'path', ...Q, since: '3.5.0', summary: 'File with the server.N/group/weight lines; with it set, those lines in zoo.cfg are fatal (§2.6).' },
  { key: 'autopurge.snapRetainCount', ...INT, ...Q, min: 3, defaultValue: '3', since: '3.4.0', summary: 'Snapshots (and their logs) kept by auto purge; values below 3 are reset to 3 with a warning.' },
  { key: 'autopurge.purgeInterval', ...INT, ...Q, defaultValue: '0', since: '3.4.0', summary: 'Hours between auto purges (0 = off); only master/3.10 also accepts durations with a unit.' },
  { key: 'standaloneEnabled', type: 'boolean', booleanStyle: 'strict', ...Q, defaultValue: 'true', since: '3.5.0', summary: 'When false, even a single participant runs in quorum mode (needed to reconfigure down to one node).' },
  { key: 'reconfigEnabled', type: 'boolean', booleanStyle: 'strict', ...Q, defaultValue: 'false', since: '3.5.3', summary: 'Enables dynamic reconfiguration; should be identical on every server.' },
  { key: 'sslQuorum', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.5.5', summary: 'TLS between quorum peers; all servers must agree.' },
  { key: 'portUnification', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.5.5', summary: 'Quorum ports accept both TLS and plaintext (for rolling TLS upgrades).' },
  { key: 'sslQuorumReloadCertFiles', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.5.5', summary: 'Reloads quorum TLS key and trust stores when the files change.' },
  // Parsed by QuorumPeerConfig (3.5+, "New in 3.5" in the admin guide) but missing from the rule book's table.
  { key: 'localSessionsEnabled', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.5.0', summary: 'Enables local sessions, which only the server a client connects to tracks.' },
  { key: 'localSessionsUpgradingEnabled', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.5.0', summary: 'Upgrades a local session to a global one when needed (e.g. to create an ephemeral node).' },
  { key: 'server.N', type: 'string', ...Q, since: '3.0.0', summary: 'Ensemble member N: host:quorumPort:electionPort[:participant|observer][;[clientHost:]clientPort] (the ;client part needs 3.5+).', reference: '§2.2' },
  { key: 'group.N', type: 'list', ...Q, since: '3.2.0', summary: 'Hierarchical quorum group N: colon-separated server ids; groups must be disjoint and cover all participants.', reference: '§2.4' },
  { key: 'weight.N', ...LONG, min: 0, ...Q, defaultValue: '1', since: '3.2.0', summary: 'Voting weight of server N in hierarchical quorums (0 allowed).', reference: '§2.4' },
  { key: 'quorum.auth.enableSasl', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.4.10', summary: 'Enables SASL authentication between quorum peers.' },
  { key: 'quorum.auth.serverRequireSasl', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.4.10', summary: 'Peers must authenticate with SASL; needs enableSasl and learnerRequireSasl.' },
  { key: 'quorum.auth.learnerRequireSasl', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.4.10', summary: 'This learner authenticates to the leader with SASL; needs enableSasl.' },
  { key: 'quorum.auth.learner.saslLoginContext', type: 'string', ...Q, defaultValue: 'QuorumLearner', since: '3.4.10', summary: 'JAAS login context a learner uses for quorum SASL.' },
  { key: 'quorum.auth.server.saslLoginContext', type: 'string', ...Q, defaultValue: 'QuorumServer', since: '3.4.10', summary: 'JAAS login context the server side uses for quorum SASL.' },
  { key: 'quorum.auth.kerberos.servicePrincipal', type: 'string', ...Q, defaultValue: 'zkquorum/localhost', since: '3.4.10', summary: 'Kerberos service principal of quorum peers.' },
  { key: 'quorum.cnxn.threads.size', ...INT, ...Q, defaultValue: '20', since: '3.4.10', summary: 'Threads for quorum SASL connection setup.' },
  { key: 'jvm.pause.monitor', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.5.10', summary: 'Logs JVM pauses (e.g. long GCs); in 3.6.0+ and late 3.5.x such as 3.5.10.' },
  { key: 'jvm.pause.sleep.time.ms', ...LONG, ...Q, defaultValue: '500', since: '3.5.10', summary: 'Sleep interval (ms) of the JVM pause monitor.' },
  { key: 'jvm.pause.warn-threshold.ms', ...LONG, ...Q, defaultValue: '10000', since: '3.5.10', summary: 'JVM pause (ms) logged as a warning.' },
  { key: 'jvm.pause.info-threshold.ms', ...LONG, ...Q, defaultValue: '1000', since: '3.5.10', summary: 'JVM pause (ms) logged as info.' },
  { key: 'metricsProvider.className', type: 'class', ...Q, defaultValue: 'org.apache.zookeeper.metrics.impl.DefaultMetricsProvider', since: '3.6.0', summary: "Metrics provider class; it must load or start fails with 'metrics provider class was not found'." },
  { key: 'metricsProvider.httpHost', type: 'host', ...Q, defaultValue: '0.0.0.0', since: '3.8.0', summary: 'Address the Prometheus metrics provider listens on.' },
  { key: 'metricsProvider.httpPort', ...PORT, ...Q, defaultValue: '7000', since: '3.6.0', summary: 'Port of the Prometheus metrics provider.' },
  { key: 'metricsProvider.exportJvmInfo', type: 'boolean', booleanStyle: 'java', ...Q, defaultValue: 'true', since: '3.6.0', summary: 'The Prometheus metrics provider also exports JVM metrics.' },
  { key: 'metricsProvider.numWorkerThreads', ...INT, ...Q, since: '3.7.1', summary: 'Worker threads of the Prometheus metrics provider.' },
  { key: 'metricsProvider.maxQueueSize', ...INT, ...Q, since: '3.7.1', summary: 'Queue size of the Prometheus metrics provider workers.' },
  { key: 'metricsProvider.workerShutdownTimeoutMs', ...LONG, ...Q, since: '3.7.1', summary: 'Time (ms) the Prometheus metrics provider workers get to shut down.' },
  { key: 'metricsProvider.*', type: 'string', ...Q, since: '3.6.0', summary: 'Passed, without the metricsProvider. prefix, to the configured metrics provider.' },
  { key: 'multiAddress.enabled', ...QPC_BOOLEAN, ...Q, defaultValue: 'false', since: '3.6.0', summary: "Allows '|'-separated addresses in server.N; zoo.cfg alone is not enough, the JVM also needs -Dzookeeper.multiAddress.enabled=true." },
  { key: 'multiAddress.reachabilityCheckTimeoutMs', ...INT, ...Q, defaultValue: '1000', since: '3.6.0', summary: 'Timeout (ms) when probing which of several server addresses is reachable.' },
  { key: 'multiAddress.reachabilityCheckEnabled', ...QPC_BOOLEAN, ...Q, defaultValue: 'true', since: '3.6.0', summary: 'Probes which of several server addresses is reachable.' },
  { key: 'oraclePath', type: 'path', ...Q, since: '3.8.0', summary: 'File of the 2-node "Oracle" quorum (QuorumOracleMaj) that breaks ties.' },
];

export const KEYS: readonly KeyInfo[] = [...QUORUM_CONFIG_KEYS, ...SYSTEM_PROPERTY_KEYS];

function renamedInCode(documented: string, worksAs: string): IneffectiveKey {
  return {
    key: documented,
    reason: `The admin guide documents this name, but the code reads zookeeper.${worksAs}, so this entry only sets an unused system property.`,
    replacement: worksAs,
    reference: '§1.2',
  };
}

function jvmOnly(property: string): IneffectiveKey {
  return {
    key: property,
    reason: `ZooKeeper reads the system property ${property} without the zookeeper. prefix, so it can only be set with -D${property}=… on the JVM.`,
    reference: '§1.2',
  };
}

const INEFFECTIVE_KEYS: readonly IneffectiveKey[] = [
  renamedInCode('connectionMaxTokens', 'connection_throttle_tokens'),
  renamedInCode('connectionTokenFillTime', 'connection_throttle_fill_time'),
  renamedInCode('connectionTokenFillCount', 'connection_throttle_fill_count'),
  renamedInCode('connectionFreezeTime', 'connection_throttle_freeze_time'),
  renamedInCode('connectionDropIncrease', 'connection_throttle_drop_increase'),
  renamedInCode('connectionDropDecrease', 'connection_throttle_drop_decrease'),
  renamedInCode('connectionDecreaseRatio', 'connection_throttle_decrease_ratio'),
  renamedInCode('requestThrottleLimit', 'request_throttle_max_requests'),
  renamedInCode('requestThrottleStallTime', 'request_throttle_stall_time'),
  renamedInCode('requestThrottleDropStale', 'request_throttle_drop_stale'),
  renamedInCode('requestStaleLatencyCheck', 'request_stale_latency_check'),
  renamedInCode('requestStaleConnectionCheck', 'request_stale_connection_check'),
  renamedInCode('maxConcurrentSnapSyncs', 'leader.maxConcurrentSnapSyncs'),
  renamedInCode('maxConcurrentDiffSyncs', 'leader.maxConcurrentDiffSyncs'),
  renamedInCode('maxTimeToWaitForEpoch', 'leader.maxTimeToWaitForEpoch'),
  renamedInCode('advancedFlowControlEnabled', 'netty.advancedFlowControl.enabled'),
  renamedInCode('outstandingHandshake.limit', 'netty.server.outstandingHandshake.limit'),
  renamedInCode('throttledOpWaitTime', 'throttled_op_wait_time'),
  jvmOnly('jute.maxbuffer'),
  jvmOnly('readonlymode.enabled'),
  jvmOnly('znode.container.checkIntervalMs'),
  jvmOnly('znode.container.maxPerMinute'),
  jvmOnly('znode.container.maxNeverUsedIntervalMs'),
  jvmOnly('java.security.auth.login.config'),
];

/** True for a Java long as Long.parseLong reads it (optional sign, decimal digits, in range). */
function isJavaLong(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const value = BigInt(text);
  return value >= JAVA_LONG_MIN && value <= JAVA_LONG_MAX;
}

function withNumericSuffix(prefix: string): (key: string) => boolean {
  return (key) => key.startsWith(prefix) && isJavaLong(key.slice(prefix.length));
}

function withAnySuffix(prefix: string): (key: string) => boolean {
  return (key) => key.startsWith(prefix) && key.length > prefix.length;
}

/** Display key of each family → which written keys belong to it. */
const FAMILY_MATCHERS: ReadonlyMap<string, (key: string) => boolean> = new Map([
  ['server.N', withNumericSuffix('server.')],
  ['group.N', withNumericSuffix('group.')],
  ['weight.N', withNumericSuffix('weight.')],
  // ProviderRegistry takes every zookeeper.authProvider.* property, whatever follows the dot.
  ['authProvider.N', withAnySuffix('authProvider.')],
  ['metricsProvider.*', withAnySuffix('metricsProvider.')],
]);

const KEYS_BY_NAME: ReadonlyMap<string, KeyInfo> = new Map(KEYS.map((info) => [info.key, info]));
const FAMILIES: readonly KeyInfo[] = KEYS.filter((info) => FAMILY_MATCHERS.has(info.key));
const INEFFECTIVE_BY_NAME: ReadonlyMap<string, IneffectiveKey> = new Map(INEFFECTIVE_KEYS.map((entry) => [entry.key, entry]));
const SYSTEM_PROPERTY_PREFIX = 'zookeeper.';

/** The table entry for a written key: exact keys first, so metricsProvider.httpPort beats metricsProvider.*. */
function findKeyInfo(key: string): KeyInfo | undefined {
  return KEYS_BY_NAME.get(key) ?? FAMILIES.find((family) => FAMILY_MATCHERS.get(family.key)?.(key));
}

function isInVersion(info: KeyInfo, version: ZkVersion): boolean {
  // atLeast parses each threshold once: completion and suggestions test every key of the table.
  if (!atLeast(version, info.since)) return false;
  if (info.until === undefined) return true;
  const releaseLine = { major: version.major, minor: version.minor, patch: 0 };
  return compareVersions(releaseLine, zkVersion(info.until)) <= 0;
}

/** Each key is looked up once per version: every zoo.cfg asks for the same few, server.N ones through a regex and a BigInt. */
const lookups = new TextMemo<KeyLookup>(10_000);

/**
 * What a zoo.cfg key means to the given ZooKeeper version. Keys are case-sensitive (§0.1).
 * `server.x` (non-numeric) is 'unknown' here: check isDynamicMemberKey for the server/group/weight grammar.
 */
export function lookupKey(key: string, version: ZkVersion): KeyLookup {
  const context = versionId(version);
  return lookups.get(context, key) ?? lookups.set(context, key, readKey(key, version));
}

function readKey(key: string, version: ZkVersion): KeyLookup {
  const info = findKeyInfo(key);
  if (info) return isInVersion(info, version) ? { kind: 'known', info } : { kind: 'not-in-version', info };
  const ineffective = INEFFECTIVE_BY_NAME.get(key);
  if (ineffective) return { kind: 'ineffective', ineffective };
  if (key.startsWith(SYSTEM_PROPERTY_PREFIX) && key.length > SYSTEM_PROPERTY_PREFIX.length) {
    return { kind: 'prefixed', withoutPrefix: key.slice(SYSTEM_PROPERTY_PREFIX.length) };
  }
  return { kind: 'unknown' };
}

/** Keys to offer in completion for this version (no families' placeholders like server.N; offer 'server.', 'group.', 'weight.' handled by the caller). */
export function completableKeys(version: ZkVersion): readonly KeyInfo[] {
  return KEYS.filter((info) => !FAMILY_MATCHERS.has(info.key) && isInVersion(info, version));
}

/** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.length][b.length];
}

/** The closest known key for a typo ('tickTim', 'initlimit', 'ticktime'), or undefined when nothing is close. Case-insensitive match first, then edit distance (<= 2, or <= 1 for keys shorter than 6). */
export function suggestKey(key: string, version: ZkVersion): string | undefined {
  const typed = key.toLowerCase();
  const candidates = completableKeys(version).filter((info) => info.key !== key);
  const sameIgnoringCase = candidates.find((info) => info.key.toLowerCase() === typed);
  if (sameIgnoringCase) return sameIgnoringCase.key;
  const allowed = key.length < 6 ? 1 : 2;
  let closest: { key: string; distance: number } | undefined;
  for (const info of candidates) {
    // The distance is at least the difference in length: skip the table (quadratic in a hostile 5 MB key).
    if (Math.abs(typed.length - info.key.length) > allowed) continue;
    const distance = editDistance(typed, info.key.toLowerCase());
    if (distance <= allowed && (closest === undefined || distance < closest.distance)) closest = { key: info.key, distance };
  }
  return closest?.key;
}

/**
 * Keys QuorumPeerConfig treats as quorum membership (rule book §0.3, §2.6): `server.*` and anything
 * starting with `group` or `weight`. The group/weight test is a bare prefix test in ZooKeeper, so even
 * `groupFoo` switches to hierarchical quorums and is refused next to dynamicConfigFile.
 */
export function isDynamicMemberKey(key: string): boolean {
  return key.startsWith('server.') || key.startsWith('group') || key.startsWith('weight');
}
