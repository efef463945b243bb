// Where the user catalogue lives: HYBRID_READINESS_CONFIG_DIR when set (tests and CI point it at a folder of their
// own), else the platform's per-user configuration folder — %APPDATA% on Windows, $XDG_CONFIG_HOME (or ~/.config)
// on Linux and macOS — with a hybrid-readiness folder inside.
import { homedir } from 'node:os';
import { isAbsolute, join, win32 } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

export const CONFIG_DIR_VARIABLE = 'HYBRID_READINESS_CONFIG_DIR';
const CATALOGUE_FILE_NAME = 'exchange-builds.json';

export function configDirectory(env: Env, platform: NodeJS.Platform = process.platform, home: string = homeOf(env)): string {
  const explicit = env[CONFIG_DIR_VARIABLE]?.trim();
  if (explicit) return explicit;
  if (platform === 'win32') return win32.join(env.APPDATA?.trim() || win32.join(home, 'AppData', 'Roaming'), 'hybrid-readiness');
  // The XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and ignored.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'hybrid-readiness');
}

export function userCataloguePath(env: Env, platform: NodeJS.Platform = process.platform): string {
  const directory = configDirectory(env, platform);
  return platform === 'win32' ? win32.join(directory, CATALOGUE_FILE_NAME) : join(directory, CATALOGUE_FILE_NAME);
}

function homeOf(env: Env): string {
  return env.HOME?.trim() || env.USERPROFILE?.trim() || homedir();
}
