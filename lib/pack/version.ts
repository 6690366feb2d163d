/**
 * Compares pack versions numerically by dot-separated parts (2024.10.2 > 2024.9.30); a
 * pre-release (1.2.0-beta) comes before its release (1.2.0), as in semver.
 */
export function compareVersions(a: string, b: string): number {
  const [ca, pa = ''] = splitPre(a);
  const [cb, pb = ''] = splitPre(b);
  const na = ca.split('.').map(Number);
  const nb = cb.split('.').map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? 0) - (nb[i] ?? 0);
    if (d) return Math.sign(d);
  }
  if (pa === pb) return 0;
  if (!pa) return 1;
  if (!pb) return -1;
  return pa < pb ? -1 : 1;
}

function splitPre(v: string): [string, string?] {
  const core = v.split('+')[0]!;
  const i = core.indexOf('-');
  return i < 0 ? [core] : [core.slice(0, i), core.slice(i + 1)];
}
