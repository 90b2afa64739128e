/**
 * The xxgk command line.
 *   xxgk check [--format text|json|sarif] [--jobs N] [--deadline MM-DD|YYYY-MM-DD] <files or folders>…
 *   xxgk new --format 2021 --agency 某某局 --year 2024 [--level 部门] [-o file|-] [--force]
 *   xxgk export <file> --format html|docx|xlsx|pdf [-o out] [--strict] [--font file]
 * Exit codes: 0 clean or warnings only, 1 errors found, 2 usage or I/O problems.
 *
 * Commands and their options are the table in ./commands.ts: a new command or option is an entry
 * there, and `--help` shows it.
 */
import '../polyfill.js';
import { visibleText } from '../util/text.js';
import { helpHint, parseCommand, usageText, UsageError } from './args.js';
import { commands } from './commands.js';
import { VERSION } from './output.js';

async function main(argv: string[]): Promise<number> {
    const [name, ...rest] = argv;
    switch (name) {
        case '--version': case '-v':
            process.stdout.write(`xxgk ${VERSION}\n`);
            return 0;
        case '--help': case '-h': case 'help':
            process.stdout.write(`${usageText(commands)}\n`);
            return 0;
        case undefined:
            throw new UsageError(`缺少命令；可用：${commands.map(c => c.name).join('、')}`);
    }
    const command = commands.find(c => c.name === name);
    if (!command) throw new UsageError(`未知命令「${visibleText(name)}」；可用：${commands.map(c => c.name).join('、')}`);
    const { values, positionals, help } = parseCommand(command, rest);
    if (help) {
        process.stdout.write(`${usageText(commands, command)}\n`);
        return 0;
    }
    try {
        return await command.run(values, positionals);
    } catch (e) {
        if (e instanceof UsageError && e.command === undefined) throw new UsageError(e.message, command.name);
        throw e;
    }
}

// A reader that stops early (`xxgk check … | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw e;
    });
}

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
}, (e: unknown) => {
    if (e instanceof UsageError) {
        process.stderr.write(`xxgk: ${e.message}${helpHint(e.command)}\n`);
    } else {
        process.stderr.write(`xxgk: 内部错误：${visibleText(e instanceof Error ? e.message : String(e))}\n`);
    }
    process.exitCode = 2;
});
