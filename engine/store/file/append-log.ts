import { promises as fs, createReadStream } from 'node:fs';
import path from 'node:path';

export interface LogPosition {
  offset: number;
  length: number;
}

interface PendingWrite {
  buffer: Buffer;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * An append-only JSON Lines file with group commit: appends made while a write is in flight are
 * written together and made durable by one fdatasync, so high-volume history is never rewritten
 * and each caller learns its lines are on disk before it acknowledges anything.
 */
export class AppendLog {
  private size: number;
  private queue: PendingWrite[] = [];
  private flushing: Promise<void> | null = null;
  private closed = false;
  /**
   * Set by the first failed write or fsync. The file may then end in a torn line and the
   * positions handed out after it are wrong, so every later append fails too; the next start
   * cuts the torn tail off. Retrying after a failed fsync is not safe on Linux.
   */
  private failure: Error | null = null;

  private constructor(
    readonly file: string,
    private readonly handle: fs.FileHandle,
    size: number,
  ) {
    this.size = size;
  }

  /**
   * Opens (or creates) the log and calls `onLine` for every complete line, in order. A torn last
   * line left by a crash mid-write is cut off: it was never acknowledged.
   */
  static async open(
    file: string,
    onLine: (line: Buffer, position: LogPosition) => void,
  ): Promise<AppendLog> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const handle = await fs.open(file, 'a+');
    const complete = await scanLines(file, onLine);
    const { size } = await handle.stat();
    if (complete < size) await handle.truncate(complete);
    return new AppendLog(file, handle, complete);
  }

  /**
   * Appends the lines (each without its final newline); resolves once they are durable. An entry
   * may be a block of newline-joined lines, written as one (a large batch encodes once); its
   * position then spans the block.
   */
  append(lines: string[]): Promise<LogPosition[]> {
    if (this.closed) return Promise.reject(new Error(`log ${this.file} is closed`));
    if (this.failure) return Promise.reject(this.failure);
    const positions: LogPosition[] = [];
    const parts: Buffer[] = [];
    for (const line of lines) {
      const buffer = Buffer.from(`${line}\n`, 'utf8');
      positions.push({ offset: this.size, length: buffer.length - 1 });
      this.size += buffer.length;
      parts.push(buffer);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ buffer: parts.length === 1 ? parts[0] : Buffer.concat(parts), resolve, reject });
      this.scheduleFlush();
    }).then(() => positions);
  }

  async read(position: LogPosition): Promise<string> {
    const buffer = Buffer.allocUnsafe(position.length);
    await this.handle.read(buffer, 0, position.length, position.offset);
    return buffer.toString('utf8');
  }

  get bytes(): number {
    return this.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }

  private scheduleFlush(): void {
    if (this.flushing) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = null;
      if (this.queue.length) this.scheduleFlush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    try {
      if (this.failure) throw this.failure;
      const buffer = batch.length === 1 ? batch[0].buffer : Buffer.concat(batch.map((write) => write.buffer));
      let written = 0;
      while (written < buffer.length) {
        const { bytesWritten } = await this.handle.write(buffer, written, buffer.length - written);
        written += bytesWritten;
      }
      await this.handle.datasync();
      for (const write of batch) write.resolve();
    } catch (error) {
      this.failure ??= new Error(`log ${this.file} failed to write; restart the engine to recover: ${(error as Error).message}`);
      for (const write of batch) write.reject(this.failure);
    }
  }
}

/**
 * Calls `onLine` for each newline-terminated line, as a view into the read buffer (valid only
 * during the call, so a reader decodes just what it needs); returns the bytes those lines span.
 */
async function scanLines(file: string, onLine: (line: Buffer, position: LogPosition) => void): Promise<number> {
  let offset = 0;
  let carry: Buffer | null = null;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      if (end > start) onLine(data.subarray(start, end), { offset: offset + start, length: end - start });
      start = end + 1;
    }
    offset += start;
    carry = start < data.length ? data.subarray(start) : null;
  }
  return offset;
}
