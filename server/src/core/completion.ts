import { describeKey, serverGrammar } from './hover';
import { completableKeys, KeyInfo, lookupKey } from './keys';
import type { PropertiesDocument, PropertyEntry } from './properties';
import { comparePositions, Position, Range, rangeContains } from './text';
import { atLeast, ZkVersion } from './version';

/** Completion for zoo.cfg and zoo.cfg.dynamic. Pure: the language server turns items into LSP ones. */

export interface CompletionItem {
  readonly label: string;
  readonly kind: 'key' | 'value' | 'snippet';
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  /** For 'snippet' items in LSP snippet syntax ($1, ${2:default}). */
  readonly insertText: string;
  /** What the item replaces: the key or value typed so far, always on the cursor's line. */
  readonly replace: Range;
}

const NUMBERED_SERVER_KEY = /^server\.(\d+)$/;

type Slot =
  | { readonly kind: 'key'; readonly replace: Range; readonly entry?: PropertyEntry; readonly needsSeparator: boolean }
  | { readonly kind: 'value'; readonly replace: Range; readonly entry: PropertyEntry };

export function completionsAt(
  properties: PropertiesDocument,
  position: Position,
  version: ZkVersion,
  fileKind: 'zoocfg' | 'dynamic' = 'zoocfg',
): CompletionItem[] {
  const slot = slotAt(properties, position);
  if (!slot) return [];
  return slot.kind === 'key' ? keyCompletions(properties, slot, version, fileKind) : valueCompletions(slot, version);
}

/** Whether the cursor is where a key or a value goes; undefined in comments and between key and separator. */
function slotAt(properties: PropertiesDocument, position: Position): Slot | undefined {
  const entry = properties.entries.find((e) => rangeContains(e.range, position));
  const here = { start: position, end: position };
  if (!entry) {
    // Only a blank line takes a new key: elsewhere the cursor is in a comment or in front of a key.
    return properties.lines.lineText(position.line).trim() === '' ? { kind: 'key', replace: here, needsSeparator: true } : undefined;
  }
  if (rangeContains(entry.keyRange, position)) {
    const restOfLine = properties.lines.lineText(position.line).slice(entry.keyRange.end.character);
    const onOneLine = entry.keyRange.start.line === position.line && entry.keyRange.end.line === position.line;
    return { kind: 'key', entry, replace: onOneLine ? entry.keyRange : here, needsSeparator: onOneLine && restOfLine.trim() === '' };
  }
  if (comparePositions(position, entry.valueRange.start) < 0) return undefined;
  const onOneLine = entry.valueRange.start.line === position.line && entry.valueRange.end.line === position.line;
  return { kind: 'value', entry, replace: onOneLine ? entry.valueRange : here };
}

function keyCompletions(properties: PropertiesDocument, slot: Slot & { kind: 'key' }, version: ZkVersion, fileKind: 'zoocfg' | 'dynamic'): CompletionItem[] {
  const taken = new Set(properties.entries.filter((e) => e !== slot.entry).map((e) => e.key.trim()));
  const separator = slot.needsSeparator ? '=' : '';
  const items: CompletionItem[] = [nextServerItem(properties, slot, version)];
  if (fileKind === 'dynamic') return items;
  for (const info of completableKeys(version)) {
    if (taken.has(info.key)) continue;
    items.push({
      label: info.key,
      kind: 'key',
      detail: keyDetail(info),
      documentation: describeKey(info, version),
      insertText: info.key + separator,
      replace: slot.replace,
    });
  }
  return items;
}

function keyDetail(info: KeyInfo): string {
  return info.defaultValue === undefined ? info.type : `${info.type}, default ${info.defaultValue}`;
}

/** `server.N` for the next id after the highest one in the file; with the whole line as a snippet when nothing follows. */
function nextServerItem(properties: PropertiesDocument, slot: Slot & { kind: 'key' }, version: ZkVersion): CompletionItem {
  const ids = properties.entries.filter((e) => e !== slot.entry).map((e) => NUMBERED_SERVER_KEY.exec(e.key.trim())?.[1]).filter((id) => id !== undefined);
  const id = ids.reduce((highest, text) => Math.max(highest, Number(text)), 0) + 1;
  const label = `server.${id}`;
  const common = { label, detail: 'ensemble member', documentation: serverGrammar(version), replace: slot.replace };
  return slot.needsSeparator ? { ...common, kind: 'snippet', insertText: `${label}=${serverValueSnippet(id, version)}` } : { ...common, kind: 'key', insertText: label };
}

function serverValueSnippet(id: number, version: ZkVersion): string {
  const client = atLeast(version, '3.5') ? ';${4:2181}' : '';
  return `\${1:zoo${id}}:\${2:2888}:\${3:3888}${client}`;
}

function valueCompletions(slot: Slot & { kind: 'value' }, version: ZkVersion): CompletionItem[] {
  const key = slot.entry.key.trim();
  const serverId = NUMBERED_SERVER_KEY.exec(key)?.[1];
  if (serverId !== undefined) {
    return [{ label: 'host:quorumPort:electionPort', kind: 'snippet', detail: 'server.N value', documentation: serverGrammar(version), insertText: serverValueSnippet(Number(serverId), version), replace: slot.replace }];
  }
  const found = lookupKey(key, version);
  if (found.kind !== 'known' && found.kind !== 'not-in-version') return [];
  const info = found.info;
  const values = info.values ?? (info.type === 'boolean' ? (info.booleanStyle === 'yes-no' ? ['yes', 'no'] : ['true', 'false']) : undefined);
  const choices = values ?? (info.defaultValue !== undefined ? [info.defaultValue] : []);
  return choices.map((value) => ({
    label: value,
    kind: 'value',
    ...(value === info.defaultValue ? { detail: 'default' } : {}),
    insertText: value,
    replace: slot.replace,
  }));
}
