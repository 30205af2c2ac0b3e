import { unzipSync } from 'fflate';

/**
 * The CSV files of a OneRoster package by base name ('users.csv' → text). A zip may hold the
 * files at its root or inside one folder; other entries (directories, __MACOSX) are skipped.
 */
export function readZip(zip: Uint8Array): Map<string, string> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch {
    throw new Error('ZIP ファイルとして読めません');
  }
  const files = new Map<string, string>();
  const decoder = new TextDecoder('utf-8');
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith('/') || name.includes('__MACOSX')) continue;
    const base = name.split('/').pop() ?? name;
    if (!base.toLowerCase().endsWith('.csv')) continue;
    files.set(base, decoder.decode(bytes));
  }
  return files;
}

/** The CSV files of a package unpacked in a folder. */
export async function readFolder(dir: string): Promise<Map<string, string>> {
  const { readdir, readFile } = await import('node:fs/promises');
  const files = new Map<string, string>();
  for (const name of await readdir(dir)) {
    if (!name.toLowerCase().endsWith('.csv')) continue;
    files.set(name, await readFile(`${dir}/${name}`, 'utf8'));
  }
  return files;
}
