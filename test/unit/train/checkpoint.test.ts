import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointKey, DirectoryCheckpointStore } from '../../../src/train/checkpoint.js';
import { scratchDirectory } from '../../helpers/temp.js';

const scratch = await scratchDirectory();
const scope = { model: 'churn model', command: 'python train.py', params: { lr: 0.1 }, seed: 0 };
const actions = { GITHUB_REPOSITORY: 'octo/ml', GITHUB_WORKFLOW: 'train', GITHUB_JOB: 'train', GITHUB_RUN_ID: '99' };

describe('checkpoint keys', () => {
  it('share a prefix across attempts of a job, and differ per attempt and between trials', () => {
    const first = checkpointKey({ ...scope, env: { ...actions, GITHUB_RUN_ATTEMPT: '1' } }, new Date(1000));
    const second = checkpointKey({ ...scope, env: { ...actions, GITHUB_RUN_ATTEMPT: '2' } }, new Date(2000));
    expect(first.restorePrefixes).toEqual(second.restorePrefixes);
    expect(first.save).toMatch(/^ghml-checkpoint-churn-model-[0-9a-f]{16}-1-1000$/);
    expect(second.save.startsWith(second.restorePrefixes[0])).toBe(true);
    const otherTrial = checkpointKey({ ...scope, params: { lr: 0.2 }, env: { ...actions, GITHUB_RUN_ATTEMPT: '1' } }, new Date(1000));
    expect(otherTrial.restorePrefixes).not.toEqual(first.restorePrefixes);
    const nextRun = checkpointKey({ ...scope, env: { ...actions, GITHUB_RUN_ID: '100' } }, new Date(1000));
    expect(nextRun.restorePrefixes).not.toEqual(first.restorePrefixes);
  });
});

describe('a directory checkpoint store', () => {
  it('restores the newest save under a prefix, and nothing when there is none', async () => {
    const store = new DirectoryCheckpointStore(path.join(scratch.dir, 'store'));
    const work = path.join(scratch.dir, 'work');
    await mkdir(path.join(work, 'nested'), { recursive: true });
    expect(await store.restore(work, ['run-a-'])).toBeNull();
    await writeFile(path.join(work, 'nested/state.bin'), 'epoch 1');
    await store.save(work, 'run-a-1-100');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(path.join(work, 'nested/state.bin'), 'epoch 2');
    await store.save(work, 'run-a-2-200');
    await store.save(work, 'run-b-1-300');

    const fresh = path.join(scratch.dir, 'fresh');
    expect(await store.restore(fresh, ['run-a-'])).toBe('run-a-2-200');
    expect(await readFile(path.join(fresh, 'nested/state.bin'), 'utf8')).toBe('epoch 2');
    expect((await readdir(path.join(scratch.dir, 'store'))).sort()).toEqual(['run-a-1-100', 'run-a-2-200', 'run-b-1-300']);
  });
});
