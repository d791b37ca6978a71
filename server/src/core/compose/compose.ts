import { Alias, Document, isMap, parseAllDocuments, visit } from 'yaml';
import { basename, dirname } from '../paths';
import { LineIndex } from '../text';
import { readServiceVariables } from './environment';
import { parseImageReference } from './image';
import type { Interpolated } from './interpolation';
import type { ComposeFile, ComposeImage, ComposeProblem, ComposeService, ComposeText } from './model';
import { describeZooKeeperNode } from './nodeFacts';
import { readPorts } from './ports';
import type { TextOrigin } from './sourcedText';
import { readVolumes } from './volumes';
import { YamlEntry, YamlTree } from './yamlTree';

export * from './model';

/**
 * Aliases a document may expand to before it counts as an alias bomb ("billion laughs"); Compose files use a
 * handful, and the check keeps the walk over merged anchors bounded.
 */
const MAX_ALIAS_COUNT = 1000;

/**
 * Reads a docker-compose file into its services and the ZooKeeper nodes they start. Never throws: YAML errors,
 * alias bombs and malformed entries become problems. `resolveFile` supplies other workspace files (`env_file`s,
 * folders mounted as config) and returns undefined for files it cannot see.
 */
export function readComposeFile(
  path: string,
  text: string,
  resolveFile: (absolutePath: string) => string | undefined,
): ComposeFile {
  const origin: TextOrigin = { path, lines: new LineIndex(text) };
  const problems: ComposeProblem[] = [];
  const report = (problem: ComposeProblem) => problems.push(problem);
  const services: ComposeService[] = [];
  let isCompose = false;
  let projectName: string | undefined;

  const tooDeep = excessiveNesting(text);
  if (tooDeep !== undefined) {
    const message = `YAML nested more than ${MAX_NESTING} levels deep: not read (no compose file nests like this, and reading it would take the YAML parser seconds).`;
    report({ kind: 'yaml', message, path, range: origin.lines.rangeOf(tooDeep, tooDeep + 1) });
    return { path, project: normalizeProjectName(basename(dirname(path))), isCompose: false, services, problems };
  }

  // logLevel 'error': the YAML library's warnings (collection keys, ...) would go to the host's stderr, once per file.
  for (const document of parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false, logLevel: 'error' })) {
    for (const error of document.errors) {
      report({ kind: 'yaml', message: error.message, path, range: origin.lines.rangeOf(error.pos[0], error.pos[1]) });
    }
    const aliasProblem = checkAliases(document, origin);
    if (aliasProblem) {
      report(aliasProblem);
      continue;
    }
    const tree = new YamlTree(document, origin, report);
    const top = tree.entries(tree.root);
    if (!top) continue;
    projectName ??= tree.text(top.get('name')?.value)?.value.text;
    const servicesEntry = top.get('services');
    if (!servicesEntry || (servicesEntry.value && !isMap(servicesEntry.value))) continue;
    isCompose = true;
    const context: ServiceContext = { tree, directory: dirname(path), resolveFile, report };
    for (const entry of tree.entries(servicesEntry.value)?.values() ?? []) services.push(readService(context, entry));
  }
  return { path, project: projectName ?? normalizeProjectName(basename(dirname(path))), isCompose, services, problems };
}

/** Compose files nest a handful of levels; the YAML library needs seconds to fail on a million. */
const MAX_NESTING = 1000;

/**
 * Where flow collections ('[', '{') or compact sequences ('- - -') nest beyond MAX_NESTING, counted naively
 * (brackets in strings count too, which no real file comes near); undefined for any real file.
 */
function excessiveNesting(text: string): number | undefined {
  let depth = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > MAX_NESTING) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    } else if (c === 0x2d /* - */ && (text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x09)) {
      if (++dashes > MAX_NESTING) return i;
    } else if (c === 0x0a || c === 0x0d) {
      dashes = 0;
    } else if (c !== 0x20 && c !== 0x09) {
      dashes = 0;
    }
  }
  return undefined;
}

