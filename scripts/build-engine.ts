import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ENGINE_BUNDLE = path.join(ROOT, 'dist', 'engine', 'main.js');
// Read at run time beside the bundle (engine/conditions/local/learned/models.ts), not bundled.
const TRAINED_MODELS = path.join(ROOT, 'engine', 'conditions', 'local', 'learned', 'models.json');

/** Bundles the engine into dist/engine: what `npm start` runs. */
export async function buildEngine(): Promise<void> {
  await build({
    entryPoints: [path.join(ROOT, 'engine', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    outfile: ENGINE_BUNDLE,
    logLevel: 'warning',
  });
  await copyFile(TRAINED_MODELS, path.join(path.dirname(ENGINE_BUNDLE), 'models.json'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildEngine();
