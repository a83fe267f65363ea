import * as core from '@actions/core';
import { z } from 'zod';
import { ConfigurationError, DataError } from '../errors.js';

/**
 * The outer layer of every Action: run the step and fail it for any thrown value. A user's mistake
 * (configuration or unreadable data) fails with its message alone; anything else is our bug and
 * keeps its stack trace in the log. The step's annotations go through one `StepAnnotations`, so the
 * failure is always shown and annotations GitHub would drop are counted and said to be missing.
 */
export async function runAction(main: (annotations: StepAnnotations) => Promise<void>, annotations = new StepAnnotations()): Promise<void> {
  try {
    await main(annotations);
  } catch (error) {
    if (error instanceof ConfigurationError) {
      annotations.fail(`Configuration error${error.input ? ` in input "${error.input}"` : ''}: ${error.message}`);
    } else if (error instanceof DataError) {
      annotations.fail(error.message);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      annotations.error(`ghml internal error (please report it): ${detail}`);
      annotations.fail(error instanceof Error ? `internal error: ${error.message}` : 'internal error');
    }
  } finally {
    annotations.finish();
  }
}

/**
 * GitHub shows at most this many annotations of each level (error, warning, notice) per step, and
 * 50 per job; it drops the rest without a word.
 */
export const ANNOTATIONS_PER_STEP = 10;

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/** Where a step's annotations go: workflow commands through @actions/core on a runner; a recorder in tests. */
export interface AnnotationSink {
  annotate(level: AnnotationLevel, message: string, properties: core.AnnotationProperties): void;
  /** A plain line of the log, which GitHub does not limit. */
  log(line: string): void;
  /** Marks the step failed (exit code 1) without writing anything. */
  markFailed(): void;
}

const coreSink: AnnotationSink = {
  annotate: (level, message, properties) => core[level](message, properties),
  log: (line) => core.info(line),
  markFailed: () => {
    process.exitCode = core.ExitCode.Failure;
  },
};

/**
 * A step's annotations, kept within what GitHub shows: at most `ANNOTATIONS_PER_STEP` of each level,
 * one error of them kept back for the step's failure (`fail`, which is what `core.setFailed` writes).
 * An annotation past the limit goes to the log as a plain line instead, and is counted; `finish`
 * then says in one more line how many GitHub would not have shown, and `withSummaryNote` says it in
 * the job summary. A caller with many annotations gives the most important first.
 */
export class StepAnnotations {
  private readonly written: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  private leftOutCount = 0;
  private failed = false;
  private finished = false;
  /** Where everything left out can be read, for the closing line: the job summary, a report file. */
  seeAlso = 'the log above';

  constructor(
    private readonly sink: AnnotationSink = coreSink,
    private readonly limit = ANNOTATIONS_PER_STEP,
  ) {}

  error(message: string, properties: core.AnnotationProperties = {}): void {
    this.annotate('error', message, properties);
  }

  warning(message: string, properties: core.AnnotationProperties = {}): void {
    this.annotate('warning', message, properties);
  }

  notice(message: string, properties: core.AnnotationProperties = {}): void {
    this.annotate('notice', message, properties);
  }

  /** Writes an annotation while its level has room, else a plain log line. */
  annotate(level: AnnotationLevel, message: string, properties: core.AnnotationProperties = {}): void {
    const room = this.limit - (level === 'error' && !this.failed ? 1 : 0);
    if (this.written[level] < room) {
      this.sink.annotate(level, message, properties);
      this.written[level]++;
      return;
    }
    this.leftOutCount++;
    const where = properties.file ? `${properties.file}${properties.startLine ? `:${properties.startLine}` : ''}: ` : '';
    this.sink.log(`${level}: ${where}${message}`);
  }

  /** Fails the step with an error annotation: the first failure always has its place kept. */
  fail(message: string): void {
    this.failed = true;
    this.annotate('error', message);
    this.sink.markFailed();
  }

  /** Annotations written to the log as plain lines because their level had no room. */
  get leftOut(): number {
    return this.leftOutCount;
  }

  private leftOutLine(): string {
    const n = this.leftOutCount;
    return `${n} more problem${n === 1 ? '' : 's'}: see ${this.seeAlso} (GitHub shows at most ${this.limit} errors and ${this.limit} warnings per step as annotations)`;
  }

  /** A line for the job summary when annotations were left out; '' when none were. */
  summaryNote(): string {
    return this.leftOutCount === 0 ? '' : `> [!NOTE]\n> ${this.leftOutLine()}.`;
  }

  /**
   * A job summary with `summaryNote` right after its heading: a summary cut to GitHub's size limit
   * loses its end, and it is the long ones, with many problems, that have a note.
   */
  withSummaryNote(markdown: string): string {
    const note = this.summaryNote();
    if (!note) return markdown;
    const heading = markdown.indexOf('\n\n');
    return heading < 0 ? `${markdown}\n\n${note}\n` : `${markdown.slice(0, heading)}\n\n${note}${markdown.slice(heading)}`;
  }

  /** Says once, in one more line, how many annotations were left out (a notice while notices have room). */
  finish(): void {
    if (this.finished || this.leftOutCount === 0) return;
    this.finished = true;
    const line = this.leftOutLine();
    if (this.written.notice < this.limit) {
      this.sink.annotate('notice', line, {});
      this.written.notice++;
    } else this.sink.log(line);
  }
}

/** Splits a list input: one item per line or comma-separated, blanks dropped. */
export function listInput(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Reads every input a schema declares (kebab-case keys, as in action.yml) and parses them at once.
 * An empty input is absent, so the schema's default applies, as GitHub treats a missing input.
 */
export function readInputs<T extends z.ZodObject>(schema: T): z.infer<T> {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const value = core.getInput(name);
    if (value !== '') raw[name] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const input = String(issue.path[0] ?? '');
  throw new ConfigurationError(`${issue.message}${input ? ` (input "${input}" is "${raw[input] ?? ''}")` : ''}`, { input });
}

declare module 'zod' {
  interface GlobalMeta {
    /**
     * The default action.yml declares for an input where the schema cannot hold it as the text a
     * workflow writes: a workflow expression GitHub evaluates before the step starts
     * (`${{ github.token }}`; run anywhere else, the input is absent), or a default the schema
     * holds parsed (`60s` as 60000 ms).
     */
    actionDefault?: string;
  }
}

/** An Action's outputs: what each holds (for action.yml and the README), and a setter for them alone. */
export interface ActionOutputs<Name extends string> {
  readonly descriptions: Readonly<Record<Name, string>>;
  /** Sets a declared output; a name not declared does not type-check. */
  set(name: Name, value: string): void;
}

/** Declares an Action's outputs, name → description; action.yml and the README are generated from them. */
export function defineOutputs<const Name extends string>(descriptions: Record<Name, string>): ActionOutputs<Name> {
  return {
    descriptions,
    set: (name, value) => core.setOutput(name, value),
  };
}

export const booleanInput = z.enum(['true', 'false']).transform((value) => value === 'true');
export const wholeNumberInput = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform((value) => Number(value));
