/**
 * Answers of a pure function of a context (a version, options) and a text. A workspace repeats the same few texts
 * thousands of times (every node lists the same members, every zoo.cfg the same keys) and the answers are immutable,
 * so each is computed once. Keyed in two levels, because hashing one long joined key per call cost more than the
 * work it saved; the memo starts over when it holds `limit` answers, more than any workspace has distinct texts.
 * A lookup and a store rather than one call taking a compute closure: hits far outnumber computes (a cold scan of
 * 1,000 ensembles: 16k lookups, 4k computes), and a hit should allocate nothing.
 */
export class TextMemo<V> {
  private readonly byContext = new Map<number | string, Map<string, V>>();
  private size = 0;

  constructor(private readonly limit: number) {}

  get(context: number | string, text: string): V | undefined {
    return this.byContext.get(context)?.get(text);
  }

  /** Stores and returns `answer`. */
  set(context: number | string, text: string, answer: V): V {
    if (this.size >= this.limit) {
      this.byContext.clear();
      this.size = 0;
    }
    let answers = this.byContext.get(context);
    if (!answers) this.byContext.set(context, (answers = new Map()));
    answers.set(text, answer);
    this.size++;
    return answer;
  }
}
