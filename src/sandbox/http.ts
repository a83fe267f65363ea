/** A response a route answers with. A Buffer body is sent as raw bytes, anything else as JSON. */
export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One entry of a 422 `errors` array, as GitHub writes them. */
export interface ValidationErrorItem {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field?: string;
  message?: string;
}

/**
 * An error response with GitHub's body: `message`, `documentation_url` (the operation's own
 * documentation page when the route does not name one) and `status`, plus `errors` for 422s.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly errors: unknown[] | undefined;
  readonly documentationUrl: string | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, options: { errors?: unknown[]; documentationUrl?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.status = status;
    this.errors = options.errors;
    this.documentationUrl = options.documentationUrl;
    this.headers = options.headers ?? {};
  }

  toResponse(operationDocs: string | undefined): ApiResponse {
    return {
      status: this.status,
      headers: this.headers,
      body: {
        message: this.message,
        ...(this.errors ? { errors: this.errors } : {}),
        documentation_url: this.documentationUrl ?? operationDocs ?? 'https://docs.github.com/rest',
        status: String(this.status),
      },
    };
  }
}

export const notFound = (): ApiError => new ApiError(404, 'Not Found');

export function validationFailed(errors: ValidationErrorItem[], message = 'Validation Failed'): ApiError {
  return new ApiError(422, message, { errors });
}

/** A 422 whose `errors` are plain strings, as GitHub answers for review and merge rules. */
export function unprocessable(message: string, ...errors: string[]): ApiError {
  return new ApiError(422, message, errors.length > 0 ? { errors } : {});
}

/** Reads `page` and `per_page` like GitHub (30 by default, at most 100) and slices `items`. */
export function paginate<T>(items: T[], query: URLSearchParams, requestUrl: URL): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100);
  const pageNumber = Math.max(Number(query.get('page') ?? 1) || 1, 1);
  const lastPage = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (page: number, rel: string) => {
    const url = new URL(requestUrl);
    url.searchParams.set('per_page', String(perPage));
    url.searchParams.set('page', String(page));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (pageNumber > 1) links.push(link(pageNumber - 1, 'prev'));
  if (pageNumber < lastPage) links.push(link(pageNumber + 1, 'next'), link(lastPage, 'last'));
  if (pageNumber > 1) links.push(link(1, 'first'));
  return {
    page: items.slice((pageNumber - 1) * perPage, pageNumber * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  };
}

/** GitHub's timestamp form: ISO 8601 in UTC without fractional seconds. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
