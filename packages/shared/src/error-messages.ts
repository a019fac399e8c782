import ar from './locales/ar/errors.json' with { type: 'json' };
import en from './locales/en/errors.json' with { type: 'json' };
import es from './locales/es/errors.json' with { type: 'json' };
import hmn from './locales/hmn/errors.json' with { type: 'json' };
import so from './locales/so/errors.json' with { type: 'json' };
import type { ErrorCode } from './errors.ts';
import type { Language } from './languages.ts';

/** Error messages per language, keyed by error code (shared by server responses and the web app). */
export const ERROR_MESSAGES: Record<Language, Record<ErrorCode, string>> = { en, es, so, hmn, ar };
