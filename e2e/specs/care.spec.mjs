// Deliveries in the browser, on a phone. A family asks for diapers on the public form with
// JavaScript off, in Spanish, with only a typed address and an SMS number, and gets a receipt; Rosa (coordinator) accepts it in triage; Pa, a
// driver of another organization, sees only the area; Sam (union coordinator) claims it, keeps
// it when Rosa's organization asks for it, and assigns Tom, whom he just made a driver; Tom
// opens the delivery, sees the address, marks it delivered and loses it: a reload shows the
// area only, and the address is nowhere in the page, its URL, title or storage. axe on every screen.
// With E2E_CARE_SHOTS=dir it also writes the guide's screenshots (docs/guide-aid.md).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { BASE_URL, COORDINATOR, apiAs, checkA11y, json, launch, newPhone, openMenu, signIn, switchLanguage } from './helpers.mjs';

const SLUG = 'twin-cities';
const API = `/api/v1/networks/${SLUG}`;
const DRIVER = 'driver@demo.switchboard.local';
const UNION_COORDINATOR = 'union-coordinator@demo.switchboard.local';
const TRAINER = 'trainer@demo.switchboard.local';
const SHOTS = process.env.E2E_CARE_SHOTS;

let run;
let restoreRoles = async () => {};
before(async () => {
  run = await launch();
});
after(async () => {
  await restoreRoles().catch(() => {});
  await run?.close();
});

/** Everything the page holds that an address must never reach: its text, URL, title and storage. */
async function pageHolds(page, text) {
  return page.evaluate(async (needle) => {
    const stores = [];
    for (const s of [window.localStorage, window.sessionStorage]) {
      for (let i = 0; i < s.length; i++) stores.push(`${s.key(i)}=${s.getItem(s.key(i))}`);
    }
    const cached = [];
    if ('caches' in window) {
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) cached.push(req.url, await (await cache.match(req)).text());
      }
    }
    const where = {
      text: document.documentElement.outerHTML.includes(needle),
      url: decodeURIComponent(window.location.href).includes(needle),
      title: document.title.includes(needle),
      storage: stores.join('\n').includes(needle),
      cache: cached.join('\n').includes(needle),
    };
    return Object.entries(where)
      .filter(([, v]) => v)
      .map(([k]) => k);
  }, text);
}

