import { afterEach, describe, expect, it, vi } from 'vitest';
import { invalidStreamEvents, loadStreamValidator } from './stream-validator.ts';

const dispatch = {
  id: '0190a000-0000-7000-8000-000000000001',
  incidentId: '0190a000-0000-7000-8000-000000000002',
  accountId: '0190a000-0000-7000-8000-000000000003',
  displayName: 'Ana',
  qualification: null,
  ring: 0,
  status: 'notified',
  notifiedAt: '2026-12-03T12:00:00.000Z',
  respondedAt: null,
  onSceneAt: null,
};

describe('the stream validator (the shared StreamEvent schema, loaded on its own)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes an event that matches the schema, with its body typed', async () => {
    const validate = await loadStreamValidator();
    expect(validate('dispatch.updated', JSON.stringify({ dispatch }))).toEqual({ type: 'dispatch.updated', data: { dispatch } });
  });

  it('drops, counts and (in development) logs what does not match: a missing field, a wrong type, an unknown event, no JSON', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const validate = await loadStreamValidator();
    const before = invalidStreamEvents();
    const { ring: _ring, ...noRing } = dispatch;
    expect(validate('dispatch.updated', JSON.stringify({ dispatch: noRing }))).toBeNull();
    expect(validate('dispatch.updated', JSON.stringify({ dispatch: { ...dispatch, status: 'lost' } }))).toBeNull();
    expect(validate('dispatch.deleted', JSON.stringify({ dispatch }))).toBeNull();
    expect(validate('dispatch.updated', '{"dispatch":')).toBeNull();
    expect(invalidStreamEvents() - before).toBe(4);
    expect(warn).toHaveBeenCalledTimes(4);
  });
});
