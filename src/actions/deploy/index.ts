import { runAction } from '../runtime.js';
import { deployAction } from './runner.js';

await runAction(deployAction);
