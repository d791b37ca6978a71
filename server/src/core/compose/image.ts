import { parseZkVersion, ZkVersion } from '../version';
import type { ImageFamily } from './model';

export interface ImageReference {
  readonly family: ImageFamily;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
  readonly zkVersion?: ZkVersion;
  readonly versionFromTag: boolean;
}

const FAMILIES: ReadonlyMap<string, ImageFamily> = new Map([
  ['zookeeper', 'official'],
  ['library/zookeeper', 'official'],
  ['bitnami/zookeeper', 'bitnami'],
  ['confluentinc/cp-zookeeper', 'confluent'],
  ['wurstmeister/zookeeper', 'wurstmeister'],
]);

/**
 * What an untagged or `latest` image runs (rule book §4): the official image's latest line, and the ZooKeeper
 * release wurstmeister's Dockerfile unpacks at HEAD. Bitnami and Confluent tags say nothing the rule book
 * maps to a ZooKeeper version (a cp-zookeeper tag is a Confluent Platform version).
 */
const LATEST_VERSION: Partial<Record<ImageFamily, string>> = { official: '3.9', wurstmeister: '3.4.13' };

const VERSION_FROM_TAG: ReadonlySet<ImageFamily> = new Set(['official', 'bitnami', 'wurstmeister']);

/** Splits `[registry/]repository[:tag][@digest]` and names the ZooKeeper image family. */
export function parseImageReference(reference: string): ImageReference {
  const at = reference.indexOf('@');
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  const name = at >= 0 ? reference.slice(0, at) : reference;
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  const tag = hasTag ? name.slice(colon + 1) : undefined;
  const repository = withoutRegistry(hasTag ? name.slice(0, colon) : name);
  const family = FAMILIES.get(repository.toLowerCase()) ?? 'other';

  const latest = LATEST_VERSION[family];
  if ((tag === undefined || tag === 'latest') && digest === undefined && latest !== undefined) {
    return { family, repository, tag, digest, zkVersion: parseZkVersion(latest), versionFromTag: false };
  }
  const zkVersion = tag !== undefined && VERSION_FROM_TAG.has(family) ? parseZkVersion(tag) : undefined;
  return { family, repository, tag, digest, zkVersion, versionFromTag: zkVersion !== undefined };
}

/** `docker.io/bitnami/zookeeper` → `bitnami/zookeeper`: a first component naming a host is a registry. */
function withoutRegistry(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return name;
  const first = name.slice(0, slash);
  const isRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  return isRegistry ? name.slice(slash + 1) : name;
}
