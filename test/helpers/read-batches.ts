import type { Batch, ColumnPlan, ReadIssue } from '../../src/data/batch.js';
import { readerFor } from '../../src/data/reader.js';

/** Every batch a data file's reader yields for `plan`, with the issues it reported on the way. */
export async function readAllBatches(file: string, plan: ColumnPlan[]) {
  const { reader } = readerFor(file);
  const issues: ReadIssue[] = [];
  const batches: Batch[] = [];
  await reader.open();
  try {
    for await (const batch of reader.batches(plan, (issue) => issues.push(issue))) batches.push(batch);
  } finally {
    await reader.close();
  }
  return { columns: reader.columns, rows: reader.rows, batches, issues };
}
