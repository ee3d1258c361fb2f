// Social feed and trust: a hoax left unanswered lowers trust; a fast clarification stops it; complaints answered help.
import { describe, expect, it } from 'vitest';
import { checkCommand, createWorld, step } from '../../../server/sim/world.ts';
import { town } from './fixtures.ts';

const rumours = [{ id: 'hoaks', minute: 5, areas: ['a'], text: { id: 'Air tidak akan naik', en: 'The water will not rise' } }];

describe('trust and the social feed', () => {
  it('a hoax left unanswered lowers trust in its area, not elsewhere', () => {
    const w = createWorld(town({ rumours }), 1);
    // Keep talking to the public so silence is not what lowers trust.
    for (let t = 0; t < 60; t++) step(w, t % 30 === 0 ? [{ type: 'submit_sitrep' }] : []);
    expect(w.hoods[0].trust).toBeLessThan(0.7 - 0.1);
    expect(w.hoods[1].trust).toBeGreaterThanOrEqual(0.7);
  });

  it('a clarification within 30 minutes stops the loss and wins some trust back', () => {
    const w = createWorld(town({ rumours }), 1);
    for (let t = 0; t < 60; t++) step(w, t === 10 ? [{ type: 'publish_clarification', postId: 'hoaks' }] : t % 30 === 0 ? [{ type: 'submit_sitrep' }] : []);
    const clarified = w.hoods[0].trust;
    const w2 = createWorld(town({ rumours }), 1);
    for (let t = 0; t < 60; t++) step(w2, t % 30 === 0 ? [{ type: 'submit_sitrep' }] : []);
    expect(clarified).toBeGreaterThan(w2.hoods[0].trust + 0.1);
    expect(checkCommand(w, { type: 'publish_clarification', postId: 'hoaks' })?.code).toBe('already_clarified');
    expect(checkCommand(w, { type: 'publish_clarification', postId: 'nope' })?.code).toBe('unknown_post');
  });

  it('public silence after the alert lowers trust; an unwarned flooded area complains', () => {
    const w = createWorld(town(), 1);
    for (let t = 0; t < 120; t++) step(w, []);
    expect(w.hoods[0].trust).toBeLessThan(0.7);
    const talk = createWorld(town(), 1);
    for (let t = 0; t < 120; t++) step(talk, t % 30 === 0 ? [{ type: 'submit_sitrep' }] : []);
    expect(talk.hoods[0].trust).toBeGreaterThanOrEqual(0.7);
  });

  it('sitrep accuracy is measured against ground truth', () => {
    const w = createWorld(town(), 1);
    step(w, [{ type: 'submit_sitrep', sheltered: 0, stranded: 0, casualties: 0 }]);
    expect(w.sitreps[0].accuracy).toBe(1);
    const w2 = createWorld(town(), 1);
    step(w2, [{ type: 'submit_sitrep', sheltered: 500, stranded: 0, casualties: 0 }]);
    expect(w2.sitreps[0].accuracy).toBeLessThan(0.7);
  });
});
