/** One byte range of a file, both ends included (as in `Content-Range: bytes start-end/size`). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Read a `Range` header against a file of `size` bytes (RFC 9110 §14). Returns:
 * - `null`: no usable single range (absent, another unit, several ranges, malformed),
 *   so the whole file is sent, as the RFC allows a server to ignore Range;
 * - `'unsatisfiable'`: a well-formed range that starts past the end (answer 416);
 * - the range, clamped to the file.
 * Several ranges would need a multipart body; map clients ask for one at a time.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m) return null;
  const [, first, last] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // A suffix: the last N bytes.
    const n = Number(last);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
