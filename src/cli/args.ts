/**
 * The commands of the CLI and their options, as data: a command is a `CommandSpec` (its options, its
 * operands, what it does), parsed by `parseCommand` and described by `commandUsage` — the usage text
 * is made from the same table, so a new option or command appears in `--help` by being declared.
 * Every argument error is a `UsageError` with a one-line Chinese message.
 */
import { parseArgs } from 'node:util';

export interface OptionSpec {
    type: 'string' | 'boolean';
    short?: string;
    default?: string | boolean;
    /** The value in the usage line: `--format text|json|sarif`, `--jobs N`. */
    value?: string;
    /** Shown without brackets in the usage line (the command checks it and says what is missing). */
    required?: boolean;
}

export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandSpec {
    name: string;
    /** The operands in the usage line: `<文件或目录>…`. */
    operands?: string;
    /** What the command does, one line. */
    summary: string;
    options: Record<string, OptionSpec>;
    run(values: OptionValues, positionals: string[]): Promise<number>;
}

/** A usage problem: one line, printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
    constructor(message: string, readonly command?: string) {
        super(message);
    }
}

/** The hint printed after a usage error. */
export function helpHint(command?: string): string {
    return `；运行 xxgk ${command ? `${command} ` : ''}--help 查看用法`;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h' };

/** Parses a command's arguments; `help` is set for --help / -h, which every command takes. */
export function parseCommand(spec: CommandSpec, args: string[]): { values: OptionValues; positionals: string[]; help: boolean } {
    const options: Record<string, OptionSpec> = { ...spec.options, help: HELP };
    let parsed;
    try {
        parsed = parseArgs({
            args, allowPositionals: true, strict: true,
            options: Object.fromEntries(Object.entries(options).map(([name, o]) => [name, {
                type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.default !== undefined ? { default: o.default } : {}),
            }])) as NonNullable<Parameters<typeof parseArgs>[0]>['options'],
        });
    } catch (e) {
        throw new UsageError(argumentMessage(e as NodeJS.ErrnoException), spec.name);
    }
    const values = parsed.values as OptionValues;
    return { values, positionals: parsed.positionals, help: values.help === true };
}

/** parseArgs' English errors, said in Chinese. */
function argumentMessage(err: NodeJS.ErrnoException): string {
    const option = /'([^']+)'/.exec(err.message)?.[1]?.split(' ')[0];
    switch (err.code) {
        case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': return `未知选项「${option}」`;
        case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': return `选项「${option}」缺少值或值不对`;
        case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': return `多余的参数「${option}」`;
        default: return '无法识别的参数';
    }
}

/** The command's usage line: `xxgk check <文件或目录>… [--format text|json|sarif] [--jobs N]`. */
export function commandUsage(spec: CommandSpec): string {
    const options = Object.entries(spec.options).map(([name, o]) => {
        const flag = o.short ? `-${o.short}` : `--${name}`;
        const text = o.value ? `${flag} ${o.value}` : flag;
        return o.required ? text : `[${text}]`;
    });
    return ['xxgk', spec.name, ...(spec.operands ? [spec.operands] : []), ...options].join(' ');
}

export function usageText(commands: readonly CommandSpec[], only?: CommandSpec): string {
    const lines = ['用法:'];
    for (const c of only ? [only] : commands) lines.push(`  ${commandUsage(c)}`, `      ${c.summary}`);
    if (!only) lines.push('  xxgk --version | --help');
    lines.push('', '退出码: 0 无错误（可有警告）, 1 有错误, 2 用法错误或文件无法读取');
    return lines.join('\n');
}
