import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TextMemo } from '../../server/src/core/memo';

describe('TextMemo', () => {
  it('computes an answer once per context and text, and keeps contexts apart', () => {
    const memo = new TextMemo<string>(100);
    const computed: string[] = [];
    const answer = (context: string, text: string) => memo.get(context, text) ?? (computed.push(`${context}|${text}`), memo.set(context, text, `${text}@${context}`));
    assert.equal(answer('3.8', 'a'), 'a@3.8');
    assert.equal(answer('3.8', 'a'), 'a@3.8');
    assert.equal(answer('3.4', 'a'), 'a@3.4');
    assert.deepEqual(computed, ['3.8|a', '3.4|a']);
  });

  it('starts over when it holds its limit, so that memory stays bounded', () => {
    const memo = new TextMemo<number>(3);
    let computations = 0;
    const answer = (text: string) => memo.get('', text) ?? memo.set('', text, ++computations);
    for (const text of ['a', 'b', 'c']) answer(text);
    assert.equal(answer('a'), 1, 'still held');
    answer('d');
    assert.equal(computations, 4);
    assert.equal(answer('a'), 5, 'forgotten when d came in over the limit');
  });
});
