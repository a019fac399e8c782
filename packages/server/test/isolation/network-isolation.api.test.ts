import { ORG_ROLES, type OrgRole } from '@switchboard/shared';
import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/modules/identity/index.ts';
import {
  addNetworkAdmin,
  findNetworkBySlug,
  findOrganizationByName,
  insertMembership,
  insertOrganization,
} from '../../src/modules/networks/index.ts';
import { certify, makeShift, makeSite, occurrenceOn } from '../../src/modules/shifts/shifts.test-support.ts';
import { newId } from '../../src/platform/ids.ts';
import { DIALECTS } from '../harness/dialects.ts';
import { SoftAuthenticator } from '../harness/soft-authenticator.ts';
import {
  createTestApp,
  seedFixture,
  signIn,
  TEST_ORIGIN,
  TEST_PASSWORD,
  type Fixture,
  type TestApp,
} from '../harness/test-app.ts';

/**
 * One network must never see another's rows. Random members of network "beta" (any
 * roles, coordinators, beta's own admins, pending members, members of new beta
 * organizations) call every network-scoped GET route with alpha's ids — both under
 * alpha's slug and under their own slug with alpha's record ids — and get 403 or 404
 * with none of alpha's ids, names or emails in the body. Their writes leave every row
 * of alpha exactly as it was. Every id a route names is a real row of alpha (a route
 * naming an id alpha has no row for fails the test instead of probing with a random one),
 * and the id-taking routes outside /networks/:slug are probed with alpha's ids too.
 */

