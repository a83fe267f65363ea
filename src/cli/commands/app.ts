import { ConfigurationError, ExitCode } from '../../errors.js';
import type { Command } from '../command.js';

export const appCommand: Command = {
  name: 'app',
  summary: 'run the ghml GitHub App (promotion checks, deployments, drift issues, commands) as a Node server',
  usage: `Usage: ghml app

Runs the ghml GitHub App with Probot, configured by Probot's usual environment variables:

  APP_ID                        the app's id
  PRIVATE_KEY or PRIVATE_KEY_PATH   its private key (PEM)
  WEBHOOK_SECRET                the secret GitHub signs webhooks with
  GHE_HOST, GHE_PROTOCOL        GitHub Enterprise Server, e.g. GHE_HOST=github.example.com; for the
                                sandbox, GHE_HOST=127.0.0.1:<port> GHE_PROTOCOL=http (see \`ghml sandbox\`)
  PORT (3000), HOST, WEBHOOK_PATH (/api/github/webhooks), LOG_LEVEL, LOG_FORMAT

Without APP_ID and a key, Probot serves its setup page on PORT, which registers the app from the
manifest app/app.yml (Probot reads app.yml from the current directory: run it from app/). See docs/app.md for the permissions.
Stop it with Ctrl+C.

Exit codes: 0 stopped, 2 configuration error.`,
  options: {},
  async run(_args, io) {
    if (io.env.APP_ID && !io.env.PRIVATE_KEY && !io.env.PRIVATE_KEY_PATH) {
      throw new ConfigurationError('APP_ID is set but no private key: set PRIVATE_KEY (the PEM) or PRIVATE_KEY_PATH (its file)', { input: 'PRIVATE_KEY' });
    }
    if (io.env.APP_ID && !io.env.WEBHOOK_SECRET) {
      throw new ConfigurationError('APP_ID is set but no WEBHOOK_SECRET: set the secret the app\'s webhooks are signed with', { input: 'WEBHOOK_SECRET' });
    }
    // Loaded on demand: no other command needs Probot or the app's handlers.
    const [{ run }, { default: ghmlApp }] = await Promise.all([import('probot'), import('../../../app/index.js')]);
    const server = await run(ghmlApp, { env: io.env });
    io.stdout(`ghml app: listening on ${server.host ?? 'localhost'}:${server.port} for webhooks at ${io.env.WEBHOOK_PATH ?? '/api/github/webhooks'}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.stop();
    return ExitCode.ok;
  },
};
