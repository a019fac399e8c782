/** Row types of the shifts module's tables (merged into DB in schema.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ShiftsTables {}
