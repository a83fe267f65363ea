import subsetDocument from './openapi/github-subset.json' with { type: 'json' };

/** The committed extract of GitHub's OpenAPI description (see scripts/extract-openapi.mjs). */
export interface OpenApiSubset {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  'x-ghml-source': { package: string; version: string; file: string; extractedAt: string };
}

export interface ParameterDescription {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: object;
  'x-multi-segment'?: boolean;
}

export interface OperationDescription {
  operationId: string;
  method: string;
  path: string;
  /** Uploads go to a host of their own on GitHub (uploads.github.com), under /api/uploads on GHES. */
  server: 'api' | 'uploads';
  /** GitHub's documentation page of the operation, used as `documentation_url` in errors. */
  docsUrl: string | undefined;
  parameters: ParameterDescription[];
  /** JSON pointer (within the subset) to the JSON request body schema, if the operation has one. */
  requestBody: { pointer: string; required: boolean; contentType: string } | undefined;
  /** Documented response statuses; `pointer` is the JSON body schema when the response has one. */
  responses: Map<string, { pointer: string | undefined; contentType: string | undefined }>;
}

export const subset = subsetDocument as unknown as OpenApiSubset;

export function pointer(...segments: string[]): string {
  return `#/${segments.map((segment) => segment.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function resolveRef<T>(value: T | { $ref: string }): T {
  if (value && typeof value === 'object' && '$ref' in value) {
    const [, , kind, name] = value.$ref.split('/');
    return resolveRef(subset.components[kind][name] as T | { $ref: string });
  }
  return value;
}

/** Follows a response `$ref` and returns the pointer of the component it names. */
function responseLocation(status: string, value: unknown, operationPointer: string[]): string[] {
  if (value && typeof value === 'object' && '$ref' in value) {
    const [, , kind, name] = (value as { $ref: string }).$ref.split('/');
    return ['components', kind, name];
  }
  return [...operationPointer, 'responses', status];
}

function describe(path: string, method: string, operation: Record<string, any>): OperationDescription {
  const operationPointer = ['paths', path, method];
  const parameters = (operation.parameters ?? []).map((parameter: unknown) => resolveRef(parameter as ParameterDescription));
  let requestBody: OperationDescription['requestBody'];
  if (operation.requestBody) {
    const body = resolveRef(operation.requestBody) as { required?: boolean; content: Record<string, unknown> };
    const contentType = Object.keys(body.content)[0];
    requestBody = { pointer: pointer(...operationPointer, 'requestBody', 'content', contentType, 'schema'), required: body.required ?? false, contentType };
  }
  const responses: OperationDescription['responses'] = new Map();
  for (const [status, raw] of Object.entries(operation.responses as Record<string, unknown>)) {
    const location = responseLocation(status, raw, operationPointer);
    const response = resolveRef(raw as { content?: Record<string, { schema?: unknown }> });
    // The plain JSON form is what a client gets unless it asks for a custom media type.
    const contentTypes = Object.keys(response.content ?? {});
    const contentType = contentTypes.includes('application/json') ? 'application/json' : contentTypes[0];
    const hasSchema = contentType !== undefined && response.content![contentType].schema !== undefined;
    responses.set(status, { pointer: hasSchema ? pointer(...location, 'content', contentType, 'schema') : undefined, contentType });
  }
  const server = String(operation.servers?.[0]?.url ?? '').includes('uploads.') ? 'uploads' : 'api';
  return { operationId: operation.operationId, method: method.toUpperCase(), path, server, docsUrl: operation.externalDocs?.url, parameters, requestBody, responses };
}

/** Every operation of the subset, by operationId. */
export const operations: ReadonlyMap<string, OperationDescription> = new Map(
  Object.entries(subset.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== 'parameters')
      .map(([method, operation]) => {
        const description = describe(path, method, operation as Record<string, any>);
        return [description.operationId, description] as const;
      })),
);
