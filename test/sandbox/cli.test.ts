import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `ghml sandbox` through the CLI's own runner, in a child process so it can be stopped with a signal. */
function startCli(args: string[]) {
  const script = [
    "import { runCli } from './src/cli/run.ts';",
    "import { sandboxCommand } from './src/cli/commands/sandbox.ts';",
    `process.exitCode = await runCli(['sandbox', ...${JSON.stringify(args)}], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: process.cwd(), env: process.env }, [sandboxCommand]);`,
  ].join('\n');
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    child,
    exited,
    output: () => ({ stdout, stderr }),
    async ready(): Promise<string> {
      while (!stdout.includes('Press Ctrl+C')) {
        if (child.exitCode !== null) throw new Error(`ghml sandbox exited: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return stdout;
    },
  };
}

describe('ghml sandbox', () => {
  it('prints the URL, the tokens and where the app should listen, serves requests, and stops on SIGTERM', async () => {
    const cli = startCli(['--webhook-url', 'http://127.0.0.1:9/api/github/webhooks', '--webhook-secret', 's3cret']);
    const banner = await cli.ready();
    const apiUrl = /API \(GITHUB_API_URL, octokit baseUrl\)\s+(\S+)/.exec(banner)![1];
    const token = /^\s+octocat\s+(\S+)\s+\(admin\)$/m.exec(banner)![1];
    expect(apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    expect(banner).toContain('the app should listen at http://127.0.0.1:9/api/github/webhooks');
    expect(banner).toMatch(/APP_ID=1001 PRIVATE_KEY_PATH=\S+app\.pem WEBHOOK_SECRET=s3cret GHE_HOST=127\.0\.0\.1:\d+ GHE_PROTOCOL=http/);

    const response = await fetch(`${apiUrl}/repos/octo-org/ml-repo`, { headers: { authorization: `token ${token}` } });
    expect(response.status).toBe(200);
    expect((await response.json()).default_branch).toBe('main');

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.output().stdout).toContain('stopped after 1 requests');
  });

  it('refuses a bad port with a usage error', async () => {
    const cli = startCli(['--port', '70000']);
    expect(await cli.exited).toBe(2);
    expect(cli.output().stderr).toContain('--port "70000" is not a TCP port');
  });
});
