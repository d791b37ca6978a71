import type { Range } from '../text';
import type { ZkVersion } from '../version';
import type { InterpolationState } from './interpolation';

export type { InterpolationState } from './interpolation';

/**
 * What a docker-compose file says about the ZooKeeper nodes it starts. Every value a user wrote carries the range
 * of its source text and the path of the file it is written in (the compose file, or an `env_file`).
 */
export interface ComposeFile {
  readonly path: string;
  /** Compose's default project name: the `name:` key, else the normalized folder name. */
  readonly project: string;
  /** True when some document has a top-level `services` key. */
  readonly isCompose: boolean;
  /** Services of every YAML document, in order. */
  readonly services: readonly ComposeService[];
  /** Everything that could not be read as written, from YAML syntax to image-specific env mistakes. */
  readonly problems: readonly ComposeProblem[];
}

export type ComposeProblemKind =
  | 'yaml'
  | 'alias-limit'
  | 'invalid-merge'
  | 'invalid-port'
  | 'invalid-volume'
  | 'invalid-environment'
  | 'invalid-server'
  | 'ignored-env'
  | 'missing-env';

export interface ComposeProblem {
  readonly kind: ComposeProblemKind;
  readonly message: string;
  readonly path: string;
  readonly range: Range;
}

/** A scalar as written (after interpolation) and where. */
export interface ComposeText {
  readonly value: string;
  readonly path: string;
  readonly range: Range;
  readonly interpolated: InterpolationState;
}

export interface ComposeService {
  readonly name: string;
  readonly nameRange: Range;
  readonly image?: ComposeImage;
  /** The image is a known ZooKeeper image, or the service mounts a zoo.cfg. */
  readonly runsZooKeeper: boolean;
  /** The effective variables: `env_file`s in order, then `environment`, later ones overriding. */
  readonly environment: readonly EnvVar[];
  readonly envFiles: readonly EnvFileReference[];
  readonly hostname?: ComposeText;
  readonly containerName?: ComposeText;
  readonly networkMode?: ComposeText;
  /** `networks.<name>.aliases`: further names the service answers to. */
  readonly networkAliases: readonly ComposeText[];
  readonly ports: readonly PortMapping[];
  readonly volumes: readonly VolumeMount[];
  /** Present when `runsZooKeeper`. */
  readonly zookeeper?: ComposeNodeFacts;
}

export type ImageFamily = 'official' | 'bitnami' | 'confluent' | 'wurstmeister' | 'other';

export interface ComposeImage extends ComposeText {
  readonly family: ImageFamily;
  /** Repository path without registry, e.g. `bitnami/zookeeper`. */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  /** The ZooKeeper version the image runs, when the rule book tells it from the tag. */
  readonly zkVersion?: ZkVersion;
  /** False when `zkVersion` is the family's assumption for an untagged or `latest` image. */
  readonly versionFromTag: boolean;
}

export interface EnvVar {
  readonly name: string;
  /** After interpolation; undefined for `- NAME` / `NAME:`, which take the value from the shell at run time. */
  readonly value: string | undefined;
  /** As written, before interpolation. */
  readonly raw: string | undefined;
  readonly interpolated: InterpolationState;
  /** The compose file, or the env file the variable comes from. */
  readonly path: string;
  readonly nameRange: Range;
  /** Where the value is written; the name's range when there is none. */
  readonly valueRange: Range;
}

export interface EnvFileReference {
  /** Absolute path. */
  readonly path: string;
  readonly range: Range;
  /** Whether `resolveFile` supplied its text. */
  readonly resolved: boolean;
  /** `required: false` in the long syntax. */
  readonly required: boolean;
}

export type PortProtocol = 'tcp' | 'udp' | 'sctp';

