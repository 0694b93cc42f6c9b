import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { contract, requestNames } from '../../../shared/contract';
import { testSession } from '../../helpers/session';

describe('dispatch (the entry every adapter calls)', () => {
  it('has exactly one handler per contract entry, and the name list matches the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(contract).sort());
    expect([...requestNames].sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers a valid request with {ok: true, value}', async () => {
    const { dispatch } = testSession();
    expect(await dispatch('contacts.count', {})).toEqual({ ok: true, value: { total: 0 } });
    expect(await dispatch('settings.update', { defaultRegion: 'AT' })).toMatchObject({ ok: true, value: { defaultRegion: 'AT' } });
  });

  it('refuses a wrong-typed argument with invalid_input, in German, naming the field, and writes nothing', async () => {
    const session = testSession();
    const result = await session.dispatch('settings.update', { invitationReminderDays: 'vierzehn' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: expect.stringMatching(/^Ungültige Eingabe bei „settings\.update“: Feld „invitationReminderDays“/),
      },
    });
    expect(await session.dispatch('settings.get', {})).toMatchObject({ value: { invitationReminderDays: 14 } });
  });

  it('refuses unknown fields, missing input objects of the wrong type, and answers in English when chosen', async () => {
    const session = testSession();
    expect(await session.dispatch('contacts.list', { limit: 5, hack: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await session.dispatch('contacts.list', 'alles')).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await session.dispatch('settings.update', { language: 'en' });
    const result = await session.dispatch('contacts.list', { limit: 0 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/^Invalid input for “contacts\.list”: Field “limit”/) },
    });
  });

  it('answers an unknown request name with unknown_request', async () => {
    expect(await testSession().dispatch('contacts.dropAll', {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
    expect(await testSession().dispatch('__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
  });

  it('turns a failing service into {ok: false, internal} without a stack, and logs the stack', async () => {
    const { ctx } = testSession();
    const log = vi.fn();
    const dispatch = createDispatcher(ctx, log);
    vi.spyOn(ctx.repos.contacts, 'count').mockImplementation(() => {
      throw new Error('disk I/O error at secret/path.ts:12');
    });
    const result = await dispatch('contacts.count', {});
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('Ihre Daten sind unverändert') } });
    expect(JSON.stringify(result)).not.toContain('secret/path');
    expect(log).toHaveBeenCalledOnce();
  });

  it('checks a service’s answer against the contract', async () => {
    const { ctx } = testSession();
    const log = vi.fn();
    vi.spyOn(ctx.repos.contacts, 'count').mockReturnValue(-3);
    expect(await createDispatcher(ctx, log)('contacts.count', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('does not match the contract'), expect.anything());
  });
});
