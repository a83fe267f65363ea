import type { ModelArtifact } from '../contracts/run-record.js';

/**
 * Reads an ONNX model's inputs and outputs with ONNX Runtime. onnxruntime-node is a native module
 * that is never bundled (DESIGN §4), so it is imported only here, when a signature is wanted; where
 * it cannot be loaded the record says why, and the run itself is not affected.
 */

export type OnnxSignature = NonNullable<ModelArtifact['signature']>;

export async function readOnnxSignature(file: string): Promise<{ signature: OnnxSignature | null; unavailable: string | null }> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    return { signature: null, unavailable: `onnxruntime-node cannot be loaded here (${firstLine(error)}): the signature was not read` };
  }
  let session: import('onnxruntime-node').InferenceSession;
  try {
    session = await ort.InferenceSession.create(file);
  } catch (error) {
    return { signature: null, unavailable: `ONNX Runtime cannot load the model: ${firstLine(error)}` };
  }
  try {
    const describe = (metadata: readonly import('onnxruntime-node').InferenceSession.ValueMetadata[]) =>
      metadata.map((value) =>
        value.isTensor ? { name: value.name, elementType: value.type, shape: [...value.shape] } : { name: value.name, elementType: 'non-tensor', shape: [] },
      );
    return { signature: { inputs: describe(session.inputMetadata), outputs: describe(session.outputMetadata) }, unavailable: null };
  } finally {
    await session.release();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
