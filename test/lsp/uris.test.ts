import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { corePathToUri, uriToCorePath } from '../../server/src/lsp/uris';

describe('file URIs of core paths', () => {
  it('are what pathToFileURL makes of them, plain paths and paths to escape alike', () => {
    const segment = fc.oneof(
      fc.stringMatching(/^[A-Za-z0-9_~-][A-Za-z0-9._~-]{0,8}$/),
      fc.constantFrom('.', '..', '.hidden', 'with space', 'per%cent', 'hash#', 'query?', 'ünï', 'zoo.cfg', 'docker-compose.yml', ''),
      fc.string({ unit: 'binary', maxLength: 6 }).filter((s) => !s.includes('/') && !s.includes('\u0000')),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const path = `/${segments.join('/')}`;
        assert.equal(corePathToUri(path), pathToFileURL(path).href);
      }),
      { numRuns: 5000 },
    );
  });

  it('lead back to the path', () => {
    for (const path of ['/work/ens-1/node1/zoo.cfg', '/tmp/with space/zoo.cfg', '/tmp/ünï/myid']) assert.equal(uriToCorePath(corePathToUri(path)), path);
  });
});
