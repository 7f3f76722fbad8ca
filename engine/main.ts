import { ConfigError, loadConfig } from './config.js';
import { startEngine } from './server.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const engine = await startEngine(config, {
    onFirstStart: ({ apiKey, sources }) => {
      const lines = ['', 'Switchboard is ready. Organization 1 was created.'];
      if (apiKey) lines.push(`API key (shown once, store it now): ${apiKey}`);
      lines.push('Inbound webhook URLs, paste each into its platform:');
      for (const source of sources) lines.push(`  ${source.provider.padEnd(10)} ${source.url}`);
      lines.push('');
      process.stdout.write(`${lines.join('\n')}\n`);
    },
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.logger.info({ signal }, 'stopping: finishing in-flight work');
    engine.close().then(
      () => process.exit(0),
      (error) => {
        engine.logger.error({ err: error }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).stack ?? error}\n`);
  process.exit(1);
});
