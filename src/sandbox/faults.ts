import type { ApiResponse } from './http.js';

/**
 * - 500, 502, 503: a server error with GitHub's body.
 * - 429 and '403-rate-limit': the primary rate limit, with `x-ratelimit-remaining: 0` and the
 *   reset time; GitHub answers it with either status.
 * - '403-secondary-rate-limit': GitHub's secondary limit, a 403 with `retry-after`.
 * - 'response': an arbitrary response (status and body), e.g. a wrong shape to prove the
 *   contract check can fail; it is validated like any other answer.
 */
export type FaultKind = 500 | 502 | 503 | 429 | '403-rate-limit' | '403-secondary-rate-limit' | 'response';

export interface FaultSpec {
  /** Only this HTTP method; any when left out. */
  method?: string;
  /** An OpenAPI path template (`/repos/{owner}/{repo}/git/refs/{ref}`) or an operationId. */
  route: string;
  status: FaultKind;
  /** How many matching requests fail before the route recovers (default 1). */
  times?: number;
  /** Matching requests served normally before the fault applies (default 0): fail the second commit, not the first. */
  skip?: number;
  /** Seconds in `retry-after` (secondary limit) or until `x-ratelimit-reset` (primary limit); default 60. */
  retryAfter?: number;
  /** For 'response': what to answer. */
  response?: ApiResponse;
}

interface ActiveFault extends Required<Pick<FaultSpec, 'route' | 'status' | 'times' | 'retryAfter' | 'skip'>> {
  method: string | undefined;
  response: ApiResponse | undefined;
  served: number;
}

export interface ServedFault {
  status: FaultKind;
  /** A fault GitHub can send on any operation, so its status need not be in the description. */
  crossCutting: boolean;
  response: ApiResponse;
}

export class FaultInjector {
  private readonly active: ActiveFault[] = [];

  inject(spec: FaultSpec): void {
    if (spec.status === 'response' && !spec.response) throw new Error(`a 'response' fault needs the response to serve`);
    this.active.push({
      method: spec.method?.toUpperCase(),
      route: spec.route,
      status: spec.status,
      times: spec.times ?? 1,
      skip: spec.skip ?? 0,
      retryAfter: spec.retryAfter ?? 60,
      response: spec.response,
      served: 0,
    });
  }

  /** Faults still waiting to be served; tests assert this is empty to know every fault was hit. */
  get remaining(): number {
    return this.active.reduce((sum, fault) => sum + fault.times - fault.served, 0);
  }

  take(method: string, pathTemplate: string, operationId: string, requestId: string): ServedFault | undefined {
    const fault = this.active.find((candidate) =>
      candidate.served < candidate.times
      && (candidate.method === undefined || candidate.method === method)
      && (candidate.route === pathTemplate || candidate.route === operationId));
    if (!fault) return undefined;
    if (fault.skip > 0) {
      fault.skip--;
      return undefined;
    }
    fault.served++;
    if (fault.served >= fault.times) this.active.splice(this.active.indexOf(fault), 1);
    return { status: fault.status, crossCutting: fault.status !== 'response', response: faultResponse(fault, requestId) };
  }
}

function faultResponse(fault: ActiveFault, requestId: string): ApiResponse {
  const docs = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';
  switch (fault.status) {
    case 'response':
      return fault.response!;
    case 429:
    case '403-rate-limit': {
      const status = fault.status === 429 ? 429 : 403;
      return {
        status,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + fault.retryAfter) },
        body: { message: `API rate limit exceeded for installation. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`, documentation_url: docs, status: String(status) },
      };
    }
    case '403-secondary-rate-limit':
      return {
        status: 403,
        headers: { 'retry-after': String(fault.retryAfter) },
        body: { message: `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId}.`, documentation_url: docs, status: '403' },
      };
    default:
      return { status: fault.status, body: { message: 'Server Error', status: String(fault.status) } };
  }
}
