import { DuckDBInstance } from '@duckdb/node-api';

/** Writes a Parquet file from a SQL query with DuckDB (a dev dependency), for real Parquet fixtures. */
export async function writeParquet(file: string, query: string, options = 'COMPRESSION zstd'): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`COPY (${query}) TO '${file.replace(/'/g, "''")}' (FORMAT parquet, ${options})`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
