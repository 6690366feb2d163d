/** A tiny local web server for the demo and the end-to-end tests (127.0.0.1, a free port). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bigPage, demoPage, englishPage, growingPage, hostilePage, markupTextPage, namesPage } from './pages';

export interface PageServer {
  url: string;
  /** Paths requested so far (privacy tests check nothing else was fetched). */
  requests: string[];
  close(): Promise<void>;
}

const routes: Record<string, () => string> = {
  '/': demoPage,
  '/article.html': demoPage,
  '/hostile.html': hostilePage,
  '/growing.html': growingPage,
  '/markup.html': markupTextPage,
  '/english.html': englishPage,
  '/big-100k.html': () => bigPage(100_000),
  '/zumurrud.html': () => namesPage(['وصل الوفد إلى زمردستان صباح اليوم، وقالت إيران إن زمردستان بلد صديق.']),
};

export async function startServer(port = 0, extra: Record<string, { type: string; body: Buffer | string }> = {}): Promise<PageServer> {
  const requests: string[] = [];
  const cache = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    const x = extra[path];
    if (x) {
      res.writeHead(200, { 'content-type': x.type, 'cache-control': 'no-store' });
      res.end(x.body);
      return;
    }
    const route = routes[path];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    let html = cache.get(path);
    if (!html) cache.set(path, (html = route()));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const { port: p } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${p}`,
    requests,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
