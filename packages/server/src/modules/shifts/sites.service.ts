import { LANGUAGES, SITE_KINDS, type SiteImportRequest, type SiteInput } from '@switchboard/shared';
import { parse } from 'csv-parse/sync';
import { latLngToCell } from 'h3-js';
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { RequestContext } from '../../platform/context.ts';
import { badRequest, forbidden } from '../../platform/errors.ts';
import { stringsFor } from '../../platform/i18n/strings.ts';
import { newId } from '../../platform/ids.ts';
import {
  auditRead,
  enterNetwork,
  findOrganization,
  inTransaction,
  setSharedWith,
  sharedWith,
  sharedWithMany,
} from '../networks/index.ts';
import { assertSeesSite, canManageOrg, siteScope } from './shifts-access.ts';
import * as sitesRepo from './sites.repository.ts';
import { SHIFTS_POLICY as P } from './shifts.policy.ts';

type Input = z.output<typeof SiteInput>;
/** Resolution of a site's stored cell (about 0.7 km²): enough for "near me" searches. */
export const SITE_CELL_RES = 8;

/** A site as members see it. */
function siteDto(site: sitesRepo.SiteRow, sharedWith: string[], canManage: boolean) {
  return {
    id: site.id,
    organizationId: site.organizationId,
    organizationName: site.organizationName,
    name: site.name,
    kind: site.kind as (typeof SITE_KINDS)[number],
    address: site.address,
    lat: site.lat,
    lng: site.lng,
    sharing: site.sharing,
    sharedWith,
    languages: site.languages as never[],
    canManage,
  };
}

/** Sites the caller can see (owned, shared with the network or with their organizations). */
export async function listSites(ctx: RequestContext, slug: string) {
  const { network, access } = await enterNetwork(ctx, slug, P['site.list']);
  const sites = await sitesRepo.listSites(ctx.deps.database.db, ctx.deps.keyring, network.id, siteScope(access));
  const shares = await sharedWithMany(
    ctx.deps.database.db,
    'site',
    sites.filter((s) => s.sharing === 'organizations').map((s) => s.id),
  );
  return { sites: sites.map((s) => siteDto(s, shares.get(s.id) ?? [], canManageOrg(access, s.organizationId))) };
}

/** One site with its notes for volunteers (decrypted; the read is audited). */
export async function getSite(ctx: RequestContext, slug: string, siteId: string) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['site.list']);
  const db = ctx.deps.database.db;
  const site = await assertSeesSite(db, access, await sitesRepo.findSite(db, ctx.deps.keyring, network.id, siteId));
  await auditRead(ctx, {
    networkId: network.id,
    actorId: actor.accountId,
    action: 'site.read_notes',
    targetType: 'site',
    targetId: site.id,
  });
  const named = await sharedWith(db, 'site', site.id);
  return {
    ...siteDto(site, named, canManageOrg(access, site.organizationId)),
    notes: site.notesEnc ? ctx.deps.keyring.decrypt('contact', site.notesEnc) : '',
  };
}

async function writeSite(ctx: RequestContext, trx: Transaction<DB>, networkId: string, id: string, input: Input, isNew: boolean) {
  const now = ctx.deps.clock.now().toISOString();
  const fields: sitesRepo.SiteFields = {
    organizationId: input.organizationId,
    name: input.name,
    kind: input.kind,
    address: input.address,
    lat: input.lat,
    lng: input.lng,
    cell: latLngToCell(input.lat, input.lng, SITE_CELL_RES),
    sharing: input.sharing,
    notesEnc: input.notes ? ctx.deps.keyring.encrypt('contact', input.notes) : null,
    languages: [...new Set(input.languages)],
  };
  if (isNew) await sitesRepo.insertSite(trx, ctx.deps.keyring, networkId, id, fields, now);
  else await sitesRepo.updateSite(trx, ctx.deps.keyring, networkId, id, fields, now);
  await setSharedWith(trx, { kind: 'site', id, networkId }, input.sharing === 'organizations' ? input.sharedWith : []);
}

async function assertOrgOfNetwork(ctx: RequestContext, networkId: string, organizationId: string) {
  const org = await findOrganization(ctx.deps.database.db, networkId, organizationId);
  if (org?.status !== 'active') throw badRequest('validation_failed', { fields: ['organizationId'] });
}

/** A coordinator of the owning organization (or a network admin) registers a site. */
export async function createSite(ctx: RequestContext, slug: string, input: Input) {
  const { network, actor } = await enterNetwork(ctx, slug, P['site.manage'], input.organizationId);
  await assertOrgOfNetwork(ctx, network.id, input.organizationId);
  const id = newId();
  await inTransaction(ctx, async (trx, audit) => {
    await writeSite(ctx, trx, network.id, id, input, true);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'site.create',
      targetType: 'site',
      targetId: id,
      detail: { organizationId: input.organizationId, kind: input.kind },
    });
  });
  return getSite(ctx, slug, id);
}

