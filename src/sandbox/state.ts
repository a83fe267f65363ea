import type { SandboxApp, SandboxUser } from './fixtures.js';

/** Where things live on the sandbox's origin, laid out as on GitHub Enterprise Server. */
export class Urls {
  readonly api: string;
  readonly uploads: string;
  constructor(readonly origin: string, readonly owner: string, readonly repo: string) {
    this.api = `${origin}/api/v3`;
    this.uploads = `${origin}/api/uploads`;
  }
  get repoApi(): string {
    return `${this.api}/repos/${this.owner}/${this.repo}`;
  }
  get repoHtml(): string {
    return `${this.origin}/${this.owner}/${this.repo}`;
  }
}

export interface RepoInfo {
  owner: string;
  name: string;
  fullName: string;
  id: number;
  defaultBranch: string;
  description: string;
  createdAt: string;
  pushedAt: string;
}

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullRecord {
  headRef: string;
  baseRef: string;
  /** Last known head commit; kept after the head branch is deleted, as GitHub keeps it. */
  headSha: string;
  /** Base tip when the pull request was merged or closed; while open, the live branch tip is used. */
  baseSha: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: SandboxUser | null;
  mergeCommitSha: string | null;
  maintainerCanModify: boolean;
}

/** Issues and pull requests share one numbering, as on GitHub; a pull request is an issue with `pull`. */
export interface IssueRecord {
  id: number;
  pullId: number;
  number: number;
  title: string;
  body: string | null;
  user: SandboxUser;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  assignees: SandboxUser[];
  locked: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: SandboxUser | null;
  pull: PullRecord | undefined;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  body: string;
  user: SandboxUser;
  app: SandboxApp | undefined;
  createdAt: string;
  updatedAt: string;
}

export type ReviewState = 'PENDING' | 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';

export interface ReviewRecord {
  id: number;
  pullNumber: number;
  user: SandboxUser;
  body: string;
  state: ReviewState;
  commitId: string;
  submittedAt: string | undefined;
}

export interface CheckRunRecord {
  id: number;
  name: string;
  headSha: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null; annotations: object[] };
  app: SandboxApp;
  checkSuiteId: number;
  createdAt: string;
  updatedAt: string;
}

export interface DeploymentStatusRecord {
  id: number;
  state: 'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress';
  creator: SandboxUser;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  app: SandboxApp | undefined;
  createdAt: string;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: object | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: SandboxUser;
  app: SandboxApp | undefined;
  transient: boolean;
  production: boolean;
  createdAt: string;
  updatedAt: string;
  statuses: DeploymentStatusRecord[];
}

export interface AssetRecord {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  contentType: string;
  size: number;
  digest: string;
  file: string;
  uploader: SandboxUser;
  downloadCount: number;
  createdAt: string;
  updatedAt: string;
  /** Secret part of the short-lived download URL the API redirects to, like a signed storage URL. */
  downloadKey: string;
}

export interface ReleaseRecord {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: SandboxUser;
  createdAt: string;
  publishedAt: string | null;
  updatedAt: string;
  assets: AssetRecord[];
}

/** A workflow_dispatch or repository_dispatch request, kept so tests can assert on it. */
export type DispatchRecord =
  | { kind: 'workflow_dispatch'; workflow: string; ref: string; inputs: Record<string, unknown>; sender: string; at: string }
  | { kind: 'repository_dispatch'; eventType: string; clientPayload: Record<string, unknown>; sender: string; at: string };

/** An answer given through the deployment protection rule callback. */
export interface GateReview {
  runId: number;
  environment: string;
  state: 'approved' | 'rejected';
  comment: string | undefined;
  app: string;
  at: string;
}

/** A workflow run waiting at an environment with a custom protection rule. */
export interface DeploymentGate {
  runId: number;
  environment: string;
  deploymentId: number;
  review: GateReview | undefined;
  settle(review: GateReview): void;
}

/** Everything the sandbox keeps outside git. */
export class SandboxState {
  private lastId = 1_000_000;
  private lastNumber = 0;
  readonly labels = new Map<string, LabelRecord>();
  readonly issues = new Map<number, IssueRecord>();
  readonly comments: CommentRecord[] = [];
  readonly reviews: ReviewRecord[] = [];
  readonly checkRuns: CheckRunRecord[] = [];
  readonly checkSuites = new Map<string, number>();
  readonly deployments: DeploymentRecord[] = [];
  readonly releases: ReleaseRecord[] = [];
  readonly dispatches: DispatchRecord[] = [];
  readonly gates = new Map<number, DeploymentGate>();

  nextId(): number {
    return ++this.lastId;
  }

  nextIssueNumber(): number {
    return ++this.lastNumber;
  }

  pulls(): IssueRecord[] {
    return [...this.issues.values()].filter((issue) => issue.pull !== undefined);
  }

  label(name: string): LabelRecord | undefined {
    return this.labels.get(name.toLowerCase());
  }

  /** A check suite per app and head commit, as GitHub groups check runs. */
  checkSuiteId(app: SandboxApp, headSha: string): number {
    const key = `${app.id}:${headSha}`;
    let id = this.checkSuites.get(key);
    if (id === undefined) {
      id = this.nextId();
      this.checkSuites.set(key, id);
    }
    return id;
  }
}

/** Serialises writers so a read-check-write (fast-forward check, file sha check) is atomic. */
export class Mutex {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
