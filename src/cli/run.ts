import { ExitCode, exitCodeFor, isUserFacing } from '../errors.js';
import { parseCommandArgs, type Command, type CommandIO } from './command.js';

export function helpText(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: ghml <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `ghml <command> --help` for a command\'s options.',
    'Exit codes: 0 ok, 1 the check failed, 2 usage or configuration error.',
    '',
  ].join('\n');
}

/** Finds the command whose words start argv, longest first (`profile merge` before `profile`). */
function findCommand(argv: string[], commands: Command[]): { command: Command; rest: string[] } | undefined {
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of sorted) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CommandIO, commands: Command[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(helpText(commands));
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.stderr(`ghml: unknown command "${argv.join(' ')}". Run \`ghml --help\` for the list.\n`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (isUserFacing(error)) {
      io.stderr(`ghml ${command.name}: ${error.message}\n`);
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      io.stderr(`ghml ${command.name}: internal error (please report it): ${detail}\n`);
    }
    return exitCodeFor(error);
  }
}
