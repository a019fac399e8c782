/**
 * A contact as the requester typed it ("+1 612 555 0147", "(612) 555-0147") reduced to the
 * digits a tel: or sms: link needs, or null when it is not a phone number (an email, a name).
 */
export function phoneOf(contact: string): string | null {
  const compact = contact.replace(/[\s().-]/g, '');
  return /^\+?\d{7,15}$/.test(compact) ? compact : null;
}
