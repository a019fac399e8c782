// Training in the browser, on a phone: a trainer schedules a session, a member registers,
// the trainer ticks the member on the attendance sheet and saves, and the member sees the
// certification. axe on every screen. The cross-feature spec reuses these labels
// ("Training", "Take attendance", a checkbox named after the person, "Save attendance"):
// keep them stable.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { checkA11y, launch, newPhone, signIn, localAt, openMenu } from './helpers.mjs';

const TRAINER = 'trainer@demo.switchboard.local';
const DRIVER = 'driver@demo.switchboard.local';

let run;
before(async () => {
  run = await launch();
});
after(async () => {
  await run?.close();
});

/** Open the training home from the header link. */
async function openTraining(page) {
  await openMenu(page);
  await page.getByRole('link', { name: 'Training', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
}

test('trainer schedules a session, a member registers, the trainer takes attendance, the member is certified', async () => {
  const tag = randomUUID().slice(0, 6);
  const place = `Powderhorn Park building, room ${tag}`;

  // 1. The trainer schedules a de-escalation session starting in twenty minutes (attendance opens an
  //    hour before the start; before that it is refused), an hour long, ending by midnight.
  const start = localAt(20);
  const end = localAt(80).date === start.date ? localAt(80) : { ...start, time: '23:59' };
  const trainer = await newPhone(run.browser);
  await signIn(trainer.page, TRAINER);
  await openTraining(trainer.page);
  await checkA11y(trainer.page, 'training home (trainer)');
  await trainer.page.getByRole('link', { name: 'New session' }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'New session' }).waitFor();
  await checkA11y(trainer.page, 'new session');
  await trainer.page.getByLabel('Course').selectOption({ label: 'De-escalation' });
  await trainer.page.getByLabel('Date').fill(start.date);
  await trainer.page.getByLabel('Starts at').fill(start.time);
  await trainer.page.getByLabel('Ends at').fill(end.time);
  await trainer.page.getByLabel('Place (address)').fill(place);
  await trainer.page.getByLabel('Places', { exact: true }).fill('12');
  await trainer.page.getByRole('button', { name: 'Create session' }).click();
  await trainer.page.getByRole('status').filter({ hasText: 'Session created' }).waitFor();
  const trainerCard = trainer.page.locator('li.card', { hasText: place });
  await trainerCard.getByText('0 of 12 places taken').waitFor();
  await checkA11y(trainer.page, 'training home after creating');

  // 2. A member (Pa Driver) registers from the phone.
  const member = await newPhone(run.browser);
  await signIn(member.page, DRIVER);
  await openTraining(member.page);
  const card = member.page.locator('li.card', { hasText: place });
  await card.getByRole('button', { name: 'Register' }).click();
  await member.page.getByRole('status').filter({ hasText: 'You are registered' }).waitFor();
  await card.getByText('1 of 12 places taken').waitFor();
  await checkA11y(member.page, 'training home (member, registered)');

  // 3. The trainer opens the attendance sheet, ticks Pa Driver and saves.
  await trainer.page.reload();
  await trainer.page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
  await trainer.page.locator('li.card', { hasText: place }).getByRole('link', { name: 'Take attendance' }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Attendance: De-escalation' }).waitFor();
  await checkA11y(trainer.page, 'attendance sheet');
  const tick = trainer.page.getByRole('checkbox', { name: 'Pa Driver', exact: true });
  assert.equal(await tick.isChecked(), false);
  await tick.check();
  await trainer.page.getByRole('button', { name: 'Save attendance' }).click();
  await trainer.page.getByRole('status').filter({ hasText: 'Certifications issued: 1' }).waitFor();
  await trainer.page.locator('.attendance-list li', { hasText: 'Pa Driver' }).getByText('Certified').waitFor();
  await checkA11y(trainer.page, 'attendance saved');

  // 4. The member sees the certification with its expiry.
  await member.page.reload();
  await member.page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
  const certs = member.page.getByRole('list', { name: 'My certifications' });
  const cert = certs.locator('li', { hasText: 'De-escalation' });
  await cert.getByText('Valid', { exact: true }).waitFor();
  await cert.getByText(/^Valid until/).waitFor();
  await checkA11y(member.page, 'my certifications');

  await trainer.context.close();
  await member.context.close();
});

test('the dashboard, courses and import screens open for a trainer and pass axe', async () => {
  const trainer = await newPhone(run.browser);
  await signIn(trainer.page, TRAINER);
  await openTraining(trainer.page);
  await trainer.page.getByRole('link', { name: 'Dashboard' }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Training dashboard' }).waitFor();
  await trainer.page.getByRole('heading', { level: 2, name: 'Upcoming sessions and their fill' }).waitFor();
  await checkA11y(trainer.page, 'training dashboard');
  await trainer.page.goBack();
  await trainer.page.getByRole('link', { name: 'Courses' }).click();
  await trainer.page.getByRole('heading', { level: 2, name: 'Legal observer' }).waitFor();
  await trainer.page.getByText('Change Legal observer').click();
  // A trainer changes validity and rule, but not what a course counts as for dispatch.
  await trainer.page.getByRole('spinbutton', { name: 'Valid for (months)' }).first().waitFor();
  assert.equal(await trainer.page.getByRole('combobox', { name: 'Counts for dispatch as' }).count(), 0);
  await checkA11y(trainer.page, 'courses');
  await trainer.page.goBack();
  await trainer.page.getByRole('link', { name: 'Import past attendance' }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Import past attendance' }).waitFor();
  // A file with an unknown person is refused with a row-by-row report; nothing is imported.
  await trainer.page.getByLabel('CSV file').setInputFiles({
    name: 'sheet.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('email,course,date\nnobody@example.org,De-escalation,2026-01-10\n'),
  });
  await trainer.page.getByRole('button', { name: 'Check file' }).click();
  await trainer.page.getByRole('status').filter({ hasText: 'cannot be imported' }).waitFor();
  await trainer.page.getByRole('cell', { name: 'No vouched member has this email.' }).waitFor();
  assert.equal(await trainer.page.getByRole('button', { name: /^Import/ }).count(), 0);
  await checkA11y(trainer.page, 'import preview with problems');
  await trainer.page.goBack();
  await trainer.page.getByRole('link', { name: 'People’s certifications' }).click();
  await trainer.page.getByLabel('Name or email of a network member').fill('Lee');
  await trainer.page.getByRole('button', { name: 'Find' }).click();
  await trainer.page.getByRole('button', { name: 'Show Lee Observer' }).click();
  await trainer.page.locator('li.card', { hasText: 'Legal observer' }).getByText('Valid', { exact: true }).waitFor();
  await checkA11y(trainer.page, 'a person’s certifications');
  await trainer.context.close();
});

test('a trainer changes a session’s time, place and places, and a course’s prerequisites without ever offering a cycle', async () => {
  const tag = randomUUID().slice(0, 6);
  const place = `Hennepin library, room ${tag}`;
  const moved = `Lake Street hall ${tag}`;
  const trainer = await newPhone(run.browser);
  await signIn(trainer.page, TRAINER);
  await openTraining(trainer.page);
  await trainer.page.getByRole('link', { name: 'New session' }).click();
  await trainer.page.getByLabel('Course').selectOption({ label: 'Driver safety' });
  await trainer.page.getByLabel('Date').fill(localAt(3 * 24 * 60).date);
  await trainer.page.getByLabel('Starts at').fill('18:00');
  await trainer.page.getByLabel('Ends at').fill('20:00');
  await trainer.page.getByLabel('Place (address)').fill(place);
  await trainer.page.getByLabel('Places', { exact: true }).fill('1');
  await trainer.page.getByRole('button', { name: 'Create session' }).click();
  await trainer.page.getByRole('status').filter({ hasText: 'Session created' }).waitFor();

  // A member takes the only place.
  const member = await newPhone(run.browser);
  await signIn(member.page, DRIVER);
  await openTraining(member.page);
  await member.page.locator('li.card', { hasText: place }).getByRole('button', { name: 'Register' }).click();
  await member.page.getByRole('status').filter({ hasText: 'You are registered' }).waitFor();

  // The trainer moves it half an hour earlier, to another hall, with more places.
  await trainer.page.reload();
  await trainer.page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
  await trainer.page.locator('li.card', { hasText: place }).getByRole('link', { name: 'Change session' }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Change session: Driver safety' }).waitFor();
  assert.equal(await trainer.page.getByLabel('Place (address)').inputValue(), place);
  assert.equal(await trainer.page.getByLabel('Starts at').inputValue(), '18:00');
  await trainer.page.getByText('everyone registered or waiting (1) is told').waitFor();
  await checkA11y(trainer.page, 'change session');
  // Saving with nothing changed says so and sends nobody anything.
  await trainer.page.getByRole('button', { name: 'Save changes' }).click();
  await trainer.page.getByRole('status').filter({ hasText: 'Nothing has changed' }).waitFor();
  await trainer.page.getByLabel('Starts at').fill('17:30');
  await trainer.page.getByLabel('Place (address)').fill(moved);
  await trainer.page.getByLabel('Places', { exact: true }).fill('3');
  await trainer.page.getByRole('button', { name: 'Save changes' }).click();
  await trainer.page
    .getByRole('status')
    .filter({ hasText: 'Everyone registered or waiting (1) is being told of the new time or place.' })
    .waitFor();
  const card = trainer.page.locator('li.card', { hasText: moved });
  await card.getByText('1 of 3 places taken').waitFor();
  await checkA11y(trainer.page, 'training home after changing a session');

  // The member sees the new place.
  await member.page.reload();
  await member.page.locator('li.card', { hasText: moved }).getByText('You are registered').waitFor();

  // A new course gets "Know your rights" as a prerequisite…
  await trainer.page.getByRole('link', { name: 'Courses' }).click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Courses' }).waitFor();
  const name = `Refresher ${tag}`;
  await trainer.page.getByLabel('Name', { exact: true }).fill(name);
  await trainer.page.getByLabel('Short key').fill(`refresher-${tag}`);
  await trainer.page.getByRole('button', { name: 'Create course' }).click();
  await trainer.page
    .getByRole('status')
    .filter({ hasText: `Course ${name} created.` })
    .waitFor();
  const courseCard = (n) => trainer.page.locator('li.card', { has: trainer.page.getByRole('heading', { level: 2, name: n }) });
  await courseCard(name).getByText(`Change ${name}`).click();
  await courseCard(name).getByRole('checkbox', { name: 'Know your rights', exact: true }).check();
  await courseCard(name).getByRole('button', { name: 'Save changes' }).click();
  await trainer.page
    .getByRole('status')
    .filter({ hasText: `${name} saved.` })
    .waitFor();
  await courseCard(name).locator('dd', { hasText: 'Know your rights' }).waitFor();
  // …so "Know your rights" is never offered the new course (nor the verifier course) as its own.
  await courseCard('Know your rights').getByText('Change Know your rights').click();
  const kyr = courseCard('Know your rights');
  await kyr.getByRole('checkbox', { name: 'De-escalation', exact: true }).waitFor();
  assert.equal(await kyr.getByRole('checkbox', { name, exact: true }).count(), 0);
  assert.equal(await kyr.getByRole('checkbox', { name: 'Rapid-response verifier', exact: true }).count(), 0);
  await kyr.getByText(/Not listed, because they already need this course/).waitFor();
  await checkA11y(trainer.page, 'course prerequisites');
  await trainer.context.close();
  await member.context.close();
});

test('the legal-observer session’s sheet lists Fartun Watch, unticked (the cross-feature spec ticks her)', async () => {
  const trainer = await newPhone(run.browser);
  await signIn(trainer.page, TRAINER);
  await openTraining(trainer.page);
  await trainer.page
    .locator('li.card', { has: trainer.page.getByRole('heading', { level: 3, name: 'Legal observer', exact: true }) })
    .first()
    .getByRole('link', { name: 'Take attendance' })
    .click();
  await trainer.page.getByRole('heading', { level: 1, name: 'Attendance: Legal observer' }).waitFor();
  assert.equal(await trainer.page.getByRole('checkbox', { name: 'Fartun Watch', exact: true }).isChecked(), false);
  await trainer.context.close();
});

test('in Arabic the training home reads right to left and passes axe', async () => {
  const organizer = await newPhone(run.browser);
  await signIn(organizer.page, 'organizer@demo.switchboard.local', undefined, { english: false });
  await organizer.page.goto('/n/twin-cities/training');
  await organizer.page.getByRole('heading', { level: 1, name: 'التدريب' }).waitFor();
  assert.equal(await organizer.page.evaluate(() => document.documentElement.dir), 'rtl');
  await organizer.page.getByRole('heading', { level: 2, name: 'الجلسات القادمة' }).waitFor();
  await checkA11y(organizer.page, 'training home in Arabic');
  await organizer.context.close();
});
