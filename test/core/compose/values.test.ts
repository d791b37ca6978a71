import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';

import { parseImageReference } from '../../../server/src/core/compose/image';
import { interpolate } from '../../../server/src/core/compose/interpolation';
import { SourcedText } from '../../../server/src/core/compose/sourcedText';
import { basename, dirname, isInside, join, normalize, resolvePath } from '../../../server/src/core/paths';
import { LineIndex } from '../../../server/src/core/text';
import { formatVersion } from '../../../server/src/core/version';

describe('interpolate', () => {
  const cases: [written: string, value: string, state: string][] = [
    ['plain', 'plain', 'none'],
    ['$$', '$', 'none'],
    ['a$$b', 'a$b', 'none'],
    ['${A:-x}', 'x', 'default'],
    ['${A-x}', 'x', 'default'],
    ['${A:-}', '', 'default'],
    ['${A:-${B:-inner}}', 'inner', 'default'],
    ['${A:-${B}}', '${B}', 'unresolved'],
    ['${A}', '${A}', 'unresolved'],
    ['$A', '$A', 'unresolved'],
    ['${A:?required}', '${A:?required}', 'unresolved'],
    ['${A:+set}', '${A:+set}', 'unresolved'],
    ['${unclosed', '${unclosed', 'unresolved'],
    ['cost: 5$', 'cost: 5$', 'none'],
    ['${A:-x}-$B-${C:-y}', 'x-$B-y', 'unresolved'],
  ];
  for (const [written, value, state] of cases) {
    it(`${written} → ${value}`, () => {
      const source = SourcedText.verbatim({ path: '/f', lines: new LineIndex(written) }, written, 0);
      const result = interpolate(source);
      assert.equal(result.value.text, value);
      assert.equal(result.state, state);
      assert.equal(result.raw.text, written);
    });
  }

  it('maps substituted characters to where they are written', () => {
    const written = 'x=${HOST:-zoo1}:2888';
    const result = interpolate(SourcedText.verbatim({ path: '/f', lines: new LineIndex(written) }, written, 0));
    const host = result.value.text.indexOf('zoo1');
    assert.deepEqual(result.value.spanOf(host, host + 4), [written.indexOf('zoo1'), written.indexOf('zoo1') + 4]);
    assert.deepEqual(result.value.spanOf(0, result.value.length), [0, written.length]);
  });
});

describe('parseImageReference', () => {
  const cases: [reference: string, family: string, version: string | undefined, fromTag: boolean][] = [
    ['zookeeper', 'official', '3.9', false],
    ['zookeeper:latest', 'official', '3.9', false],
    ['zookeeper:3.8.4', 'official', '3.8.4', true],
    ['zookeeper:3.9', 'official', '3.9', true],
    ['zookeeper:3.8-jre-17', 'official', '3.8', true],
    ['library/zookeeper:3.7', 'official', '3.7', true],
    ['docker.io/zookeeper:3.6.4', 'official', '3.6.4', true],
    ['docker.io/library/zookeeper', 'official', '3.9', false],
    ['zookeeper@sha256:abc', 'official', undefined, false],
    ['bitnami/zookeeper:3.9.3-debian-12-r0', 'bitnami', '3.9.3', true],
    ['bitnami/zookeeper:latest', 'bitnami', undefined, false],
    ['confluentinc/cp-zookeeper:7.6.1', 'confluent', undefined, false],
    ['wurstmeister/zookeeper', 'wurstmeister', '3.4.13', false],
    ['wurstmeister/zookeeper:3.4.6', 'wurstmeister', '3.4.6', true],
    ['localhost:5000/zookeeper:3.8', 'official', '3.8', true],
    ['nginx:1.27', 'other', undefined, false],
    ['zookeeper:${TAG}', 'official', undefined, false],
  ];
  for (const [reference, family, version, fromTag] of cases) {
    it(reference, () => {
      const image = parseImageReference(reference);
      assert.equal(image.family, family);
      assert.equal(image.zkVersion && formatVersion(image.zkVersion), version);
      assert.equal(image.versionFromTag, fromTag);
    });
  }
});

describe('posix paths', () => {
  it('normalizes, joins and resolves', () => {
    assert.equal(normalize('/a/./b//c/../d/'), '/a/b/d');
    assert.equal(normalize('/../a'), '/a');
    assert.equal(normalize('a/../../b'), '../b');
    assert.equal(normalize(''), '.');
    assert.equal(join('/work/zk', './zoo.cfg'), '/work/zk/zoo.cfg');
    assert.equal(join('/work/zk', '../conf/zoo.cfg'), '/work/conf/zoo.cfg');
    assert.equal(resolvePath('/work/zk', '/etc/zoo.cfg'), '/etc/zoo.cfg');
    assert.equal(resolvePath('/work/zk', 'data'), '/work/zk/data');
  });

  it('splits and compares', () => {
    assert.equal(dirname('/work/zk/docker-compose.yml'), '/work/zk');
    assert.equal(dirname('/file'), '/');
    assert.equal(basename('/work/zk/'), 'zk');
    assert.equal(isInside('/work', '/work/zk/myid'), true);
    assert.equal(isInside('/work', '/work'), true);
    assert.equal(isInside('/work', '/workspace/x'), false);
    assert.equal(isInside('/work', '/work/../etc'), false);
    assert.equal(isInside('/', '/etc'), true);
  });
});
