/**
 * Least privilege, pinned: the built manifests' permissions for Chrome and Firefox. A change
 * here is a change to what readers grant; make it deliberately (docs/security.md).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEWS_SITE_MATCHES } from '../../lib/sites';

const manifest = (dir: string) => JSON.parse(readFileSync(join(import.meta.dirname, '../../.output', dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

describe.each(['chrome-mv3', 'firefox-mv3'])('the %s manifest', (dir) => {
  const m = manifest(dir);

  it('asks only for what the features need', () => {
    // scripting: register the content script on sites the reader enables; activeTab: the
    // popup reads the current tab's address; unlimitedStorage: packs are large and must not
    // be evicted. Settings live in IndexedDB, so no "storage", "tabs" or "<all_urls>".
    expect(m.permissions).toEqual(['unlimitedStorage', 'scripting', 'activeTab']);
    expect(m.host_permissions).toEqual([...NEWS_SITE_MATCHES]);
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('lets no web page talk to the extension or load its files', () => {
    expect(m.externally_connectable).toBeUndefined();
    expect(m.web_accessible_resources ?? []).toEqual([]);
  });

  it('keeps the extension pages CSP at the MV3 default or stricter', () => {
    const csp = (m.content_security_policy as { extension_pages?: string } | undefined)?.extension_pages;
    if (csp !== undefined) {
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:|\*/);
    }
  });

  it('runs the content script only on the listed news sites and localhost', () => {
    const scripts = m.content_scripts as { matches: string[] }[];
    expect(scripts).toHaveLength(1);
    expect([...scripts[0]!.matches].sort()).toEqual([...NEWS_SITE_MATCHES].sort());
  });
});
