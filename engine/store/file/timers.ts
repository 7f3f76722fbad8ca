import path from 'node:path';
import { AppendLog } from './append-log.js';
import type { InactivityTimer, TimerRepo } from '../types.js';

type TimerLine = ({ op: 'arm' } & InactivityTimer) | { op: 'disarm'; key: string; eventId: string };

/** Inactivity timers as an append-only log of arm/disarm lines, replayed into memory at start. */
export async function openTimerRepo(dataDir: string): Promise<TimerRepo & { close(): Promise<void> }> {
  const armed = new Map<string, InactivityTimer>();
  const apply = (line: TimerLine) => {
    if (line.op === 'arm') {
      const { op: _op, ...timer } = line;
      const current = armed.get(line.key);
      // Messages can arrive out of order: only a later message moves the deadline.
      if (!current || Date.parse(current.dueAt) <= Date.parse(timer.dueAt)) armed.set(line.key, timer);
    } else if (armed.get(line.key)?.eventId === line.eventId) {
      armed.delete(line.key);
    }
  };
  const log = await AppendLog.open(path.join(dataDir, 'timers.jsonl'), (line) => {
    try {
      apply(JSON.parse(line.toString('utf8')) as TimerLine);
    } catch {
      // a line that is not a timer record is skipped
    }
  });
  const write = async (line: TimerLine) => {
    await log.append([JSON.stringify(line)]);
    apply(line);
  };
  const sorted = () => [...armed.values()].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return {
    arm: (timer) => write({ op: 'arm', ...timer }),
    async disarm(key, eventId) {
      if (armed.get(key)?.eventId === eventId) await write({ op: 'disarm', key, eventId });
    },
    due: (now) => sorted().filter((timer) => Date.parse(timer.dueAt) <= now.getTime()),
    nextDueAt() {
      let next: number | undefined;
      for (const timer of armed.values()) {
        const at = Date.parse(timer.dueAt);
        if (next === undefined || at < next) next = at;
      }
      return next;
    },
    close: () => log.close(),
  };
}
