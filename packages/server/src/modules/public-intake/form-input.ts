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
 * the size limit is reported as such so the form can say so in words.
 */
export async function readForm(req: FastifyRequest): Promise<FormSubmission> {
  if (!req.isMultipart())
    return { values: pick(req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {}) };
  const raw: Record<string, unknown> = {};
  let photo: FormSubmission['photo'];
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
  return { values: pick(raw), photo };
}
