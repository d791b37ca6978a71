import { ComposeFile, ComposeService, readComposeFile } from '../../../server/src/core/compose/compose';
import { LineIndex, Range } from '../../../server/src/core/text';

/** The source text a range covers. */
export function textAt(text: string, range: Range): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end));
}

export const COMPOSE_PATH = '/work/project/zk/docker-compose.yml';

/** Reads compose text at COMPOSE_PATH; `files` are the other workspace files by absolute path. */
export function read(text: string, files: Readonly<Record<string, string>> = {}): ComposeFile {
  return readComposeFile(COMPOSE_PATH, text, (path) => files[path]);
}

export function service(file: ComposeFile, name: string): ComposeService {
  const found = file.services.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no service ${name} in ${file.services.map((s) => s.name).join(', ')}`);
  return found;
}

export function envValue(file: ComposeFile, serviceName: string, variable: string): string | undefined {
  return service(file, serviceName).environment.find((env) => env.name === variable)?.value;
}
