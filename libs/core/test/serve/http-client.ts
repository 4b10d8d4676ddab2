import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  agent?: Agent;
  /** Called with a function that writes the rest of the body; the request is ended afterwards. */
  slowBody?: (write: (chunk: string) => void, end: () => void) => void;
}

/** One loopback HTTP request; resolves with status, headers and the body text. */
export function http(url: string, opts: HttpOptions = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: opts.method ?? 'GET', headers: opts.headers, agent: opts.agent ?? false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (opts.slowBody) {
      opts.slowBody(
        (c) => req.write(c),
        () => req.end(),
      );
      return;
    }
    req.end(opts.body);
  });
}

/** POST a JSON text (or any text) with a content type. */
export function postJson(url: string, body: unknown, contentType = 'application/json'): Promise<HttpResult> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return http(url, { method: 'POST', headers: { 'Content-Type': contentType }, body: text });
}
