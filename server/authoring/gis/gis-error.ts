// A GIS import problem the facilitator can act on: what is wrong and what to do, in Bahasa Indonesia and English.
export class GisError extends Error {
  constructor(readonly text: { id: string; en: string }, readonly fix: { id: string; en: string }) {
    super(text.en);
  }
}

export const gisError = (idText: string, enText: string, idFix: string, enFix: string) => new GisError({ id: idText, en: enText }, { id: idFix, en: enFix });

/** Progress of a long import: a stage and a share done (0–1), for the CLI and the editor. */
export type Progress = (stage: { id: string; en: string }, done: number) => void;
