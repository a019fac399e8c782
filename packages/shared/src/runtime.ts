// The zod-free face of the package ('@switchboard/shared/runtime'): languages, roles,
// error codes and messages, and the lists the schemas are built on. The web bundle takes
// its values from here, because the schema modules build zod objects when they load and
// zod would be about a third of a phone's first download. Types still come from
// '@switchboard/shared' (`import type` is erased before bundling).
export * from './languages.ts';
export * from './roles.ts';
export * from './errors.ts';
export * from './error-messages.ts';
export * from './constants/rapid-response.ts';
export * from './constants/shifts.ts';
