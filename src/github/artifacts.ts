import { copyFile, link, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DefaultArtifactClient } from '@actions/artifact';
import type { ArtifactUploader, UploadedArtifact } from '../steps/train.js';

/**
 * Workflow artifacts through GitHub's artifact service (what upload-artifact@v4 uses), reached with
 * the job's runtime token. Each file lies at the top of the artifact under its own name.
 */
export class ActionsArtifactUploader implements ArtifactUploader {
  private readonly client = new DefaultArtifactClient();

  /**
   * The runner gives a job the service's URL and token. GitHub Enterprise Server has no such
   * service, and @actions/artifact tells it by the host as here: anything but github.com, *.ghe.com
   * and *.localhost.
   */
  static available(env: NodeJS.ProcessEnv = process.env): boolean {
    const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
    const cloud = host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost');
    return cloud && Boolean(env.ACTIONS_RUNTIME_TOKEN && env.ACTIONS_RESULTS_URL);
  }

  async upload(name: string, files: string[]): Promise<UploadedArtifact> {
    // The library names each file by its path below one root directory; the files live in
    // unrelated places (the workspace, RUNNER_TEMP), so they are gathered in one first.
    const root = await mkdtemp(path.join(process.env.RUNNER_TEMP ?? tmpdir(), 'ghml-artifact-'));
    try {
      const gathered: string[] = [];
      for (const file of files) {
        const target = path.join(root, path.basename(file));
        if (gathered.includes(target)) throw new Error(`two files of artifact ${name} are named ${path.basename(file)}`);
        // A hard link costs nothing for a model of gigabytes; across file systems it takes a copy.
        await link(file, target).catch(() => copyFile(file, target));
        gathered.push(target);
      }
      const { id, size } = await this.client.uploadArtifact(name, gathered, root);
      if (id === undefined) throw new Error(`the artifact service gave no id for artifact ${name}`);
      return { name, id, description: `artifact ${name} (id ${id}, ${size ?? 0} bytes zipped)` };
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
}
