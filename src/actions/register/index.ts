import { runAction } from '../runtime.js';
import { registerAction } from './runner.js';

await runAction(registerAction);
