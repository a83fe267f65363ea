import { describe, expect, it } from 'vitest';
import { paramVariable, paramVariables, readParams } from '../../../src/train/params.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();

describe('training parameters', () => {
  it('reads inline JSON, inline YAML, or a file relative to the working directory', async () => {
    expect(await readParams('{"learning_rate": 0.1, "layers": [64, 32]}', scratch.dir)).toEqual({ learning_rate: 0.1, layers: [64, 32] });
    expect(await readParams('learning_rate: 0.1\nname: resnet\n', scratch.dir)).toEqual({ learning_rate: 0.1, name: 'resnet' });
    await scratch.file('params.yml', 'epochs: 3\n');
    expect(await readParams('params.yml', scratch.dir)).toEqual({ epochs: 3 });
    expect(await readParams(undefined, scratch.dir)).toEqual({});
  });

  it('says what is wrong with params that are not a mapping, or a file that is not there', async () => {
    await expect(readParams('[1, 2]', scratch.dir)).rejects.toThrow('params must be a mapping of names to values');
    await expect(readParams('missing.yml', scratch.dir)).rejects.toThrow(`params file "missing.yml" does not exist in ${scratch.dir}`);
  });

  it('names the variables GHML_PARAM_<NAME>, strings as they are and other values as JSON', () => {
    expect(paramVariable('learning-rate')).toBe('GHML_PARAM_LEARNING_RATE');
    expect(paramVariable('model.depth')).toBe('GHML_PARAM_MODEL_DEPTH');
    expect(paramVariables({ lr: 0.1, name: 'resnet', layers: [64, 32], warm: true, none: null })).toEqual({
      GHML_PARAM_LR: '0.1',
      GHML_PARAM_NAME: 'resnet',
      GHML_PARAM_LAYERS: '[64,32]',
      GHML_PARAM_WARM: 'true',
      GHML_PARAM_NONE: 'null',
    });
    expect(() => paramVariables({ 'batch-size': 1, batch_size: 2 })).toThrow('params "batch-size" and "batch_size" would both be GHML_PARAM_BATCH_SIZE: rename one');
  });
});
