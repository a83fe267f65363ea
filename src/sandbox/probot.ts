import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, Probot, ProbotOctokit, type ApplicationFunction } from 'probot';
import type { Sandbox } from './index.js';

export interface SandboxApp {
  probot: Probot;
  /** Where the app takes webhooks; the sandbox delivers there. */
  url: string;
  close(): Promise<void>;
}

/**
 * A real Probot app on 127.0.0.1, authenticated as the sandbox's GitHub App and registered as its
 * webhook. Octokit's throttling is off because its write queue spaces requests a second apart,
 * and retries are off so every failure is seen once.
 */
export async function startSandboxApp(sandbox: Sandbox, appFn: ApplicationFunction, secret: string): Promise<SandboxApp> {
  const probot = new Probot({
    appId: sandbox.app.id,
    privateKey: sandbox.app.privateKey,
    secret,
    baseUrl: sandbox.apiUrl,
    logLevel: 'fatal',
    Octokit: ProbotOctokit.defaults((instanceOptions: object) => ({ ...instanceOptions, throttle: { enabled: false }, retry: { enabled: false } })),
  });
  const middleware = await createNodeMiddleware(appFn, { probot });
  const server = createServer((request, response) => {
    void middleware(request, response, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
  sandbox.setWebhook(url, secret);
  return {
    probot,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
