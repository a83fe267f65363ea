/**
 * What the registry needs from the forge besides the branch: releases to hold model packages,
 * pull requests to propose promotions, and the policy file. src/github/ implements them.
 */

export interface DraftRelease {
  id: number;
  /** The release page; a draft's page is visible to writers only. */
  url: string;
}

export interface AssetUpload {
  name: string;
  contentType: string;
  /** The bytes are `size` bytes of `file` from `offset`, so a part of a large file is sent without copying it. */
  file: string;
  offset: number;
  size: number;
}

export interface UploadedAsset {
  id: number;
  name: string;
  /** As the host reports them: what it stored. */
  size: number;
  /** The host's own sha256 of what it stored; null where it computes none (older GitHub Enterprise Server). */
  sha256: string | null;
}

export interface DownloadedAsset {
  size: number;
  sha256: string;
}

/** Reading release assets: all `registry get` needs. */
export interface ReleaseAssetReader {
  /** Streams an asset into a file, hashing it on the way; the file is whatever arrived. */
  downloadAsset(assetId: number, destination: string): Promise<DownloadedAsset>;
}

export interface ReleasePublisher extends ReleaseAssetReader {
  createDraft(request: { tag: string; commit: string; name: string; body: string }): Promise<DraftRelease>;
  uploadAsset(release: DraftRelease, asset: AssetUpload): Promise<UploadedAsset>;
  /** Publishes the draft: the host creates the tag at the commit now. Returns the release page. */
  publish(release: DraftRelease): Promise<string>;
  /** Removes a release that will never be referenced, and its tag when publishing made one. Best effort. */
  discard(release: DraftRelease, made: { tag: string; published: boolean }): Promise<void>;
}

export interface PromotionRequest {
  number: number;
  url: string;
  head: string;
}

export interface PromotionRequests {
  /** Open pull requests into `base` whose head branch starts with the prefix. */
  findOpen(base: string, headPrefix: string): Promise<PromotionRequest[]>;
  open(request: { head: string; base: string; title: string; body: string }): Promise<PromotionRequest>;
  update(number: number, request: { title: string; body: string }): Promise<PromotionRequest>;
  close(number: number, comment: string): Promise<void>;
}

export interface PolicySource {
  /** Where the policy is read from, for messages. */
  readonly location: string;
  /** The policy file's text on the default branch, or undefined when there is none. */
  read(): Promise<string | undefined>;
}

export interface ModelDeployment {
  id: number;
  environment: string;
  /** The version the deployment's payload names. */
  version: number | null;
  createdAt: string;
  creator: string | null;
}

/** Deployments of a model: what served where, and since when. */
export interface DeploymentHistory {
  list(model: string, environment?: string): Promise<ModelDeployment[]>;
}
