import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Octokit } from 'octokit';
import { ConfigurationError } from '../errors.js';
import type { AssetUpload, DownloadedAsset, DraftRelease, ReleasePublisher, UploadedAsset } from '../registry/ports.js';
import { statusOf, type GitHubTarget } from './client.js';

/** Upload attempts per asset: a server error mid-upload leaves at most a broken asset, removed before the next try. */
const UPLOAD_ATTEMPTS = 3;

/**
 * Model packages as GitHub Releases. A release is created as a draft (drafts have no tag and are
 * visible to writers only), filled, and published last, when GitHub creates its tag at the
 * training commit. Model releases never become the repository's "Latest" release.
 */
export class GitHubReleases implements ReleasePublisher {
  private readonly repository: { owner: string; repo: string };
  private readonly uploadUrls = new Map<number, string>();

  constructor(private readonly octokit: Octokit, target: Pick<GitHubTarget, 'owner' | 'repo'>) {
    this.repository = { owner: target.owner, repo: target.repo };
  }

  async createDraft(request: { tag: string; commit: string; name: string; body: string }): Promise<DraftRelease> {
    // An existing tag would win over the training commit when the release is published.
    const existingTag = await this.octokit.rest.git.getRef({ ...this.repository, ref: `tags/${request.tag}` }).then(() => true, (error) => {
      if (statusOf(error) === 404) return false;
      throw error;
    });
    if (existingTag) throw new Error(`the tag ${request.tag} exists already, though the registry had not given out that version: remove it (git push --delete origin ${request.tag}) and register again`);
    try {
      const { data } = await this.octokit.rest.repos.createRelease({
        ...this.repository,
        tag_name: request.tag,
        target_commitish: request.commit,
        name: request.name,
        body: request.body,
        draft: true,
        make_latest: 'false',
      });
      this.uploadUrls.set(data.id, data.upload_url);
      return { id: data.id, url: data.html_url };
    } catch (error) {
      const fields = (error as { response?: { data?: { errors?: { field?: string; code?: string }[] } } }).response?.data?.errors ?? [];
      if (statusOf(error) === 422 && fields.some((field) => field.field === 'target_commitish')) {
        throw new ConfigurationError(`commit ${request.commit} is not in ${this.repository.owner}/${this.repository.repo}: push the training commit before registering`, { input: 'commit', cause: error });
      }
      if (statusOf(error) === 422 && fields.some((field) => field.code === 'already_exists')) {
        throw new Error(`a release tagged ${request.tag} exists already, though the registry had not given out that version: remove it (gh release delete ${request.tag}) and register again`, { cause: error });
      }
      throw error;
    }
  }

  async uploadAsset(release: DraftRelease, asset: AssetUpload): Promise<UploadedAsset> {
    const url = this.uploadUrls.get(release.id);
    if (!url) throw new Error(`release ${release.id} was not created by this client`);
    for (let attempt = 1; ; attempt++) {
      try {
        const { data } = await this.octokit.request({
          method: 'POST',
          url,
          name: asset.name,
          headers: { 'content-type': asset.contentType, 'content-length': String(asset.size) },
          data: asset.size === 0 ? Buffer.alloc(0) : createReadStream(asset.file, { start: asset.offset, end: asset.offset + asset.size - 1 }),
          // A stream cannot be sent twice: this method retries, the retry plugin must not.
          request: { retries: 0 },
        });
        const uploaded = data as { id: number; name: string; size: number; digest?: string | null };
        return { id: uploaded.id, name: uploaded.name, size: uploaded.size, sha256: uploaded.digest?.startsWith('sha256:') ? uploaded.digest.slice(7) : null };
      } catch (error) {
        const status = statusOf(error);
        const transient = status === undefined || status >= 500 || status === 429;
        if (!transient || attempt >= UPLOAD_ATTEMPTS) throw error;
        await this.removeAsset(release.id, asset.name);
        await sleep(250 * attempt);
      }
    }
  }

  /** An upload that failed on the way may still have left an asset of that name. */
  private async removeAsset(releaseId: number, name: string): Promise<void> {
    const assets = await this.octokit.paginate(this.octokit.rest.repos.listReleaseAssets, { ...this.repository, release_id: releaseId, per_page: 100 });
    const stale = assets.find((candidate) => candidate.name === name);
    if (stale) await this.octokit.rest.repos.deleteReleaseAsset({ ...this.repository, asset_id: stale.id });
  }

  async publish(release: DraftRelease): Promise<string> {
    const { data } = await this.octokit.rest.repos.updateRelease({ ...this.repository, release_id: release.id, draft: false, make_latest: 'false' });
    return data.html_url;
  }

  async discard(release: DraftRelease, made: { tag: string; published: boolean }): Promise<void> {
    await this.octokit.rest.repos.deleteRelease({ ...this.repository, release_id: release.id }).catch(() => undefined);
    // GitHub keeps a release's tag when the release is deleted; createDraft made sure publishing made it.
    if (made.published) await this.octokit.rest.git.deleteRef({ ...this.repository, ref: `tags/${made.tag}` }).catch(() => undefined);
  }

  async downloadAsset(assetId: number, destination: string): Promise<DownloadedAsset> {
    const response = await this.octokit.request('GET /repos/{owner}/{repo}/releases/assets/{asset_id}', {
      ...this.repository,
      asset_id: assetId,
      headers: { accept: 'application/octet-stream' },
      request: { parseSuccessResponseBody: false },
    });
    const hash = createHash('sha256');
    let size = 0;
    await pipeline(Readable.fromWeb(response.data as unknown as WebReadableStream<Uint8Array>), async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    }, createWriteStream(destination));
    return { size, sha256: hash.digest('hex') };
  }
}
