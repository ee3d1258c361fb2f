// Room broadcasts encoded once per room, not once per socket. WebSocket permessage-deflate is off: with it on,
// Socket.IO cannot reuse one pre-built frame for a room and the ws library compresses every large message again
// for every socket (docs/load.md: 600 sockets × every roster change). Instead a message whose JSON is large is
// deflated here once and sent as binary to the sockets that read packed payloads (server/protocol/packed.ts);
// sockets that did not ask for packing (scripts, tests) sit in a parallel "~plain" room and get the JSON.
import { deflateRawSync } from 'node:zlib';
import type { BroadcastOperator, DefaultEventsMap, Server, Socket } from 'socket.io';
import type { ClientToServerEvents, S2CEvent, ServerPayloads, ServerToClientEvents } from '../protocol/event-maps.ts';
import { PACK_THRESHOLD_BYTES, PACKED_AUTH, PACKED_FIELD } from '../protocol/packed.ts';

/** The Socket.IO server with the protocol's event maps (server/protocol/event-maps.ts). */
export type GladiServer = Server<ClientToServerEvents, ServerToClientEvents>;
/** One connection of it; `D` is what the socket server keeps in `socket.data`. */
export type GladiSocket<D = unknown> = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, D>;
type Rooms = BroadcastOperator<ServerToClientEvents, unknown>;

const PLAIN = '~plain';

export interface BroadcastStats {
  /** Room messages sent (each encoded once for its room). */
  roomMessages: number;
  /** Of those, sent packed (deflated once). */
  packedMessages: number;
  /** JSON bytes before packing and bytes after, over all packed room messages and acks. */
  packedJsonBytes: number;
  packedBytes: number;
}

/** Deflate level 1: ~4× smaller on view JSON at a few ms per 100 kB (the same level the WebSocket deflate used). */
export function packJson(json: string): Buffer {
  return deflateRawSync(Buffer.from(json), { level: 1 });
}

export class Broadcaster {
  readonly stats: BroadcastStats = { roomMessages: 0, packedMessages: 0, packedJsonBytes: 0, packedBytes: 0 };

  /** `packing` false (GLADI_COMPRESS=0): every socket gets plain JSON. */
  constructor(private readonly io: GladiServer, readonly packing = true) {}

  /** True when this socket reads packed payloads (it said so at the handshake and packing is on). */
  reads(socket: GladiSocket): boolean {
    const auth = socket.handshake.auth as Record<string, unknown> | undefined;
    return this.packing && !!auth && !!auth[PACKED_AUTH];
  }

  join(socket: GladiSocket, room: string): void {
    socket.join(this.reads(socket) ? room : room + PLAIN);
  }

  /** One message to every socket of the rooms: the JSON encoded once, packed once when large. */
  emit<E extends S2CEvent>(rooms: string | string[], event: E, payload: ServerPayloads[E]): void {
    const list = typeof rooms === 'string' ? [rooms] : rooms;
    this.stats.roomMessages++;
    if (this.packing) {
      const json = JSON.stringify(payload);
      if (json.length >= PACK_THRESHOLD_BYTES) {
        const packed = packJson(json);
        this.stats.packedMessages++;
        this.stats.packedJsonBytes += json.length;
        this.stats.packedBytes += packed.length;
        send(this.io.to(list), event, packed);
        // Socket.IO encodes a message before it looks for its sockets: a large payload is not encoded again for
        // plain rooms nobody is in (in a drill every page reads packed payloads; plain ones are scripts and tests).
        const plain = this.occupied(list.map((r) => r + PLAIN));
        if (plain.length) send(this.io.to(plain), event, payload);
        return;
      }
    }
    send(this.io.to([...list, ...list.map((r) => r + PLAIN)]), event, payload);
  }

  /** The rooms of the list that have a socket in them now. */
  private occupied(rooms: string[]): string[] {
    const all = this.io.sockets.adapter.rooms;
    return rooms.filter((r) => (all.get(r)?.size ?? 0) > 0);
  }

  /**
   * An ack for one socket whose `big` fields may go packed: for a socket that reads packed payloads, those fields
   * travel as one deflated `packed` field (built by `pack`, which callers cache so teammates share one build).
   */
  ack<T extends object, B extends object>(socket: GladiSocket, small: T, big: B, pack: () => Buffer): T & (B | { [PACKED_FIELD]: Buffer }) {
    if (!this.reads(socket)) return { ...small, ...big };
    return { ...small, [PACKED_FIELD]: pack() } as T & { [PACKED_FIELD]: Buffer };
  }

  notePacked(jsonBytes: number, packedBytes: number): void {
    this.stats.packedJsonBytes += jsonBytes;
    this.stats.packedBytes += packedBytes;
  }
}

/** Socket.IO's typed emit cannot follow a generic event name to its payload, and a packed payload travels as the
 *  bytes the page unpacks into that payload (server/protocol/packed.ts): the one untyped step, checked by emit's
 *  signature above. */
function send(to: Rooms, event: S2CEvent, payload: ServerPayloads[S2CEvent] | Buffer): void {
  to.emit(event, payload as never);
}
