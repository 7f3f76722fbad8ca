import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/**
 * A lowdb adapter whose writes survive a crash: temp file, fsync, rename, fsync of the folder.
 * Writes are serialized and coalesced, so the file always holds the latest whole document.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  private writing: Promise<void> | null = null;
  private next: { data: T; waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> } | null = null;

  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await fs.readFile(this.file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`cannot read ${this.file}: ${(error as Error).message}`);
    }
  }

  write(data: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.next) {
        this.next.data = data;
        this.next.waiters.push({ resolve, reject });
      } else {
        this.next = { data, waiters: [{ resolve, reject }] };
      }
      if (!this.writing) this.drain();
    });
  }

  private drain(): void {
    const job = this.next;
    if (!job) return;
    this.next = null;
    this.writing = this.writeNow(job.data).then(
      () => job.waiters.forEach((waiter) => waiter.resolve()),
      (error: Error) => job.waiters.forEach((waiter) => waiter.reject(error)),
    ).finally(() => {
      this.writing = null;
      this.drain();
    });
  }

  private async writeNow(data: T): Promise<void> {
    const dir = path.dirname(this.file);
    await fs.mkdir(dir, { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(data, null, 2));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
    const folder = await fs.open(dir, 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  }
}
