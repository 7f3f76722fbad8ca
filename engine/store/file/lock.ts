import { promises as fs } from 'node:fs';
import path from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const holderOf = async (file: string) => Number((await fs.readFile(file, 'utf8').catch(() => '')).trim()) || undefined;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A takeover left behind by a process that died in the middle of one is cleared after this. */
const STALE_TAKEOVER_MS = 10_000;

/**
 * Claims the data folder for this process: two processes writing one lowdb file corrupt it.
 * The lock file is created atomically; a lock left by a process that died is replaced under a
 * takeover folder (mkdir is atomic), so two processes starting at once cannot both replace it.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true });
  const file = path.join(dataDir, 'engine.lock');
  const takeover = `${file}.takeover`;
  for (;;) {
    // Linked from a complete temp file, so the lock never exists without its pid in it.
    const claim = `${file}.${process.pid}.tmp`;
    await fs.writeFile(claim, String(process.pid));
    try {
      await fs.link(claim, file);
      return async () => {
        if ((await holderOf(file)) === process.pid) await fs.rm(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await fs.rm(claim, { force: true });
    }
    const holder = await holderOf(file);
    if (holder && holder !== process.pid && alive(holder)) {
      throw new Error(`${path.resolve(dataDir)} is in use by process ${holder}; stop it first (or use the HTTP API)`);
    }
    try {
      await fs.mkdir(takeover);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const started = (await fs.stat(takeover).catch(() => undefined))?.mtimeMs;
      if (started !== undefined && Date.now() - started > STALE_TAKEOVER_MS) await fs.rm(takeover, { recursive: true, force: true });
      await sleep(20);
      continue;
    }
    try {
      // Read again under the takeover: another process may have claimed the folder meanwhile.
      if ((await holderOf(file)) === holder) await fs.rm(file, { force: true });
    } finally {
      await fs.rm(takeover, { recursive: true, force: true });
    }
  }
}
