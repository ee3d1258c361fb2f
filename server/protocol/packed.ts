// Packed payloads: a large server→client message (a view delta at the peak of a flood, a snapshot in a join ack)
// is deflated ONCE on the server and sent as binary to every socket of a room, instead of being compressed again
// for each socket by WebSocket permessage-deflate. Sockets say at the handshake that they can read them
// (`auth: { packed: 1 }`); others receive plain JSON. Decoding lives here so the client and the load bots share it.
// Format: raw DEFLATE (RFC 1951) of the UTF-8 JSON text.
import { inflateSync, strFromU8 } from 'fflate';

/** Handshake auth field by which a client says it reads packed payloads. */
export const PACKED_AUTH = 'packed';
/** Ack field holding the packed part of an answer (merged into the ack by unpackAck). */
export const PACKED_FIELD = 'packed';
/** Messages whose JSON is at least this long are packed (smaller ones do not shrink enough to pay for it). */
export const PACK_THRESHOLD_BYTES = 4096;

function asBytes(p: unknown): Uint8Array | null {
  if (p instanceof Uint8Array) return p;
  if (p instanceof ArrayBuffer) return new Uint8Array(p);
  return null;
}

/** A payload as sent: packed bytes are inflated and parsed, anything else is returned as it is. */
export function unpack<T>(payload: unknown): T {
  const bytes = asBytes(payload);
  return (bytes ? JSON.parse(strFromU8(inflateSync(bytes))) : payload) as T;
}

/** An ack whose large part came packed: that part's fields merged back into the ack. */
export function unpackAck<T>(ack: T): T {
  if (!ack || typeof ack !== 'object' || !(PACKED_FIELD in ack)) return ack;
  const { [PACKED_FIELD]: packed, ...rest } = ack as Record<string, unknown>;
  const bytes = asBytes(packed);
  if (!bytes) return ack;
  return { ...rest, ...(unpack<Record<string, unknown>>(bytes)) } as T;
}