/** Compose's project-name normalization: lower case, only [a-z0-9_-], no leading '_' or '-'. */
function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '')
    .replace(/^[_-]+/, '');
}

/** Expanding every alias once, as Compose does, must stay within MAX_ALIAS_COUNT and find every anchor. */
function checkAliases(document: Document.Parsed, origin: TextOrigin): ComposeProblem | undefined {
  try {
    document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    let culprit: Alias | undefined;
    visit(document, {
      Alias(_, alias) {
        culprit ??= alias;
        if (alias.resolve(document) !== undefined) return undefined;
        culprit = alias;
        return visit.BREAK;
      },
    });
    const [start, end] = culprit?.range ?? [0, 0];
    const kind = /alias count/i.test(message) ? 'alias-limit' : 'yaml';
    return { kind, message, path: origin.path, range: origin.lines.rangeOf(start, end) };
  }
}

interface ServiceContext {
  readonly tree: YamlTree;
  readonly directory: string;
  readonly resolveFile: (absolutePath: string) => string | undefined;
  readonly report: (problem: ComposeProblem) => void;
}

function readService(context: ServiceContext, entry: YamlEntry): ComposeService {
  const { tree, directory, resolveFile, report } = context;
  const service = tree.entries(entry.value) ?? new Map<string, YamlEntry>();
  const field = (name: string) => service.get(name)?.value;
  const text = (name: string) => composeText(tree.text(field(name)));
  const nameRange = tree.rangeOf(entry.key);

  const image = readImage(tree.text(field('image')));
  const { bindings, envFiles } = readServiceVariables({ tree, service, directory, resolveFile, report });
  const volumes = readVolumes(tree, field('volumes'), directory, report);
  const zookeeper = describeZooKeeperNode(
    {
      image,
      serviceLocation: { path: tree.origin.path, range: nameRange },
      environment: bindings,
      volumes,
      fileExists: (absolutePath) => resolveFile(absolutePath) !== undefined,
    },
    report,
  );
  const hostname = text('hostname');
  const containerName = text('container_name');
  const networkMode = text('network_mode');
  return {
    name: entry.name,
    nameRange,
    ...(image && { image }),
    runsZooKeeper: zookeeper !== undefined,
    environment: [...bindings.values()].map((binding) => binding.variable),
    envFiles,
    ...(hostname && { hostname }),
    ...(containerName && { containerName }),
    ...(networkMode && { networkMode }),
    networkAliases: readNetworkAliases(tree, field('networks')),
    ports: readPorts(tree, field('ports'), report),
    volumes,
    ...(zookeeper && { zookeeper }),
  };
}

function composeText(written: Interpolated | undefined): ComposeText | undefined {
  if (!written) return undefined;
  const { value, state } = written;
  return { value: value.text, path: value.path, range: value.range, interpolated: state };
}

function readImage(written: Interpolated | undefined): ComposeImage | undefined {
  const text = composeText(written);
  if (!text) return undefined;
  const reference = parseImageReference(text.value.trim());
  return {
    ...text,
    family: reference.family,
    repository: reference.repository,
    ...(reference.tag !== undefined && { tag: reference.tag }),
    ...(reference.digest !== undefined && { digest: reference.digest }),
    ...(reference.zkVersion && { zkVersion: reference.zkVersion }),
    versionFromTag: reference.versionFromTag,
  };
}

/** `networks: {net: {aliases: [...]}}`; the list form of `networks` names no aliases. */
function readNetworkAliases(tree: YamlTree, node: YamlEntry['value']): ComposeText[] {
  return [...(tree.entries(node)?.values() ?? [])].flatMap((network) =>
    (tree.items(tree.entries(network.value)?.get('aliases')?.value) ?? []).flatMap((alias) => composeText(tree.text(alias)) ?? []),
  );
}
