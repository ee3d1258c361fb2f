// Water changes travel packed: four bytes per changed cell (cell index as 24-bit little-endian, then decimetres),
// sent as base64. About half the size of the same pairs as JSON numbers. Shared by server and client.

export function packWater(pairs: readonly number[]): Uint8Array {
  const out = new Uint8Array((pairs.length / 2) * 4);
  for (let k = 0, o = 0; k < pairs.length; k += 2, o += 4) {
    const c = pairs[k];
    out[o] = c & 0xff;
    out[o + 1] = (c >>> 8) & 0xff;
    out[o + 2] = (c >>> 16) & 0xff;
    out[o + 3] = pairs[k + 1];
  }
  return out;
}

/** Calls `each(cell, decimetres)` for every packed record. */
export function unpackWater(bytes: Uint8Array, each: (cell: number, dm: number) => void): void {
  for (let o = 0; o + 3 < bytes.length; o += 4) each(bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16), bytes[o + 3]);
}
