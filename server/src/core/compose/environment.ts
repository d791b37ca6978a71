import { resolvePath } from '../paths';
import { LineIndex } from '../text';
import { readDotenv } from './dotenv';
import { interpolate, Interpolated } from './interpolation';
import type { ComposeProblem, EnvFileReference, EnvVar } from './model';
import type { EnvBinding } from './nodeFacts';
import type { SourcedText } from './sourcedText';
import type { YamlEntry, YamlTree } from './yamlTree';

export interface ServiceVariables {
  /** Effective variables by name: env files in order, then `environment`, each overriding the earlier. */
  readonly bindings: ReadonlyMap<string, EnvBinding>;
  readonly envFiles: readonly EnvFileReference[];
}

export interface EnvironmentSources {
  readonly tree: YamlTree;
  readonly service: ReadonlyMap<string, YamlEntry>;
  /** Folder of the compose file: env file paths are relative to it. */
  readonly directory: string;
  readonly resolveFile: (absolutePath: string) => string | undefined;
  readonly report: (problem: ComposeProblem) => void;
}

/** A service's `env_file` and `environment` (map or `NAME=value` list), with every name and value located. */
export function readServiceVariables(sources: EnvironmentSources): ServiceVariables {
  const bindings = new Map<string, EnvBinding>();
  const envFiles: EnvFileReference[] = [];
  for (const reference of envFileReferences(sources)) {
    const text = sources.resolveFile(reference.path);
    envFiles.push({ ...reference, resolved: text !== undefined });
    if (text === undefined) continue;
    for (const { name, value } of readDotenv({ path: reference.path, lines: new LineIndex(text) })) {
      bindings.set(name.text, binding(name, value));
    }
  }
  for (const variable of environmentEntries(sources)) bindings.set(variable.variable.name, variable);
  return { bindings, envFiles };
}

function binding(name: SourcedText, value: Interpolated | undefined): EnvBinding {
  const variable: EnvVar = {
    name: name.text,
    value: value?.value.text,
    raw: value?.raw.text,
    interpolated: value?.state ?? 'none',
    path: name.path,
    nameRange: name.range,
    valueRange: value?.value.range ?? name.range,
  };
  return value ? { variable, text: value.value } : { variable };
}

function envFileReferences(sources: EnvironmentSources): Omit<EnvFileReference, 'resolved'>[] {
  const { tree, service, directory } = sources;
  const node = service.get('env_file')?.value;
  const items = tree.items(node) ?? [node];
  return items.flatMap((item) => {
    const long = tree.entries(item);
    const written = tree.text(long ? long.get('path')?.value : item);
    if (!written) return [];
    const required = !/^false$/i.test(tree.text(long?.get('required')?.value)?.value.text ?? '');
    return [{ path: resolvePath(directory, written.value.text), range: written.value.range, required }];
  });
}

function environmentEntries(sources: EnvironmentSources): EnvBinding[] {
  const { tree, service, report } = sources;
  const node = service.get('environment')?.value;
  const invalid = (range: EnvVar['nameRange'], message: string) =>
    report({ kind: 'invalid-environment', message, path: tree.origin.path, range });
  const entries = tree.entries(node);
  if (entries) {
    return [...entries.values()].flatMap(({ key, value }) => {
      const name = tree.raw(key);
      if (!name) return [];
      const raw = tree.raw(value);
      if (value && !raw) {
        invalid(tree.rangeOf(value), `The value of ${name.text} must be a string, number or boolean.`);
        return [];
      }
      return [binding(name, raw && interpolate(raw))];
    });
  }
  return (tree.items(node) ?? []).flatMap((item) => {
    const raw = tree.raw(item);
    if (!raw) {
      if (item) invalid(tree.rangeOf(item), 'An environment list item is a string NAME=value.');
      return [];
    }
    const equals = raw.text.indexOf('=');
    if (equals < 0) return [binding(raw, undefined)];
    return [binding(raw.slice(0, equals), interpolate(raw.slice(equals + 1)))];
  });
}
