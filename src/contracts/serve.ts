import { z } from 'zod';
import { DataContract } from './data-contract.js';

/**
 * The admin API of `ghml serve` (docs/serve.md): what the deploy Action sends to load a version and
 * route traffic, and the status it reads back between canary steps. Machine-written, so camelCase.
 */

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex sha256');

/** A version label as it appears in URLs (`/v2/models/weather/versions/4/infer`) and in the prediction log. */
export const ServedVersionLabel = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 characters of A-Z, a-z, 0-9, ".", "_" and "-", starting with a letter or digit');

export const LoadVersionRequest = z
  .strictObject({
    sha256: sha256.describe('sha256 of the model file; the server refuses bytes that hash to anything else.'),
    model: z.string().min(1).describe('The ONNX model file, base64 (checked by its sha256, not character by character).'),
    contract: DataContract.nullable().default(null).describe('The data contract requests to this version are validated against.'),
  })
  .describe('PUT /admin/v1/models/{model}/versions/{version}: load a version beside the ones already loaded. Traffic reaches it only once routing names it.');
export type LoadVersionRequest = z.infer<typeof LoadVersionRequest>;

const Share = z.number().min(0).max(100);

export const Routing = z
  .strictObject({
    primary: ServedVersionLabel.describe('The version that answers every request not sent to the canary.'),
    canary: z
      .strictObject({ version: ServedVersionLabel, percent: Share.describe('Percent of requests the canary answers.') })
      .nullable()
      .default(null),
    shadow: z
      .strictObject({ version: ServedVersionLabel, percent: Share.describe('Percent of answered requests also sent to the shadow, whose outputs are logged and never returned.') })
      .nullable()
      .default(null),
  })
  .describe('PUT /admin/v1/models/{model}/routing: which loaded versions answer, replaced at once; requests already running finish on the version they started with.');
export type Routing = z.infer<typeof Routing>;
export type RoutingInput = z.input<typeof Routing>;

export const LatencyHistogram = z.strictObject({
  bounds: z.array(z.number()).describe('Upper bounds of the buckets in seconds; a last bucket above the last bound is implied.'),
  counts: z.array(z.number().int().nonnegative()).describe('Requests per bucket (not cumulative), one more than bounds.'),
  sum: z.number().nonnegative().describe('Seconds, summed over requests.'),
});
export type LatencyHistogram = z.infer<typeof LatencyHistogram>;

export const VersionTraffic = z.strictObject({
  requests: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  clientErrors: z.number().int().nonnegative().describe('Answers 4xx: the request was at fault.'),
  serverErrors: z.number().int().nonnegative().describe('Answers 5xx: the model failed or gave outputs that failed validation.'),
  latency: LatencyHistogram,
});
export type VersionTraffic = z.infer<typeof VersionTraffic>;

export const ServedVersionStatus = z.strictObject({
  version: ServedVersionLabel,
  sha256,
  loadedAt: z.iso.datetime({ offset: true }),
  inFlight: z.number().int().nonnegative(),
  contract: z.boolean().describe('Requests are validated against a data contract.'),
  served: VersionTraffic.describe('Requests this version answered, since it was loaded (counters only grow: compare two readings).'),
  shadow: VersionTraffic.describe('Requests mirrored to this version as a shadow.'),
});
export type ServedVersionStatus = z.infer<typeof ServedVersionStatus>;

export const Incident = z.strictObject({
  id: z.string(),
  time: z.iso.datetime({ offset: true }),
  model: z.string(),
  version: z.string(),
  requestId: z.string(),
  reason: z.string(),
});
export type Incident = z.infer<typeof Incident>;

export const ServerStatus = z
  .strictObject({
    format: z.literal('ghml.serve-status/v1'),
    startedAt: z.iso.datetime({ offset: true }),
    ready: z.boolean(),
    draining: z.boolean(),
    inFlight: z.number().int().nonnegative(),
    models: z.array(
      z.strictObject({
        name: z.string(),
        routing: Routing,
        versions: z.array(ServedVersionStatus),
      }),
    ),
    predictionLog: z
      .strictObject({
        directory: z.string(),
        file: z.string().nullable().describe('The file being written now.'),
        lines: z.number().int().nonnegative(),
        dropped: z.number().int().nonnegative().describe('Lines dropped because the disk fell too far behind.'),
      })
      .nullable(),
    incidents: z.array(Incident).describe('The most recent outputs that failed validation (never returned to clients).'),
  })
  .describe('GET /admin/v1/status: what a ghml serve process serves and how it went.');
export type ServerStatus = z.infer<typeof ServerStatus>;
