// Entry point for `npm start`: reads .env (the environment wins), then configuration errors
// and start-up failures a person can fix (Slack unreachable, a refused token, a port in use)
// are one clear line each and exit 1; SIGTERM / SIGINT drain in-flight requests and close the
// database.
import { createApp } from './app';
import { loadConfig } from './config';
import { loadEnvFile } from './env-file';
import { AppError } from './errors';
import { createLogger } from './logger';

async function main(): Promise<void> {
  const envFile = loadEnvFile();
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`${error.message}${envFile.path ? `\n(read from the environment and ${envFile.path})` : ''}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  if (envFile.path) logger.info({ path: envFile.path, variables: envFile.applied.length }, `read ${envFile.applied.length} settings from ${envFile.path}`);
  let app;
  try {
    app = await createApp({ config, logger });
  } catch (error) {
    if (error instanceof AppError) {
      logger.flush();
      console.error(`could not start: ${error.message}`);
    } else {
      logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    }
    process.exit(1);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
