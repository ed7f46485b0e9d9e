/**
 * Runs async work one piece at a time, in call order: what a database's transaction isolation
 * gives the SQL adapters, for the in-memory ones.
 *
 * @example
 * const queue = new SerialQueue();
 * await queue.run(async () => { const x = read(); await later(); write(x); });
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => {});
    return result;
  }
}
