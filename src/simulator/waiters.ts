// Promises that resolve when a matching item shows up (an API call, a response_url post, a
// socket connection), or reject after a timeout naming what was awaited.

interface Pending<T> {
  predicate: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class Waiters<T> {
  private readonly pending = new Set<Pending<T>>();

  /** Waits for the next item passed to notify() that satisfies `predicate`. */
  wait(predicate: (item: T) => boolean, timeoutMs: number, description: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Pending<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.pending.delete(entry);
          reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`));
        }, timeoutMs),
      };
      this.pending.add(entry);
    });
  }

  /** Offers an item to every waiter; those it satisfies resolve. */
  notify(item: T): void {
    for (const entry of this.pending) {
      let matches = false;
      try {
        matches = entry.predicate(item);
      } catch (error) {
        // A throwing predicate is a bug in the test: surface it instead of timing out silently.
        this.settle(entry);
        entry.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (matches) {
        this.settle(entry);
        entry.resolve(item);
      }
    }
  }

  /** Rejects every waiter (on shutdown). */
  rejectAll(error: Error): void {
    for (const entry of this.pending) {
      this.settle(entry);
      entry.reject(error);
    }
  }

  private settle(entry: Pending<T>): void {
    clearTimeout(entry.timer);
    this.pending.delete(entry);
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
