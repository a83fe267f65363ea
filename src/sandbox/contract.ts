import webhookSchemas from '@octokit/webhooks-schemas' with { type: 'json' };
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { pointer, subset, type OperationDescription } from './openapi.js';

/** A place where the sandbox (or its caller) departed from GitHub's published descriptions. */
export interface ContractViolation {
  kind: 'request' | 'response' | 'webhook' | 'unknown-operation';
  /** The operationId, the webhook as `event.action`, or `METHOD /path` for an unknown operation. */
  subject: string;
  status?: number;
  message: string;
}

const addFormats = addFormatsPlugin as unknown as typeof addFormatsPlugin.default;

const subsetId = 'https://ghml.invalid/github-subset.json';
const webhooksId = 'https://ghml.invalid/webhooks';

/**
 * Statuses GitHub can answer on any operation whether or not its description lists them
 * (authentication, permission, a missing repository, rate limits, server errors). Their bodies are
 * still checked, against `basic-error`.
 */
const crossCuttingStatuses = new Set([401, 403, 404, 429, 500, 502, 503]);

/**
 * Statuses GitHub answers on an operation, and says so in the operation's documentation prose,
 * although the OpenAPI description leaves them out.
 */
const undocumentedButAnswered: Record<string, number[]> = {
  // "Workflow does not have 'workflow_dispatch' trigger", unexpected or missing inputs.
  'actions/create-workflow-dispatch': [422],
};

let openApiAjv: Ajv | undefined;
let webhookAjv: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

function openApi(): Ajv {
  if (!openApiAjv) {
    // strict:false lets ajv skip OpenAPI's annotation-only keywords (x-github, discriminator,
    // example); toJsonSchema rewrites the ones that change meaning.
    openApiAjv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(openApiAjv);
    openApiAjv.addFormat('repo.nwo', /^[^/]+\/[^/]+$/);
    openApiAjv.addSchema({ ...(toJsonSchema(subset) as object), $id: subsetId });
  }
  return openApiAjv;
}

function webhooks(): Ajv {
  if (!webhookAjv) {
    webhookAjv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(webhookAjv);
    // Each definition becomes a schema of its own: compiling one then compiles only what it
    // reaches, not the whole 600 kB document (which takes seconds).
    const text = JSON.stringify((webhookSchemas as { definitions: object }).definitions).replaceAll('"#/definitions/', `"${webhooksId}/`);
    const definitions = JSON.parse(text) as Record<string, Record<string, any>>;
    // The schemas list deployment_protection_rule among an app's events but not among an
    // installation's, although GitHub sends the same list in both.
    definitions.installation.properties.events.items.enum.push('deployment_protection_rule');
    for (const [name, { $schema: _draft, ...definition }] of Object.entries(definitions)) {
      webhookAjv.addSchema({ ...definition, $id: `${webhooksId}/${name}` });
    }
  }
  return webhookAjv;
}