/** Go to a delivery screen through the header menu, as a person would. */
async function openScreen(page, link, heading) {
  await openMenu(page);
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

test('a family asks; triage accepts; another organization sees the area only; claimed, assigned, delivered; the driver loses the address', async () => {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const item = `Diapers size 4 ${tag}`;
  const address = `${tag} 16th Avenue South, apartment 2, ring twice`;
  const contact = '+1 612 555 0188';

  // 1. The family asks on a phone with JavaScript off, in Spanish: a typed address (no point),
  // an SMS-only number; the receipt page gives a code.
  const family = await run.browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 740 },
    baseURL: BASE_URL,
    locale: 'es-MX',
  });
  const fp = await family.newPage();
  fp.setDefaultTimeout(15_000);
  await fp.goto(`/help/${SLUG}?lang=es`);
  await fp.getByRole('heading', { level: 1, name: 'Pedir una entrega' }).waitFor();
  await fp.getByLabel('Cosas para bebés (pañales, fórmula)').check();
  await fp.getByLabel('Artículo 1', { exact: true }).fill(item);
  await fp.getByLabel('Cuántos (artículo 1)').fill('2');
  await fp.getByLabel('Dirección de entrega').fill(address);
  await fp.getByLabel('Teléfono o correo electrónico').fill(contact);
  await fp.getByLabel('Idioma de nuestros mensajes para usted').selectOption('es');
  await fp.getByRole('button', { name: 'Enviar pedido' }).click();
  await fp.getByRole('heading', { level: 1, name: 'Recibimos su pedido' }).waitFor();
  const receiptCode = (await fp.locator('#receipt-code').innerText()).trim();
  assert.match(receiptCode, /^[0-9A-Z]{4}-?[0-9A-Z]{4}$/);
  assert.equal((await fp.content()).includes(address), false, 'the receipt does not repeat the address');

  // 2. Rosa accepts it in triage: new requests first, the area only.
  const rosa = await newPhone(run.browser);
  await signIn(rosa.page, COORDINATOR);
  await openScreen(rosa.page, 'Delivery requests', 'Delivery requests');
  const request = rosa.page.locator('li.card', { hasText: item });
  await request.waitFor();
  assert.deepEqual(await pageHolds(rosa.page, address), []);
  assert.deepEqual(await pageHolds(rosa.page, contact), []);
  await checkA11y(rosa.page, 'triage');
  if (SHOTS) await rosa.page.screenshot({ path: `${SHOTS}/care-triage.png` });
  await request.getByRole('button', { name: 'Accept' }).click();
  await rosa.page.getByRole('status').getByText('Request accepted.').waitFor();
  await request.waitFor({ state: 'hidden' });

  // The family looks up their code (no JavaScript): accepted, and nothing else about it.
  await fp.getByRole('link', { name: 'Consultar su pedido' }).first().click();
  await fp.getByLabel('Código de recibo').fill(receiptCode);
  await fp.getByRole('button', { name: 'Consultar' }).click();
  await fp.getByText('Aceptado. Un voluntario se comunicará con usted.').waitFor();
  assert.equal((await fp.content()).includes(address), false, 'the status page does not show the address');
  await family.close();

  // The family's neighbour asks again for them: the list says so on its own; Rosa merges it.
  const again = await fetch(`${BASE_URL}${API}/care/public-requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ kind: 'baby_supplies', items: [{ name: `${item} again`, quantity: 1 }], contact, address }),
  });
  assert.equal(again.status, 201);
  await rosa.page
    .getByRole('status')
    .getByText(/New requests arrived: \d+/)
    .waitFor({ timeout: 30_000 });
  const rosaApi = await apiAs(COORDINATOR);
  const { requests } = await json(await rosaApi.get(`${API}/care/requests`), 'requests');
  const original = requests.find((r) => r.items.some((i) => i.name === item));
  const duplicate = rosa.page.locator('li.card', { hasText: `${item} again` });
  await duplicate.getByRole('button', { name: 'Same as another request' }).click();
  await duplicate.getByLabel('Merge into').selectOption(original.id);
  await duplicate.getByRole('button', { name: 'Merge', exact: true }).click();
  await rosa.page.getByRole('status').getByText('Request merged').waitFor();
  await duplicate.waitFor({ state: 'hidden' });
  await rosaApi.dispose();

  // 3. Pa drives for St. Stephen's, which has not claimed it: the area, no address, no way in.
  const pa = await newPhone(run.browser);
  await signIn(pa.page, DRIVER);
  await openScreen(pa.page, 'Deliveries', 'Deliveries');
  const paCard = pa.page.locator('li.card', { hasText: item });
  await paCard.waitFor();
  assert.match(await paCard.innerText(), /Open/);
  assert.equal(await paCard.getByRole('button').count(), 0, 'a driver has nothing to press on an unclaimed task');
  assert.deepEqual(await pageHolds(pa.page, address), []);
  await checkA11y(pa.page, 'deliveries (driver)');
  const paApi = await apiAs(DRIVER);
  const { tasks } = await json(await paApi.get(`${API}/care/tasks`), 'tasks');
  const task = tasks.find((x) => x.items.some((i) => i.name === item));
  assert.ok(task, 'the accepted request is an open task');
  assert.equal(JSON.stringify(task).includes(tag), true, 'the item names the task');
  assert.equal(JSON.stringify(task).includes(address), false, 'no address in a list');
  assert.equal((await paApi.get(`${API}/care/tasks/${task.id}/address`)).status(), 403);

  // 4. Sam makes Tom, of his union, a driver (restored afterwards), then claims the task in the app.
  const samApi = await apiAs(UNION_COORDINATOR);
  const { organizations } = await json(await samApi.get(`${API}/organizations`), 'organizations');
  const union = organizations.find((o) => o.name === 'SEIU Local 26');
  const { members } = await json(await samApi.get(`${API}/organizations/${union.id}/members`), 'members');
  const tom = members.find((m) => m.email === TRAINER);
  const rolesPath = `${API}/memberships/${tom.membershipId}/roles`;
  await json(await samApi.put(rolesPath, { data: { roles: [...new Set([...tom.roles, 'driver'])] } }), 'make driver');
  restoreRoles = async () => {
    await samApi.put(rolesPath, { data: { roles: tom.roles } });
  };
  const sam = await newPhone(run.browser);
  await signIn(sam.page, UNION_COORDINATOR);
  await openScreen(sam.page, 'Deliveries', 'Deliveries');
  const samCard = sam.page.locator('li.card', { hasText: item });
  await samCard.getByRole('button', { name: 'Claim for SEIU Local 26' }).click();
  await sam.page.getByRole('status').getByText('Claimed for SEIU Local 26.').waitFor();
  await samCard.getByText('Claimed by SEIU Local 26').waitFor();

  // 5. Rosa's organization presses Request instead of Claim, with a reason; Sam keeps it.
  await rosa.page.goto(`/n/${SLUG}/care/tasks`);
  const rosaCard = rosa.page.locator('li.card', { hasText: item });
  await rosaCard.getByRole('button', { name: 'Request this delivery' }).click();
  await rosaCard.getByLabel('Why should your organization take it?').fill('Our driver lives on that block.');
  await checkA11y(rosa.page, 'request instead of claim');
  await rosaCard.getByRole('button', { name: 'Send request' }).click();
  await rosa.page.getByRole('status').getByText('Request sent.').waitFor();
  await sam.page.reload();
  await samCard.getByText('Our driver lives on that block.').waitFor();
  await checkA11y(sam.page, 'claim request for the owner');
  await samCard.getByRole('button', { name: 'Keep it' }).click();
  await sam.page.getByRole('status').getByText('Declined. The task stays with your organization.').waitFor();

  // 6. Sam assigns Tom.
  await samCard.getByText('Assign a driver').click();
  await samCard.getByLabel('Driver').selectOption({ label: 'Tom Trainer' });
  await checkA11y(sam.page, 'assign a driver');
  if (SHOTS) await sam.page.screenshot({ path: `${SHOTS}/care-assign.png` });
  await samCard.getByRole('button', { name: 'Assign', exact: true }).click();
  await sam.page.getByRole('status').getByText('Tom Trainer is assigned.').waitFor();

  // The union's storeroom packs a bag of rice for it: reserved now, out of stock at pick-up.
  const hubsOf = async () => (await json(await samApi.get(`${API}/care/hubs`), 'hubs')).hubs;
  const storeroom = (await hubsOf()).find((h) => h.organizationId === union.id);
  const rice = storeroom.stock.find((l) => l.name.startsWith('Rice'));
  const packed = await samApi.post(`${API}/care/tasks/${task.id}/reservations`, {
    data: { hubId: storeroom.id, items: [{ itemId: rice.itemId, quantity: 1 }] },
  });
  assert.equal(packed.status(), 201, await packed.text());
  const riceNow = async () => (await hubsOf()).find((h) => h.id === storeroom.id).stock.find((l) => l.itemId === rice.itemId);
  assert.deepEqual(
    { onHand: (await riceNow()).onHand, reserved: (await riceNow()).reserved },
    { onHand: rice.onHand, reserved: rice.reserved + 1 },
  );

  // 7. Tom opens the delivery: the address comes only now, and only into the page.
  const tomPhone = await newPhone(run.browser);
  const tp = tomPhone.page;
  await signIn(tp, TRAINER);
  await openScreen(tp, 'My deliveries', 'My deliveries');
  const tomCard = tp.locator('li.card', { hasText: item });
  await tomCard.waitFor();
  assert.deepEqual(await pageHolds(tp, address), [], 'no address before the driver opens the task');
  const fetched = tp.waitForResponse((r) => r.url().endsWith(`/care/tasks/${task.id}/address`));
  await tomCard.getByRole('button', { name: 'Open: show the address' }).click();
  assert.equal((await fetched).headers()['cache-control'], 'no-store');
  await tomCard.getByText(address).waitFor();
  await tomCard.getByText(contact).waitFor();
  await tomCard.getByRole('link', { name: 'Send a text' }).waitFor();
  assert.deepEqual(await pageHolds(tp, address), ['text'], 'the address is on screen, and nowhere else');
  await checkA11y(tp, 'my delivery, address open');
  if (SHOTS) await tp.screenshot({ path: `${SHOTS}/care-driver.png` });
  await tomCard.getByRole('button', { name: 'Picked up' }).click();
  await tp.getByRole('status').getByText('Marked as picked up.').waitFor();
  assert.deepEqual(
    { onHand: (await riceNow()).onHand, reserved: (await riceNow()).reserved },
    { onHand: rice.onHand - 1, reserved: rice.reserved },
    'picking up takes the packed rice off the shelf',
  );
  await tomCard.getByText(address).waitFor();

  // 8. Delivered: the address leaves the screen at once, and a reload shows the area only.
  await tomCard.getByRole('button', { name: 'Delivered' }).click();
  await tp.getByRole('status').getByText('Marked as delivered.', { exact: false }).waitFor();
  await tp.getByText('You have no delivery under way.').waitFor();
  assert.deepEqual(await pageHolds(tp, address), []);
  await tp.reload();
  await tp.getByRole('heading', { level: 1, name: 'My deliveries' }).waitFor();
  const done = tp.locator('li.card', { hasText: item });
  await done.waitFor();
  assert.match(await done.innerText(), /Delivered/);
  assert.equal(await done.getByRole('button').count(), 0);
  assert.deepEqual(await pageHolds(tp, address), []);
  assert.deepEqual(await pageHolds(tp, contact), []);
  await checkA11y(tp, 'my deliveries after delivery');
  const tomApi = await apiAs(TRAINER);
  assert.equal((await tomApi.get(`${API}/care/tasks/${task.id}/address`)).status(), 403, 'the driver lost access');

  for (const p of [rosa, pa, sam, tomPhone]) await p.context.close();
  for (const a of [paApi, samApi, tomApi]) await a.dispose();
});

test('a member files a request for a family in the app, with a typed address and an SMS number: it opens as a delivery, area only', async () => {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const item = `Rice 10 lb ${tag}`;
  const address = `${tag} Cedar Avenue, basement door`;
  const maria = await newPhone(run.browser);
  await signIn(maria.page, 'case-worker@demo.switchboard.local');
  await openScreen(maria.page, 'Request a delivery', 'Request a delivery');
  await maria.page.getByLabel('What is needed?').selectOption('groceries');
  await maria.page.getByLabel('Item 1', { exact: true }).fill(item);
  await maria.page.getByLabel('How many (item 1)').fill('2');
  await maria.page.getByRole('button', { name: 'Add another item' }).click();
  await maria.page.getByLabel('Item 2', { exact: true }).fill('Cooking oil');
  await maria.page.getByLabel('Contact').fill('612 555 0190');
  await maria.page.getByLabel('Delivery address').fill(address);
  await maria.page.getByLabel("The family's language").selectOption('so');
  await checkA11y(maria.page, 'request a delivery');
  await maria.page.getByRole('button', { name: 'File request' }).click();
  await maria.page.getByRole('status').getByText('Request filed.').waitFor();
  assert.equal(await maria.page.getByLabel('Delivery address').inputValue(), '', 'the form forgets the address');
  assert.deepEqual(await pageHolds(maria.page, address), []);

  const pa = await newPhone(run.browser);
  await signIn(pa.page, DRIVER);
  await openScreen(pa.page, 'Deliveries', 'Deliveries');
  const card = pa.page.locator('li.card', { hasText: item });
  await card.waitFor();
  assert.match(await card.innerText(), /Groceries/);
  assert.match(await card.innerText(), /Cooking oil × 1/);
  assert.deepEqual(await pageHolds(pa.page, address), []);

  // The same screen in Somali (long words) and Arabic (right to left): nothing runs off a 360 px phone.
  for (const [lang, heading] of [
    ['so', 'Gaarsiinno'],
    ['ar', 'التوصيلات'],
  ]) {
    const saved = pa.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
    await switchLanguage(pa.page, lang);
    await saved;
    await pa.page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await card.waitFor();
    assert.equal(await pa.page.evaluate(() => document.documentElement.dir), lang === 'ar' ? 'rtl' : 'ltr');
    const overflow = await pa.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${lang}: the page is ${overflow}px wider than the phone`);
    await checkA11y(pa.page, `deliveries in ${lang}`);
  }
  const back = pa.page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(pa.page, 'en');
  await back;
  for (const p of [maria, pa]) await p.context.close();
});

