import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, realpath, stat } from 'node:fs/promises';
import { dirname, parse, resolve, sep } from 'node:path';
import { withTimeout } from './with-timeout.ts';

/** The volume a path lives on, as far as the OS tells: its mount point, filesystem UUID and label. */
export interface VolumeIdentity {
  readonly mountPoint: string;
  readonly uuid: string | null;
  readonly label: string | null;
  /** The device or share mounted there (`/dev/sdb1`, `//nas/photos`), when known. */
  readonly source: string | null;
  readonly fsType: string | null;
}

/** One line of /proc/self/mountinfo. */
export interface MountEntry {
  readonly mountPoint: string;
  readonly source: string;
  readonly fsType: string;
  /** major:minor of the mounted device. */
  readonly device: string;
}

/** Undoes the octal escapes the kernel writes for space, tab, newline and backslash in mount paths. */
export function unescapeMountPath(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)));
}

/** Parses /proc/self/mountinfo text (see proc(5)): fields, then ` - `, then fstype and source. */
export function parseMountInfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const [left, right] = splitOnce(line, ' - ');
    if (right === undefined) continue;
    const fields = left.split(' ');
    const after = right.split(' ');
    const device = fields[2];
    const mountPoint = fields[4];
    const fsType = after[0];
    if (device === undefined || mountPoint === undefined || fsType === undefined) continue;
    entries.push({ mountPoint: unescapeMountPath(mountPoint), source: unescapeMountPath(after[1] ?? ''), fsType, device });
  }
  return entries;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** True when `path` is `folder` or inside it (path-wise, not string-prefix-wise: /media/usb2 is not in /media/usb). */
export function isInside(path: string, folder: string): boolean {
  if (path === folder) return true;
  const withSep = folder.endsWith(sep) ? folder : folder + sep;
  return path.startsWith(withSep);
}

/** The mount whose mount point is the longest prefix of `path`; the last such line wins (over-mounts). */
export function mountFor(path: string, mounts: readonly MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const mount of mounts) {
    if (!isInside(path, mount.mountPoint)) continue;
    if (best === null || mount.mountPoint.length >= best.mountPoint.length) best = mount;
  }
  return best;
}

/** Options for the volume look-ups; all injectable for tests. */
export interface VolumeOptions {
  /** Time given to each OS call (file read, child process). Default 3000 ms. */
  readonly timeoutMs?: number;
  /** Text of /proc/self/mountinfo; default reads the real one (Linux). */
  readonly mountInfo?: () => Promise<string>;
  /** Look up the UUID (and label) too; a mount point alone needs no child process. Default true. */
  readonly withUuid?: boolean;
  readonly platform?: NodeJS.Platform;
}

const DEFAULT_TIMEOUT_MS = 3000;

/**
 * Finds the volume a path lives on. Linux: /proc/self/mountinfo (longest mount-point prefix), then
 * UUID and label from the /dev/disk/by-uuid and by-label links, else `findmnt`, else `lsblk`.
 * macOS: `diskutil info -plist`. Windows: the drive letter and `vol` (best effort, untested here).
 * Returns null when nothing can be said (the path or the OS does not answer).
 */
export async function identifyVolume(path: string, options: VolumeOptions = {}): Promise<VolumeIdentity | null> {
  const platform = options.platform ?? process.platform;
  const absolute = resolve(path);
  try {
    if (platform === 'linux') return await identifyLinux(absolute, options);
    if (platform === 'darwin') return await identifyMac(absolute, options);
    if (platform === 'win32') return await identifyWindows(absolute, options);
    return await identifyByDeviceWalk(absolute, options);
  } catch {
    return null;
  }
}

/** Current mounts on Linux, or [] where /proc is not there. */
export async function readMounts(options: VolumeOptions = {}): Promise<MountEntry[]> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  try {
    const text = await withTimeout(options.mountInfo?.() ?? readFile('/proc/self/mountinfo', 'utf8'), timeoutMs, 'mountinfo');
    return parseMountInfo(text);
  } catch {
    return [];
  }
}

async function identifyLinux(path: string, options: VolumeOptions): Promise<VolumeIdentity | null> {
  const mounts = await readMounts(options);
  const mount = mountFor(path, mounts);
  if (mount === null) return identifyByDeviceWalk(path, options);
  const base: VolumeIdentity = { mountPoint: mount.mountPoint, uuid: null, label: null, source: mount.source || null, fsType: mount.fsType };
  if (options.withUuid === false) return base;
  const fromLinks = mount.source.startsWith('/dev/') ? await uuidFromDiskLinks(mount.source, options) : null;
  if (fromLinks !== null && fromLinks.uuid !== null) return { ...base, ...fromLinks };
  const fromFindmnt = await uuidFromFindmnt(mount.mountPoint, options);
  if (fromFindmnt !== null && (fromFindmnt.uuid !== null || fromFindmnt.label !== null)) return { ...base, ...fromFindmnt };
  if (mount.source.startsWith('/dev/')) {
    const fromLsblk = await uuidFromLsblk(mount.source, options);
    if (fromLsblk !== null) return { ...base, ...fromLsblk };
  }
  return base;
}

