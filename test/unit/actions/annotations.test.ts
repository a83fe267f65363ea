import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../../src/errors.js';
import { ANNOTATIONS_PER_STEP, runAction, StepAnnotations, type AnnotationLevel, type AnnotationSink } from '../../../src/actions/runtime.js';

/** Records what a step would write: annotations, plain log lines, and whether it failed. */
function recorder() {
  const annotations: { level: AnnotationLevel; message: string }[] = [];
  const log: string[] = [];
  const state = { failed: false };
  const sink: AnnotationSink = {
    annotate: (level, message) => annotations.push({ level, message }),
    log: (line) => log.push(line),
    markFailed: () => {
      state.failed = true;
    },
  };
  return { sink, annotations, log, state, count: (level: AnnotationLevel) => annotations.filter((a) => a.level === level).length };
}

describe("a step's annotations, within what GitHub shows", () => {
  it('writes at most 10 of each level, keeps one error for the failure, logs the rest and says how many', () => {
    const step = recorder();
    const annotations = new StepAnnotations(step.sink);
    annotations.seeAlso = 'the job summary';
    for (let i = 1; i <= 15; i++) annotations.error(`error ${i}`, { file: 'data.csv', startLine: i + 1 });
    for (let i = 1; i <= 12; i++) annotations.warning(`warning ${i}`);
    expect(annotations.summaryNote()).toContain('8 more problems: see the job summary');
    annotations.fail('Data invalid');
    annotations.finish();
    annotations.finish();

    expect(ANNOTATIONS_PER_STEP).toBe(10);
    expect(step.count('error')).toBe(10);
    expect(step.count('warning')).toBe(10);
    expect(step.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `error ${i + 1}`), 'Data invalid']);
    expect(step.state.failed).toBe(true);
    expect(annotations.leftOut).toBe(6 + 2);
    expect(step.log.slice(0, 2)).toEqual(['error: data.csv:11: error 10', 'error: data.csv:12: error 11']);
    expect(step.log.at(-1)).toBe('warning: warning 12');
    // One more line, once: a notice, since no notice was written.
    expect(step.annotations.filter((a) => a.level === 'notice').map((a) => a.message)).toEqual([
      '8 more problems: see the job summary (GitHub shows at most 10 errors and 10 warnings per step as annotations)',
    ]);
  });

  it('says nothing more when nothing was left out', () => {
    const step = recorder();
    const annotations = new StepAnnotations(step.sink);
    annotations.warning('one');
    annotations.finish();
    expect(annotations.summaryNote()).toBe('');
    expect(step.annotations).toEqual([{ level: 'warning', message: 'one' }]);
    expect(step.log).toEqual([]);
  });

  it('shows the failure of a step that had already written 10 errors when it threw', async () => {
    const step = recorder();
    await runAction(async (annotations) => {
      for (let i = 1; i <= 12; i++) annotations.error(`problem ${i}`);
      throw new ConfigurationError('the contract is missing', { input: 'contract' });
    }, new StepAnnotations(step.sink));
    const errors = step.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(10);
    expect(errors.at(-1)).toBe('Configuration error in input "contract": the contract is missing');
    expect(step.state.failed).toBe(true);
    expect(step.annotations.at(-1)).toMatchObject({ level: 'notice', message: expect.stringMatching(/^3 more problems: see the log above/) });
  });
});
