import type { ApplicationFunction } from 'probot';
import { commands } from './handlers/commands.js';
import { deployOnMerge } from './handlers/deploy-on-merge.js';
import { driftIssues } from './handlers/drift-issues.js';
import { installation } from './handlers/installation.js';
import { promotionCheck } from './handlers/promotion-check.js';
import { AppRuntime } from './runtime.js';

/**
 * The ghml GitHub App: a reactor over the registry branch and the pull requests against it
 * (DESIGN §1). It keeps no state of its own; everything it decides it reads from GitHub.
 */
const ghmlApp: ApplicationFunction = (app) => {
  const runtime = new AppRuntime(app);
  promotionCheck(app, runtime);
  deployOnMerge(app, runtime);
  driftIssues(app, runtime);
  commands(app, runtime);
  installation(app);
};

export default ghmlApp;
