import type { Node } from 'yaml';
import { normalize, resolvePath } from '../paths';
import type { Range } from '../text';
import type { ComposeProblem, VolumeKind, VolumeMount } from './model';
import type { SourcedText } from './sourcedText';
import type { YamlTree } from './yamlTree';

const KINDS: ReadonlySet<string> = new Set<VolumeKind>(['bind', 'volume', 'tmpfs', 'npipe', 'cluster', 'image']);
const WINDOWS_PATH = /^[A-Za-z]:[\\/]/;

interface VolumeContext {
  readonly tree: YamlTree;
  /** Folder of the compose file: relative bind sources are taken from there. */
  readonly directory: string;
  readonly invalid: (range: Range, message: string) => void;
}

/** A service's `volumes:` list, short (`source:target[:mode]`) and long syntax. */
export function readVolumes(
  tree: YamlTree,
  node: Node | undefined,
  directory: string,
  report: (problem: ComposeProblem) => void,
): VolumeMount[] {
  const invalid = (range: Range, message: string) => report({ kind: 'invalid-volume', message, path: tree.origin.path, range });
  const context: VolumeContext = { tree, directory, invalid };
  const mounts: VolumeMount[] = [];
  for (const item of tree.items(node) ?? []) {
    if (!item) continue;
    const written = tree.text(item);
    const mount = written ? readShortSyntax(context, written.value.trim()) : readLongSyntax(context, item);
    if (mount) mounts.push(mount);
  }
  return mounts;
}

function readShortSyntax(context: VolumeContext, text: SourcedText): VolumeMount | undefined {
  // A Windows drive letter's colon is not a separator.
  const firstSeparator = text.text.indexOf(':', WINDOWS_PATH.test(text.text) ? 2 : 0);
  if (firstSeparator < 0) return mount(context, { kind: 'volume', target: text, readOnly: false, range: text.range });
  const source = text.slice(0, firstSeparator);
  const [target, mode, ...extra] = text.slice(firstSeparator + 1).split(/:/g);
  if (extra.length > 0 || target.length === 0) {
    context.invalid(text.range, `"${text.text}" is not a volume of the form source:target[:mode].`);
    return undefined;
  }
  const readOnly = mode !== undefined && mode.text.split(',').includes('ro');
  return mount(context, { kind: isHostPath(source.text) ? 'bind' : 'volume', source, target, readOnly, range: text.range });
}

function readLongSyntax(context: VolumeContext, item: Node): VolumeMount | undefined {
  const { tree, invalid } = context;
  const range = tree.rangeOf(item);
  const entries = tree.entries(item);
  const field = (name: string) => {
    const value = entries?.get(name)?.value;
    return value ? tree.text(value)?.value.trim() : undefined;
  };
  const target = field('target');
  if (!entries || !target) {
    invalid(range, 'A long-syntax volume is a mapping with at least `type` and `target`.');
    return undefined;
  }
  const source = field('source');
  const type = field('type');
  const kind = type?.text ?? (source && isHostPath(source.text) ? 'bind' : 'volume');
  if (!KINDS.has(kind)) {
    invalid(type?.range ?? range, `Unknown volume type "${kind}"; use ${[...KINDS].join(', ')}.`);
    return undefined;
  }
  const readOnly = /^(true|yes|on)$/i.test(field('read_only')?.text ?? '');
  return mount(context, { kind: kind as VolumeKind, source, target, readOnly, range });
}

interface WrittenMount {
  readonly kind: VolumeKind;
  readonly source?: SourcedText;
  readonly target: SourcedText;
  readonly readOnly: boolean;
  readonly range: Range;
}

function mount(context: VolumeContext, written: WrittenMount): VolumeMount | undefined {
  const { kind, source, target, readOnly, range } = written;
  if (!target.text.startsWith('/')) {
    context.invalid(target.range, `The container path "${target.text}" must be absolute.`);
    return undefined;
  }
  const sourceText = source && source.length > 0 ? source.text : undefined;
  const resolvedSource = kind === 'bind' && sourceText ? hostPath(context.directory, sourceText) : sourceText;
  return {
    kind,
    ...(resolvedSource !== undefined && { source: resolvedSource }),
    ...(sourceText !== undefined && { sourceText, sourceRange: source?.range }),
    target: normalize(target.text),
    readOnly,
    range,
    targetRange: target.range,
  };
}

function isHostPath(source: string): boolean {
  return /^[./~\\]/.test(source) || WINDOWS_PATH.test(source);
}

/** Absolute host path of a bind source; undefined when only the host knows it (home directory, Windows drive). */
function hostPath(directory: string, source: string): string | undefined {
  if (source.startsWith('~') || WINDOWS_PATH.test(source) || source.startsWith('\\')) return undefined;
  return resolvePath(directory, source);
}
