// A neighbour with JavaScript off checks on a report by its receipt code, gets a calm
// answer for a wrong code, is told in words when a callback number cannot be dialled,
// and reads the public alert list from the app's alert page. Then the status page and
// the alert list pass axe (in the no-JavaScript DOM: only our script blocked).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, checkA11y, launch, newPhone, signIn } from './helpers.mjs';

const SLUG = 'twin-cities';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

async function phone({ javaScriptEnabled = false, blockOurScript = false } = {}) {
  const context = await run.browser.newContext({ javaScriptEnabled, viewport: PHONE, baseURL: BASE_URL, locale: 'es-MX' });
  if (blockOurScript) await context.route('**/r/assets/report.js', (route) => route.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

test('with JavaScript off: a bad callback number is named, the receipt leads to the status page, a wrong code gets one calm answer', async () => {
  const { context, page } = await phone();
  await page.goto(`/r/${SLUG}?lang=es`);
  await page.getByLabel('Retén o punto de control').check();
  await page.getByLabel('¿Dónde es?').fill('Lake St y Chicago Ave');
  const callback = page.getByLabel('Teléfono para devolverle la llamada (opcional)');
  await callback.fill('llámame');
  await page.getByRole('button', { name: 'Enviar reporte' }).click();
  await page.getByRole('alert').filter({ hasText: 'Este no es un número de teléfono' }).waitFor();
  assert.equal(await callback.getAttribute('aria-invalid'), 'true');
  assert.equal(await callback.inputValue(), 'llámame');
  assert.equal(await page.getByLabel('¿Dónde es?').inputValue(), 'Lake St y Chicago Ave');

  await callback.fill('612 555 0142');
  await page.getByRole('button', { name: 'Enviar reporte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reporte recibido.' }).waitFor();
  const code = (await page.locator('#receipt-code').innerText()).trim();
  assert.equal(await page.getByRole('link', { name: 'Recibir alertas de esta zona' }).getAttribute('href'), `/n/${SLUG}/alerts`);

  await page.getByRole('link', { name: 'Consultar este reporte más tarde' }).click();
  await page.getByRole('heading', { level: 1, name: 'Consultar un reporte' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Salida rápida' }).count(), 1);
  await page.getByLabel('Su código').fill(code.toLowerCase());
  await page.getByRole('button', { name: 'Consultar' }).click();
  await page.getByRole('status').filter({ hasText: 'Recibido.' }).waitFor();
  // The code is not left on screen nor in the address.
  assert.ok(!(await page.content()).includes(code));
  assert.ok(!page.url().includes(code));

  await page.getByLabel('Su código').fill('ZZZZ-ZZZZ');
  await page.getByRole('button', { name: 'Consultar' }).click();
  await page.getByRole('status').filter({ hasText: 'No hay ningún reporte con este código.' }).waitFor();

  await page.getByRole('link', { name: 'العربية' }).click();
  await page.getByRole('heading', { level: 1, name: 'تابع بلاغًا' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await context.close();
});

test('with JavaScript off, the app’s alert page leads to the plain alert list', async () => {
  const { context, page } = await phone();
  await page.goto(`/n/${SLUG}/alerts`);
  assert.equal(await page.getByText('signed-in work').count(), 0);
  await page.getByRole('link', { name: 'Alertas actuales' }).click();
  await page.getByRole('heading', { level: 1, name: 'Alertas para su zona' }).waitFor();
  assert.match(page.url(), new RegExp(`/r/${SLUG}/alerts\\?lang=es$`));
  await context.close();
});

test('axe: the status page (es, ar), its answer, and the alert list have no serious or critical violations', async () => {
  const { context, page } = await phone({ javaScriptEnabled: true, blockOurScript: true });
  await page.goto(`/r/${SLUG}/status?lang=es`);
  await page.getByRole('heading', { level: 1, name: 'Consultar un reporte' }).waitFor();
  await checkA11y(page, 'receipt status page (es)');
  await page.getByLabel('Su código').fill('nope');
  await page.getByRole('button', { name: 'Consultar' }).click();
  await page.getByRole('status').filter({ hasText: 'No hay ningún reporte con este código.' }).waitFor();
  await checkA11y(page, 'receipt status answer (es)');
  await page.goto(`/r/${SLUG}/status?lang=ar`);
  await page.getByRole('heading', { level: 1, name: 'تابع بلاغًا' }).waitFor();
  await checkA11y(page, 'receipt status page (ar)');
  await page.goto(`/r/${SLUG}/alerts?lang=es`);
  await page.getByRole('heading', { level: 1, name: 'Alertas para su zona' }).waitFor();
  await checkA11y(page, 'public alert list (es)');
  await context.close();
});

test('a dispatcher’s phone report: a callback number that cannot be dialled is named on its field and kept', async () => {
  const { context, page } = await newPhone(run.browser);
  await signIn(page, 'dispatcher@demo.switchboard.local');
  await page.goto(`/n/${SLUG}/dispatch`);
  await page.locator('.live-indicator.live').waitFor();
  await page.getByText('New phone report', { exact: true }).click();
  const form = page.getByRole('form', { name: 'New phone report' });
  await form.getByLabel('Where? (intersection or address)').fill('Lake St & Chicago Ave');
  const callback = form.getByLabel('Callback number (optional)');
  await callback.fill('555');
  await form.getByRole('button', { name: 'Save report' }).click();
  await form.getByText('The callback number is not a valid phone number.', { exact: false }).waitFor();
  assert.equal(await callback.getAttribute('aria-invalid'), 'true');
  assert.equal(await callback.inputValue(), '555');
  assert.ok(await callback.evaluate((el) => el === document.activeElement), 'the field is focused');
  assert.equal(await form.getByLabel('Where? (intersection or address)').inputValue(), 'Lake St & Chicago Ave');
  await checkA11y(page, 'phone report with a bad callback number');
  await callback.fill('612 555 0199');
  await form.getByRole('button', { name: 'Save report' }).click();
  await form.getByText('Report saved. Code', { exact: false }).waitFor();
  assert.equal(await callback.getAttribute('aria-invalid'), null);
  await context.close();
});
