import type { Fix } from './edits';
import type { Range } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Another place that explains a finding: the other node's line, the clashing listener. */
export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** What a rule says about one place in one file. `path` is absolute and '/'-separated. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly path: string;
  readonly range: Range;
  readonly related: readonly RelatedLocation[];
  /** Quick fixes for this finding; empty when there is no mechanical fix. */
  readonly fixes: readonly Fix[];
}
