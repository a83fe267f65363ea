import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  PackageManifest,
  serializeDocument,
  statusOf
} from "./chunk-GDY5R3NU.js";
import {
  sha256Hex
} from "./chunk-BRFMT775.js";
import {
  ConfigurationError
} from "./chunk-L374PU5G.js";

// src/github/releases.ts
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
var UPLOAD_ATTEMPTS = 3;
var GitHubReleases = class {
  constructor(octokit, target) {
    this.octokit = octokit;
    this.repository = { owner: target.owner, repo: target.repo };
  }
  octokit;
  repository;
  uploadUrls = /* @__PURE__ */ new Map();
  async createDraft(request) {
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
        make_latest: "false"
      });
      this.uploadUrls.set(data.id, data.upload_url);
      return { id: data.id, url: data.html_url };
    } catch (error) {
      const fields = error.response?.data?.errors ?? [];
      if (statusOf(error) === 422 && fields.some((field) => field.field === "target_commitish")) {
        throw new ConfigurationError(`commit ${request.commit} is not in ${this.repository.owner}/${this.repository.repo}: push the training commit before registering`, { input: "commit", cause: error });
      }
      if (statusOf(error) === 422 && fields.some((field) => field.code === "already_exists")) {
        throw new Error(`a release tagged ${request.tag} exists already, though the registry had not given out that version: remove it (gh release delete ${request.tag}) and register again`, { cause: error });
      }
      throw error;
    }
  }
  async uploadAsset(release, asset) {
    const url = this.uploadUrls.get(release.id);
    if (!url) throw new Error(`release ${release.id} was not created by this client`);
    for (let attempt = 1; ; attempt++) {
      try {
        const { data } = await this.octokit.request({
          method: "POST",
          url,
          name: asset.name,
          headers: { "content-type": asset.contentType, "content-length": String(asset.size) },
          data: asset.size === 0 ? Buffer.alloc(0) : createReadStream(asset.file, { start: asset.offset, end: asset.offset + asset.size - 1 }),
          // A stream cannot be sent twice: this method retries, the retry plugin must not.
          request: { retries: 0 }
        });
        const uploaded = data;
        return { id: uploaded.id, name: uploaded.name, size: uploaded.size, sha256: uploaded.digest?.startsWith("sha256:") ? uploaded.digest.slice(7) : null };
      } catch (error) {
        const status = statusOf(error);
        const transient = status === void 0 || status >= 500 || status === 429;
        if (!transient || attempt >= UPLOAD_ATTEMPTS) throw error;
        await this.removeAsset(release.id, asset.name);
        await sleep(250 * attempt);
      }
    }
  }
  /** An upload that failed on the way may still have left an asset of that name. */
  async removeAsset(releaseId, name) {
    const assets = await this.octokit.paginate(this.octokit.rest.repos.listReleaseAssets, { ...this.repository, release_id: releaseId, per_page: 100 });
    const stale = assets.find((candidate) => candidate.name === name);
    if (stale) await this.octokit.rest.repos.deleteReleaseAsset({ ...this.repository, asset_id: stale.id });
  }
  async publish(release) {
    const { data } = await this.octokit.rest.repos.updateRelease({ ...this.repository, release_id: release.id, draft: false, make_latest: "false" });
    return data.html_url;
  }
  async discard(release, made) {
    await this.octokit.rest.repos.deleteRelease({ ...this.repository, release_id: release.id }).catch(() => void 0);
    if (made.published) await this.octokit.rest.git.deleteRef({ ...this.repository, ref: `tags/${made.tag}` }).catch(() => void 0);
  }
  async downloadAsset(assetId, destination) {
    const response = await this.octokit.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
      ...this.repository,
      asset_id: assetId,
      headers: { accept: "application/octet-stream" },
      request: { parseSuccessResponseBody: false }
    });
    const hash = createHash("sha256");
    let size = 0;
    await pipeline(Readable.fromWeb(response.data), async function* (chunks) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    }, createWriteStream(destination));
    return { size, sha256: hash.digest("hex") };
  }
};

// src/registry/package.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
var MANIFEST_NAME = "ghml-package.json";
var MODEL_CARD_NAME = "model-card.md";
var DEFAULT_PART_SIZE = 2e9;
function safeAssetName(fileName) {
  return path.basename(fileName).replace(/[^A-Za-z0-9._+-]/g, ".").replace(/^[.]+/, "");
}
function partName(name, index) {
  return `${name}.part-${String(index + 1).padStart(3, "0")}`;
}
async function describeFile(source, partSize) {
  const size = (await stat(source.file).catch(() => {
    throw new ConfigurationError(`${source.file} cannot be read`, { input: source.role === "model" ? "model-files" : source.role });
  })).size;
  const whole = createHash2("sha256");
  const split = size > partSize;
  const parts = [];
  let current;
  for await (const chunk of createReadStream2(source.file, { highWaterMark: 1 << 20 })) {
    whole.update(chunk);
    if (!split) continue;
    for (let offset = 0; offset < chunk.length; ) {
      if (!current || current.size === partSize) parts.push(current = { hash: createHash2("sha256"), size: 0 });
      const take = Math.min(partSize - current.size, chunk.length - offset);
      current.hash.update(chunk.subarray(offset, offset + take));
      current.size += take;
      offset += take;
    }
  }
  const entryParts = split ? parts.map((part, index) => ({ asset: partName(source.name, index), size: part.size, sha256: part.hash.digest("hex") })) : null;
  return {
    source,
    entry: { name: source.name, role: source.role, size, sha256: whole.digest("hex"), parts: entryParts },
    partOffsets: split ? parts.map((_, index) => index * partSize) : []
  };
}
function buildManifest(model, version, createdAt, files) {
  const names = /* @__PURE__ */ new Set();
  for (const file of files) {
    if (names.has(file.entry.name) || file.entry.name === MANIFEST_NAME) {
      throw new ConfigurationError(`two files of the package are named ${file.entry.name} (asset names keep only A-Z, a-z, 0-9, ".", "_", "+" and "-"): rename one`, { input: "model-files" });
    }
    names.add(file.entry.name);
  }
  const manifest = { format: "ghml.package/v1", model, version, createdAt, files: files.map((file) => file.entry) };
  const content = serializeDocument(PackageManifest, manifest);
  return { manifest, content, digest: sha256Hex(content) };
}
function contentType(name) {
  if (name.endsWith(".json")) return "application/json";
  if (name.endsWith(".md")) return "text/markdown";
  return "application/octet-stream";
}
function plannedAssets(files, manifestFile, manifest) {
  const assets = [];
  for (const { source, entry, partOffsets } of files) {
    if (entry.parts === null) {
      assets.push({ name: entry.name, contentType: contentType(entry.name), file: source.file, offset: 0, size: entry.size, sha256: entry.sha256 });
      continue;
    }
    entry.parts.forEach((part, index) => {
      assets.push({ name: part.asset, contentType: "application/octet-stream", file: source.file, offset: partOffsets[index], size: part.size, sha256: part.sha256 });
    });
  }
  assets.push({ name: MANIFEST_NAME, contentType: "application/json", file: manifestFile, offset: 0, size: Buffer.byteLength(manifest.content), sha256: manifest.digest });
  return assets;
}

export {
  MANIFEST_NAME,
  MODEL_CARD_NAME,
  DEFAULT_PART_SIZE,
  safeAssetName,
  describeFile,
  buildManifest,
  plannedAssets,
  GitHubReleases
};
