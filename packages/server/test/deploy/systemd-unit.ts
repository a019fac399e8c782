// Reads a systemd unit file into its sections' settings, for the deployment test.

export type Unit = Map<string, { key: string; value: string }[]>;

export function parseUnit(text: string): Unit {
  const unit: Unit = new Map();
  let section: { key: string; value: string }[] | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = line.match(/^\[(.+)\]$/);
    if (header?.[1]) {
      section = [];
      unit.set(header[1], section);
      continue;
    }
    const eq = line.indexOf('=');
    if (!section || eq < 0) throw new Error(`not a setting: ${line}`);
    section.push({ key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim() });
  }
  return unit;
}

/** The values of one setting in one section (settings may repeat). */
export function settings(unit: Unit, section: string, key: string): string[] {
  return (unit.get(section) ?? []).filter((s) => s.key === key).map((s) => s.value);
}

/** `Environment=A=1 "B=two words"` → [['A', '1'], ['B', 'two words']]. */
export function environment(unit: Unit): [string, string][] {
  return settings(unit, 'Service', 'Environment').flatMap((value) =>
    [...value.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => {
      const assignment = m[1] ?? m[2] ?? '';
      const eq = assignment.indexOf('=');
      return [assignment.slice(0, eq), assignment.slice(eq + 1)] as [string, string];
    }),
  );
}
