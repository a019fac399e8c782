/** Row types of the training module's tables (merged into DB in schema.ts). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface TrainingTables {}
