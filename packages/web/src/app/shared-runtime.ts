// The runtime values the web app uses from @switchboard/shared — languages,
// roles, error codes and messages — without its zod schemas. vite.config.ts
// aliases '@switchboard/shared' to this file for the browser bundle, which keeps
// zod (about a third of the bundle) off people's phones. Types still come from
// the real package (`import type` is erased before bundling). Importing a schema
// as a value in web code makes the build fail with a missing export: validate
// with a small local check instead.
import ar from '../../../shared/src/locales/ar/errors.json';
import en from '../../../shared/src/locales/en/errors.json';
import es from '../../../shared/src/locales/es/errors.json';
import hmn from '../../../shared/src/locales/hmn/errors.json';
import so from '../../../shared/src/locales/so/errors.json';
import type { ErrorCode } from '../../../shared/src/errors.ts';
import type { Language } from '../../../shared/src/languages.ts';

export * from '../../../shared/src/errors.ts';
export * from '../../../shared/src/languages.ts';
export * from '../../../shared/src/roles.ts';

export const ERROR_MESSAGES: Record<Language, Record<ErrorCode, string>> = { en, es, so, hmn, ar };
