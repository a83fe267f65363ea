import { runAction } from '../runtime.js';
import { trainAction } from './runner.js';

await runAction(trainAction);
