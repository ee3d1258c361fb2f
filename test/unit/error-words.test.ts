// Every error a person can cause reads as a sentence in their language (issue 8): the client's errorText maps a
// server error's code and field to the dictionaries and never passes the server's own text (English, zod) on.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../server/protocol/events.ts';
import { drillWords } from '../../client/i18n/words-drill.ts';
import { errorText } from '../../client/util/format.ts';

const RAW = 'evaluatorCode: Too small: expected string to have >=6 characters';

describe('errors in words', () => {
  it('maps the mistakes people make to what to do', () => {
    const w = drillWords.id;
    expect(errorText({ code: 'bad_request', field: 'evaluatorCode', message: RAW })).toBe(w['home.eval.short']);
    expect(errorText({ code: 'bad_key', field: 'evaluatorCode', message: 'the facilitator key, token or evaluator code is wrong' })).toBe(w['err.bad_key.evaluatorCode']);
    expect(errorText({ code: 'bad_key', field: 'key', message: 'key: the facilitator key is wrong' })).toBe(w['err.bad_key.key']);
    expect(errorText({ code: 'not_found', field: 'code', message: 'code: no drill with join code K7QM2P' })).toBe(w['err.not_found.code']);
    expect(errorText({ code: 'wrong_state', message: 'the drill has not started yet' })).toBe(w['err.wrong_state.lobby']);
    expect(errorText({ code: 'bad_request', field: 'command.message', message: 'command.message: Too big: expected string to have <=500 characters' }))
      .toBe(w['err.bad_request.field'].replace('{field}', w['field.message']));
    // A field the words do not know still gets a sentence, not the schema's text.
    expect(errorText({ code: 'bad_request', field: 'zzz.unknown', message: 'zzz.unknown: Invalid input' })).toBe(w['err.bad_request']);
  });

  it('never shows the server’s own text, for any code and field', () => {
    for (const code of ERROR_CODES) {
      for (const field of [undefined, 'code', 'key', 'evaluatorCode', 'token', 'name', 'command.areas', 'action.row.from', 'x.y.z']) {
        const out = errorText({ code, field, message: `${field ?? 'payload'}: ${RAW}`, ...(code === 'refused' ? { refusal: { code: 'posko_active' } } : {}) });
        expect(out, `${code} ${field}`).not.toMatch(/Too small|expected string|>=/);
        expect(out.length, `${code} ${field}`).toBeGreaterThan(10);
      }
    }
  });
});
