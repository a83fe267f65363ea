import { actingUser, type RequestContext } from '../context.js';
import { announceRefUpdate } from '../events.js';
import type { GitIdentity, TreeChange } from '../git.js';
import { ApiError, notFound, timestamp, unprocessable } from '../http.js';
import { gitCommitJson, nodeId, refJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';

const contentsRead = { kind: 'repo', scope: 'contents', level: 'read' } as const;
const contentsWrite = { kind: 'repo', scope: 'contents', level: 'write' } as const;

/** Base64 as GitHub sends blob and file contents: wrapped at 60 characters, with a final newline. */
export function wrappedBase64(content: Buffer): string {
  const encoded = content.toString('base64');
  return encoded.length === 0 ? '' : `${encoded.match(/.{1,60}/g)!.join('\n')}\n`;
}

async function currentRef(ctx: RequestContext, fullRef: string) {
  return (await ctx.core.git.listRefs(fullRef)).find((entry) => entry.ref === fullRef);
}

/** Who a commit says wrote it: the caller's identity unless the request names someone. */
export function identity(ctx: RequestContext, given: { name?: string; email?: string; date?: string } | undefined, fallback?: GitIdentity): GitIdentity {
  const user = actingUser(ctx);
  const base = fallback ?? { name: user.name, email: user.email, date: timestamp() };
  return { name: given?.name ?? base.name, email: given?.email ?? base.email, date: given?.date ?? base.date };
}

export const gitRoutes: RouteDefinition[] = [
  {
    operationId: 'git/get-ref',
    access: contentsRead,
    async handle(ctx) {
      const entry = await currentRef(ctx, `refs/${ctx.params.ref}`);
      if (!entry) throw notFound();
      return { status: 200, body: refJson(ctx.core, entry.ref, entry.sha, entry.type) };
    },
  },
  {
    operationId: 'git/list-matching-refs',
    access: contentsRead,
    async handle(ctx) {
      const entries = await ctx.core.git.listRefs(`refs/${ctx.params.ref}`);
      return { status: 200, body: entries.map((entry) => refJson(ctx.core, entry.ref, entry.sha, entry.type)) };
    },
  },
  {
    operationId: 'git/create-ref',
    access: contentsWrite,
    async handle(ctx) {
      const { ref, sha } = ctx.body as { ref: string; sha: string };
      const { git } = ctx.core;
      if (!/^refs\/[^/]+\/.+/.test(ref)) throw unprocessable(`Reference name must start with 'refs/' and have at least two slashes.`);
      const valid = (await git.run(['check-ref-format', ref], { okCodes: [1] })).exitCode === 0;
      if (!valid) throw unprocessable(`${ref} is not a valid ref name.`);
      const type = await git.objectType(sha);
      if (!type) throw unprocessable('Object does not exist');
      if (await currentRef(ctx, ref)) throw unprocessable('Reference already exists');
      if (!(await git.compareAndSwapRef(ref, sha, undefined))) throw unprocessable('Reference already exists');
      await announceRefUpdate(ctx, { ref, before: undefined, after: sha });
      return { status: 201, headers: { location: `${ctx.core.urls.repoApi}/git/${ref}` }, body: refJson(ctx.core, ref, sha, type) };
    },
  },
  {
    operationId: 'git/update-ref',
    access: contentsWrite,
    async handle(ctx) {
      const ref = `refs/${ctx.params.ref}`;
      const { sha, force } = ctx.body as { sha: string; force?: boolean };
      const { git } = ctx.core;
      const current = await currentRef(ctx, ref);
      if (!current) throw unprocessable('Reference does not exist');
      const type = await git.objectType(sha);
      if (!type) throw unprocessable('Object does not exist');
      if (!force && !(await git.isAncestor(current.sha, sha))) throw unprocessable('Update is not a fast forward');
      if (!(await git.compareAndSwapRef(ref, sha, current.sha))) throw unprocessable('Update is not a fast forward');
      if (current.sha !== sha) await announceRefUpdate(ctx, { ref, before: current.sha, after: sha });
      return { status: 200, body: refJson(ctx.core, ref, sha, type) };
    },
  },
  {
    operationId: 'git/delete-ref',
    access: contentsWrite,
    async handle(ctx) {
      const ref = `refs/${ctx.params.ref}`;
      const current = await currentRef(ctx, ref);
      if (!current) throw unprocessable('Reference does not exist');
      if (ref === `refs/heads/${ctx.core.repo.defaultBranch}`) throw unprocessable('Cannot delete the default branch');
      if (!(await ctx.core.git.deleteRef(ref, current.sha))) throw unprocessable('Reference does not exist');
      await announceRefUpdate(ctx, { ref, before: current.sha, after: undefined });
      return { status: 204 };
    },
  },
  {
    operationId: 'git/get-commit',
    access: contentsRead,
    async handle(ctx) {
      const sha = ctx.params.commit_sha;
      if (!/^[0-9a-f]{4,40}$/i.test(sha) || (await ctx.core.git.objectType(sha)) !== 'commit') throw notFound();
      const full = (await ctx.core.git.resolve(sha, 'commit'))!;
      return { status: 200, body: gitCommitJson(ctx.core, await ctx.core.git.readCommit(full)) };
    },
  },
  {
    operationId: 'git/create-commit',
    access: contentsWrite,
    async handle(ctx) {
      const body = ctx.body as { message: string; tree: string; parents?: string[]; author?: Partial<GitIdentity>; committer?: Partial<GitIdentity> };
      const { git } = ctx.core;
      if ((await git.objectType(body.tree)) !== 'tree') throw unprocessable('Tree SHA does not exist');
      for (const parent of body.parents ?? []) {
        if ((await git.objectType(parent)) !== 'commit') throw unprocessable('Parent SHA does not exist or is not a commit object');
      }
      const author = identity(ctx, body.author);
      const committer = identity(ctx, body.committer, body.author ? author : undefined);
      const sha = await git.writeCommit({ tree: body.tree, parents: body.parents ?? [], message: body.message, author, committer });
      return {
        status: 201,
        headers: { location: `${ctx.core.urls.repoApi}/git/commits/${sha}` },
        body: gitCommitJson(ctx.core, await git.readCommit(sha)),
      };
    },
  },
  {
    operationId: 'git/get-tree',
    access: contentsRead,
    async handle(ctx) {
      const { git } = ctx.core;
      const tree = await git.resolve(ctx.params.tree_sha, 'tree');
      if (!tree) throw notFound();
      const entries = await git.listTree(tree, ctx.query.has('recursive'));
      return {
        status: 200,
        body: {
          sha: tree,
          url: `${ctx.core.urls.repoApi}/git/trees/${tree}`,
          tree: entries.map((entry) => ({
            path: entry.path,
            mode: entry.mode,
            type: entry.type,
            sha: entry.sha,
            ...(entry.size !== undefined ? { size: entry.size } : {}),
            ...(entry.type !== 'commit' ? { url: `${ctx.core.urls.repoApi}/git/${entry.type}s/${entry.sha}` } : {}),
          })),
          truncated: false,
        },
      };
    },
  },
  {
    operationId: 'git/create-tree',
    access: contentsWrite,
    async handle(ctx) {
      const body = ctx.body as { base_tree?: string; tree: { path: string; mode: string; type: 'blob' | 'tree' | 'commit'; sha?: string | null; content?: string }[] };
      const { git } = ctx.core;
      let base: string | undefined;
      if (body.base_tree) {
        base = await git.resolve(body.base_tree, 'tree');
        if (!base) throw unprocessable(`base_tree ${body.base_tree} is not a valid tree`);
      }
      const changes: TreeChange[] = [];
      for (const entry of body.tree) {
        if (entry.content !== undefined) {
          if (entry.type !== 'blob') throw unprocessable('tree.content can only be used with type "blob"');
          changes.push({ path: entry.path, mode: entry.mode, type: 'blob', sha: await git.writeBlob(Buffer.from(entry.content, 'utf8')) });
        } else if (entry.sha === null || entry.sha === undefined) {
          changes.push({ path: entry.path, mode: entry.mode, type: entry.type, sha: null });
        } else {
          const actual = await git.objectType(entry.sha);
          if (actual !== entry.type && entry.type !== 'commit') throw unprocessable(`tree.sha ${entry.sha} is not a valid ${entry.type}`);
          changes.push({ path: entry.path, mode: entry.mode, type: entry.type, sha: entry.sha });
        }
      }
      const tree = await git.writeTree(base, changes);
      const entries = await git.listTree(tree, false);
      return {
        status: 201,
        headers: { location: `${ctx.core.urls.repoApi}/git/trees/${tree}` },
        body: {
          sha: tree,
          url: `${ctx.core.urls.repoApi}/git/trees/${tree}`,
          tree: entries.map((entry) => ({
            path: entry.path, mode: entry.mode, type: entry.type, sha: entry.sha,
            ...(entry.size !== undefined ? { size: entry.size } : {}),
            url: `${ctx.core.urls.repoApi}/git/${entry.type}s/${entry.sha}`,
          })),
          truncated: false,
        },
      };
    },
  },
  {
    operationId: 'git/get-blob',
    access: contentsRead,
    async handle(ctx) {
      const sha = ctx.params.file_sha;
      const { git } = ctx.core;
      if (!/^[0-9a-f]{40}$/i.test(sha) || (await git.objectType(sha)) !== 'blob') throw notFound();
      const content = await git.readBlob(sha);
      return {
        status: 200,
        body: {
          sha,
          node_id: nodeId('Blob', sha),
          size: content.length,
          url: `${ctx.core.urls.repoApi}/git/blobs/${sha}`,
          content: wrappedBase64(content),
          encoding: 'base64',
        },
      };
    },
  },
  {
    operationId: 'git/create-blob',
    access: contentsWrite,
    async handle(ctx) {
      const { content, encoding = 'utf-8' } = ctx.body as { content: string; encoding?: string };
      let bytes: Buffer;
      if (encoding === 'utf-8' || encoding === 'utf8') bytes = Buffer.from(content, 'utf8');
      else if (encoding === 'base64') bytes = Buffer.from(content, 'base64');
      else throw new ApiError(422, `encoding must be one of utf-8 or base64`);
      const sha = await ctx.core.git.writeBlob(bytes);
      const url = `${ctx.core.urls.repoApi}/git/blobs/${sha}`;
      return { status: 201, headers: { location: url }, body: { url, sha } };
    },
  },
];
