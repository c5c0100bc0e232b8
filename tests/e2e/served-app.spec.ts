// The renderer bundle as a browser gets it from the signaling server: routes, MIME
// types and the Content-Security-Policy must let it run, with no console errors.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { SignalingServer, type HostingInfo } from '../../signaling/server';

let server: SignalingServer;
let info: HostingInfo;

test.beforeAll(async () => {
  server = new SignalingServer({ bind: '127.0.0.1', staticDir: join(__dirname, '../../dist/renderer') });
  info = await server.start();
});
test.afterAll(async () => server.stop());

for (const [path, view] of [
  ['/join', 'Join'],
  ['/host', 'Host'],
  ['/', 'Join'],
] as const) {
  test(`${path} renders the ${view} view under the server's CSP without errors`, async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const response = await page.goto(`http://127.0.0.1:${info.port}${path}`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await expect(page.getByRole('region', { name: view })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'WebRTC Desktop Host' })).toBeVisible();
    expect(problems).toEqual([]);
  });
}

test('the CSP blocks an inline script injected into the page', async ({ page }) => {
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
  await page.goto(`http://127.0.0.1:${info.port}/join`);
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { reportViolation(d: string): void }).reportViolation(event.effectiveDirective),
    );
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
  });
  await expect.poll(() => violations).toContain('script-src-elem');
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
});
