// A walk over a whole list: an async iterator over the engine's pager. Every rule of the walk
// (offsets, total_count, ids seen once, when it is over) is decided by the core's Pager; this
// only hands out its batches one item at a time.

export class Walk {
  // As written (the bundle is minified without keeping names).
  static name = "Walk";

  #open;
  #pager;
  #batch = [];
  #done = false;
  // Settles when the last `next` or `return` has: each waits for the one before it, as an async
  // generator's do, so that `Promise.all([walk.next(), walk.next()])` gives two items in turn.
  #queue = Promise.resolve();

  /** @param {() => Promise<any>} open the engine's pager (with the walk's signal), created on
   * first use */
  constructor(open) {
    this.#open = open;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The next item. A failed page rejects; calling `next` again (or iterating the walk again)
   * retries that page, so a walk can be resumed. */
  next() {
    return this.#inTurn(() => this.#next());
  }

  /** Ends the walk (`break` in a `for await` loop calls it). */
  return(value) {
    return this.#inTurn(async () => {
      this.#finish();
      return { value, done: true };
    });
  }

  #inTurn(step) {
    const result = this.#queue.then(step);
    this.#queue = result.catch(() => {});
    return result;
  }

  async #next() {
    while (this.#batch.length === 0) {
      if (this.#done) return { value: undefined, done: true };
      this.#pager ??= await this.#open();
      const batch = await this.#pager.next();
      if (batch === null) {
        this.#finish();
      } else {
        this.#batch = batch;
      }
    }
    return { value: this.#batch.shift(), done: false };
  }

  #finish() {
    this.#done = true;
    this.#batch = [];
    this.#pager?.free();
    this.#pager = undefined;
  }
}
