import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '../errors.js';

/**
 * Where the champion comes from: an ONNX model file (evaluated here, on the same rows), a previous
 * evaluation report (its metrics, no paired comparison), or `model@alias` in the model registry.
 */

export type BaselineFile = { kind: 'model' | 'report'; path: string } | { kind: 'none'; note: string };

/**
 * The port to the model registry: what `model@alias` points at, fetched to a local file; `none`
 * while the stage holds no version yet, so a model's first evaluation runs as a first model.
 */
export interface BaselineRegistry {
  resolve(reference: { model: string; alias: string }): Promise<BaselineFile>;
}

/** Until a registry is configured, `model@alias` baselines are refused with a message saying so. */
export const unconfiguredRegistry: BaselineRegistry = {
  async resolve(reference) {
    throw new ConfigurationError(
      `registry baselines need a registry (not configured): "${reference.model}@${reference.alias}" cannot be looked up; pass the champion's .onnx file or a previous evaluation report (.json) instead`,
      { input: 'baseline' },
    );
  },
};

const REGISTRY_REFERENCE = /^([A-Za-z0-9._-]+)@([A-Za-z0-9._-]+)$/;

/** True when the baseline names a registry version (`churn@production`) rather than a file on disk. */
export function isRegistryReference(spec: string): boolean {
  return REGISTRY_REFERENCE.test(spec) && !existsSync(spec);
}

function kindOf(file: string): 'model' | 'report' {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.onnx') return 'model';
  if (extension === '.json') return 'report';
  throw new ConfigurationError(`baseline "${file}" is neither an ONNX model (.onnx) nor an evaluation report (.json)`, { input: 'baseline' });
}

/** Resolves the baseline input: an existing file by its extension, else `model@alias` through the registry. */
export async function resolveBaseline(spec: string, registry: BaselineRegistry): Promise<BaselineFile> {
  const info = await stat(spec).catch(() => undefined);
  if (info?.isFile()) return { kind: kindOf(spec), path: spec };
  const reference = REGISTRY_REFERENCE.exec(spec);
  if (reference) return registry.resolve({ model: reference[1], alias: reference[2] });
  throw new ConfigurationError(`baseline "${spec}" is not a file, nor a registry reference such as churn@production`, { input: 'baseline' });
}
