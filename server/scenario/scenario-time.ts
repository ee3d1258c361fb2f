// Relative scenario times as MSELs write them (HSEEP 2020, docs/domain.md#hseep): "H+0:45", "H+2", "D+1 H+3", "D+1 H+3:15", or plain minutes.

export function parseScenarioTime(text: string): number | null {
  const s = text.trim().toUpperCase();
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  const m = /^(?:D\+(\d+)\s*)?H\+(\d+)(?::([0-5]\d))?$/.exec(s);
  if (!m) return null;
  const days = m[1] ? Number(m[1]) : 0;
  return days * 24 * 60 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
}

export function formatScenarioTime(minutes: number): string {
  const h = Math.floor(minutes / 60), m = Math.floor(minutes % 60);
  return `H+${h}:${String(m).padStart(2, '0')}`;
}
