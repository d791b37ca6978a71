import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { toCorePath } from '../../server/src/workspace/scan';

describe('core paths of native paths', () => {
  it('are what path.resolve makes of an absolute path, clean or not (the walk skips resolve for clean ones)', () => {
    const segment = fc.oneof(fc.constantFrom('', '.', '..', '...', '.hidden', 'zoo.cfg', 'with space', 'ünï'), fc.stringMatching(/^[A-Za-z0-9._-]{1,6}$/));
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 7 }), fc.boolean(), (segments, trailingSlash) => {
        const native = `/${segments.join('/')}${trailingSlash ? '/' : ''}`;
        assert.equal(toCorePath(native), path.resolve(native));
      }),
      { numRuns: 5000 },
    );
  });
});