test('a court ride that needs a trained accompanier: claimed, refused to an uncertified volunteer, taken by a certified one; the driver sees the pickup, then the area only', async () => {
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const pickup = `${tag} Bloomington Avenue, blue door`;
  const dropoff = `Immigration Court ${tag}, 1 Federal Drive`;
  const samApi = await apiAs(UNION_COORDINATOR);
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  // Maria, a member, files it on her phone: typed pickup and drop-off (no map), an SMS-only number.
  const maria = await newPhone(run.browser);
  await signIn(maria.page, 'case-worker@demo.switchboard.local');
  await openScreen(maria.page, 'Request a ride', 'Request a ride');
  const mp = maria.page;
  await mp.getByLabel('Where to?').selectOption('court_hearing');
  await mp.getByLabel('Pickup', { exact: true }).fill(pickup);
  await mp.getByLabel('Drop-off', { exact: true }).fill(dropoff);
  await mp.getByLabel('Contact').fill('612 555 0191');
  await mp.getByLabel('Day of the ride').fill(day);
  await mp.getByLabel('Pickup from').fill('08:00');
  await mp.getByLabel('Pickup until').fill('08:30');
  await mp.getByLabel("The family's language").selectOption('so');
  await mp.getByLabel('A trained accompanier must ride along').check();
  await mp.getByLabel('Training the accompanier must hold').selectOption({ label: 'Legal observer' });
  await checkA11y(mp, 'request a ride');
  const filedResponse = mp.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/care/rides'));
  await mp.getByRole('button', { name: 'File ride' }).click();
  const filed = await json(await filedResponse, 'file ride');
  await mp.getByRole('status').getByText('Ride filed.', { exact: false }).waitFor();
  assert.equal(await mp.getByLabel('Pickup', { exact: true }).inputValue(), '', 'the form forgets the pickup');
  assert.deepEqual(await pageHolds(mp, pickup), []);
  await maria.context.close();
  const rideId = filed.rides[0].id;
  assert.equal(filed.rides[0].accompanierRequired, true);

  // Tom of the union drives (the driver role is given for this test and restored afterwards).
  const { organizations } = await json(await samApi.get(`${API}/organizations`), 'organizations');
  const union = organizations.find((o) => o.name === 'SEIU Local 26');
  const { members } = await json(await samApi.get(`${API}/organizations/${union.id}/members`), 'members');
  const tom = members.find((m) => m.email === TRAINER);
  const rolesPath = `${API}/memberships/${tom.membershipId}/roles`;
  await json(await samApi.put(rolesPath, { data: { roles: [...new Set([...tom.roles, 'driver'])] } }), 'make driver');
  const earlier = restoreRoles;
  restoreRoles = async () => {
    await samApi.put(rolesPath, { data: { roles: tom.roles } });
    await earlier();
  };

  // Sam claims the ride for the union and assigns Tom to drive.
  const sam = await newPhone(run.browser);
  await signIn(sam.page, UNION_COORDINATOR);
  await openScreen(sam.page, 'Rides', 'Rides');
  const card = sam.page.locator(`li.card[data-ride-id="${rideId}"]`);
  assert.match(await card.innerText(), /Court hearing/);
  assert.match(await card.innerText(), /A trained accompanier must ride along/);
  assert.deepEqual(await pageHolds(sam.page, pickup), [], 'the list shows the area only');
  await checkA11y(sam.page, 'rides');
  await card.getByRole('button', { name: 'Claim for SEIU Local 26' }).click();
  await sam.page.getByRole('status').getByText('Claimed for SEIU Local 26.').waitFor();
  await card.getByText('Assign a driver').click();
  await card.getByLabel('Driver', { exact: true }).selectOption({ label: 'Tom Trainer' });
  await card.getByRole('button', { name: 'Assign driver' }).click();
  await sam.page.getByRole('status').getByText('Tom Trainer is assigned.').waitFor();

  // Tom holds no legal-observer certification: refused, in words. Lee holds one: taken.
  await card.getByText('Assign an accompanier').click();
  await card.getByLabel('Accompanier', { exact: true }).selectOption({ label: 'Tom Trainer' });
  await card.getByRole('button', { name: 'Assign accompanier' }).click();
  await card.getByRole('alert').getByText('Tom Trainer does not hold the training this ride needs').waitFor();
  await checkA11y(sam.page, 'accompanier refused');
  await card.getByLabel('Accompanier', { exact: true }).selectOption({ label: 'Lee Observer' });
  await card.getByRole('button', { name: 'Assign accompanier' }).click();
  await sam.page.getByRole('status').getByText('Lee Observer is assigned.').waitFor();
  await card.getByText('Accompanier assigned.').waitFor();

  // Tom opens the ride: pickup and drop-off come only now, and only into the page.
  const tomPhone = await newPhone(run.browser);
  const tp = tomPhone.page;
  await signIn(tp, TRAINER);
  await openScreen(tp, 'My rides', 'My rides');
  const mine = tp.locator(`li.card[data-ride-id="${rideId}"]`);
  await mine.waitFor();
  assert.deepEqual(await pageHolds(tp, pickup), [], 'no pickup before the driver opens the ride');
  const fetched = tp.waitForResponse((r) => r.url().endsWith(`/care/rides/${rideId}/address`));
  await mine.getByRole('button', { name: 'Open: show pickup and drop-off' }).click();
  assert.equal((await fetched).headers()['cache-control'], 'no-store');
  await mine.getByText(pickup).waitFor();
  await mine.getByText(dropoff).waitFor();
  await mine.getByRole('link', { name: 'Send a text' }).waitFor();
  assert.deepEqual(await pageHolds(tp, pickup), ['text'], 'the pickup is on screen, and nowhere else');
  await checkA11y(tp, 'my ride, open');
  await mine.getByRole('button', { name: 'Picked up' }).click();
  await tp.getByRole('status').getByText('Marked as picked up.').waitFor();
  await mine.getByText(pickup).waitFor();
  await mine.getByRole('button', { name: 'Ride completed' }).click();
  await tp.getByRole('status').getByText('Ride completed.', { exact: false }).waitFor();
  assert.deepEqual(await pageHolds(tp, pickup), []);

  // After completion a reload shows the area only.
  await tp.reload();
  await tp.getByRole('heading', { level: 1, name: 'My rides' }).waitFor();
  const done = tp.locator(`li.card[data-ride-id="${rideId}"]`);
  await done.waitFor();
  assert.match(await done.innerText(), /Completed/);
  assert.equal(await done.getByRole('button').count(), 0);
  for (const text of [pickup, dropoff, '612 555 0191']) assert.deepEqual(await pageHolds(tp, text), []);
  await checkA11y(tp, 'my rides after completion');
  // The same screen in Somali (long words) and Arabic (right to left): nothing runs off a 360 px phone.
  for (const [lang, heading] of [
    ['so', 'Safarradayda'],
    ['ar', 'رحلاتي'],
  ]) {
    const saved = tp.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
    await switchLanguage(tp, lang);
    await saved;
    await tp.getByRole('heading', { level: 1, name: heading }).waitFor();
    await done.waitFor();
    const overflow = await tp.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${lang}: my rides is ${overflow}px wider than the phone`);
    await checkA11y(tp, `my rides in ${lang}`);
  }
  const back = tp.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/me'));
  await switchLanguage(tp, 'en');
  await back;
  const tomApi = await apiAs(TRAINER);
  assert.equal((await tomApi.get(`${API}/care/rides/${rideId}/address`)).status(), 403, 'the driver lost access');

  // The coordinator's hub page: stock per hub, low said in words, totals, never a hub's address.
  await openScreen(sam.page, 'Supply hubs', 'Supply hubs');
  const pantry = sam.page.locator('li.card', { hasText: "St. Stephen's basement pantry" });
  await pantry.getByText('Some items are running low.').waitFor();
  const diapers = pantry.getByRole('row', { name: /Diapers size 3/ });
  assert.match(await diapers.innerText(), /Low/);
  const rice = pantry.getByRole('row', { name: /Rice, 10 lb bag/ });
  assert.match(await rice.innerText(), /Enough/);
  await sam.page.getByRole('heading', { level: 2, name: 'Totals across hubs' }).waitFor();
  assert.deepEqual(await pageHolds(sam.page, '2211 Clinton Avenue South'), []);
  await checkA11y(sam.page, 'supply hubs');

  for (const p of [sam, tomPhone]) await p.context.close();
  for (const a of [samApi, tomApi]) await a.dispose();
});
