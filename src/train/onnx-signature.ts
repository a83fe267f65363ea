import { open, type FileHandle } from 'node:fs/promises';
import type { ModelArtifact } from '../contracts/run-record.js';

/**
 * Reads an ONNX model's inputs and outputs from the file itself, without ONNX Runtime. An Action run
 * with `uses:` has no node_modules to load onnxruntime-node from, and the signature is written in
 * the model's protobuf (onnx/onnx.proto): ModelProto.graph (field 7) → GraphProto.input (11) and
 * output (12), each a ValueInfoProto with a name and a TypeProto. Only those are decoded; everything
 * else is skipped by its length, so a model of gigabytes is read a few kilobytes at a time.
 *
 * The result is what ONNX Runtime's session metadata reports for the same file: inputs that an
 * initializer backs are left out, element types are named as ONNX Runtime names them (float32,
 * int64, string…), a dimension is its size, its symbol, or "" when it has neither, and a value that
 * is not a tensor (a sequence, a map) is "non-tensor" with no shape. Output shapes are the ones the
 * model declares; ONNX Runtime would infer a missing one.
 */

export type OnnxSignature = NonNullable<ModelArtifact['signature']>;
type ValueSignature = OnnxSignature['inputs'][number];

/** TensorProto.DataType, by ONNX Runtime's names where it has them. */
const ELEMENT_TYPES: Record<number, string> = {
  0: 'undefined',
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  4: 'uint16',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  12: 'uint32',
  13: 'uint64',
  14: 'complex64',
  15: 'complex128',
  16: 'bfloat16',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
  23: 'float4e2m1',
};

const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

/** Not a well-formed protobuf message: the file is not an ONNX model. */
class MalformedModel extends Error {}

interface Field {
  number: number;
  wireType: number;
  /** The value of a varint field. */
  varint: bigint;
  /** Where a length-delimited field's bytes start and end. */
  start: number;
  end: number;
}

/** Bytes at a position: the model file, read through a window. */
interface Bytes {
  readonly size: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

/** A file read in windows of 64 KiB, so that skipping from field to field costs few reads. */
class FileBytes implements Bytes {
  private window = new Uint8Array(0);
  private windowStart = 0;

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async read(position: number, length: number): Promise<Uint8Array> {
    const end = Math.min(position + length, this.size);
    if (position < this.windowStart || end > this.windowStart + this.window.length) {
      const buffer = Buffer.alloc(Math.max(end - position, 64 * 1024));
      const { bytesRead } = await this.handle.read(buffer, 0, buffer.length, position);
      this.window = buffer.subarray(0, bytesRead);
      this.windowStart = position;
    }
    return this.window.subarray(position - this.windowStart, end - this.windowStart);
  }
}

async function readVarint(bytes: Bytes, position: number, end: number): Promise<{ value: bigint; next: number }> {
  const chunk = await bytes.read(position, Math.min(10, end - position));
  let value = 0n;
  for (let i = 0; i < chunk.length; i++) {
    value |= BigInt(chunk[i] & 0x7f) << BigInt(7 * i);
    if ((chunk[i] & 0x80) === 0) return { value: BigInt.asUintN(64, value), next: position + i + 1 };
  }
  throw new MalformedModel(`a number at byte ${position} runs past its message`);
}

/** The fields of the message between start and end, in order; length-delimited ones are not read. */
async function* fields(bytes: Bytes, start: number, end: number): AsyncGenerator<Field> {
  let position = start;
  while (position < end) {
    const tag = await readVarint(bytes, position, end);
    const number = Number(tag.value >> 3n);
    const wireType = Number(tag.value & 7n);
    if (number === 0) throw new MalformedModel(`field number 0 at byte ${position}`);
    position = tag.next;
    let field: Field;
    if (wireType === WIRE.varint) {
      const value = await readVarint(bytes, position, end);
      field = { number, wireType, varint: value.value, start: position, end: value.next };
    } else if (wireType === WIRE.bytes) {
      const length = await readVarint(bytes, position, end);
      const fieldEnd = length.next + Number(length.value);
      if (length.value > BigInt(end - length.next)) throw new MalformedModel(`field ${number} at byte ${position} runs past its message`);
      field = { number, wireType, varint: 0n, start: length.next, end: fieldEnd };
    } else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) {
      const fieldEnd = position + (wireType === WIRE.fixed64 ? 8 : 4);
      if (fieldEnd > end) throw new MalformedModel(`field ${number} at byte ${position} runs past its message`);
      field = { number, wireType, varint: 0n, start: position, end: fieldEnd };
    } else {
      throw new MalformedModel(`wire type ${wireType} at byte ${position - 1}`);
    }
    position = field.end;
    yield field;
  }
}