/**
 * Turns GitHub's OpenAPI 3.0 schemas into JSON Schema that says the same:
 * - "may be null" is `nullable: true`, unknown to JSON Schema (and refused by ajv where the schema
 *   has no `type` of its own, as with `allOf` or `$ref`); it becomes a null type.
 * - `oneOf` is used for plain unions whose members overlap (an error body matches both
 *   `basic-error` and `repository-rule-violation-error`), so "exactly one" would reject GitHub's
 *   own answers; it becomes `anyOf`, as octokit's generated types read it.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const { nullable, oneOf, ...rest } = node as Record<string, unknown>;
  const converted = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, toJsonSchema(value)]));
  if (oneOf !== undefined) converted[Array.isArray(oneOf) ? 'anyOf' : 'oneOf'] = toJsonSchema(oneOf);
  if (nullable !== true) return nullable === undefined ? converted : { ...converted, nullable };
  if (typeof converted.type === 'string') {
    return {
      ...converted,
      type: [converted.type, 'null'],
      ...(Array.isArray(converted.enum) && !converted.enum.includes(null) ? { enum: [...converted.enum, null] } : {}),
    };
  }
  return { anyOf: [converted, { type: 'null' }] };
}

function validatorFor(ajv: Ajv, ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    compiled.set(ref, validate);
  }
  return validate;
}

function subsetRef(jsonPointer: string): string {
  return `${subsetId}#${encodeURI(jsonPointer.slice(1))}`;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string {
  const lines = (errors ?? []).slice(0, 8).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` (${(error.params as { additionalProperty: string }).additionalProperty})`
      : error.keyword === 'enum' ? ` (${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)})` : '';
    return `${error.instancePath || '(root)'} ${error.message}${extra}`;
  });
  if ((errors?.length ?? 0) > 8) lines.push(`… and ${errors!.length - 8} more`);
  return lines.join('; ');
}

function coerceParameter(raw: string, schema: { type?: string }): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (schema.type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

export interface RequestToCheck {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  hasBody: boolean;
}

/** Problems with a request according to the operation's parameters and request body schema. */
export function checkRequest(operation: OperationDescription, request: RequestToCheck): string[] {
  const problems: string[] = [];
  for (const parameter of operation.parameters) {
    const raw = parameter.in === 'path' ? request.pathParams[parameter.name] : parameter.in === 'query' ? request.query.get(parameter.name) ?? undefined : undefined;
    if (parameter.in === 'header') continue;
    if (raw === undefined) {
      if (parameter.required) problems.push(`missing required ${parameter.in} parameter "${parameter.name}"`);
      continue;
    }
    const validate = openApi().compile(parameter.schema);
    if (!validate(coerceParameter(raw, parameter.schema))) problems.push(`${parameter.in} parameter "${parameter.name}": ${describeErrors(validate.errors)}`);
  }
  if (operation.requestBody?.contentType === 'application/json') {
    if (!request.hasBody) {
      if (operation.requestBody.required) problems.push('missing required request body');
    } else {
      const validate = validatorFor(openApi(), subsetRef(operation.requestBody.pointer));
      if (!validate(request.body)) problems.push(`request body: ${describeErrors(validate.errors)}`);
    }
  }
  return problems;
}

/**
 * Problems with a response: an undocumented status, or a body that does not match the schema.
 * `rejectedRequest` marks GitHub's answer to a request that broke the operation's own request
 * schema, which GitHub gives on every operation.
 */
export function checkResponse(operation: OperationDescription, status: number, body: unknown, isJson: boolean, rejectedRequest = false): string[] {
  const documented = operation.responses.get(String(status)) ?? operation.responses.get('default');
  const basicError = pointer('components', 'schemas', 'basic-error');
  let schemaPointer: string | undefined;
  // GitHub sends its error body with every error, also where the description lists the status without one.
  if (documented) schemaPointer = documented.pointer ?? (status >= 400 ? basicError : undefined);
  else if (crossCuttingStatuses.has(status) || rejectedRequest || undocumentedButAnswered[operation.operationId]?.includes(status)) schemaPointer = basicError;
  else return [`status ${status} is not documented for ${operation.operationId}`];
  if (schemaPointer === undefined) {
    return body === undefined || (Buffer.isBuffer(body) && body.length === 0) || !isJson ? [] : [`status ${status} has no body in the description, but one was sent`];
  }
  // Raw bytes answer a media type the client asked for (raw file contents, octet-stream), which the
  // description, written for JSON, does not cover.
  if (!isJson) return [];
  const validate = validatorFor(openApi(), subsetRef(schemaPointer));
  return validate(body) ? [] : [`response ${status}: ${describeErrors(validate.errors)}`];
}

/** The definition of a webhook in @octokit/webhooks-schemas: `push$event`, `issues$opened`, … */
function webhookDefinition(event: string, action: string | undefined): string {
  return action ? `${event}$${action}` : `${event}$event`;
}

function hasWebhookDefinition(event: string, action: string | undefined): boolean {
  return webhookDefinition(event, action) in (webhookSchemas as { definitions: Record<string, unknown> }).definitions;
}

/** Problems with a webhook payload according to @octokit/webhooks-schemas. */
export function checkWebhook(event: string, payload: { action?: string }): string[] {
  // repository_dispatch carries the caller's event_type as its action; one schema covers them all.
  const action = event === 'repository_dispatch' ? undefined : payload.action;
  if (!hasWebhookDefinition(event, action)) return [`no schema for webhook ${event}${action ? `.${action}` : ''}`];
  const validate = validatorFor(webhooks(), `${webhooksId}/${webhookDefinition(event, action)}`);
  return validate(payload) ? [] : [describeErrors(validate.errors)];
}
