import type { CreateReportRequest } from '@switchboard/shared';
// The /min metadata: enough to tell a real number from a typo, at a fraction of the size.
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { z } from 'zod';
import { badRequest } from '../../platform/errors.ts';
import type { NetworkRow } from '../networks/index.ts';

/**
 * The country a network's national numbers (no + country code) are read in. Networks have
 * no country setting yet, so every network is taken as in the US, where the first ones are;
 * a `country` setting would be read here.
 */
export function callbackCountryOf(_network: NetworkRow): CountryCode {
  return 'US';
}

/**
 * A typed callback number in E.164 ("+16125550100"), or undefined when it is not a valid
 * phone number. The whole field must be the number (no number picked out of "call after 6
 * 612…"), so nothing typed is silently dropped.
 */
export function toE164(raw: string, country: CountryCode): string | undefined {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: country, extract: false });
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * The report with its callback number in E.164; a 400 `contact_invalid` naming /contact
 * when it is not a phone number. A report without one passes unchanged.
 */
export function withCheckedCallback(
  report: z.infer<typeof CreateReportRequest>,
  network: NetworkRow,
): z.infer<typeof CreateReportRequest> {
  if (!report.contact) return report;
  const contact = toE164(report.contact, callbackCountryOf(network));
  if (!contact) throw badRequest('contact_invalid', { fields: [{ path: '/contact', message: 'not a phone number' }] });
  return { ...report, contact };
}
