/**
 * `npm run bench -- NAME [--store=postgres]`: runs bench/NAME.ts, which sets up its own data and
 * servers on loopback, cleans up, and prints one line `NAME: key=value …`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !['run.ts'].includes(file) && !file.startsWith('_'))
  .map((file) => file.slice(0, -3));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME [--store=postgres]\nbenchmarks: ${available.join(', ')}`);
  process.exit(2);
}
const store = args.find((arg) => arg.startsWith('--store='))?.slice('--store='.length) ?? 'file';
if (store !== 'file') {
  console.error(`${name}: only the embedded file store exists so far (asked for --store=${store})`);
  process.exit(2);
}
const bench = (await import(path.join(here, `${name}.ts`))) as { run(args: string[]): Promise<string> };
const line = await bench.run(args);
console.log(line);
process.exit(0);
