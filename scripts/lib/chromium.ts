/** Finds the system Chromium. The machine cannot download browsers; nothing here tries to. */
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export function findChromium(): string {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (!existsSync(env)) throw new Error(`CHROMIUM_PATH is set to ${env}, which does not exist`);
    return env;
  }
  for (const c of CANDIDATES) if (existsSync(c)) return c;
  for (const n of NAMES) {
    try {
      const p = execFileSync('which', [n], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch {
      /* not on PATH */
    }
  }
  throw new Error(
    'No Chromium found. Install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary. ' +
      'Siyaq never downloads a browser.',
  );
}

const DISABLED_FEATURES = [
  'DisableLoadExtensionCommandLineSwitch',
  'Translate',
  'MediaRouter',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AutofillServerCommunication',
  'CertificateTransparencyComponentUpdater',
  'InterestFeedContentSuggestions',
  'PreconnectToSearch',
  'LensOverlay',
  'AimEnabled',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'DestroyProfileOnBrowserClose',
  'ThirdPartyStoragePartitioning',
  'PaintHolding',
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'AvoidCorsURLLoaderRestartOnRedirect',
];

/** Flags for a quiet, offline Chromium; --no-sandbox only when running as root. */
export function chromiumArgs(extensionDir?: string): string[] {
  const args = [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    // One --disable-features (Chromium keeps only the last): Chrome 137+ ignores --load-extension
    // unless DisableLoadExtensionCommandLineSwitch is off; the rest keep the browser itself
    // from calling home, so the privacy test sees only what the extension does.
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    '--no-pings',
    '--disable-client-side-phishing-detection',
    '--disable-domain-reliability',
    '--disable-default-apps',
    '--metrics-recording-only',
    '--lang=ar',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
