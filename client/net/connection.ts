// One Socket.IO connection per live page. `request` wraps emitWithAck with a timeout and always resolves to an
// Ack; `onConnect` runs on the first connect and on every reconnect, so pages re-join with their token there.
import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../../server/protocol/events.ts';
import type { AckPayloads, C2SEvent, RequestOf, S2CEvent, ServerPayloads } from '../../server/protocol/event-maps.ts';
import { PACKED_AUTH, unpack, unpackAck } from '../../server/protocol/packed.ts';

export class Connection {
  readonly socket: Socket;
  private connectHandlers: (() => void)[] = [];
  private statusHandlers: ((online: boolean) => void)[] = [];

  constructor() {
    // Large messages arrive deflated once per room (server/protocol/packed.ts); on() and request() unpack them.
    this.socket = io({ transports: ['websocket', 'polling'], reconnectionDelayMax: 4000, auth: { [PACKED_AUTH]: 1 } });
    this.socket.on('connect', () => {
      for (const f of this.statusHandlers) f(true);
      for (const f of this.connectHandlers) f();
    });
    this.socket.on('disconnect', () => { for (const f of this.statusHandlers) f(false); });
    this.socket.on('connect_error', () => { for (const f of this.statusHandlers) f(false); });
  }

  onConnect(f: () => void): void {
    this.connectHandlers.push(f);
    if (this.socket.connected) f();
  }

  onStatus(f: (online: boolean) => void): void {
    this.statusHandlers.push(f);
    f(this.socket.connected);
  }

  /** A server → client event, its payload typed by the protocol's event map (server/protocol/event-maps.ts). */
  on<E extends S2CEvent>(event: E, f: (payload: ServerPayloads[E]) => void): void {
    this.socket.on(event as string, (payload: unknown) => f(unpack<ServerPayloads[E]>(payload)));
  }

  /** A client → server event: the request and the ack are typed by the event map; no page declares them. */
  async request<E extends C2SEvent>(event: E, payload: RequestOf<E>, ms = 8000): Promise<Ack<AckPayloads[E]>> {
    try {
      return unpackAck((await this.socket.timeout(ms).emitWithAck(event, payload)) as Ack<AckPayloads[E]>);
    } catch {
      return { ok: false, error: { code: 'internal', message: 'timeout' } };
    }
  }

  close(): void {
    this.connectHandlers = [];
    this.statusHandlers = [];
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }
}

export function newClientId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/** Typed GET of a JSON API path; null on 404 or network error. */
export async function getJson<T>(path: string): Promise<T | null> {
  try {
    const r = await fetch(path, { headers: { accept: 'application/json' } });
    if (!r.ok) return null;
    return (await r.json()) as T;
  } catch {
    return null;
  }
}

/** Storage that never throws (private mode, full quota): a missing value reads as null. */
function safeStore(area: () => Storage) {
  return {
    get(key: string): string | null {
      try { return area().getItem(key); } catch { return null; }
    },
    set(key: string, value: string): void {
      try { area().setItem(key, value); } catch { /* private mode */ }
    },
    remove(key: string): void {
      try { area().removeItem(key); } catch { /* ignore */ }
    },
  };
}

export const storage = safeStore(() => localStorage);

/** For secrets such as the facilitator key: kept only while this tab is open, so a shared laptop does not keep it. */
export const sessionStore = safeStore(() => sessionStorage);
