import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { addTo, countOf, deleteFrom, OneOrMore, valuesOf } from '../../server/src/core/oneOrMore';

describe('OneOrMore', () => {
  it('behaves as a map of sets: a key is new once, goes with its last value, and keeps insertion order', () => {
    const map = new Map<string, OneOrMore<string>>();
    assert.equal(addTo(map, 'k', 'a'), true);
    assert.equal(addTo(map, 'k', 'a'), false);
    assert.equal(map.get('k'), 'a', 'a single value is held inline');
    assert.equal(addTo(map, 'k', 'b'), false);
    assert.equal(addTo(map, 'k', 'c'), false);
    assert.deepEqual([...valuesOf(map.get('k'))], ['a', 'b', 'c']);
    assert.equal(countOf(map.get('k')), 3);
    assert.equal(deleteFrom(map, 'k', 'x'), false);
    assert.equal(deleteFrom(map, 'k', 'a'), false);
    assert.equal(deleteFrom(map, 'k', 'c'), false);
    assert.deepEqual([...valuesOf(map.get('k'))], ['b']);
    assert.equal(deleteFrom(map, 'k', 'b'), true);
    assert.equal(map.has('k'), false);
    assert.equal(countOf(map.get('k')), 0);
    assert.deepEqual([...valuesOf(map.get('k'))], []);
    assert.equal(addTo(map, 'k', 'd'), true);
    assert.equal(deleteFrom(map, 'k', 'x'), false);
    assert.equal(deleteFrom(map, 'k', 'd'), true);
    assert.equal(deleteFrom(map, 'missing', 'd'), false);
  });
});
