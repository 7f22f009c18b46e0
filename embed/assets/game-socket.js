// The live game's socket (/ws): JSON frames, reconnects with back-off when
// the Wi-Fi drops, and stops for good when the server says so (kicked,
// replaced, game over, signed out). Also loads the game's stylesheet.

import { useEffect } from './preact.js';

// Close codes after which reconnecting makes no sense.
export const CLOSE = {
  replaced: 4000, signedOut: 4001, kicked: 4002, gameOver: 4003,
};
const FINAL = new Set([CLOSE.replaced, CLOSE.signedOut, CLOSE.kicked, CLOSE.gameOver, 1003, 1009]);

export class GameSocket {
  /**
   * onOpen() runs on each (re)connection: send the join/rejoin/host frame
   * there. onMessage(frame) gets each JSON frame; onClose(code, reason,
   * willRetry) each close.
   */
  constructor({ query = '', onOpen, onMessage, onClose }) {
    Object.assign(this, { query, onOpen, onMessage, onClose });
    this.retries = 0;
    this.stopped = false;
    this.ws = null;
  }

  connect() {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}/ws${this.query ? `?${this.query}` : ''}`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.retries = 0;
      this.onOpen?.();
    };
    ws.onmessage = (e) => {
      let frame;
      try {
        frame = JSON.parse(e.data);
      } catch {
        return;
      }
      this.onMessage?.(frame);
    };
    ws.onclose = (e) => {
      if (this.ws !== ws) return;
      const retry = !this.stopped && !FINAL.has(e.code) && this.retries < 30;
      this.onClose?.(e.code, e.reason, retry);
      if (retry) {
        const wait = Math.min(10000, 500 * 2 ** this.retries) * (0.75 + Math.random() / 2);
        this.retries += 1;
        this.timer = setTimeout(() => this.connect(), wait);
      }
    };
  }

  /** Send a frame; false when the socket is not open right now. */
  send(frame) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  get open() {
    return Boolean(this.ws && this.ws.readyState === WebSocket.OPEN);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.ws) this.ws.close(1000);
  }
}

/** Loads /assets/game.css while a game page is shown. */
export function useGameStyles() {
  useEffect(() => {
    if (document.querySelector('link[data-game-css]')) return;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/assets/game.css';
    link.dataset.gameCss = '1';
    document.head.appendChild(link);
  }, []);
}

// The answer buttons: a colour and a shape each, so colour is never the
// only cue.
export const OPTION_LOOKS = [
  { cls: 'opt-0', shape: '▲', name: 'triangle' },
  { cls: 'opt-1', shape: '◆', name: 'diamond' },
  { cls: 'opt-2', shape: '●', name: 'circle' },
  { cls: 'opt-3', shape: '■', name: 'square' },
];

export const ANIMAL_NAMES = {
  meerkat: 'Meerkat', panda: 'Panda', owl: 'Owl', beaver: 'Beaver',
  elephant: 'Elephant', otter: 'Otter', parrot: 'Parrot', border_collie: 'Border Collie',
};

/** Seconds left until deadline (a performance.now() time), rounded up. */
export function secondsLeft(deadline) {
  return Math.max(0, Math.ceil((deadline - performance.now()) / 1000));
}
