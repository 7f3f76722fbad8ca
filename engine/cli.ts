import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.js';
import { openFileStore } from './store/index.js';
import { issueApiKey } from './accounts/index.js';
import { ensureSources, sourceView } from './http/routes/sources.js';

const USAGE = `usage:
  npm run cli -- org create NAME        create an organization and its first API key
  npm run cli -- org list               list organizations
  npm run cli -- key create --org N [--name LABEL]   issue another API key for organization N
The engine must be stopped (it holds the data folder); while it runs, use POST /api/v1/api-keys.`;

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { org: { type: 'string' }, name: { type: 'string' } },
  });
  const [noun, verb, ...rest] = positionals;
  const config = loadConfig();
  const publicUrl = (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');
  const store = await openFileStore(config.DATA_DIR);
  try {
    if (noun === 'org' && verb === 'create' && rest.length) {
      const organization = await store.organizations.create(rest.join(' '));
      const { key } = await issueApiKey(store, organization.id, 'cli', new Date());
      console.log(`organization ${organization.id} "${organization.name}"\nAPI key (shown once): ${key}`);
      for (const source of await ensureSources(store, organization.id)) {
        const view = sourceView(source, publicUrl);
        console.log(`  ${view.provider.padEnd(10)} ${view.url}`);
      }
    } else if (noun === 'org' && verb === 'list') {
      for (const organization of await store.organizations.list()) console.log(`${organization.id}\t${organization.name}`);
    } else if (noun === 'key' && verb === 'create' && values.org) {
      const organization = await store.organizations.get(Number(values.org));
      if (!organization) throw new Error(`organization ${values.org} does not exist`);
      const { key } = await issueApiKey(store, organization.id, values.name ?? 'cli', new Date());
      console.log(`API key for organization ${organization.id} (shown once): ${key}`);
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof ConfigError ? error.message : (error as Error).message);
  process.exit(1);
});
