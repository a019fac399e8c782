import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * What and where, sealed at rest: a seized copy without the key must not show a report's
 * words, its typed place or its exact point, nor an incident's. Each gets a ciphertext column
 * (Keyring fields: 'address' for places and points, 'report' for what was said). The old plain
 * columns stay, nullable: rows written before this migration are moved into the new columns by
 * the reports module's `sealPlaintext` once the key is loaded, which then nulls them; a later
 * migration can drop them. Timeline entries that copied a place in words keep those fields in a
 * sealed `detail_enc` beside their plain detail. The coarse cell, area name and place id stay plain for queries.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  for (const column of ['location_text_enc', 'description_enc', 'point_enc'])
    await db.schema.alterTable('reports').addColumn(column, k.text).execute();
  for (const column of ['location_text_enc', 'point_enc', 'place_name_enc'])
    await db.schema.alterTable('incidents').addColumn(column, k.text).execute();
  // A timeline entry's copies of a place in words (e.g. where a dispatcher moved it from), sealed as JSON.
  await db.schema.alterTable('incident_events').addColumn('detail_enc', k.text).execute();
  // Clustering now asks for open incidents by coarse cell (the exact point is sealed).
  await db.schema
    .createIndex('incidents_open_cell')
    .on('incidents')
    .columns(['network_id', 'cell', 'last_reported_at'])
    .execute();
}
