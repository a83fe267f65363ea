import { createHash, randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { actingUser, type RequestContext, type SandboxCore } from '../context.js';
import { announceRefUpdate } from '../events.js';
import { notFound, paginate, timestamp, validationFailed } from '../http.js';
import { assetJson, releaseJson } from '../representations.js';
import type { RouteDefinition } from '../routes.js';
import type { AssetRecord, ReleaseRecord } from '../state.js';

const read = { kind: 'repo', scope: 'contents', level: 'read' } as const;
const write = { kind: 'repo', scope: 'contents', level: 'write' } as const;

function findRelease(ctx: RequestContext): ReleaseRecord {
  const release = ctx.core.state.releases.find((candidate) => candidate.id === Number(ctx.params.release_id));
  if (!release) throw notFound();
  return release;
}

function findAsset(ctx: RequestContext): { release: ReleaseRecord; asset: AssetRecord } {
  const id = Number(ctx.params.asset_id);
  for (const release of ctx.core.state.releases) {
    const asset = release.assets.find((candidate) => candidate.id === id);
    if (asset) return { release, asset };
  }
  throw notFound();
}

/** Publishing a release creates its tag at the target when the tag does not exist yet. */
async function ensureTag(ctx: RequestContext, release: ReleaseRecord): Promise<void> {
  const { git } = ctx.core;
  const ref = `refs/tags/${release.tagName}`;
  if (await git.readRef(ref)) return;
  const target = await git.resolve(release.targetCommitish, 'commit');
  if (!target) throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
  if (!(await git.compareAndSwapRef(ref, target, undefined))) throw validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
  await announceRefUpdate(ctx, { ref, before: undefined, after: target });
}

/** GitHub replaces characters outside a safe set in asset names and trims leading and trailing periods. */
function assetName(name: string): string {
  return name.replace(/[^A-Za-z0-9._+-]/g, '.').replace(/^\.+|\.+$/g, '');
}

export const releaseRoutes: RouteDefinition[] = [
  {
    operationId: 'repos/create-release',
    access: write,
    async handle(ctx) {
      const body = ctx.body as { tag_name: string; target_commitish?: string; name?: string | null; body?: string | null; draft?: boolean; prerelease?: boolean };
      const { state } = ctx.core;
      if (state.releases.some((release) => release.tagName === body.tag_name)) {
        throw validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
      }
      const targetCommitish = body.target_commitish ?? ctx.core.repo.defaultBranch;
      const tagExists = (await ctx.core.git.readRef(`refs/tags/${body.tag_name}`)) !== undefined;
      if (!tagExists && !(await ctx.core.git.resolve(targetCommitish, 'commit'))) {
        throw validationFailed([{ resource: 'Release', code: 'invalid', field: 'target_commitish' }]);
      }
      const now = timestamp();
      const release: ReleaseRecord = {
        id: state.nextId(),
        tagName: body.tag_name,
        targetCommitish,
        name: body.name ?? null,
        body: body.body ?? null,
        draft: body.draft ?? false,
        prerelease: body.prerelease ?? false,
        author: actingUser(ctx),
        createdAt: now,
        publishedAt: body.draft ? null : now,
        updatedAt: now,
        assets: [],
      };
      if (!release.draft) await ensureTag(ctx, release);
      state.releases.push(release);
      return { status: 201, headers: { location: `${ctx.core.urls.repoApi}/releases/${release.id}` }, body: releaseJson(ctx.core, release) };
    },
  },
  {
    operationId: 'repos/get-release',
    access: read,
    async handle(ctx) {
      return { status: 200, body: releaseJson(ctx.core, findRelease(ctx)) };
    },
  },
  {
    operationId: 'repos/get-release-by-tag',
    access: read,
    async handle(ctx) {
      // Drafts have no tag yet, so GitHub never finds them by tag.
      const release = ctx.core.state.releases.find((candidate) => candidate.tagName === ctx.params.tag && !candidate.draft);
      if (!release) throw notFound();
      return { status: 200, body: releaseJson(ctx.core, release) };
    },
  },
  {
    operationId: 'repos/list-releases',
    access: read,
    async handle(ctx) {
      const newestFirst = [...ctx.core.state.releases].reverse();
      const { page, headers } = paginate(newestFirst, ctx.query, ctx.url);
      return { status: 200, headers, body: page.map((release) => releaseJson(ctx.core, release)) };
    },
  },
  {
    operationId: 'repos/update-release',
    access: write,
    async handle(ctx) {
      const release = findRelease(ctx);
      const body = ctx.body as Partial<{ tag_name: string; target_commitish: string; name: string; body: string; draft: boolean; prerelease: boolean }>;
      if (body.tag_name !== undefined && body.tag_name !== release.tagName
        && ctx.core.state.releases.some((other) => other.tagName === body.tag_name)) {
        throw validationFailed([{ resource: 'Release', code: 'already_exists', field: 'tag_name' }]);
      }
      const publishing = release.draft && body.draft === false;
      Object.assign(release, {
        tagName: body.tag_name ?? release.tagName,
        targetCommitish: body.target_commitish ?? release.targetCommitish,
        name: body.name !== undefined ? body.name : release.name,
        body: body.body !== undefined ? body.body : release.body,
        draft: body.draft ?? release.draft,
        prerelease: body.prerelease ?? release.prerelease,
        updatedAt: timestamp(),
      });
      if (publishing) {
        await ensureTag(ctx, release);
        release.publishedAt = timestamp();
      }
      return { status: 200, body: releaseJson(ctx.core, release) };
    },
  },
  {
    operationId: 'repos/delete-release',
    access: write,
    async handle(ctx) {
      const release = findRelease(ctx);
      const { releases } = ctx.core.state;
      releases.splice(releases.indexOf(release), 1);
      await Promise.all(release.assets.map((asset) => rm(asset.file, { force: true })));
      return { status: 204 };
    },
  },
  {
    operationId: 'repos/upload-release-asset',
    access: write,
    async handle(ctx) {
      const release = findRelease(ctx);
      const requested = ctx.query.get('name');
      if (!requested) throw validationFailed([{ resource: 'ReleaseAsset', code: 'missing_field', field: 'name' }]);
      const name = assetName(requested);
      if (release.assets.some((asset) => asset.name === name)) {
        throw validationFailed([{ resource: 'ReleaseAsset', code: 'already_exists', field: 'name' }]);
      }
      const content = ctx.body as Buffer;
      const id = ctx.core.state.nextId();
      const file = path.join(ctx.core.assetsDir, String(id));
      await writeFile(file, content);
      const now = timestamp();
      const asset: AssetRecord = {
        id,
        releaseId: release.id,
        name,
        label: ctx.query.get('label'),
        contentType: String(ctx.headers['content-type'] ?? 'application/octet-stream'),
        size: content.length,
        digest: `sha256:${createHash('sha256').update(content).digest('hex')}`,
        file,
        uploader: actingUser(ctx),
        downloadCount: 0,
        createdAt: now,
        updatedAt: now,
        downloadKey: randomBytes(16).toString('hex'),
      };
      release.assets.push(asset);
      return { status: 201, body: assetJson(ctx.core, release, asset) };
    },
  },
  {
    operationId: 'repos/get-release-asset',
    access: read,
    async handle(ctx) {
      const { release, asset } = findAsset(ctx);
      if (String(ctx.headers.accept ?? '').includes('application/octet-stream')) {
        // GitHub answers with a redirect to a short-lived storage URL that needs no token.
        return { status: 302, headers: { location: `${ctx.core.urls.origin}${assetDownloadPath(asset)}` } };
      }
      return { status: 200, body: assetJson(ctx.core, release, asset) };
    },
  },
  {
    operationId: 'repos/list-release-assets',
    access: read,
    async handle(ctx) {
      const release = findRelease(ctx);
      const { page, headers } = paginate(release.assets, ctx.query, ctx.url);
      return { status: 200, headers, body: page.map((asset) => assetJson(ctx.core, release, asset)) };
    },
  },
  {
    operationId: 'repos/delete-release-asset',
    access: write,
    async handle(ctx) {
      const { release, asset } = findAsset(ctx);
      release.assets.splice(release.assets.indexOf(asset), 1);
      await rm(asset.file, { force: true });
      return { status: 204 };
    },
  },
];

/** The storage path the asset API redirects downloads to. */
function assetDownloadPath(asset: AssetRecord): string {
  return `/_storage/release-assets/${asset.id}/${asset.downloadKey}/${encodeURIComponent(asset.name)}`;
}

export function findAssetForDownload(core: SandboxCore, id: number, key: string): AssetRecord | undefined {
  return core.state.releases.flatMap((release) => release.assets).find((asset) => asset.id === id && asset.downloadKey === key);
}