/** Edit a site: the caller must manage both its current and its new owner organization. */
export async function updateSite(ctx: RequestContext, slug: string, siteId: string, input: Input) {
  const { network, access, actor } = await enterNetwork(ctx, slug, P['site.list']);
  const site = await assertSeesSite(
    ctx.deps.database.db,
    access,
    await sitesRepo.findSite(ctx.deps.database.db, ctx.deps.keyring, network.id, siteId),
  );
  if (!canManageOrg(access, site.organizationId) || !canManageOrg(access, input.organizationId)) throw forbidden();
  await assertOrgOfNetwork(ctx, network.id, input.organizationId);
  await inTransaction(ctx, async (trx, audit) => {
    await writeSite(ctx, trx, network.id, siteId, input, false);
    await audit({ networkId: network.id, actorId: actor.accountId, action: 'site.update', targetType: 'site', targetId: siteId });
  });
  return getSite(ctx, slug, siteId);
}

const REQUIRED_COLUMNS = ['name', 'kind', 'address', 'lat', 'lng'] as const;
const MAX_IMPORT_ROWS = 5000;

/** The rows of a site CSV by lower-cased column name; 400 csv_rejected when unreadable, without the columns, or too long. */
function parseSiteCsv(csv: string, s: ReturnType<typeof stringsFor<'shifts'>>['csv']): Record<string, string>[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
    });
  } catch {
    throw badRequest('csv_rejected', { errors: [{ row: 0, field: 'file', message: s.parse }] });
  }
  const header = records.length ? Object.keys(records[0]) : [];
  if (records.length === 0 || REQUIRED_COLUMNS.some((c) => !header.includes(c)))
    throw badRequest('csv_rejected', { errors: [{ row: 1, field: 'header', message: s.columns }] });
  if (records.length > MAX_IMPORT_ROWS)
    throw badRequest('csv_rejected', { errors: [{ row: MAX_IMPORT_ROWS + 2, field: 'file', message: s.tooLong }] });
  return records;
}

/**
 * CSV import of sites into one organization. Every row is checked first; each problem is
 * reported by row and field in the caller's language. Preview writes nothing; commit
 * writes every row in one transaction, or nothing at all if any row is wrong.
 */
export async function importSites(ctx: RequestContext, slug: string, input: z.output<typeof SiteImportRequest>) {
  const { network, actor } = await enterNetwork(ctx, slug, P['site.manage'], input.organizationId);
  await assertOrgOfNetwork(ctx, network.id, input.organizationId);
  const s = stringsFor('shifts', ctx.language).csv;
  const errors: { row: number; field: string; message: string }[] = [];
  const records = parseSiteCsv(input.csv, s);

  const existing = await sitesRepo.siteNamesOf(ctx.deps.database.db, ctx.deps.keyring, network.id, input.organizationId);
  const seen = new Set(existing.map((e) => `${e.name.toLowerCase()}|${e.address.toLowerCase()}`));
  const good: Input[] = [];
  const preview: { row: number; name: string; kind: string; address: string }[] = [];
  records.forEach((r, i) => {
    const row = i + 2; // line number in the file: the header is line 1
    const before = errors.length;
    const err = (field: string, message: string) => errors.push({ row, field, message });
    const name = r.name ?? '';
    const address = r.address ?? '';
    if (!name) err('name', s.required);
    else if (name.length > 200) err('name', s.tooLong);
    if (!(SITE_KINDS as readonly string[]).includes(r.kind ?? '')) err('kind', s.kind);
    if (!address) err('address', s.required);
    else if (address.length > 300) err('address', s.tooLong);
    const lat = Number(r.lat);
    const lng = Number(r.lng);
    if (r.lat === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) err('lat', s.lat);
    if (r.lng === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) err('lng', s.lng);
    const languages = (r.languages ?? '').split(/[\s;|,]+/).filter(Boolean);
    if (languages.some((l) => !(LANGUAGES as readonly string[]).includes(l))) err('languages', s.languages);
    const notes = r.notes ?? '';
    if (notes.length > 2000) err('notes', s.tooLong);
    const key = `${name.toLowerCase()}|${address.toLowerCase()}`;
    if (name && address && seen.has(key)) err('name', s.duplicate);
    seen.add(key);
    if (errors.length === before) {
      good.push({
        organizationId: input.organizationId,
        name,
        kind: r.kind as Input['kind'],
        address,
        lat,
        lng,
        sharing: 'network',
        sharedWith: [],
        notes,
        languages: languages as Input['languages'],
      });
      preview.push({ row, name, kind: r.kind, address });
    }
  });
  const result = { rows: records.length, valid: good.length, errors, preview: preview.slice(0, 50), imported: 0 };
  if (!input.commit) return result;
  if (errors.length > 0) throw badRequest('csv_rejected', { errors });
  await inTransaction(ctx, async (trx, audit) => {
    for (const site of good) await writeSite(ctx, trx, network.id, newId(), site, true);
    await audit({
      networkId: network.id,
      actorId: actor.accountId,
      action: 'site.import',
      targetType: 'organization',
      targetId: input.organizationId,
      detail: { count: good.length },
    });
  });
  return { ...result, imported: good.length };
}
