// Token bucket per socket: a burst of BURST messages, refilled at RATE per second. Enough for a player clicking
// fast, far below what a script flooding the server sends.
export const RATE_PER_SECOND = 10;
export const BURST = 30;

export class TokenBucket {
  private tokens = BURST;
  private last = performance.now();

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.last) / 1000) * RATE_PER_SECOND);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
