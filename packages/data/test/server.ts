/** A local HTTP server on 127.0.0.1 for the download tests: serves fixed files, with Range support. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
  body: Uint8Array;
  /** Honour Range requests (default true). */
  ranges?: boolean;
  /** Send only this many bytes of the body, then drop the connection (Content-Length stays the full size). */
  cutAfter?: number;
  /** Answer with this redirect instead. */
  redirect?: string;
}

export interface TestServer {
  url: string;
  routes: Map<string, Route>;
  requests: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: TestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, 'Not Found').end('missing');
      return;
    }
    if (route.redirect) {
      res.writeHead(302, { location: route.redirect }).end();
      return;
    }
    const size = route.body.length;
    const m = /^bytes=(\d+)-$/.exec(String(req.headers.range ?? ''));
    let start = 0;
    if (m && route.ranges !== false) {
      start = Number(m[1]);
      if (start >= size) {
        res.writeHead(416, { 'content-range': `bytes */${size}` }).end();
        return;
      }
      res.writeHead(206, { 'content-length': size - start, 'content-range': `bytes ${start}-${size - 1}/${size}` });
    } else {
      res.writeHead(200, { 'content-length': size });
    }
    if (route.cutAfter !== undefined) {
      res.write(route.body.subarray(start, route.cutAfter), () => res.destroy());
      return;
    }
    res.end(route.body.subarray(start));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
