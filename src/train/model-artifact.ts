import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ModelArtifact } from '../contracts/run-record.js';
import { sha256OfFile } from '../io/digest.js';
import { readOnnxSignature } from './onnx-signature.js';

const formatsByExtension: Record<string, ModelArtifact['format']> = {
  '.onnx': 'onnx',
  '.pt': 'pytorch',
  '.pth': 'pytorch',
  '.safetensors': 'safetensors',
  '.pkl': 'pickle',
  '.pickle': 'pickle',
  '.joblib': 'joblib',
  '.h5': 'keras',
  '.keras': 'keras',
  '.pb': 'tensorflow',
  '.tflite': 'tensorflow',
  '.gguf': 'gguf',
  '.ubj': 'xgboost',
};

export function modelFormat(file: string): ModelArtifact['format'] {
  return formatsByExtension[path.extname(file).toLowerCase()] ?? 'other';
}

async function directoryDigest(directory: string): Promise<{ bytes: number; sha256: string; newest: number }> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
  const hash = createHash('sha256');
  let bytes = 0;
  let newest = 0;
  for (const file of files) {
    const info = await stat(file);
    bytes += info.size;
    newest = Math.max(newest, info.mtimeMs);
    hash.update(`${path.relative(directory, file).split(path.sep).join('/')}\0${await sha256OfFile(file)}\n`);
  }
  return { bytes, sha256: hash.digest('hex'), newest };
}

export type ModelOutcome = { artifact: ModelArtifact; problem: null } | { artifact: null; problem: string };

/**
 * Describes the model the run produced. A file last written before the run started is a model left
 * by an earlier run (self-hosted runners keep their workspace), not this run's, and counts as missing.
 */
export async function describeModel(workingDirectory: string, modelPath: string, startedAt: Date): Promise<ModelOutcome> {
  const absolute = path.resolve(workingDirectory, modelPath);
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return { artifact: null, problem: `the command succeeded but wrote no model at ${modelPath}: write it there, or correct model-path` };
  // File systems with coarse timestamps round down; a second of slack keeps a fresh model from looking old.
  const startedMs = startedAt.getTime() - 1000;
  if (info.isDirectory()) {
    const digest = await directoryDigest(absolute);
    if (digest.newest < startedMs) return { artifact: null, problem: `the model directory ${modelPath} holds nothing written by this run: it is left from an earlier run` };
    const format = (await stat(path.join(absolute, 'saved_model.pb')).catch(() => undefined)) ? 'tensorflow' : 'directory';
    return { artifact: { path: modelPath, format, bytes: digest.bytes, sha256: digest.sha256, signature: null, signatureUnavailable: null }, problem: null };
  }
  if (info.mtimeMs < startedMs) return { artifact: null, problem: `the model file ${modelPath} was not written by this run (last modified ${info.mtime.toISOString()}, before it started)` };
  const format = modelFormat(absolute);
  const { signature, unavailable } = format === 'onnx' ? await readOnnxSignature(absolute) : { signature: null, unavailable: null };
  return {
    artifact: { path: modelPath, format, bytes: info.size, sha256: await sha256OfFile(absolute), signature, signatureUnavailable: unavailable },
    problem: null,
  };
}
