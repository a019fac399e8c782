/** A named place of a network's gazetteer: an area with its boundary, or a point. */
export interface PlacesTable {
  id: string;
  network_id: string;
  kind: string;
  name: string;
  normalized: string;
  lat: number;
  lng: number;
  boundary: string | null;
  min_lat: number | null;
  max_lat: number | null;
  min_lng: number | null;
  max_lng: number | null;
  created_at: string | Date;
}

/** The places module's tables. */
export interface PlacesTables {
  places: PlacesTable;
}
