// A small Dockerfile reader for the deployment test: enough of the syntax to see stages,
// their instructions, ENV names and the sources each COPY/ADD takes. No Docker engine runs here.

export type Instruction = { keyword: string; args: string; line: number };
export type Stage = { from: string; name: string | undefined; instructions: Instruction[] };

/** Splits words the way the shell form does, keeping quoted parts together (quotes removed). */
export function words(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const m of text.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** Instructions with their continuation lines joined; comments and blank lines dropped. */
export function instructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!pending && (line === '' || line.startsWith('#'))) return;
    if (pending && line.startsWith('#')) return; // comments may sit inside a continued instruction
    const continues = line.endsWith('\\');
    const body = continues ? line.slice(0, -1) : line;
    pending = pending ? { text: `${pending.text} ${body}`, line: pending.line } : { text: body, line: i + 1 };
    if (continues) return;
    const [keyword = '', ...rest] = pending.text.trim().split(/\s+/);
    out.push({ keyword: keyword.toUpperCase(), args: rest.join(' '), line: pending.line });
    pending = undefined;
  });
  return out;
}

/** The stages, in order; the last one is what `docker build` ships. */
export function stages(text: string): Stage[] {
  const out: Stage[] = [];
  for (const ins of instructions(text)) {
    if (ins.keyword === 'FROM') {
      const w = words(ins.args).filter((x) => !x.startsWith('--'));
      out.push({ from: w[0] ?? '', name: w[1]?.toUpperCase() === 'AS' ? w[2] : undefined, instructions: [] });
    } else {
      const current = out.at(-1);
      if (!current) throw new Error(`line ${ins.line}: ${ins.keyword} before FROM`);
      current.instructions.push(ins);
    }
  }
  return out;
}

/** Names an ENV instruction sets: `ENV A=1 B="x y"` or the old `ENV A value`. */
export function envNames(args: string): string[] {
  const w = words(args);
  if (w.length > 0 && !w[0]?.includes('=')) return [w[0] as string];
  return w.map((x) => x.split('=')[0] as string);
}

/** The sources of a COPY or ADD (flags dropped, the destination last), in either form. */
export function copySources(args: string): { from: string | undefined; sources: string[] } {
  const json = args.trim().startsWith('[') ? (JSON.parse(args) as string[]) : undefined;
  const w = json ?? words(args);
  const from = w.find((x) => x.startsWith('--from='))?.slice('--from='.length);
  const paths = w.filter((x) => !x.startsWith('--'));
  return { from, sources: paths.slice(0, -1) };
}
