import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands/index.js';
import { runCli } from '../../src/cli/run.js';

async function ghml(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd: process.cwd(), env }, commands);
  return { code, stdout, stderr };
}

describe('ghml app', () => {
  it('documents Probot\'s environment variables, GitHub Enterprise Server included', async () => {
    const { code, stdout } = await ghml(['app', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('APP_ID');
    expect(stdout).toContain('GHE_HOST, GHE_PROTOCOL');
  });

  it('refuses an app id without its key or webhook secret, naming what to set', async () => {
    expect(await ghml(['app'], { APP_ID: '1001' })).toMatchObject({ code: 2, stderr: expect.stringContaining('set PRIVATE_KEY (the PEM) or PRIVATE_KEY_PATH') });
    expect(await ghml(['app'], { APP_ID: '1001', PRIVATE_KEY_PATH: '/k.pem' })).toMatchObject({ code: 2, stderr: expect.stringContaining('no WEBHOOK_SECRET') });
  });
});
