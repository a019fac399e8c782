// Every server string table, imported statically so esbuild bundles them into dist/cli.js and
// they are parsed once at start. A namespace is a file name under
// packages/shared/src/locales/<lang>/; adding one means adding its five imports here (a
// test fails when a file there has no line here). The web app never imports this file.
import alertsAr from '@switchboard/shared/locales/ar/alerts.json' with { type: 'json' };
import alertsEn from '@switchboard/shared/locales/en/alerts.json' with { type: 'json' };
import alertsEs from '@switchboard/shared/locales/es/alerts.json' with { type: 'json' };
import alertsHmn from '@switchboard/shared/locales/hmn/alerts.json' with { type: 'json' };
import alertsSo from '@switchboard/shared/locales/so/alerts.json' with { type: 'json' };
import dispatchAr from '@switchboard/shared/locales/ar/dispatch.json' with { type: 'json' };
import dispatchEn from '@switchboard/shared/locales/en/dispatch.json' with { type: 'json' };
import dispatchEs from '@switchboard/shared/locales/es/dispatch.json' with { type: 'json' };
import dispatchHmn from '@switchboard/shared/locales/hmn/dispatch.json' with { type: 'json' };
import dispatchSo from '@switchboard/shared/locales/so/dispatch.json' with { type: 'json' };
import errorsAr from '@switchboard/shared/locales/ar/errors.json' with { type: 'json' };
import errorsEn from '@switchboard/shared/locales/en/errors.json' with { type: 'json' };
import errorsEs from '@switchboard/shared/locales/es/errors.json' with { type: 'json' };
import errorsHmn from '@switchboard/shared/locales/hmn/errors.json' with { type: 'json' };
import errorsSo from '@switchboard/shared/locales/so/errors.json' with { type: 'json' };
import hubsAr from '@switchboard/shared/locales/ar/hubs.json' with { type: 'json' };
import hubsEn from '@switchboard/shared/locales/en/hubs.json' with { type: 'json' };
import hubsEs from '@switchboard/shared/locales/es/hubs.json' with { type: 'json' };
import hubsHmn from '@switchboard/shared/locales/hmn/hubs.json' with { type: 'json' };
import hubsSo from '@switchboard/shared/locales/so/hubs.json' with { type: 'json' };
import publicAr from '@switchboard/shared/locales/ar/public.json' with { type: 'json' };
import publicEn from '@switchboard/shared/locales/en/public.json' with { type: 'json' };
import publicEs from '@switchboard/shared/locales/es/public.json' with { type: 'json' };
import publicHmn from '@switchboard/shared/locales/hmn/public.json' with { type: 'json' };
import publicSo from '@switchboard/shared/locales/so/public.json' with { type: 'json' };
import shiftsAr from '@switchboard/shared/locales/ar/shifts.json' with { type: 'json' };
import shiftsEn from '@switchboard/shared/locales/en/shifts.json' with { type: 'json' };
import shiftsEs from '@switchboard/shared/locales/es/shifts.json' with { type: 'json' };
import shiftsHmn from '@switchboard/shared/locales/hmn/shifts.json' with { type: 'json' };
import shiftsSo from '@switchboard/shared/locales/so/shifts.json' with { type: 'json' };
import trainingAr from '@switchboard/shared/locales/ar/training.json' with { type: 'json' };
import trainingEn from '@switchboard/shared/locales/en/training.json' with { type: 'json' };
import trainingEs from '@switchboard/shared/locales/es/training.json' with { type: 'json' };
import trainingHmn from '@switchboard/shared/locales/hmn/training.json' with { type: 'json' };
import trainingSo from '@switchboard/shared/locales/so/training.json' with { type: 'json' };
import ridesAr from '@switchboard/shared/locales/ar/rides.json' with { type: 'json' };
import ridesEn from '@switchboard/shared/locales/en/rides.json' with { type: 'json' };
import ridesEs from '@switchboard/shared/locales/es/rides.json' with { type: 'json' };
import ridesHmn from '@switchboard/shared/locales/hmn/rides.json' with { type: 'json' };
import ridesSo from '@switchboard/shared/locales/so/rides.json' with { type: 'json' };
import careFormAr from '@switchboard/shared/locales/ar/care-form.json' with { type: 'json' };
import careFormEn from '@switchboard/shared/locales/en/care-form.json' with { type: 'json' };
import careFormEs from '@switchboard/shared/locales/es/care-form.json' with { type: 'json' };
import careFormHmn from '@switchboard/shared/locales/hmn/care-form.json' with { type: 'json' };
import careFormSo from '@switchboard/shared/locales/so/care-form.json' with { type: 'json' };
import careAr from '@switchboard/shared/locales/ar/care.json' with { type: 'json' };
import careEn from '@switchboard/shared/locales/en/care.json' with { type: 'json' };
import careEs from '@switchboard/shared/locales/es/care.json' with { type: 'json' };
import careHmn from '@switchboard/shared/locales/hmn/care.json' with { type: 'json' };
import careSo from '@switchboard/shared/locales/so/care.json' with { type: 'json' };
import type { Language } from '@switchboard/shared';

/** One namespace as read from disk: English gives the shape, the others are checked by the completeness test, not here. */
interface Source<T> {
  en: T;
  /** Translations are typed loosely so a missing key falls back to English instead of failing the build. */
  others: Record<Exclude<Language, 'en'>, unknown>;
}

const source = <T>(en: T, others: Source<T>['others']): Source<T> => ({ en, others });

/** Every namespace and its tables per language, as in the JSON files. */
export const SOURCES = {
  alerts: source(alertsEn, { es: alertsEs, so: alertsSo, hmn: alertsHmn, ar: alertsAr }),
  dispatch: source(dispatchEn, { es: dispatchEs, so: dispatchSo, hmn: dispatchHmn, ar: dispatchAr }),
  errors: source(errorsEn, { es: errorsEs, so: errorsSo, hmn: errorsHmn, ar: errorsAr }),
  public: source(publicEn, { es: publicEs, so: publicSo, hmn: publicHmn, ar: publicAr }),
  shifts: source(shiftsEn, { es: shiftsEs, so: shiftsSo, hmn: shiftsHmn, ar: shiftsAr }),
  training: source(trainingEn, { es: trainingEs, so: trainingSo, hmn: trainingHmn, ar: trainingAr }),
  rides: source(ridesEn, { es: ridesEs, so: ridesSo, hmn: ridesHmn, ar: ridesAr }),
  hubs: source(hubsEn, { es: hubsEs, so: hubsSo, hmn: hubsHmn, ar: hubsAr }),
  'care-form': source(careFormEn, { es: careFormEs, so: careFormSo, hmn: careFormHmn, ar: careFormAr }),
  care: source(careEn, { es: careEs, so: careSo, hmn: careHmn, ar: careAr }),
};
