/**
 * Answers of a pure function of a context (a version, options) and a text. A workspace repeats the same few texts
 * thousands of times (every node lists the same members, every zoo.cfg the same keys) and the answers are immutable,
 * so each is computed once. Keyed in two levels, because hashing one long joined key per call cost more than the
 * work it saved; the memo starts over when it holds `limit` answers, more than any workspace has distinct texts.
 */
export class TextMemo<V> {
  private readonly byContext = new Map<string, Map<string, V>>();
  private size = 0;

  constructor(private readonly limit: number) {}

  get(context: string, text: string, compute: () => V): V {
    let answers = this.byContext.get(context);
    const known = answers?.get(text);
    if (known !== undefined) return known;
    if (this.size >= this.limit) {
      this.byContext.clear();
      this.size = 0;
      answers = undefined;
    }
    if (!answers) this.byContext.set(context, (answers = new Map()));
    const answer = compute();
    answers.set(text, answer);
    this.size++;
    return answer;
  }
}