const RUNS = Number(process.env.ISOLATION_RUNS ?? 8);
const NETWORK_PREFIX = '/api/v1/networks/:slug';
/** Tables holding a network's rows (audit_log is left out: a refused attempt may be audited). */
const NETWORK_TABLES = [
  'organizations',
  'network_admins',
  'memberships',
  'vouches',
  'invitations',
  'shares',
  'incidents',
  'reports',
  'incident_events',
  'dispatches',
  'responders',
  'alert_subscriptions',
  'alerts',
  'sms_blocklist',
  'training_courses',
  'training_sessions',
  'training_registrations',
  'training_certifications',
  'sites',
  'shift_series',
  'shift_slots',
  'shift_occurrences',
  'shift_signups',
  'calendar_feeds',
  'places',
  'care_requests',
  'care_tasks',
  'care_claim_requests',
  'care_ride_requests',
  'care_rides',
  'care_ride_feeds',
  'care_hubs',
  'care_items',
  'care_hub_stock',
  'care_stock_movements',
  'care_reservations',
  'funds',
  'fund_allocations',
  'fund_entries',
  'fund_entry_lines',
  'fund_disbursements',
  'care_offers',
] as const;
/** Bodies that pass validation, so a refusal comes from authorization and not from the schema. */
const WRITE_BODIES: Record<string, (ids: AlphaIds) => unknown> = {
  'POST /api/v1/networks/:slug/organizations/:orgId/invitations': () => ({ roles: ['driver'] }),
  'PUT /api/v1/networks/:slug/memberships/:membershipId/roles': () => ({ roles: ['org_coordinator'] }),
  'POST /api/v1/networks/:slug/incidents/:incidentId/status': () => ({ status: 'false_alarm', version: 1 }),
  'POST /api/v1/networks/:slug/incidents/:incidentId/merge': (ids) => ({ incidentIds: [ids.incidentId] }),
  'POST /api/v1/networks/:slug/incidents/:incidentId/split': (ids) => ({ reportIds: [ids.reportId] }),
  'POST /api/v1/networks/:slug/reports/:reportId/structure': () => ({ category: 'home_raid', locationText: 'moved by beta' }),
  'PUT /api/v1/networks/:slug/incidents/:incidentId/location': () => ({ point: { lat: 44.9, lng: -93.2 }, version: 1 }),
  'POST /api/v1/networks/:slug/places/import': () => ({
    geojson:
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Planted Corner"},"geometry":{"type":"Point","coordinates":[-93.2,44.9]}}]}',
  }),
  'PATCH /api/v1/networks/:slug/settings': () => ({ vouchesRequired: 5 }),
  'POST /api/v1/networks/:slug/organizations': () => ({ name: 'Beta plant', kind: 'informal', type: 'other' }),
  'POST /api/v1/networks/:slug/phone-reports': () => ({ category: 'checkpoint', description: 'planted by beta' }),
  'POST /api/v1/networks/:slug/sms-blocklist': () => ({ number: '+16125550100' }),
  'DELETE /api/v1/networks/:slug/sms-blocklist': () => ({ number: '+16125550100' }),
  'POST /api/v1/networks/:slug/sites': (ids) => ({
    organizationId: ids.orgId[0],
    name: 'Planted',
    kind: 'school',
    address: 'x',
    lat: 44.9,
    lng: -93.2,
  }),
  'PUT /api/v1/networks/:slug/sites/:siteId': (ids) => ({
    organizationId: ids.orgId[0],
    name: 'Planted',
    kind: 'school',
    address: 'x',
    lat: 44.9,
    lng: -93.2,
  }),
  'POST /api/v1/networks/:slug/sites/import': (ids) => ({
    organizationId: ids.orgId[0],
    csv: 'name,kind,address,lat,lng\nPlanted,school,x,44.9,-93.2\n',
    commit: true,
  }),
  'POST /api/v1/networks/:slug/sites/:siteId/shifts': () => ({
    title: 'Planted',
    startDate: '2030-01-07',
    startTime: '07:30',
    endTime: '08:30',
    slots: [{ peopleNeeded: 1 }],
  }),
  'POST /api/v1/networks/:slug/shift-series/:seriesId/exceptions': () => ({ date: '2030-01-07' }),
  'PUT /api/v1/networks/:slug/shift-series/:seriesId': () => ({
    fromDate: '2030-01-07',
    title: 'Planted',
    startTime: '07:30',
    endTime: '08:30',
    slots: [{ peopleNeeded: 1 }],
  }),
  'POST /api/v1/networks/:slug/care/requests': () => CARE_BODY,
  'POST /api/v1/networks/:slug/care/requests/:requestId/triage': () => ({ decision: 'accept' }),
  'POST /api/v1/networks/:slug/care/tasks/:taskId/claim': (ids) => ({ organizationId: ids.orgId[0] }),
  'POST /api/v1/networks/:slug/care/tasks/:taskId/assign': (ids) => ({ driverAccountId: ids.accountId[0] }),
  'POST /api/v1/networks/:slug/care/tasks/:taskId/progress': () => ({ status: 'picked_up' }),
  'POST /api/v1/networks/:slug/care/tasks/:taskId/claim-requests': (ids) => ({ organizationId: ids.orgId[1], reason: 'x' }),
  'POST /api/v1/networks/:slug/care/tasks/:taskId/claim-requests/:claimRequestId/decision': () => ({ decision: 'approve' }),
  'POST /api/v1/networks/:slug/care/rides': () => RIDE_BODY,
  'POST /api/v1/networks/:slug/care/rides/:rideId/claim': (ids) => ({ organizationId: ids.orgId[0] }),
  'POST /api/v1/networks/:slug/care/rides/:rideId/assign': (ids) => ({ role: 'driver', accountId: ids.accountId[0] }),
  'POST /api/v1/networks/:slug/care/rides/:rideId/progress': () => ({ status: 'picked_up' }),
  'POST /api/v1/networks/:slug/care/hubs/:hubId/movements': (ids) => ({
    kind: 'received_donation',
    itemId: ids.itemId,
    quantity: 1,
  }),
  'PUT /api/v1/networks/:slug/care/hubs/:hubId/stock/:itemId/threshold': () => ({ lowThreshold: 1 }),
  'POST /api/v1/networks/:slug/care/hubs/:hubId/stock/import': () => ({ csv: 'item,on_hand\nPlanted,1\n' }),
  'POST /api/v1/networks/:slug/care/tasks/:taskId/reservations': (ids) => ({
    hubId: ids.hubId,
    items: [{ itemId: ids.itemId, quantity: 1 }],
  }),
  'POST /api/v1/networks/:slug/funds': () => ({ name: 'Planted fund', kind: 'general' }),
  'POST /api/v1/networks/:slug/funds/:fundId/allocations': () => ({ caseRef: 'planted', amountMinor: 1 }),
  'POST /api/v1/networks/:slug/funds/donations': (ids) => ({ fundId: ids.fundId, amountMinor: 1, sourceType: 'other' }),
  'POST /api/v1/networks/:slug/funds/transfers': (ids) => ({ fromFundId: ids.fundId, toFundId: ids.fundId, amountMinor: 1 }),
  'POST /api/v1/networks/:slug/funds/disbursements': (ids) => ({
    fundId: ids.fundId,
    amountMinor: 1,
    payeeType: 'other',
    purpose: 'planted',
  }),
  'POST /api/v1/networks/:slug/funds/disbursements/:disbursementId/decision': () => ({ decision: 'decline' }),
  'POST /api/v1/networks/:slug/funds/disbursements/:disbursementId/pay': () => ({}),
  'POST /api/v1/networks/:slug/care/offers': () => ({
    kind: 'storage',
    storage: { description: 'Planted' },
    contact: 'x@example.org',
  }),
  'POST /api/v1/networks/:slug/care/offers/:offerId/decision': () => ({ decision: 'accept' }),
  'POST /api/v1/networks/:slug/training/sessions': (ids) => ({
    courseId: ids.courseId,
    startsAtLocal: '2030-01-01T18:00',
    endsAtLocal: '2030-01-01T20:00',
    language: 'en',
    place: 'Hall',
    capacity: 5,
  }),
};
const RIDE_BODY = {
  kind: 'court_hearing',
  pickup: 'Planted pickup by beta',
  dropoff: 'Planted drop-off',
  contact: '+1 612 555 0100',
  date: '2030-01-08',
  windowStart: '09:00',
  windowEnd: '10:00',
};
const CARE_BODY = {
  kind: 'groceries',
  items: [{ name: 'Planted', quantity: 1 }],
  contact: 'planted@example.org',
  address: 'Planted by beta',
};
type JsonSchema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
};

