// An async iterator fed by push(): it keeps what its consumer has not taken
// yet, and ends once closed and drained.

const END: IteratorReturnResult<undefined> = { value: undefined, done: true };

export class EventQueue<T> implements AsyncIterableIterator<T> {
  readonly #buffered: T[] = [];
  readonly #waiting: ((result: IteratorResult<T, undefined>) => void)[] = [];
  #closed = false;

  /** `onReturn` runs when the consumer leaves early (break, return or throw in for await). */
  constructor(private readonly onReturn: () => void) {}

  push(item: T): void {
    if (this.#closed) return;
    const waiting = this.#waiting.shift();
    if (waiting === undefined) this.#buffered.push(item);
    else waiting({ value: item, done: false });
  }

  /** Drops the items kept. */
  clear(): void {
    this.#buffered.length = 0;
  }

  /** No more items: the consumer gets those kept, then the end. */
  close(): void {
    this.#closed = true;
    for (const waiting of this.#waiting.splice(0)) waiting(END);
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#buffered.length > 0) return Promise.resolve({ value: this.#buffered.shift() as T, done: false });
    if (this.#closed) return Promise.resolve(END);
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  return(): Promise<IteratorResult<T, undefined>> {
    this.clear();
    this.close();
    this.onReturn();
    return Promise.resolve(END);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
