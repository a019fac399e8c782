// What the console hands the sections of the incident panel.
/** A keyboard command from the console: jump to a form in the open incident. */
export type PanelCommand = { kind: 'verify' | 'falseAlarm' | 'dispatch'; at: number };

/** What every section of the incident panel gets: the network, a confirmation line, and a reload. */
export type PanelSection = { slug: string; onDone: (m: string | null) => void; reload: () => Promise<void> };
