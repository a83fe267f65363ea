import { Octokit, RequestError } from 'octokit';
import { ConfigurationError } from '../errors.js';

/** The repository ghml works on, and how to reach it. */
export interface GitHubTarget {
  owner: string;
  repo: string;
  /** The REST root: https://api.github.com, or https://<host>/api/v3 on GitHub Enterprise Server. */
  apiUrl: string;
  /** The web origin, for links in model cards and pull requests. */
  serverUrl: string;
  token: string;
}

export interface ClientOptions {
  /** Retries of a request that failed with a server error or 429 (default 3, with backoff). */
  retries?: number;
}

/**
 * An octokit client for the target. Its throttling plugin is off: it spaces every write a second
 * apart, which would add half a minute to each registration, and @actions/github, which most
 * Actions use, has none either. Server errors and 429s are retried with backoff by the retry
 * plugin; uploads, whose bodies are streams that cannot be sent twice, retry on their own.
 */
export function createOctokit(target: GitHubTarget, options: ClientOptions = {}): Octokit {
  const retries = options.retries ?? 3;
  return new Octokit({
    auth: target.token,
    baseUrl: target.apiUrl.replace(/\/+$/, ''),
    userAgent: 'ghml',
    throttle: { enabled: false },
    retry: retries > 0 ? { enabled: true, retries } : { enabled: false },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}

/** github.com serves its API from api.github.com; GitHub Enterprise Server from <origin>/api/v3. */
export function serverUrlForApi(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  return `${url.origin}${url.pathname.replace(/\/api\/v3\/?$/, '')}`.replace(/\/+$/, '');
}

export function parseRepository(text: string, input: string): { owner: string; repo: string } {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(text.trim());
  if (!match) throw new ConfigurationError(`"${text}" is not a repository: give it as owner/name`, { input });
  return { owner: match[1], repo: match[2] };
}

/**
 * The target from flags and the environment as a workflow sets it: GITHUB_REPOSITORY,
 * GITHUB_API_URL, GITHUB_SERVER_URL and GITHUB_TOKEN. The token is never echoed.
 */
export function targetFromEnvironment(env: NodeJS.ProcessEnv, flags: { repo?: string; apiUrl?: string; token?: string } = {}): GitHubTarget {
  const repository = flags.repo ?? env.GITHUB_REPOSITORY;
  if (!repository) throw new ConfigurationError('no repository: pass --repo owner/name (or set GITHUB_REPOSITORY), or --local <path> for a repository on disk', { input: 'repo' });
  const { owner, repo } = parseRepository(repository, 'repo');
  const token = flags.token ?? env.GITHUB_TOKEN;
  if (!token) throw new ConfigurationError('no token: set GITHUB_TOKEN (in an Action, the github-token input) to a token with access to the repository: contents, releases and pull requests as the command needs', { input: 'GITHUB_TOKEN' });
  const apiUrl = flags.apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com';
  try {
    new URL(apiUrl);
  } catch {
    throw new ConfigurationError(`"${apiUrl}" is not a URL`, { input: 'api-url' });
  }
  const serverUrl = flags.apiUrl ? serverUrlForApi(apiUrl) : (env.GITHUB_SERVER_URL ?? serverUrlForApi(apiUrl));
  return { owner, repo, apiUrl, serverUrl, token };
}

export function statusOf(error: unknown): number | undefined {
  return error instanceof RequestError ? error.status : undefined;
}

/** A file's text at `ref` (the default branch when omitted); undefined when there is no such file. */
export async function readRepositoryFile(octokit: Octokit, repository: { owner: string; repo: string }, path: string, ref?: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repository, path, ...(ref === undefined ? {} : { ref }), mediaType: { format: 'raw' } });
    return typeof data === 'string' ? data : Buffer.from(data as unknown as ArrayBuffer).toString('utf8');
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Turns GitHub's answers that mean "your token or repository is wrong" into configuration errors
 * that say so; everything else goes on as it is.
 */
export function explainGitHubError(error: unknown, target: Pick<GitHubTarget, 'owner' | 'repo'>): unknown {
  if (!(error instanceof RequestError)) return error;
  const repository = `${target.owner}/${target.repo}`;
  const rateLimited = error.response?.headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(error.message);
  if (error.status === 401) return new ConfigurationError(`GitHub refused the token (401 ${error.message}): check GITHUB_TOKEN`, { input: 'GITHUB_TOKEN', cause: error });
  if (error.status === 403 && !rateLimited) {
    return new ConfigurationError(`the token may not do this on ${repository} (403 ${error.message}): it needs contents: write and pull-requests: write`, { input: 'GITHUB_TOKEN', cause: error });
  }
  // GitHub hides a private repository from a token that may not see it, and answers writes to a
  // repository the token may only read with 404 too.
  if (error.status === 404 && (error.request.method !== 'GET' || /\/repos\/[^/]+\/[^/]+$/.test(error.request.url.split('?')[0]))) {
    return new ConfigurationError(`repository ${repository} does not exist, or the token cannot ${error.request.method === 'GET' ? 'see' : 'write to'} it (404 on ${error.request.method} ${new URL(error.request.url).pathname})`, { input: 'repo', cause: error });
  }
  return error;
}
