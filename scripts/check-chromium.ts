// Fails early, with how to fix it, when there is no Chromium for the end-to-end tests.
import { findChromium } from './lib/chromium';

try {
  console.log(`end-to-end tests use ${findChromium()}`);
} catch (e) {
  console.error(`\n${(e as Error).message}\n`);
  process.exit(1);
}
