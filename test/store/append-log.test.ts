import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppendLog } from '../../engine/store/file/append-log.js';
import { tempDir } from '../helpers/engine.js';

const open = async (file: string) => {
  const lines: string[] = [];
  const log = await AppendLog.open(file, (line) => lines.push(line.toString('utf8')));
  return { log, lines };
};

describe('AppendLog', () => {
  it('reads back what it appended, across a reopen, and cuts a torn last line', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'log.jsonl');
    const first = await open(file);
    const [a, b] = await Promise.all([first.log.append(['{"n":1}']), first.log.append(['{"n":2}', '{"n":"é"}'])]);
    expect(await first.log.read(a[0])).toBe('{"n":1}');
    expect(await first.log.read(b[1])).toBe('{"n":"é"}');
    await first.log.close();
    await import('node:fs/promises').then((fs) => fs.appendFile(file, '{"n":4, "torn'));
    const second = await open(file);
    expect(second.lines).toEqual(['{"n":1}', '{"n":2}', '{"n":"é"}']);
    await second.log.append(['{"n":5}']);
    await second.log.close();
    expect(await readFile(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n{"n":"é"}\n{"n":5}\n');
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses every append after a failed write, so nothing is acknowledged at a wrong position', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'log.jsonl');
    const { log } = await open(file);
    await log.append(['{"n":1}']);
    // A disk that fills up in the middle of a write: part of the line lands, then ENOSPC.
    const handle = (log as unknown as { handle: { write: (...args: unknown[]) => Promise<unknown> } }).handle;
    const write = handle.write.bind(handle);
    let failNext = true;
    handle.write = async (...args: unknown[]) => {
      if (!failNext) return write(...args);
      failNext = false;
      await write(Buffer.from('{"n":2,"to'), 0, 10);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    };
    await expect(log.append(['{"n":2,"torn":false}'])).rejects.toThrow(/restart the engine/);
    await expect(log.append(['{"n":3}'])).rejects.toThrow(/no space left/);
    await log.close();
    const reopened = await open(file);
    expect(reopened.lines).toEqual(['{"n":1}']);
    await reopened.log.close();
    await rm(dir, { recursive: true, force: true });
  });
});
