import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * An answer other than 200, with the message a client reads. Bodies follow the Open Inference
 * Protocol's error shape, `{"error": "..."}`, with details (such as the list of problems in a
 * request) beside it.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Reads a request body, refusing it with 413 as soon as it is larger than `limit`: at once when
 * Content-Length says so, else when the bytes received pass the limit.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    return Promise.reject(new HttpError(413, `the request body is ${declared} bytes; this server takes at most ${limit}`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off('data', onData);
        // Stop buffering, but let the rest arrive and be dropped, so the answer can still be read.
        request.resume();
        reject(new HttpError(413, `the request body is larger than ${limit} bytes, the most this server takes`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size)));
    request.once('error', reject);
  });
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) throw new HttpError(400, 'the request has no body: send a JSON object');
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `the body is not valid JSON (${(error as Error).message})`);
  }
}

export function sendJson(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

export function sendError(response: ServerResponse, error: HttpError, headers: Record<string, string> = {}): void {
  sendJson(response, error.status, JSON.stringify({ error: error.message, ...error.details }), { ...error.headers, ...headers });
}
