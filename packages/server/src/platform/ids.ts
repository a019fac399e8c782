import { uuidv7 } from 'uuidv7';

/** A new time-sortable id, safe to expose. */
export const newId = (): string => uuidv7();
