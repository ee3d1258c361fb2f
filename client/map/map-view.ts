// One Phaser game per page, sized to its container (RESIZE mode: the canvas fills the box, the scene's camera
// fits the map inside it). The DOM legend next to it is built in panels/legend.ts.
import * as Phaser from 'phaser';
import type { TeamViewState } from '../net/team-view.ts';
import { MapScene } from './map-scene.ts';

export class MapView {
  private game: Phaser.Game;
  private scene: MapScene;

  constructor(private parent: HTMLElement) {
    window.__gladiMap = { ready: false, tick: -1 };
    this.scene = new MapScene();
    this.game = new Phaser.Game({
      type: Phaser.AUTO,
      parent,
      backgroundColor: '#dbe7ef',
      scale: { mode: Phaser.Scale.RESIZE, parent, width: parent.clientWidth || 800, height: parent.clientHeight || 600 },
      render: { antialias: true, preserveDrawingBuffer: true },
      banner: false,
      audio: { noAudio: true },
      input: { keyboard: false },
      scene: this.scene,
    });
  }

  show(state: TeamViewState): void {
    // Small screens size the box to the map's shape (CSS reads --map-aspect).
    this.parent.style.setProperty('--map-aspect', `${state.map.width} / ${state.map.height}`);
    this.scene.setState(state);
  }

  pickCell(cb: (x: number, y: number) => void): void {
    this.scene.pickCell(cb);
  }

  destroy(): void {
    this.scene.detach();
    this.game.destroy(true);
    window.__gladiMap = { ready: false, tick: -1 };
  }
}
