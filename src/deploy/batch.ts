import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { valueAt } from '../data/batch.js';
import { checkDataFiles } from '../data/reader.js';
import { DatasetStream } from '../evaluate/dataset.js';
import { ConfigurationError, DataError } from '../errors.js';
import { HttpError } from '../serve/http.js';
import { LineBuffer } from '../serve/line-buffer.js';
import { writeAll } from '../serve/prediction-log.js';
import { PROBABILITY_PREFIX, type Prediction, type PreparedRequest, type ServedVersion } from '../serve/served-model.js';

/**
 * The batch target: a dataset scored with the version, rows checked against its contract as the
 * server checks requests, outputs checked as the server checks answers. The predictions land in a
 * file of the same layout as the prediction log (JSON Lines, so drift-check reads them) or as CSV,
 * written beside the target and renamed into place only once every row is scored: a failed batch
 * leaves the previous predictions where they were.
 */

const CHUNK_ROWS = 4096;

export interface BatchResult {
  rows: number;
  path: string;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsvRows(buffer: LineBuffer, request: PreparedRequest, prediction: Prediction, version: ServedVersion, firstRow: number): void {
  const width = version.classes?.length ?? 0;
  for (let i = 0; i < prediction.rows; i++) {
    buffer.whole(firstRow + i);
    for (const view of request.features) {
      buffer.ascii(',');
      const value = view.data[i * view.stride + view.offset];
      if (typeof value === 'number') buffer.number(value);
      else if (typeof value === 'string') buffer.text(csvField(value));
    }
    if (prediction.labels) buffer.text(`,${csvField(String(prediction.labels[i]))}`);
    if (prediction.probabilities) {
      for (let k = 0; k < width; k++) {
        buffer.ascii(',');
        buffer.number(prediction.probabilities[i * width + k]);
      }
    }
    if (prediction.values) {
      buffer.ascii(',');
      buffer.number(prediction.values[i]);
    }
    buffer.ascii('\n');
  }
}

/** The predictions' format, from the name of the file they go to. */
export function batchOutputFormat(output: string): 'csv' | 'jsonl' {
  const name = output.toLowerCase();
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  // ghml reads Parquet (hyparquet) but has no writer for it.
  if (name.endsWith('.parquet')) throw new ConfigurationError(`batch-output "${output}": predictions are written as JSON Lines or CSV, not Parquet; name a .jsonl or .csv file`, { input: 'batch-output' });
  throw new ConfigurationError(`batch-output "${output}" must end in .jsonl (the prediction log's layout) or .csv`, { input: 'batch-output' });
}

export async function scoreBatch(version: ServedVersion, data: string[], output: string, batchId: string): Promise<BatchResult> {
  await checkDataFiles(data, 'batch-data');
  const format = batchOutputFormat(output);
  const inputs = version.inputs;
  const plan = inputs.flatMap((input) => input.columns.map((name) => ({ name, decoding: input.elementType === 'string' ? ('string' as const) : ('number' as const) })));
  await mkdir(path.dirname(output), { recursive: true });
  const partial = path.join(path.dirname(output), `.${path.basename(output)}.partial-${process.pid}`);
  const handle = await open(partial, 'w');
  let rows = 0;
  try {
    const buffer = new LineBuffer();
    if (format === 'csv') {
      const outputs = version.classes ? ['label', ...version.classes.map((label) => `${PROBABILITY_PREFIX}${label}`)] : ['prediction'];
      buffer.text(`${['row', ...version.features, ...outputs].map(csvField).join(',')}\n`);
    }
    for await (const chunk of new DatasetStream(data, plan, CHUNK_ROWS, 'batch-data').chunks()) {
      const body = {
        inputs: inputs.map((input) => {
          const values = new Array<number | string | null>(chunk.rows * input.columns.length);
          input.columns.forEach((name, j) => {
            const column = chunk.columns.get(name)!;
            for (let i = 0; i < chunk.rows; i++) values[i * input.columns.length + j] = valueAt(column, chunk.start + i);
          });
          return { name: input.name, datatype: input.datatype, shape: input.rank === 1 ? [chunk.rows] : [chunk.rows, input.columns.length], data: values };
        }),
      };
      let request: PreparedRequest;
      try {
        request = version.prepareTensors(body);
      } catch (error) {
        const problem = error instanceof HttpError ? (error.details.problems as { row: number; field: string; expected: string; value: unknown }[] | undefined)?.[0] : undefined;
        if (problem) throw new DataError(`${JSON.stringify(problem.value)} does not fit the contract: expected ${problem.expected}`, { file: chunk.file, row: chunk.firstRow + problem.row, column: problem.field });
        throw error;
      }
      const started = performance.now();
      const prediction = await version.predict(request);
      if (format === 'csv') writeCsvRows(buffer, request, prediction, version, rows);
      else version.writeLogLines(buffer, request, prediction, { time: Date.now(), requestId: batchId, route: 'batch', latencyMs: performance.now() - started, firstRow: rows });
      rows += prediction.rows;
      if (buffer.size > 4 * 1024 * 1024) await writeAll(handle, buffer.take());
    }
    await writeAll(handle, buffer.take());
    await handle.close();
    await rename(partial, output);
    return { rows, path: output };
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
}