/** One container port published to the host. A range like `2181-2183:2181-2183` yields one mapping per port. */
export interface PortMapping {
  readonly hostIp?: string;
  /** Undefined when Docker picks the host port. */
  readonly hostPort?: number;
  /** `8000-8010:80`: Docker picks one free host port of the span. */
  readonly hostPortSpan?: { readonly first: number; readonly last: number };
  readonly containerPort: number;
  readonly protocol: PortProtocol;
  /** The whole entry. */
  readonly range: Range;
  readonly hostPortRange?: Range;
  readonly containerPortRange: Range;
}

export type VolumeKind = 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | 'image';

export interface VolumeMount {
  readonly kind: VolumeKind;
  /**
   * Bind: absolute host path (relative ones resolved against the compose file's folder; undefined for `~` or
   * Windows paths). Volume: the volume name (undefined for an anonymous volume).
   */
  readonly source?: string;
  /** The source as written. */
  readonly sourceText?: string;
  /** Normalized absolute container path. */
  readonly target: string;
  readonly readOnly: boolean;
  readonly range: Range;
  readonly sourceRange?: Range;
  readonly targetRange: Range;
}

/** Where the node's zoo.cfg comes from: generated from env vars, a mounted file, or the image's own default. */
export type ConfigOrigin = 'environment' | 'mounted' | 'image-default';

/** What the image makes of the service's environment and mounts, per the rule book's §4. */
export interface ComposeNodeFacts {
  readonly family: ImageFamily;
  readonly version?: ZkVersion;
  /** Paths the image reads, for comparing with the mounts (X19); undefined for unknown images. */
  readonly expectedConfigPath?: string;
  readonly expectedDataDir?: string;
  readonly expectedMyidPath?: string;
  readonly configFrom: ConfigOrigin;
  /** The id the image writes to myid; undefined when the image takes it from no variable (wurstmeister, other). */
  readonly myid?: ComposeMyid;
  /** Server lines the image generates, in zoo.cfg terms; undefined when the variable is not set. */
  readonly servers?: readonly ComposeServerEntry[];
  /** Other zoo.cfg lines the image generates, including its defaults. */
  readonly settings: readonly ComposeSetting[];
  readonly mountedConfig?: MountedFile;
  readonly mountedMyid?: MountedFile;
  /** The mount holding the data directory (and so myid), for spotting services that share one. */
  readonly dataVolume?: DataVolume;
}

export type MyidSource = 'ZOO_MY_ID' | 'ZOO_SERVER_ID' | 'ZOOKEEPER_SERVER_ID' | 'default';

export interface ComposeMyid {
  readonly value: number | undefined;
  readonly text: string;
  readonly source: MyidSource;
  /** The image's default; then there is no path or range. */
  readonly isDefault: boolean;
  readonly path?: string;
  readonly range?: Range;
}

export interface ComposeServerEntry {
  readonly id: number | undefined;
  /** The part after `server.N=` in the generated zoo.cfg, e.g. `zoo1:2888:3888;2181`. */
  readonly value: string;
  readonly path: string;
  /** Exactly the entry inside the variable's value. */
  readonly range: Range;
  /** The written id (`server.<id>=`, bitnami `::<id>`); absent for positional ids. */
  readonly idRange?: Range;
  /** The subset of the file's problems that concern this entry. */
  readonly problems: readonly ComposeProblem[];
}

export interface ComposeSetting {
  /** zoo.cfg key. */
  readonly key: string;
  readonly value: string;
  /** The variable it comes from; absent for image constants. */
  readonly sourceEnv?: string;
  /** The image's default; then there is no path or range. */
  readonly isDefault: boolean;
  readonly path?: string;
  readonly range?: Range;
}

export interface MountedFile {
  /** Absolute host path; undefined when the source cannot be resolved (`~`, Windows path). */
  readonly hostPath?: string;
  readonly containerPath: string;
  readonly range: Range;
  /** Whether the image reads this container path; undefined for unknown images. */
  readonly matchesImagePath: boolean | undefined;
}

export interface DataVolume {
  readonly kind: 'bind' | 'volume';
  /** Absolute host path or volume name; undefined for an anonymous volume. */
  readonly source?: string;
  readonly containerPath: string;
  readonly range: Range;
}