async function* messageFields(bytes: Bytes, field: Field, wanted: number): AsyncGenerator<Field> {
  if (field.wireType !== WIRE.bytes) throw new MalformedModel(`field ${field.number} is not a message`);
  for await (const inner of fields(bytes, field.start, field.end)) if (inner.number === wanted) yield inner;
}

async function text(bytes: Bytes, field: Field): Promise<string> {
  if (field.wireType !== WIRE.bytes) throw new MalformedModel(`field ${field.number} is not a string`);
  return Buffer.from(await bytes.read(field.start, field.end - field.start)).toString('utf8');
}

/** TensorProto.name (8), or SparseTensorProto.values (1) → name. */
async function initializerName(bytes: Bytes, field: Field, sparse: boolean): Promise<string | undefined> {
  let name: string | undefined;
  if (sparse) {
    for await (const values of messageFields(bytes, field, 1)) name = await initializerName(bytes, values, false);
    return name;
  }
  for await (const inner of messageFields(bytes, field, 8)) name = await text(bytes, inner);
  return name;
}

/** One dimension of TensorShapeProto: dim_value (1), dim_param (2), or neither (""). */
async function dimension(bytes: Bytes, field: Field): Promise<number | string> {
  let value: number | string = '';
  for await (const inner of fields(bytes, field.start, field.end)) {
    if (inner.number === 1 && inner.wireType === WIRE.varint) value = Number(BigInt.asIntN(64, inner.varint));
    else if (inner.number === 2) value = await text(bytes, inner);
  }
  return value;
}

/** ValueInfoProto: name (1) and type (2), a TypeProto whose tensor_type (1) holds elem_type (1) and shape (2). */
async function valueSignature(bytes: Bytes, field: Field): Promise<ValueSignature> {
  let name = '';
  let tensor: Field | undefined;
  let isTensor = false;
  for await (const inner of fields(bytes, field.start, field.end)) {
    if (inner.number === 1) name = await text(bytes, inner);
    else if (inner.number === 2 && inner.wireType === WIRE.bytes) {
      // TypeProto's value is a oneof: the last of its fields wins.
      for await (const kind of fields(bytes, inner.start, inner.end)) {
        if (kind.number === 1) [tensor, isTensor] = [kind, true];
        else if (kind.number !== 6) [tensor, isTensor] = [undefined, false];
      }
    }
  }
  if (!isTensor || !tensor) return { name, elementType: 'non-tensor', shape: [] };
  let elementType = 0;
  const shape: (number | string)[] = [];
  for await (const inner of fields(bytes, tensor.start, tensor.end)) {
    if (inner.number === 1 && inner.wireType === WIRE.varint) elementType = Number(inner.varint);
    else if (inner.number === 2) {
      shape.length = 0;
      for await (const dim of messageFields(bytes, inner, 1)) shape.push(await dimension(bytes, dim));
    }
  }
  return { name, elementType: ELEMENT_TYPES[elementType] ?? `onnx-type-${elementType}`, shape };
}

/** The signature of the ModelProto in bytes; undefined when it has no graph. */
async function signatureOf(bytes: Bytes): Promise<OnnxSignature | undefined> {
  const inputs: ValueSignature[] = [];
  const outputs: ValueSignature[] = [];
  const initializers = new Set<string>();
  let graphs = 0;
  for await (const graph of fields(bytes, 0, bytes.size)) {
    if (graph.number !== 7) continue;
    if (graph.wireType !== WIRE.bytes) throw new MalformedModel('the graph is not a message');
    graphs++;
    for await (const field of fields(bytes, graph.start, graph.end)) {
      if (field.number === 11) inputs.push(await valueSignature(bytes, field));
      else if (field.number === 12) outputs.push(await valueSignature(bytes, field));
      else if (field.number === 5 || field.number === 15) {
        const name = await initializerName(bytes, field, field.number === 15);
        if (name !== undefined) initializers.add(name);
      }
    }
  }
  if (graphs === 0) return undefined;
  return { inputs: inputs.filter((input) => !initializers.has(input.name)), outputs };
}

/** Reads a .onnx file's signature; where it cannot, says why (for the run record and a warning). */
export async function readOnnxSignature(file: string): Promise<{ signature: OnnxSignature | null; unavailable: string | null }> {
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return { signature: null, unavailable: `the model file cannot be read (${firstLine(error)}): the signature was not read` };
  }
  try {
    const signature = await signatureOf(new FileBytes(handle, (await handle.stat()).size));
    if (!signature) return { signature: null, unavailable: 'the file holds no ONNX graph (ModelProto.graph): the signature was not read' };
    return { signature, unavailable: null };
  } catch (error) {
    if (error instanceof MalformedModel) return { signature: null, unavailable: `the file is not an ONNX model (${error.message}): the signature was not read` };
    return { signature: null, unavailable: `the model file cannot be read (${firstLine(error)}): the signature was not read` };
  } finally {
    await handle.close();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}
