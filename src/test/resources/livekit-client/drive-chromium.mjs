// Drives Debian's headless Chromium through one call of call.html, for LivekitClientInChromiumIT.
// In: PAGE_URL (the page on the test's loopback server), CALLER_WAV (what the fake microphone says),
// CALL_OPTIONS (JSON for window.call), DEADLINE_MS (the whole run's budget).
// Out: the page's console on stdout, tokens masked, then one line "CALL_REPORT <json>"; exit 0 when
// a report was written, 1 otherwise, with the reason in one line on stderr.
import { chromium } from 'playwright-core';

const pageUrl = new URL(process.env.PAGE_URL);
const deadlineMs = Number(process.env.DEADLINE_MS);
const options = JSON.parse(process.env.CALL_OPTIONS);

// Everything in this run talks to loopback only: refuse to aim the browser anywhere else.
if (pageUrl.hostname !== '127.0.0.1') {
  console.error(`PAGE_URL must be on 127.0.0.1, was ${pageUrl.hostname}`);
  process.exit(1);
}

// A participant token rides in the signaling URL's query and would reach the console with any
// WebSocket error: mask every JWT and access_token before a line leaves this process (and shorten
// the join request beside it, a kilobyte of gzipped protobuf).
const masked = (text) => String(text)
  .replace(/access_token=[^&\s'"]+/g, 'access_token=***')
  .replace(/join_request=[^&\s'"]+/g, 'join_request=...')
  .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '***');

const giveUp = setTimeout(() => {
  console.error(`no call report within ${deadlineMs} ms`);
  process.exit(1);
}, deadlineMs);

const CHROMIUM_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-audio-capture=${process.env.CALLER_WAV}`,
  // WebRTC from one socket on the wildcard address, its host addresses not told: Chromium's checks
  // to the stand-in's 127.0.0.1 leave from 127.0.0.1, and the stand-in learns no other address.
  // (--allow-loopback-in-peer-connection binds a socket per interface instead: checks from this
  // machine's other addresses reach the stand-in too, it answers them, and Chromium then prefers
  // those pairs, whose network cost is lower than loopback's.)
  '--webrtc-ip-handling-policy=default_public_interface_only',
  // The page starts its AudioContext and plays the agent's track without a click.
  '--autoplay-policy=no-user-gesture-required',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let browser;
try {
  // Playwright gives the browser a new, empty --user-data-dir of its own and removes it on close.
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS,
    timeout: 30_000 });
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => console.log(`[page ${message.type()}] ${masked(message.text())}`));
  page.on('pageerror', (error) => console.log(`[page error] ${masked(error.message)}`));
  await page.goto(pageUrl.href, { timeout: 15_000 });
  const report = await page.evaluate((callOptions) => window.call(callOptions), options);
  console.log(`CALL_REPORT ${masked(JSON.stringify(report))}`);
  await browser.close();
  clearTimeout(giveUp);
} catch (e) {
  console.error(masked(e && e.message ? e.message.split('\n')[0] : e));
  if (browser) await browser.close().catch(() => {});
  process.exit(1);
}