/** udev writes names like `My\x20Drive` in /dev/disk/by-label. */
function unescapeUdev(name: string): string {
  return name.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

async function uuidFromDiskLinks(source: string, options: VolumeOptions): Promise<{ uuid: string | null; label: string | null } | null> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const device = await withTimeout(realpath(source), timeoutMs, 'realpath').catch(() => source);
  const find = async (folder: string): Promise<string | null> => {
    const names = await withTimeout(readdir(folder), timeoutMs, folder).catch(() => [] as string[]);
    for (const name of names) {
      const target = await withTimeout(readlink(`${folder}/${name}`), timeoutMs, 'readlink').catch(() => null);
      if (target !== null && resolve(folder, target) === device) return unescapeUdev(name);
    }
    return null;
  };
  const [uuid, label] = await Promise.all([find('/dev/disk/by-uuid'), find('/dev/disk/by-label')]);
  return uuid === null && label === null ? null : { uuid, label };
}

/** Runs a command with a timeout; resolves its stdout, or null when it is absent, fails or hangs. */
export function runCommand(file: string, args: readonly string[], timeoutMs: number): Promise<string | null> {
  return new Promise((done) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (error, stdout) => {
      done(error ? null : stdout);
    });
  });
}

async function uuidFromFindmnt(mountPoint: string, options: VolumeOptions): Promise<{ uuid: string | null; label: string | null } | null> {
  const out = await runCommand('findmnt', ['-J', '-o', 'TARGET,SOURCE,UUID,LABEL', '--mountpoint', mountPoint], options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (out === null) return null;
  try {
    const parsed = JSON.parse(out) as { filesystems?: { target?: string; uuid?: string | null; label?: string | null }[] };
    // The last one is the mount on top when several are stacked on one point.
    const fs = parsed.filesystems?.filter((entry) => entry.target === mountPoint).at(-1);
    return fs ? { uuid: fs.uuid ?? null, label: fs.label ?? null } : null;
  } catch {
    return null;
  }
}

async function uuidFromLsblk(device: string, options: VolumeOptions): Promise<{ uuid: string | null; label: string | null } | null> {
  const out = await runCommand('lsblk', ['-J', '-o', 'PATH,UUID,LABEL', device], options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  if (out === null) return null;
  try {
    const parsed = JSON.parse(out) as { blockdevices?: { uuid?: string | null; label?: string | null }[] };
    const dev = parsed.blockdevices?.[0];
    return dev && (dev.uuid || dev.label) ? { uuid: dev.uuid ?? null, label: dev.label ?? null } : null;
  } catch {
    return null;
  }
}

/** Portable mount point: the highest ancestor still on the same device as the path. */
async function mountPointByDeviceWalk(path: string, timeoutMs: number): Promise<string> {
  let current = path;
  let dev = (await withTimeout(stat(current), timeoutMs, 'stat')).dev;
  for (;;) {
    const parent = dirname(current);
    if (parent === current) return current;
    const parentDev = (await withTimeout(stat(parent), timeoutMs, 'stat')).dev;
    if (parentDev !== dev) return current;
    current = parent;
    dev = parentDev;
  }
}

async function identifyByDeviceWalk(path: string, options: VolumeOptions): Promise<VolumeIdentity | null> {
  const mountPoint = await mountPointByDeviceWalk(path, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return { mountPoint, uuid: null, label: null, source: null, fsType: null };
}

/** Reads one `<key>K</key><string>V</string>` pair from a plist. */
export function plistString(plist: string, key: string): string | null {
  const match = new RegExp(`<key>${key}</key>\\s*<string>([^<]*)</string>`).exec(plist);
  return match?.[1] ?? null;
}

async function identifyMac(path: string, options: VolumeOptions): Promise<VolumeIdentity | null> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const mountPoint = await mountPointByDeviceWalk(path, timeoutMs);
  if (options.withUuid === false) return { mountPoint, uuid: null, label: null, source: null, fsType: null };
  const plist = await runCommand('diskutil', ['info', '-plist', mountPoint], timeoutMs);
  if (plist === null) return { mountPoint, uuid: null, label: null, source: null, fsType: null };
  return {
    mountPoint: plistString(plist, 'MountPoint') ?? mountPoint,
    uuid: plistString(plist, 'VolumeUUID') ?? plistString(plist, 'DiskUUID'),
    label: plistString(plist, 'VolumeName'),
    source: plistString(plist, 'DeviceNode'),
    fsType: plistString(plist, 'FilesystemType'),
  };
}

/** Parses `vol X:` output (any language puts the label last on line 1 and the serial last on line 2). */
export function parseVolOutput(text: string): { uuid: string | null; label: string | null } {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const serial = /([0-9A-F]{4}-[0-9A-F]{4})\s*$/i.exec(lines[1] ?? '')?.[1] ?? null;
  const labelMatch = /\s(?:is|ist|est|es)\s+(.+)$/.exec(lines[0] ?? '');
  return { uuid: serial, label: labelMatch?.[1]?.trim() ?? null };
}

async function identifyWindows(path: string, options: VolumeOptions): Promise<VolumeIdentity | null> {
  // Best effort, untested on Windows here: a drive letter is the mount point; `vol` gives label and serial.
  const mountPoint = parse(path).root;
  if (options.withUuid === false || !/^[A-Za-z]:\\$/.test(mountPoint)) return { mountPoint, uuid: null, label: null, source: null, fsType: null };
  const out = await runCommand('cmd.exe', ['/d', '/c', 'vol', mountPoint.slice(0, 2)], options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const parsed = out === null ? { uuid: null, label: null } : parseVolOutput(out);
  return { mountPoint, uuid: parsed.uuid, label: parsed.label, source: mountPoint.slice(0, 2), fsType: null };
}
