import path from 'node:path';
import type { RequestContext } from '../context.js';
import { announceRefUpdate } from '../events.js';
import type { GitIdentity, TreeEntry } from '../git.js';
import { ApiError, notFound, paginate, unprocessable } from '../http.js';
import { commitJson, gitCommitJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';
import { identity, wrappedBase64 } from './git.js';

function entryType(entry: TreeEntry): 'file' | 'dir' | 'symlink' | 'submodule' {
  if (entry.type === 'tree') return 'dir';
  if (entry.type === 'commit') return 'submodule';
  return entry.mode === '120000' ? 'symlink' : 'file';
}

function entryJson(ctx: RequestContext, entry: TreeEntry, ref: string) {
  const { urls } = ctx.core;
  const type = entryType(entry);
  const self = `${urls.repoApi}/contents/${entry.path}?ref=${encodeURIComponent(ref)}`;
  const git = `${urls.repoApi}/git/${type === 'dir' ? 'trees' : 'blobs'}/${entry.sha}`;
  const html = `${urls.repoHtml}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${entry.path}`;
  return {
    type,
    size: entry.size ?? 0,
    name: path.posix.basename(entry.path),
    path: entry.path,
    sha: entry.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: type === 'file' ? `${urls.repoHtml}/raw/${ref}/${entry.path}` : null,
    _links: { self, git, html },
  };
}

/** Resolves `ref` (branch, tag or commit) to a commit, as the contents API does. */
async function commitFor(ctx: RequestContext, ref: string): Promise<string> {
  const commit = await ctx.core.git.resolve(ref, 'commit');
  if (!commit) throw new ApiError(404, `No commit found for the ref ${ref}`);
  return commit;
}

function wantsRaw(ctx: RequestContext): boolean {
  return /application\/vnd\.github(\.v3)?\.raw/.test(String(ctx.headers.accept ?? ''));
}

export const contentsRoutes: RouteDefinition[] = [
  {
    operationId: 'repos/get-content',
    access: { kind: 'repo', scope: 'contents', level: 'read' },
    async handle(ctx) {
      const ref = ctx.query.get('ref') ?? ctx.core.repo.defaultBranch;
      const commit = await commitFor(ctx, ref);
      const entry = await ctx.core.git.entryAt(commit, ctx.params.path);
      if (!entry) throw notFound();
      if (entry.type === 'tree') {
        const children = await ctx.core.git.listTree(entry.sha, false);
        const prefix = entry.path === '' ? '' : `${entry.path}/`;
        return { status: 200, body: children.map((child) => entryJson(ctx, { ...child, path: `${prefix}${child.path}` }, ref)) };
      }
      const content = await ctx.core.git.readBlob(entry.sha);
      if (wantsRaw(ctx)) return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: content };
      if (entryType(entry) === 'symlink') return { status: 200, body: { ...entryJson(ctx, entry, ref), target: content.toString('utf8') } };
      return { status: 200, body: { ...entryJson(ctx, entry, ref), content: wrappedBase64(content), encoding: 'base64' } };
    },
  },
  {
    operationId: 'repos/create-or-update-file-contents',
    access: { kind: 'repo', scope: 'contents', level: 'write' },
    async handle(ctx) {
      const body = ctx.body as { message: string; content: string; sha?: string; branch?: string; author?: Partial<GitIdentity>; committer?: Partial<GitIdentity> };
      const { git, repo } = ctx.core;
      const filePath = ctx.params.path.replace(/^\/+|\/+$/g, '');
      const branch = body.branch ?? repo.defaultBranch;
      const ref = `refs/heads/${branch}`;
      const tip = await git.readRef(ref);
      if (!tip) throw new ApiError(404, `Branch ${branch} not found`);
      const existing = await git.entryAt(tip, filePath);
      if (existing?.type === 'tree') throw unprocessable(`${filePath} is a directory`);
      if (existing && body.sha === undefined) throw new ApiError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
      if (existing && body.sha !== existing.sha) throw new ApiError(409, `${filePath} does not match ${body.sha}`);
      const blob = await git.writeBlob(Buffer.from(body.content, 'base64'));
      const parent = await git.readCommit(tip);
      const tree = await git.writeTree(parent.tree, [{ path: filePath, mode: existing?.mode ?? '100644', type: 'blob', sha: blob }]);
      // GitHub takes the author from the request, else the committer, else the caller.
      const committer = identity(ctx, body.committer);
      const author = identity(ctx, body.author, body.committer ? committer : undefined);
      const sha = await git.writeCommit({ tree, parents: [tip], message: body.message, author, committer });
      if (!(await git.compareAndSwapRef(ref, sha, tip))) throw new ApiError(409, `${filePath} does not match ${body.sha ?? 'the branch head'}`);
      await announceRefUpdate(ctx, { ref, before: tip, after: sha });
      const written = (await git.entryAt(sha, filePath))!;
      return {
        status: existing ? 200 : 201,
        body: { content: entryJson(ctx, written, branch), commit: gitCommitJson(ctx.core, await git.readCommit(sha)) },
      };
    },
  },
  {
    operationId: 'repos/list-commits',
    access: { kind: 'repo', scope: 'contents', level: 'read' },
    async handle(ctx) {
      const { git, repo } = ctx.core;
      const start = ctx.query.get('sha') ?? repo.defaultBranch;
      const commit = await git.resolve(start, 'commit');
      if (!commit) throw new ApiError(404, `No commit found for SHA: ${start}`);
      const filePath = ctx.query.get('path')?.replace(/^\/+|\/+$/g, '');
      // git log's default history simplification, as GitHub's path filter follows it.
      const shas = (await git.text(['log', '--format=%H', commit, ...(filePath ? ['--', filePath] : [])])).split('\n').filter(Boolean);
      const { page, headers } = paginate(shas, ctx.query, ctx.url);
      const body = await Promise.all(page.map(async (sha) => commitJson(ctx.core, await git.readCommit(sha))));
      return { status: 200, headers, body };
    },
  },
];
