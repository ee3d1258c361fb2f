// Piecewise-linear time series (sea level, hydrographs, rainfall): a leaf helper shared by the engine and the loader.

/** Value at time t of a series given as points sorted by t; held constant before the first and after the last. */
export function interpolate(points: { t: number; value: number }[], t: number): number {
  if (points.length === 0) return 0;
  if (t <= points[0].t) return points[0].value;
  for (let k = 1; k < points.length; k++) {
    const a = points[k - 1], b = points[k];
    if (t <= b.t) return a.value + ((b.value - a.value) * (t - a.t)) / (b.t - a.t);
  }
  return points[points.length - 1].value;
}
