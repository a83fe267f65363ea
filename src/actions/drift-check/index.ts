import { runAction } from '../runtime.js';
import { driftCheckAction } from './runner.js';

await runAction(driftCheckAction);
