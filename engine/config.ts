import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const durationMs = z.coerce.number().int().positive();

/** Every setting comes from the environment, validated once at start. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  SWITCHBOARD_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_PHONE_REGION: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166 alpha-2 country code such as US')
    .transform((code) => code.toUpperCase())
    .optional(),
  RULES_DIR: z.string().min(1).default('./rules'),
  ALLOW_PRIVATE_DESTINATIONS: booleanFlag.default(false),
  DELIVERY_TIMEOUT_MS: durationMs.default(15_000),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
  /** Seconds between attempts, comma separated; its length is the number of retries. */
  RETRY_SCHEDULE: z
    .string()
    .regex(/^\s*\d+(\.\d+)?(\s*,\s*\d+(\.\d+)?)*\s*$/, 'must be comma-separated seconds such as 5,60,300')
    .default('5,60,300,1800,7200,18000,36000,36000')
    .transform((text) => text.split(',').map((seconds) => Math.round(Number(seconds) * 1000))),
  OPENAI_API_KEY: z.string().optional(),
  LLM_BASE_URL: z.url().optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  LLM_TIMEOUT_MS: durationMs.default(10_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  COMPETITORS: z
    .string()
    .default('')
    .transform((text) => text.split(',').map((name) => name.trim()).filter(Boolean)),
  INACTIVITY_AFTER: z
    .string()
    .regex(/^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/, 'must be an ISO 8601 duration such as PT23H')
    .default('PT23H'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the settings; an invalid one throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}
