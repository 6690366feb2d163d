import { NEWS_SITE_MATCHES } from './sites';

/** True when a URL is covered by the default site list (manifest match patterns). */
export function isDefaultSite(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return NEWS_SITE_MATCHES.some((pattern) => {
    const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern);
    if (!m) return false;
    const [, scheme, host, path] = m as unknown as [string, string, string, string];
    if (u.protocol !== scheme + ':') return false;
    const hostOk = host.startsWith('*.') ? u.hostname.endsWith(host.slice(1)) : u.hostname === host;
    const prefix = path.replace(/\*$/, '');
    return hostOk && u.pathname.startsWith(prefix);
  });
}
