import type { Kysely } from 'kysely';
import { columnKinds } from '../column-kinds.ts';
import type { Dialect } from '../database.ts';

/**
 * The places module: a network's gazetteer of named areas (neighbourhoods, with their
 * boundaries) and named points (intersections, landmarks, stations), and which place a
 * report or an incident was resolved to. Frozen.
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const k = columnKinds(dialect);
  const real = (dialect === 'postgres' ? 'double precision' : 'real') as typeof k.text;

  await db.schema
    .createTable('places')
    .addColumn('id', k.id, (c) => c.primaryKey().notNull())
    .addColumn('network_id', k.id, (c) => c.notNull().references('networks.id'))
    // 'area' | 'intersection' | 'landmark' | 'station'
    .addColumn('kind', k.text, (c) => c.notNull())
    .addColumn('name', k.text, (c) => c.notNull())
    // The name as matching sees it (places/normalize.ts): one place per kind and name.
    .addColumn('normalized', k.text, (c) => c.notNull())
    // A point's position, or an area's centre. Public geography: the gazetteer names no person.
    .addColumn('lat', real, (c) => c.notNull())
    .addColumn('lng', real, (c) => c.notNull())
    // Areas: the GeoJSON geometry (Polygon or MultiPolygon) and its bounding box for a first filter.
    .addColumn('boundary', k.json)
    .addColumn('min_lat', real)
    .addColumn('max_lat', real)
    .addColumn('min_lng', real)
    .addColumn('max_lng', real)
    .addColumn('created_at', k.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('places_network_kind_name')
    .on('places')
    .columns(['network_id', 'kind', 'normalized'])
    .unique()
    .execute();

  // Which gazetteer place a report's typed location was resolved to (null: GPS, the map, or not found).
  await db.schema.alterTable('reports').addColumn('place_id', k.id).execute();
  await db.schema.alterTable('incidents').addColumn('place_id', k.id).execute();
  // The words alerts and the console say where it is ("Phillips West", "Lake St & Chicago Ave"),
  // kept with the incident so a renamed or deleted place never changes what was said.
  await db.schema.alterTable('incidents').addColumn('place_name', k.text).execute();
  await db.schema.alterTable('incidents').addColumn('area_name', k.text).execute();
  // What each alert said where it was, for the public list.
  await db.schema.alterTable('alerts').addColumn('area_name', k.text).execute();
  await db.schema.alterTable('alerts').addColumn('place_name', k.text).execute();
}
