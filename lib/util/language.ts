/**
 * The language a lesson prints in: English or Chinese (the course's own). One setting chooses it:
 * `setLanguage`, else $BEANLAB_LANG, else the "language" of the nearest `beanlab.json` in the working
 * folder or a folder above it (notebooks/zh/ has one, so a kernel started there prints Chinese),
 * else English. Lessons write their text as twins, `tr({ en: "...", zh: "..." })`; code stays English.
 */
import * as fs from "fs";
import * as path from "path";
import { describe } from "./checks";

export const LANGUAGES = ["en", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text in every language of the lessons. */
export type Twins = Record<Language, string>;

export const SETTINGS_FILE = "beanlab.json";

// On globalThis, so that every copy of beanlab loaded in a process (a program's source, the compiled
// package its sweeps' trials use) sees one setting.
const CHOSEN = Symbol.for("beanlab.language");
const settings = globalThis as { [CHOSEN]?: { language: Language; where: string } };

function checkLanguage(value: unknown, where: string): Language {
  if (typeof value === "string" && (LANGUAGES as readonly string[]).includes(value)) return value as Language;
  throw new Error(`${where}: language must be one of ${LANGUAGES.map((l) => `"${l}"`).join(", ")}, got ${describe(value)}`);
}

function fromSettingsFile(start: string): { language: Language; where: string } | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const file = path.join(dir, SETTINGS_FILE);
    if (fs.existsSync(file)) {
      let settings: unknown;
      try {
        settings = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (err) {
        throw new Error(`${file}: not valid JSON (${(err as Error).message}); expected e.g. { "language": "zh" }`);
      }
      const language = (settings as { language?: unknown } | null)?.language;
      if (language !== undefined) return { language: checkLanguage(language, file), where: file };
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The language lessons print in now (see the module's description for how it is chosen). */
export function language(): Language {
  const chosen = settings[CHOSEN];
  if (chosen) return chosen.language;
  const env = process.env.BEANLAB_LANG;
  if (env !== undefined && env !== "") return checkLanguage(env, "$BEANLAB_LANG");
  return fromSettingsFile(process.cwd())?.language ?? "en";
}

/** Chooses the language for the rest of this process (and the workers it starts); undefined goes back to the default. */
export function setLanguage(lang: Language | undefined): void {
  settings[CHOSEN] = lang === undefined ? undefined : { language: checkLanguage(lang, "setLanguage"), where: "setLanguage" };
}

/** The text in the current language: `tr({ en: "seeds", zh: "种子" })`. */
export function tr(text: Twins): string {
  if (text === null || typeof text !== "object" || Array.isArray(text)) {
    throw new Error(`tr: expected twins like { en: "seeds", zh: "种子" }, got ${describe(text)}`);
  }
  const lang = language();
  const value = (text as Partial<Twins>)[lang];
  if (typeof value !== "string") {
    const given = Object.keys(text).join(", ") || "none";
    throw new Error(`tr: no "${lang}" text (languages given: ${given}); write tr({ en: "...", zh: "..." })`);
  }
  return value;
}
