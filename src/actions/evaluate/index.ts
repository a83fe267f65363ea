import { runAction } from '../runtime.js';
import { evaluateAction } from './runner.js';

await runAction(evaluateAction);
