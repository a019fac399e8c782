import type { FastifyRequest } from 'fastify';
import type { FormSubmission, FormValues } from './report-form.service.ts';

const FIELDS = new Set<keyof FormValues>([
  'category',
  'where',
  'when',
  'what',
  'contact',
  'lat',
  'lng',
  'lang',
  'key',
  'altcha',
  'check_token',
  'check_answer',
]);

function pick(source: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(source)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (FIELDS.has(name as keyof FormValues) && typeof v === 'string') values[name as keyof FormValues] = v;
  }
  return values;
}

/**
 * Read the posted form, multipart (with the optional photo) or urlencoded. A photo over
 * the size limit is reported as such so the form can say so in words. A multipart body
 * that cannot be read to its end (no boundary, cut off in a field, a part's headers or
 * the photo) comes back as `broken` with the fields read before the break, so the form
 * can be shown again with them: the connection or a proxy is at fault, not the reporter.
 */
export async function readForm(req: FastifyRequest): Promise<FormSubmission> {
  if (!req.isMultipart())
    return withPageLanguage(req, {
      values: pick(req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {}),
    });
  const raw: Record<string, unknown> = {};
  let photo: FormSubmission['photo'];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        // The plugin runs with throwFileSizeLimit off: an oversized photo is cut at the
        // limit (flagged as truncated) and the fields after it are still read.
        const bytes = await part.toBuffer();
        if (part.file.truncated) photo = { tooLarge: true };
        else if (part.fieldname === 'photo' && bytes.length > 0) photo = { bytes };
      } else if (!(part.fieldname in raw)) {
        raw[part.fieldname] = part.value;
      }
    }
  } catch {
    // busboy's parse errors and the plugin's part limits: nothing here is worth a log line.
    return withPageLanguage(req, { values: pick(raw), broken: true });
  }
  return withPageLanguage(req, { values: pick(raw), photo });
}

/** The form's language is its hidden field, else the ?lang= of the form's own action (a cut body may lack the field). */
function withPageLanguage(req: FastifyRequest, submission: FormSubmission): FormSubmission {
  const lang = (req.query as { lang?: unknown } | undefined)?.lang;
  if (submission.values.lang === undefined && typeof lang === 'string') submission.values.lang = lang;
  return submission;
}