/** The smallest body the route's schema accepts (for routes without a hand-written sample). */
function minimalValue(s: JsonSchema | undefined, uuid: string): unknown {
  if (!s) return {};
  if (s.enum) return s.enum[0];
  if (s.anyOf) return minimalValue(s.anyOf[0], uuid);
  switch (s.type) {
    case 'string':
      return s.format === 'uuid'
        ? uuid
        : s.format === 'date-time'
          ? new Date().toISOString()
          : 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 0;
    case 'boolean':
      return false;
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => minimalValue(s.items, uuid));
    case 'object':
      return Object.fromEntries((s.required ?? []).map((k) => [k, minimalValue(s.properties?.[k], uuid)]));
    default:
      return {};
  }
}

/** Writes anyone may make to a network by design (anonymous report intake, asking to join). */
const OPEN_BY_DESIGN = new Set([
  'POST /api/v1/networks/:slug/reports',
  'POST /api/v1/networks/:slug/organization-requests',
  'POST /api/v1/networks/:slug/alert-subscriptions',
  'POST /api/v1/networks/:slug/care/public-requests',
]);

interface AlphaIds {
  accountId: string[];
  orgId: string[];
  membershipId: string[];
  invitationId: string;
  incidentId: string;
  reportId: string;
  siteId: string;
  seriesId: string;
  slotId: string;
  occurrenceId: string;
  signupId: string;
  courseId: string;
  sessionId: string;
  certificationId: string;
  dispatchId: string;
  requestId: string;
  taskId: string;
  claimRequestId: string;
  rideId: string;
  hubId: string;
  itemId: string;
  fundId: string;
  disbursementId: string;
  entryId: string;
  offerId: string;
}

/** Route parameters that name one of alpha's rows, and where its real id comes from. */
const ID_PARAMS = [
  'orgId',
  'membershipId',
  'accountId',
  'invitationId',
  'incidentId',
  'reportId',
  'siteId',
  'seriesId',
  'slotId',
  'occurrenceId',
  'signupId',
  'courseId',
  'sessionId',
  'certificationId',
  'dispatchId',
  'requestId',
  'taskId',
  'claimRequestId',
  'rideId',
  'hubId',
  'itemId',
  'fundId',
  'disbursementId',
  'entryId',
  'offerId',
] as const;

/** A generated member of beta. */
interface BetaPersona {
  kind: 'member' | 'pending' | 'network_admin';
  roles: OrgRole[];
  newOrganization: boolean;
}

const personaArb: fc.Arbitrary<BetaPersona> = fc.record({
  kind: fc.constantFrom('member', 'member', 'member', 'pending', 'network_admin'),
  roles: fc.subarray([...ORG_ROLES], { minLength: 1 }),
  newOrganization: fc.boolean(),
});

const methodsOf = (r: RouteOptions) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD');
const keyOf = (method: string, r: RouteOptions) => `${method} ${r.url}`;

