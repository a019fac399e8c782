// The public report page on a phone with JavaScript turned off: a neighbour files a
// report in Spanish and sees the Spanish receipt; a bad submission comes back with
// the errors in Spanish. Then the same pages (form, errors, receipt, Arabic
// know-your-rights) pass axe with 0 serious or critical violations. axe runs inside
// the page, so it cannot run where JavaScript is off (analyze() never returns): it
// checks them in a context where only our script is blocked, which renders the very
// same DOM as JavaScript off, and once more with our script on.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BASE_URL, PHONE, checkA11y, launch } from './helpers.mjs';

const SLUG = 'twin-cities';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

/** A phone without JavaScript: everything must work as plain HTML forms and links. */
async function noScriptPhone() {
  const context = await run.browser.newContext({ javaScriptEnabled: false, viewport: PHONE, baseURL: BASE_URL, locale: 'es-MX' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** A phone whose page scripts run (axe needs them) but our own script is blocked: the no-JavaScript DOM. */
async function axePhone({ ourScript = false } = {}) {
  const context = await run.browser.newContext({ viewport: PHONE, baseURL: BASE_URL, locale: 'es-MX' });
  if (!ourScript) await context.route('**/r/assets/report.js', (route) => route.abort());
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** No sideways scrolling at 360 px. */
async function fitsPhoneWidth(page, label) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= PHONE.width, `${label} is ${width}px wide at a ${PHONE.width}px viewport`);
}

test('with JavaScript off, a report filed in Spanish shows a Spanish receipt', async () => {
  const { context, page } = await noScriptPhone();
  await page.goto(`/r/${SLUG}?lang=es`);
  await page.getByRole('heading', { level: 1, name: 'Reporte lo que ve' }).waitFor();
  assert.equal(await page.title(), 'Switchboard');
  assert.equal(await page.getByRole('link', { name: 'Salida rápida' }).getAttribute('href'), 'https://www.weather.gov/');
  // "Use my location" needs the script: without it the button stays hidden.
  assert.equal(await page.getByRole('button', { name: 'Usar mi ubicación' }).count(), 0);
  await fitsPhoneWidth(page, 'the form');

  // Sending without choosing what is happening or where: the form comes back with the errors in words.
  await page.getByRole('button', { name: 'Enviar reporte' }).click();
  await page.getByRole('alert').filter({ hasText: 'Elija qué está pasando.' }).waitFor();
  await page.getByText('Diga dónde es: una esquina, dirección o lugar conocido.').first().waitFor();

  await page.getByLabel('Redada en un lugar de trabajo').check();
  await page.getByLabel('¿Dónde es?').fill('Lake St y Bloomington Ave');
  await page.getByLabel('¿Qué ve?').fill('Tres camionetas blancas y unos diez agentes en la entrada de la fábrica.');
  await page.getByLabel('Teléfono para devolverle la llamada (opcional)').fill('+1 612 555 0142');
  await page.getByRole('button', { name: 'Enviar reporte' }).click();

  await page.getByRole('heading', { level: 1, name: 'Reporte recibido.' }).waitFor();
  const code = (await page.locator('#receipt-code').innerText()).trim();
  assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await page.getByText('Un voluntario capacitado lo está revisando.').waitFor();
  await page.getByRole('heading', { name: 'Qué hacer ahora' }).waitFor();
  await page.getByRole('heading', { name: 'Conozca sus derechos' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'es');
  await fitsPhoneWidth(page, 'the receipt');

  // Know-your-rights in Arabic, right to left, reached by a plain language link.
  await page.getByRole('link', { name: 'Enviar otro reporte' }).click();
  await page.getByRole('link', { name: 'العربية' }).click();
  await page.getByRole('heading', { level: 1, name: 'أبلغ عما تراه' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
  await page.getByRole('link', { name: 'اعرف حقوقك' }).click();
  await page.getByRole('heading', { level: 1, name: 'اعرف حقوقك' }).waitFor();
  await fitsPhoneWidth(page, 'the Arabic rights page');
  await context.close();
});

test('axe: the form, its errors, the receipt and know-your-rights have no serious or critical violations', async () => {
  const { context, page } = await axePhone();
  await page.goto(`/r/${SLUG}?lang=es`);
  await page.getByRole('heading', { level: 1, name: 'Reporte lo que ve' }).waitFor();
  await checkA11y(page, 'public report form (es, no-JavaScript DOM)');
  await page.getByRole('button', { name: 'Enviar reporte' }).click();
  await page.getByRole('alert').filter({ hasText: 'Elija qué está pasando.' }).waitFor();
  await checkA11y(page, 'public report form with errors (es)');
  await page.getByLabel('Parada de tráfico').check();
  await page.getByLabel('¿Dónde es?').fill('Hiawatha Ave y 46th St');
  await page.getByRole('button', { name: 'Enviar reporte' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reporte recibido.' }).waitFor();
  await checkA11y(page, 'public report receipt (es)');
  await page.goto(`/r/${SLUG}/rights?lang=ar`);
  await page.getByRole('heading', { level: 1, name: 'اعرف حقوقك' }).waitFor();
  await checkA11y(page, 'know-your-rights (ar)');
  await context.close();

  // With our script on, "use my location" appears and the page still passes.
  const enhanced = await axePhone({ ourScript: true });
  await enhanced.page.goto(`/r/${SLUG}?lang=so`);
  await enhanced.page.getByRole('button', { name: 'Isticmaal goobtayda' }).waitFor();
  await checkA11y(enhanced.page, 'public report form (so, with its script)');
  await enhanced.context.close();
});
