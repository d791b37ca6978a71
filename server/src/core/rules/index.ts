import { clientPortMismatch } from './clientPortMismatch';
import { duplicateKey } from './duplicateKey';
import { dynamicConfig } from './dynamicConfig';
import { evenEnsemble } from './evenEnsemble';
import { fileFormat } from './fileFormat';
import { imageMismatch } from './imageMismatch';
import { inlineComment } from './inlineComment';
import { invalidValue } from './invalidValue';
import { missingKey } from './missingKey';
import { myidDuplicate } from './myidDuplicate';
import { myidInvalid } from './myidInvalid';
import { myidMissing } from './myidMissing';
import { myidNotInServers } from './myidNotInServers';
import { portClash } from './portClash';
import { quorumInvalid } from './quorumInvalid';
import type { Rule } from './rule';
import { serverMismatch } from './serverMismatch';
import { serverMissing } from './serverMissing';
import { serverSyntax } from './serverSyntax';
import { settingMismatch } from './settingMismatch';
import { unknownKey } from './unknownKey';
import { wildcardAddress } from './wildcardAddress';

/** Every rule the engine runs, in the order the README lists them: single files first, then ensembles. */
export const RULES: readonly Rule[] = [
  unknownKey,
  invalidValue,
  missingKey,
  duplicateKey,
  inlineComment,
  serverSyntax,
  fileFormat,
  dynamicConfig,
  myidInvalid,
  serverMismatch,
  serverMissing,
  myidMissing,
  myidDuplicate,
  myidNotInServers,
  evenEnsemble,
  portClash,
  settingMismatch,
  quorumInvalid,
  clientPortMismatch,
  wildcardAddress,
  imageMismatch,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}
