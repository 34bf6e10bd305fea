/**
 * Debian's Chromium through playwright-core, launched the same way by every browser test:
 * headless, no sandbox (tests run as root), and none of Chromium's background connections,
 * which this machine's closed network refuses.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}
