import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ghmlPackageRoot } from '../io/package-root.js';
import { Narrator, type StoryStep } from './narration.js';
import { renderDemoHtml, renderDemoMarkdown, type DemoReport } from './report.js';
import { writeSeedRepository } from './scenario.js';
import { tellStory } from './story.js';
import { DemoWorld } from './world.js';

export { DemoFailure } from './world.js';

export interface DemoOptions {
  /** Where the repository's seed, the sandbox, the runner's workspace, the logs and the report go. */
  directory: string;
  say: (line: string) => void;
  /**
   * With --keep: called once the loop is done, with the running world's addresses; the sandbox,
   * the app and the servers stay up until the promise it returns settles.
   */
  keep?: (world: KeptWorld) => Promise<void>;
}

export interface KeptWorld {
  sandboxUrl: string;
  apiUrl: string;
  repository: string;
  tokens: Record<string, string>;
  servers: { environment: string; url: string }[];
}

export interface DemoResult {
  steps: StoryStep[];
  seconds: number;
  markdownReport: string;
  htmlReport: string;
}

/**
 * `ghml demo`: the whole loop on the sandbox — validate, train, evaluate, register, promote with
 * reviews, deploy, a second version through a canary, drift from real later data, an issue, and
 * retraining — with the bundled Actions run as the runner runs them.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const packageRoot = ghmlPackageRoot();
  const seed = path.join(options.directory, 'seed');
  await writeSeedRepository(packageRoot, seed);
  const narrator = new Narrator(options.say);
  const world = await DemoWorld.start(packageRoot, options.directory, seed);
  try {
    await tellStory(world, narrator);
    const report: DemoReport = {
      title: 'ghml demo: the Seattle weather model from first commit to retraining',
      sandboxUrl: world.sandbox.url,
      repository: world.sandbox.repo.fullName,
      seconds: narrator.elapsedSeconds(),
      steps: narrator.steps,
      charts: narrator.charts,
    };
    const reports = path.join(options.directory, 'report');
    await mkdir(reports, { recursive: true });
    const markdownReport = path.join(reports, 'demo.md');
    const htmlReport = path.join(reports, 'demo.html');
    await writeFile(markdownReport, renderDemoMarkdown(report));
    await writeFile(htmlReport, renderDemoHtml(report));
    if (options.keep) {
      await options.keep({
        sandboxUrl: world.sandbox.url,
        apiUrl: world.sandbox.apiUrl,
        repository: world.sandbox.repo.fullName,
        tokens: world.sandbox.tokens,
        servers: [...world.servers.values()].map((server) => ({ environment: server.environment, url: server.url })),
      });
    }
    return { steps: narrator.steps, seconds: report.seconds, markdownReport, htmlReport };
  } finally {
    await world.close();
  }
}
