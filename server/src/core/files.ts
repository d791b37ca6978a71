import { ComposeFile, readComposeFile } from './compose/compose';
import { MyidFile, readMyid } from './myid';
import { basename } from './paths';
import { PropertiesDocument, readProperties } from './properties';

/**
 * The kinds of workspace file the engine reads, and their parsed models.
 * A model depends on its own text only (compose files also on the env files they name), so it can be
 * cached per file and rebuilt when that file changes.
 */
export type FileKind = 'zoocfg' | 'dynamic' | 'myid' | 'compose';

const DYNAMIC_NAME = /\.cfg\.dynamic(\.[0-9a-fA-F]+|\.next)?$/;
const ZOOCFG_NAME = /^(zoo.*\.cfg(\.bak)?|zookeeper\.properties)$/;
const COMPOSE_NAME = /^(docker-)?compose.*\.ya?ml$/;
const YAML_NAME = /\.ya?ml$/;

/**
 * What a file is, judged by its name; YAML files that are not named like compose files count when they hold a
 * top-level `services:` map (decided by `readFileModel`).
 */
export function classifyPath(path: string): FileKind | 'yaml' | undefined {
  const name = basename(path);
  if (name === 'myid') return 'myid';
  if (DYNAMIC_NAME.test(name)) return 'dynamic';
  if (ZOOCFG_NAME.test(name)) return 'zoocfg';
  if (COMPOSE_NAME.test(name)) return 'compose';
  if (YAML_NAME.test(name)) return 'yaml';
  return undefined;
}

export interface ConfigModel {
  readonly kind: 'zoocfg' | 'dynamic';
  readonly path: string;
  readonly text: string;
  readonly properties: PropertiesDocument;
}

export interface MyidModel {
  readonly kind: 'myid';
  readonly path: string;
  readonly text: string;
  readonly myid: MyidFile;
}

export interface ComposeModel {
  readonly kind: 'compose';
  readonly path: string;
  readonly text: string;
  readonly compose: ComposeFile;
}

export type FileModel = ConfigModel | MyidModel | ComposeModel;

/** Parses one file; undefined when it is not a file the engine reads (a YAML file without services). */
export function readFileModel(
  path: string,
  text: string,
  resolveFile: (path: string) => string | undefined,
): FileModel | undefined {
  const kind = classifyPath(path);
  switch (kind) {
    case 'zoocfg':
    case 'dynamic':
      return { kind, path, text, properties: readProperties(text) };
    case 'myid':
      return { kind, path, text, myid: readMyid(text) };
    case 'compose':
    case 'yaml': {
      if (kind === 'yaml' && !/^services\s*:/m.test(text)) return undefined;
      const compose = readComposeFile(path, text, resolveFile);
      if (kind === 'yaml' && !(compose.isCompose && compose.services.some((s) => s.runsZooKeeper))) return undefined;
      return { kind: 'compose', path, text, compose };
    }
    default:
      return undefined;
  }
}
