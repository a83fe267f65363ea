import type { Command } from '../command.js';
import { appCommand } from './app.js';
import { demoCommand } from './demo.js';
import { deployCommand } from './deploy.js';
import { driftCheckCommand } from './drift-check.js';
import { evaluateCommand } from './evaluate.js';
import { profileInferCommand, profileMergeCommand } from './profile.js';
import { promoteCommand, rollbackCommand } from './promote.js';
import { registerCommand } from './register.js';
import { registryCommands } from './registry.js';
import { sandboxCommand } from './sandbox.js';
import { serveCommand } from './serve.js';
import { trainCommand, trainPlanCommand, trainSelectCommand } from './train.js';
import { validateDataCommand } from './validate-data.js';

/** Every `ghml` command, in the order `ghml --help` lists them. */
export const commands: Command[] = [validateDataCommand, profileInferCommand, profileMergeCommand, driftCheckCommand, evaluateCommand, trainCommand, trainPlanCommand, trainSelectCommand, registerCommand, promoteCommand, rollbackCommand, ...registryCommands, serveCommand, deployCommand, sandboxCommand, appCommand, demoCommand];