describe.each(DIALECTS)('network isolation on %s', (dialect) => {
  let t: TestApp;
  let f: Fixture;
  let betaId: string;
  let betaOrg: string;
  let ids: AlphaIds;
  /** Strings of alpha that must never appear in an answer to a beta member. */
  let secrets: string[];
  let counter = 0;
  let alphaFeedToken: string;
  let alphaRideFeedToken: string;
  let alphaAdminCookie: string;
  let sourceCounter = 0;
  /** Request body schemas from the OpenAPI document, keyed "METHOD /route/:param". */
  const bodySchemas = new Map<string, JsonSchema>();

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await seedFixture(t.deps);
    const db = t.deps.database.db;
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
    };
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema) bodySchemas.set(`${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`, schema);
      }
    }
    betaId = (await findNetworkBySlug(db, f.otherSlug))!.id;
    betaOrg = (await findOrganizationByName(db, betaId, 'Beta Org'))!.id;
    // Give alpha a row of every kind a route can name: an invitation, a report and its incident.
    const admin = await signIn(t.app, f.accounts.admin.email);
    const inv = await t.app.inject({
      method: 'POST',
      url: `/api/v1/networks/alpha/organizations/${f.orgA}/invitations`,
      headers: { cookie: admin },
      payload: { roles: ['driver'] },
    });
    expect(inv.statusCode).toBe(200);
    const rep = await t.app.inject({
      method: 'POST',
      url: '/api/v1/networks/alpha/reports',
      payload: {
        category: 'home_raid',
        locationText: 'Alpha Secret Street 1',
        description: 'alpha-only description',
        contact: '+1 612 555 0199',
        point: { lat: 44.9486, lng: -93.2526 },
      },
    });
    expect(rep.statusCode).toBe(201);
    const report = await db
      .selectFrom('reports')
      .select(['id', 'incident_id'])
      .where('network_id', '=', f.networkId)
      .executeTakeFirstOrThrow();
    // A site with a shift, a sign-up and a calendar feed; a course, a session and a certification; a dispatch.
    const as = (cookie: string | undefined, method: 'POST' | 'PUT', url: string, payload: object) =>
      t.app.inject({ method, url, headers: cookie ? { cookie } : {}, payload });
    const site = await makeSite(t.app, f, admin, { name: 'Alpha Secret School' });
    const series = await makeShift(t.app, f, admin, site.id, {
      title: 'Alpha secret shift',
      startDate: '2026-12-15',
      rrule: undefined,
    });
    const occurrenceId = await occurrenceOn(t, series.id, '2026-12-15');
    const observer = await signIn(t.app, f.accounts.legal_observer.email);
    const signup = await as(
      observer,
      'POST',
      `/api/v1/networks/alpha/shifts/${occurrenceId}/slots/${series.slots[0].id}/signup`,
      {},
    );
    expect(signup.statusCode, signup.body).toBe(200);
    const feed = await as(admin, 'POST', `/api/v1/networks/alpha/sites/${site.id}/calendar-feed`, {});
    expect(feed.statusCode, feed.body).toBe(200);
    const course = await as(admin, 'POST', '/api/v1/networks/alpha/training/courses', {
      key: 'alpha-secret-course',
      name: 'Alpha Secret Course',
    });
    expect(course.statusCode, course.body).toBe(200);
    const session = await as(admin, 'POST', '/api/v1/networks/alpha/training/sessions', {
      courseId: course.json().id,
      startsAtLocal: '2026-12-20T18:00',
      endsAtLocal: '2026-12-20T20:00',
      language: 'en',
      place: 'Alpha Secret Hall',
      capacity: 5,
    });
    expect(session.statusCode, session.body).toBe(200);
    const certificationId = await certify(t, f.networkId, f.accounts.driver.id, course.json().id, null);
    const responder = await signIn(t.app, f.accounts.responder.email);
    const available = await as(responder, 'PUT', '/api/v1/networks/alpha/responder/availability', {
      available: true,
      cell: latLngToCell(44.9486, -93.2526, 8),
    });
    expect(available.statusCode, available.body).toBe(200);
    const dispatcher = await signIn(t.app, f.accounts.dispatcher.email);
    const sent = await as(dispatcher, 'POST', `/api/v1/networks/alpha/incidents/${report.incident_id}/dispatches`, { count: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    const dispatch = await db
      .selectFrom('dispatches')
      .select('id')
      .where('network_id', '=', f.networkId)
      .executeTakeFirstOrThrow();
    const publicCare = await as(undefined, 'POST', '/api/v1/networks/alpha/care/public-requests', {
      ...CARE_BODY,
      address: 'Alpha Secret Doorstep',
    });
    expect(publicCare.statusCode, publicCare.body).toBe(201);
    const careRequest = await db
      .selectFrom('care_requests')
      .select('id')
      .where('receipt_code', '=', publicCare.json().receiptCode)
      .executeTakeFirstOrThrow();
    const coordinator = await signIn(t.app, f.accounts.org_coordinator.email);
    const filed = await as(coordinator, 'POST', '/api/v1/networks/alpha/care/requests', CARE_BODY);
    expect(filed.statusCode, filed.body).toBe(201);
    const claimed = await as(coordinator, 'POST', `/api/v1/networks/alpha/care/tasks/${filed.json().taskId}/claim`, {
      organizationId: f.orgA,
    });
    expect(claimed.statusCode, claimed.body).toBe(200);
    const coordinatorB = await signIn(t.app, f.accounts.coordinator_b.email);
    const asked = await as(coordinatorB, 'POST', `/api/v1/networks/alpha/care/tasks/${filed.json().taskId}/claim-requests`, {
      organizationId: f.orgB,
      reason: 'Alpha secret reason',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    const ride = await as(coordinator, 'POST', '/api/v1/networks/alpha/care/rides', {
      ...RIDE_BODY,
      pickup: 'Alpha Secret Pickup',
      dropoff: 'Alpha Secret Courthouse',
    });
    expect(ride.statusCode, ride.body).toBe(201);
    const rideId = ride.json().rides[0].id as string;
    expect(
      (await as(coordinator, 'POST', `/api/v1/networks/alpha/care/rides/${rideId}/claim`, { organizationId: f.orgA })).statusCode,
    ).toBe(200);
    const driverCookie = await signIn(t.app, f.accounts.driver.email);
    const rideFeed = await as(driverCookie, 'POST', '/api/v1/networks/alpha/care/ride-feed', {});
    expect(rideFeed.statusCode, rideFeed.body).toBe(200);
    alphaRideFeedToken = String(rideFeed.json().url)
      .replace(/^.*\//, '')
      .replace(/\.ics$/, '');
    const hub = await as(coordinator, 'POST', '/api/v1/networks/alpha/care/hubs', {
      organizationId: f.orgA,
      name: 'Alpha Secret Pantry',
      address: 'Alpha Secret Basement',
    });
    expect(hub.statusCode, hub.body).toBe(201);
    const item = await as(coordinator, 'POST', '/api/v1/networks/alpha/care/items', { name: 'Alpha secret item', unit: 'bag' });
    expect(item.statusCode, item.body).toBe(201);
    const donated = await as(coordinator, 'POST', `/api/v1/networks/alpha/care/hubs/${hub.json().id}/movements`, {
      kind: 'received_donation',
      itemId: item.json().id,
      quantity: 4,
    });
    expect(donated.statusCode, donated.body).toBe(200);
    const packed = await as(coordinator, 'POST', `/api/v1/networks/alpha/care/tasks/${filed.json().taskId}/reservations`, {
      hubId: hub.json().id,
      items: [{ itemId: item.json().id, quantity: 1 }],
    });
    expect(packed.statusCode, packed.body).toBe(201);
    const treasurer = await signIn(t.app, f.accounts.treasurer.email);
    const fund = await as(treasurer, 'POST', '/api/v1/networks/alpha/funds', { name: 'Alpha Secret Fund', kind: 'general' });
    expect(fund.statusCode, fund.body).toBe(201);
    const donation = await as(treasurer, 'POST', '/api/v1/networks/alpha/funds/donations', {
      fundId: fund.json().id,
      amountMinor: 5_000,
      sourceType: 'individual',
      donorReference: 'Alpha Secret Donor',
    });
    expect(donation.statusCode, donation.body).toBe(201);
    const disbursement = await as(treasurer, 'POST', '/api/v1/networks/alpha/funds/disbursements', {
      fundId: fund.json().id,
      amountMinor: 100,
      payeeType: 'landlord',
      purpose: 'Alpha secret purpose',
    });
    expect(disbursement.statusCode, disbursement.body).toBe(201);
    const offered = await as(coordinator, 'POST', '/api/v1/networks/alpha/care/offers', {
      kind: 'items',
      items: [{ name: 'Diaper packs', quantity: 40 }],
      contact: 'alpha-offer@example.org',
    });
    expect(offered.statusCode, offered.body).toBe(201);
    const alphaAccounts = Object.entries(f.accounts)
      .filter(([k]) => k !== 'outsider')
      .map(([, a]) => a);
    ids = {
      accountId: alphaAccounts.map((a) => a.id),
      orgId: [f.orgA, f.orgB, f.pendingOrg],
      membershipId: alphaAccounts.map((a) => a.membershipId).filter((x): x is string => !!x),
      invitationId: inv.json().id,
      incidentId: report.incident_id!,
      reportId: report.id,
      siteId: site.id,
      seriesId: series.id,
      slotId: series.slots[0].id,
      occurrenceId,
      signupId: signup.json().id,
      courseId: course.json().id,
      sessionId: session.json().id,
      certificationId,
      dispatchId: dispatch.id,
      requestId: careRequest.id,
      taskId: filed.json().taskId,
      claimRequestId: asked.json().id,
      rideId,
      hubId: hub.json().id,
      itemId: item.json().id,
      fundId: fund.json().id,
      disbursementId: disbursement.json().id,
      entryId: donation.json().id,
      offerId: offered.json().id,
    };
    alphaFeedToken = String(feed.json().url)
      .replace(/^.*\//, '')
      .replace(/\.ics$/, '');
    expect(alphaFeedToken.length).toBeGreaterThanOrEqual(20);
    alphaAdminCookie = admin;
    secrets = [
      f.networkId,
      ...ids.orgId,
      ...ids.membershipId,
      ids.invitationId,
      ids.incidentId,
      ids.reportId,
      ids.siteId,
      ids.seriesId,
      ids.slotId,
      ids.occurrenceId,
      ids.signupId,
      ids.courseId,
      ids.sessionId,
      ids.certificationId,
      ids.dispatchId,
      ids.requestId,
      ids.taskId,
      ids.claimRequestId,
      ids.hubId,
      ids.itemId,
      'Alpha Secret Pantry',
      'Alpha Secret Basement',
      'Alpha secret item',
      ids.fundId,
      ids.disbursementId,
      ids.entryId,
      'Alpha Secret Fund',
      'Alpha Secret Donor',
      'Alpha secret purpose',
      ids.offerId,
      'alpha-offer@example.org',
      'Alpha Secret Doorstep',
      alphaFeedToken,
      alphaRideFeedToken,
      ids.rideId,
      'Alpha Secret Pickup',
      'Alpha Secret Courthouse',
      'Alpha Secret School',
      'Stand by the east gate',
      'Alpha secret shift',
      'Alpha Secret Course',
      'Alpha Secret Hall',
      ...alphaAccounts.flatMap((a) => [a.id, a.email]),
      'Alpha Network',
      'Org A',
      'Org B',
      'Org Pending',
      'Alpha Secret Street',
      'alpha-only description',
      '555 0199',
      inv.json().token,
    ].filter(Boolean);
  });
  afterAll(() => t.close());

  /** Create the persona in beta through the repository helpers and sign it in over HTTP. */
  async function becomeBeta(p: BetaPersona): Promise<string> {
    const db = t.deps.database.db;
    const now = t.clock.now();
    const email = `beta${++counter}@test.local`;
    const accountId = await createAccount(t.deps, {
      email,
      password: TEST_PASSWORD,
      displayName: `Beta ${counter}`,
      language: 'en',
    });
    let orgId = betaOrg;
    if (p.newOrganization) {
      orgId = newId();
      await insertOrganization(db, {
        id: orgId,
        networkId: betaId,
        name: `Beta Org ${counter}`,
        kind: 'informal',
        type: 'other',
        status: 'active',
        requestedBy: null,
        now,
      });
    }
    if (p.kind === 'network_admin') await addNetworkAdmin(db, betaId, accountId, now);
    await insertMembership(db, {
      id: newId(),
      networkId: betaId,
      organizationId: orgId,
      accountId,
      roles: p.roles,
      status: p.kind === 'pending' ? 'pending' : 'active',
      now,
    });
    return signIn(t.app, email);
  }

  /** Fill a route's params with alpha's ids; slug is alpha's, or the caller's own with alpha's record ids. */
  function urlFor(route: RouteOptions, slug: string, pick: (xs: string[]) => string): string {
    return route.url.replace(':slug', slug).replace(/:([A-Za-z]+)/g, (_, name: string) => {
      const id = (ids as unknown as Record<string, string | string[] | undefined>)[name];
      // A random id would 404 whatever the checks do: a new kind of id needs a real row of alpha above.
      if (id === undefined || !(ID_PARAMS as readonly string[]).includes(name))
        throw new Error(`${route.url}: no real alpha row for :${name}; seed one`);
      return Array.isArray(id) ? pick(id) : id;
    });
  }

  /**
   * inject with a deadline, streaming: a live SSE stream that opened (wrongly, or on a
   * public route) would never end under plain inject, so its headers are taken and it is closed.
   */
  async function call(
    method: string,
    url: string,
    cookie: string,
    payload?: unknown,
  ): Promise<{ statusCode: number; body: string; streamed: boolean }> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} ${url} did not answer within 10 s`)), 10_000);
    });
    try {
      return await Promise.race([
        (async () => {
          // A source per call: the route count times the runs outgrows the per-source limit (600/min).
          const res = await t.app.inject({
            method: method as 'GET',
            url,
            remoteAddress: `127.2.${(++sourceCounter >> 8) & 255}.${sourceCounter & 255}`,
            headers: { cookie },
            payloadAsStream: true,
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
          const stream = res.stream();
          if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
            stream.destroy();
            return { statusCode: res.statusCode, body: '', streamed: true };
          }
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(Buffer.from(chunk));
          return { statusCode: res.statusCode, body: Buffer.concat(chunks).toString('utf8'), streamed: false };
        })(),
        deadline,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function snapshotAlpha(): Promise<string> {
    const db = t.deps.database.db;
    const parts: Record<string, unknown[]> = {};
    for (const table of NETWORK_TABLES) {
      // biome-ignore lint: table names come from the constant above.
      const rows = await (db as any).selectFrom(table).selectAll().where('network_id', '=', f.networkId).execute();
      parts[table] = rows.map((r: unknown) => JSON.stringify(r)).sort();
    }
    const network = await db.selectFrom('networks').selectAll().where('id', '=', f.networkId).execute();
    return JSON.stringify({ network, ...parts });
  }

  const readRoutes = () => t.app.routeCatalog.filter((r) => r.url.startsWith(NETWORK_PREFIX) && methodsOf(r).includes('GET'));
  const writeRoutes = () =>
    t.app.routeCatalog.filter((r) => r.url.startsWith(NETWORK_PREFIX) && methodsOf(r).some((m) => m !== 'GET'));

  it('finds the network-scoped routes to check', () => {
    expect(readRoutes().length).toBeGreaterThanOrEqual(6);
    expect(writeRoutes().length).toBeGreaterThanOrEqual(10);
  });

  it('no member of beta reads any row of alpha, through any GET route', { timeout: 120_000 }, async () => {
    const leaks: string[] = [];
    let checked = 0;
    const routes = readRoutes();
    const probe = async (cookie: string, who: string, pick: (xs: string[]) => string, active: boolean) => {
      // Positive control: an active member reads their own network, so the refusals below are about alpha.
      const own = await call('GET', `/api/v1/networks/${f.otherSlug}`, cookie);
      expect(own.statusCode, `${who}: own network`).toBe(active ? 200 : 403);
      if (active) expect(own.body).toContain('Beta Network');
      for (const route of routes) {
        const variants = [
          f.slug,
          ...(route.url === NETWORK_PREFIX || !/:(?!slug)/.test(route.url.slice(NETWORK_PREFIX.length)) ? [] : [f.otherSlug]),
        ];
        for (const slug of variants) {
          const url = urlFor(route, slug, pick);
          const res = await call('GET', url, cookie);
          checked++;
          // Routes without a policy are public by design (e.g. published alerts): they may answer, but still must not show alpha's members' data.
          const isPublic = !(route.config as { policy?: unknown } | undefined)?.policy;
          if (!isPublic && res.statusCode !== 403 && res.statusCode !== 404)
            leaks.push(
              `${who}: GET ${url} → ${res.statusCode}${res.streamed ? ' (stream opened)' : ''} ${res.body.slice(0, 200)}`,
            );
          const found = secrets.filter((s) => res.body.includes(s));
          if (found.length) leaks.push(`${who}: GET ${url} → body contains ${found.join(', ')}`);
        }
      }
    };
    await probe(await signIn(t.app, f.accounts.outsider.email), 'outsider', (xs) => xs[0], true);
    await fc.assert(
      fc.asyncProperty(personaArb, fc.nat(), async (p, n) => {
        const cookie = await becomeBeta(p);
        const already = leaks.length;
        await probe(cookie, JSON.stringify(p), (xs) => xs[n % xs.length], p.kind !== 'pending');
        if (leaks.length > already) throw new Error(leaks.slice(already).join('\n'));
      }),
      { numRuns: RUNS },
    );
    expect(leaks).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(routes.length * (RUNS + 1));
  });

  it('no member of beta changes any row of alpha, through any write route', { timeout: 120_000 }, async () => {
    const breaches: string[] = [];
    const vacuous = new Set<string>();
    let checked = 0;
    const routes = writeRoutes();
    await fc.assert(
      fc.asyncProperty(personaArb, fc.nat(), async (p, n) => {
        const cookie = await becomeBeta(p);
        const already = breaches.length;
        const before = await snapshotAlpha();
        for (const route of routes) {
          for (const method of methodsOf(route)) {
            const key = keyOf(method, route);
            // Public writes (no policy: anonymous intake, subscriptions) are open to anyone by design.
            if (OPEN_BY_DESIGN.has(key) || !(route.config as { policy?: unknown } | undefined)?.policy) continue;
            const schema = bodySchemas.get(key);
            const body = WRITE_BODIES[key]?.(ids) ?? (schema ? minimalValue(schema, ids.incidentId) : undefined);
            const hasIds = /:(?!slug)/.test(route.url.slice(NETWORK_PREFIX.length));
            for (const slug of [f.slug, ...(hasIds ? [f.otherSlug] : [])]) {
              const url = urlFor(route, slug, (xs) => xs[n % xs.length]);
              const res = await call(method, url, cookie, body);
              checked++;
              if (res.statusCode === 400 && !WRITE_BODIES[key] && /validation_failed|malformed_json/.test(res.body)) {
                vacuous.add(key);
                continue;
              }
              if (res.statusCode !== 403 && res.statusCode !== 404)
                breaches.push(`${JSON.stringify(p)}: ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            }
          }
        }
        const after = await snapshotAlpha();
        if (after !== before) breaches.push(`${JSON.stringify(p)}: alpha's rows changed`);
        if (breaches.length > already) throw new Error(breaches.slice(already).join('\n'));
      }),
      { numRuns: Math.max(2, Math.ceil(RUNS / 2)) },
    );
    expect(breaches).toEqual([]);
    // Every write route must be exercised with a body that passes validation; name any that are not.
    expect([...vacuous], 'write routes needing a sample body in WRITE_BODIES').toEqual([]);
    expect(checked).toBeGreaterThan(routes.length);
  });

  /**
   * Routes outside /networks/:slug that take an id or token. Secret tokens are capabilities by
   * design (whoever holds an invitation or feed link may use it), so each is probed with alpha's
   * record ids, which must not work in their place; the rest say why they are not probed.
   */
  const OUTSIDE_NOT_PROBED: Record<string, string> = {
    'DELETE /api/v1/alert-subscriptions/:token': 'takes only a 43-character secret token; no id fits its schema',
    'POST /hooks/sms/twilio/:slug': 'signature-checked provider webhook; sms-webhook.api.test.ts covers it',
    'GET /map/tiles/:z/:x/:y': 'map tiles hold no network data',
    'GET /r/:slug': 'the public report form, open to anyone by design; takes a slug, no record id',
    'POST /r/:slug': 'anonymous report intake, open to anyone by design',
    'GET /r/:slug/rights': 'public know-your-rights page; takes a slug, no record id',
    'GET /r/:slug/status': 'public receipt look-up form; takes a slug, no record id',
    'POST /r/:slug/status':
      'receipt look-up by code in the body, scoped to the slug; receipt-status.api.test.ts proves another network’s code answers as unknown',
    'GET /r/:slug/alerts': 'public alert list, open to anyone when the network switches it on; takes a slug, no record id',
    'GET /help/:slug': 'the public delivery request form, open to anyone by design; takes a slug, no record id',
    'POST /help/:slug': 'anonymous delivery request intake, open to anyone by design',
    'GET /help/:slug/status': 'public request look-up form; takes a slug, no record id',
    'POST /help/:slug/status': 'request look-up by receipt code in the body, scoped to the slug (careReceiptStatus)',
  };

  it('no member of beta reaches alpha through the id-taking routes outside /networks/:slug', async () => {
    const db = t.deps.database.db;
    const outside = t.app.routeCatalog
      .filter((r) => !r.url.startsWith(NETWORK_PREFIX) && r.url.includes(':'))
      .flatMap((r) => methodsOf(r).map((m) => keyOf(m, r)));
    const alphaSession = await db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', f.accounts.admin.id)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const feedRow = await db
      .selectFrom('calendar_feeds')
      .select('id')
      .where('network_id', '=', f.networkId)
      .executeTakeFirstOrThrow();
    const rideFeedRow = await db
      .selectFrom('care_ride_feeds')
      .select('id')
      .where('network_id', '=', f.networkId)
      .executeTakeFirstOrThrow();
    // A passkey of one of alpha's members, registered as the app does.
    const driver = await signIn(t.app, f.accounts.driver.email);
    const options = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys/options',
      headers: { cookie: driver },
      payload: { name: 'alpha phone' },
    });
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/passkeys/verify',
      headers: { cookie: driver },
      payload: {
        challengeId: options.json().challengeId,
        response: new SoftAuthenticator(TEST_ORIGIN).create(options.json().options),
      },
    });
    expect(registered.statusCode, registered.body).toBe(200);
    const passkeysBefore = await db.selectFrom('passkeys').selectAll().where('account_id', '=', f.accounts.driver.id).execute();
    expect(passkeysBefore).toHaveLength(1);
    // Each probe: alpha ids in place of the parameter.
    const probes: Record<string, string[]> = {
      'GET /api/v1/invitations/:token': [ids.invitationId, ids.orgId[0], ids.membershipId[0]].map(
        (x) => `/api/v1/invitations/${x}`,
      ),
      'POST /api/v1/invitations/:token/accept': [ids.invitationId, ids.membershipId[0]].map(
        (x) => `/api/v1/invitations/${x}/accept`,
      ),
      'GET /api/v1/calendar/:token': [feedRow.id, ids.siteId, ids.signupId].map((x) => `/api/v1/calendar/${x}.ics`),
      'GET /api/v1/care/ride-calendar/:token': [rideFeedRow.id, ids.rideId, ids.accountId[0]].map(
        (x) => `/api/v1/care/ride-calendar/${x}.ics`,
      ),
      'DELETE /api/v1/me/sessions/:id': [alphaSession.id].map((x) => `/api/v1/me/sessions/${x}`),
      'DELETE /api/v1/me/passkeys/:id': [passkeysBefore[0].id, ids.accountId[0]].map((x) => `/api/v1/me/passkeys/${x}`),
    };
    // Each route is either probed or says why not, so a new id-taking route cannot slip past.
    expect(outside.filter((k) => !probes[k] && !OUTSIDE_NOT_PROBED[k])).toEqual([]);
    const before = await snapshotAlpha();
    const invitationsBefore = await db.selectFrom('invitations').selectAll().where('network_id', '=', f.networkId).execute();
    const leaks: string[] = [];
    for (const persona of [
      { kind: 'network_admin', roles: ['org_coordinator', 'dispatcher'], newOrganization: false },
      { kind: 'member', roles: ['responder'], newOrganization: true },
    ] as BetaPersona[]) {
      const cookie = await becomeBeta(persona);
      for (const [key, urls] of Object.entries(probes)) {
        for (const url of urls) {
          const method = key.split(' ')[0];
          const res = await call(method, url, cookie, method === 'POST' ? {} : undefined);
          // 410 invitation_invalid is the invitation routes' one answer to any link that does not work.
          if (![403, 404, 410].includes(res.statusCode))
            leaks.push(`${persona.kind}: ${method} ${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          const found = secrets.filter((x) => res.body.includes(x));
          if (found.length) leaks.push(`${persona.kind}: ${method} ${url} → body contains ${found.join(', ')}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotAlpha()).toBe(before);
    expect(await db.selectFrom('invitations').selectAll().where('network_id', '=', f.networkId).execute()).toEqual(
      invitationsBefore,
    );
    expect(await db.selectFrom('passkeys').selectAll().where('account_id', '=', f.accounts.driver.id).execute()).toEqual(
      passkeysBefore,
    );
    // Alpha's admin is still signed in: the session delete above did not reach it.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alphaAdminCookie } })).statusCode).toBe(
      200,
    );
  });

  it('the vouch and invitation writes of the brief, counted row by row', async () => {
    const db = t.deps.database.db;
    const count = async (table: 'memberships' | 'invitations' | 'vouches') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('network_id', '=', f.networkId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const cookie = await becomeBeta({ kind: 'network_admin', roles: ['org_coordinator'], newOrganization: false });
    const pending = f.accounts.pending.membershipId!;
    const before = { m: await count('memberships'), i: await count('invitations'), v: await count('vouches') };
    for (const slug of [f.slug, f.otherSlug]) {
      const vouch = await call('POST', `/api/v1/networks/${slug}/memberships/${pending}/vouches`, cookie);
      expect([403, 404], `vouch via ${slug}: ${vouch.body}`).toContain(vouch.statusCode);
      const invite = await call('POST', `/api/v1/networks/${slug}/organizations/${f.orgA}/invitations`, cookie, {
        roles: ['org_coordinator'],
      });
      expect([403, 404], `invite via ${slug}: ${invite.body}`).toContain(invite.statusCode);
    }
    expect({ m: await count('memberships'), i: await count('invitations'), v: await count('vouches') }).toEqual(before);
    const stillPending = await db.selectFrom('memberships').select('status').where('id', '=', pending).executeTakeFirstOrThrow();
    expect(stillPending.status).toBe('pending');
  });
});
