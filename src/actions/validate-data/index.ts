import { runAction } from '../runtime.js';
import { validateDataAction } from './runner.js';

await runAction(validateDataAction);
