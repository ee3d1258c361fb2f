// The client clock in scenario time: hours and minutes on the first day, "d hh:mm" from the second day (shown after
// "H+"), for drills whose ticks last several minutes (docs/engine.md#multi-day).
import { describe, expect, it } from 'vitest';
import { clock, setMinutesPerTick, tickClock } from '../../client/util/format.ts';

describe('scenario clock', () => {
  it('shows hours and minutes, then days', () => {
    expect(clock(90)).toBe('1:30');
    expect(clock(1439)).toBe('23:59');
    expect(clock(48, 30)).toBe('1 00:00');
    expect(clock(61, 30)).toBe('1 06:30');
    expect(clock(144, 30)).toBe('3 00:00');
  });

  it('counts ticks in the drill minutes per tick once the map says so', () => {
    setMinutesPerTick(30);
    expect(tickClock(13)).toBe('6:30');
    expect(tickClock(61)).toBe('1 06:30');
    setMinutesPerTick(undefined);
    expect(tickClock(13)).toBe('0:13');
  });
});
