/**
 * One spelling per phone number, so "612-555-0100", "(612) 555 0100" and Twilio's
 * "+16125550100" hash alike. Ten digits without a country code are taken as North
 * American (+1), where Switchboard's first networks are.
 */
export function normalizePhoneNumber(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return `+${digits}`;
}
