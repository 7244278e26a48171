/**
 * Writes go to the backend one at a time, in the order the user made them: two quick edits of
 * the same cell must arrive in order, whatever the transport (IPC or HTTP) does with
 * concurrent requests. The queue also knows how many writes are outstanding (保存中…).
 */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly onPendingChange: (pending: number) => void = () => {}) {}

  /** Runs `task` after every earlier task has settled; resolves with its result. */
  run<T>(task: () => Promise<T>): Promise<T> {
    this.pending++;
    this.onPendingChange(this.pending);
    const result = this.tail.then(task);
    this.tail = result.then(
      () => this.settle(),
      () => this.settle(),
    );
    return result;
  }

  /** Resolves when every write queued so far has settled. */
  idle(): Promise<void> {
    return this.tail;
  }

  get size(): number {
    return this.pending;
  }

  private settle(): void {
    this.pending--;
    this.onPendingChange(this.pending);
  }
}
