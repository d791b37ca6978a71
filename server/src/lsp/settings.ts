import type { EngineSettings, RuleSetting } from '../core/engine';
import { SEVERITIES } from '../core/findings';
import { RULES } from '../core/rules';
import { parseZkVersion } from '../core/version';

/**
 * Settings from the editor, checked before they reach the engine: anything malformed is reported through
 * `warn` and left out, so a bad settings.json never stops checking.
 */

export const DEFAULT_DEBOUNCE_MS = 150;

export type Warn = (message: string) => void;

export interface InitializationOptions {
  readonly debounceMs: number;
  readonly engine: Partial<EngineSettings>;
}

/** `initializationOptions: { debounceMs?, zookeeperVersion?, rules? }`, for editors without workspace/configuration. */
export function readInitializationOptions(raw: unknown, warn: Warn): InitializationOptions {
  const options = isRecord(raw) ? raw : {};
  const debounce = options.debounceMs;
  const validDebounce = typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0;
  if (debounce !== undefined && !validDebounce) warn(`initializationOptions.debounceMs must be a number >= 0, not ${JSON.stringify(debounce)}; using ${DEFAULT_DEBOUNCE_MS}.`);
  return {
    debounceMs: validDebounce ? debounce : DEFAULT_DEBOUNCE_MS,
    engine: readEngineSettings(options.zookeeperVersion, options.rules, 'initializationOptions', 'zookeeperVersion', warn),
  };
}

/** The `zookeeper` configuration section: `{ version, rules, trace }` (trace is the client's business). */
export function readConfigurationSection(raw: unknown, warn: Warn): Partial<EngineSettings> {
  const section = isRecord(raw) ? raw : {};
  return readEngineSettings(section.version, section.rules, 'zookeeper', 'version', warn);
}

/** Later settings win; rule settings merge per rule. */
export function mergeSettings(base: Partial<EngineSettings>, override: Partial<EngineSettings>): Partial<EngineSettings> {
  return { ...base, ...override, rules: { ...base.rules, ...override.rules } };
}

function readEngineSettings(version: unknown, rules: unknown, where: string, versionName: string, warn: Warn): Partial<EngineSettings> {
  const settings: { zookeeperVersion?: string; rules?: Record<string, RuleSetting> } = {};
  if (typeof version === 'string' && parseZkVersion(version)) settings.zookeeperVersion = version;
  else if (version !== undefined && version !== null && version !== '') warn(`${where}.${versionName}: ${JSON.stringify(version)} is not a ZooKeeper version such as "3.8"; ignored.`);
  if (isRecord(rules)) settings.rules = readRules(rules, `${where}.rules`, warn);
  else if (rules !== undefined && rules !== null) warn(`${where}.rules must be an object of rule id to 'off' or a severity; ignored.`);
  return settings;
}

const RULE_SETTINGS: readonly string[] = ['off', ...SEVERITIES];

function readRules(rules: Record<string, unknown>, where: string, warn: Warn): Record<string, RuleSetting> {
  const known = new Set(RULES.map((rule) => rule.id));
  const result: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(rules)) {
    if (!known.has(id)) warn(`${where}: there is no rule '${id}'.`);
    else if (typeof setting === 'string' && RULE_SETTINGS.includes(setting)) result[id] = setting as RuleSetting;
    else warn(`${where}.${id}: ${JSON.stringify(setting)} is not one of ${RULE_SETTINGS.join(', ')}; ignored.`);
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
