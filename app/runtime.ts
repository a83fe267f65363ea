import type { Octokit } from 'octokit';
import type { Context, Probot } from 'probot';
import type { RepositoryRef } from '../src/github/app-access.js';

/**
 * Runs work for one key at a time in this process, and lets deliveries that arrive while work for
 * their key waits share that work. Webhooks about the same thing (a pull request, a model's drift
 * in one environment, a push, a command) arrive together — GitHub retries, people redeliver, one
 * action causes several events — and every handler reads the current state, decides, then writes:
 * in sequence, the later work sees what the earlier wrote and does nothing twice; and work that has
 * not started yet will read everything a newer delivery would, so the newer one just waits for it.
 * A key's work must therefore depend on nothing but the key and what it reads when it starts.
 */
export class KeyedSerializer {
  private readonly lanes = new Map<string, { tail: Promise<void>; waiting: Promise<void> | undefined }>();

  run(key: string, work: () => Promise<void>): Promise<void> {
    const lane = this.lanes.get(key) ?? { tail: Promise.resolve(), waiting: undefined };
    if (lane.waiting) return lane.waiting;
    const result = lane.tail.then(() => {
      lane.waiting = undefined;
      return work();
    });
    lane.waiting = result;
    const tail = result.then(() => undefined, () => undefined);
    lane.tail = tail;
    this.lanes.set(key, lane);
    // Forget the key once nothing is queued behind this work, so the map holds only work in flight.
    void tail.then(() => {
      if (lane.tail === tail) this.lanes.delete(key);
    });
    return result;
  }
}

/** What the handlers share: the app's id, asked of GitHub once, and the serializer. */
export class AppRuntime {
  readonly serializer = new KeyedSerializer();
  private id: Promise<number> | undefined;

  constructor(private readonly probot: Probot) {}

  /** The app's own id, to find its check runs among other apps'. */
  appId(): Promise<number> {
    this.id ??= this.probot.auth().then(async (octokit) => {
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data) throw new Error('GitHub did not say which app this is');
      return data.id;
    });
    // A failed lookup is asked again by the next event rather than remembered.
    this.id.catch(() => (this.id = undefined));
    return this.id;
  }
}

export interface RepositoryContext extends RepositoryRef {
  defaultBranch: string;
  /** The repository's web page, for links in comments and issues. */
  htmlUrl: string;
}

type RepositoryPayload = { repository?: { owner: { login: string }; name: string; default_branch?: string; html_url: string } };

export function repositoryOf(context: Context): RepositoryContext {
  const repository = (context.payload as RepositoryPayload).repository;
  if (!repository) throw new Error(`the ${context.name} event names no repository`);
  return { owner: repository.owner.login, repo: repository.name, defaultBranch: repository.default_branch ?? 'main', htmlUrl: repository.html_url };
}

/**
 * Probot's octokit is the same client as the `octokit` package's (core, REST methods, pagination)
 * built from its own copy of the packages; the adapters in src/github take the `octokit` type.
 */
export function octokitOf(context: Context): Octokit {
  return context.octokit as unknown as Octokit;
}
