/**
 * The xxgk parser: the hand-written line parser (./line-parser.ts) for whole reports, Langium's
 * Chevrotain parser (made linear below) when the line parser cannot be built for the grammar.
 *
 * Langium's parser, linear in the size of a report. Langium 4.4 has two quadratic steps when a
 * report has many lines:
 * - CstNodeBuilder.addHiddenNodes searches the parent's children (indexOf) whenever a node starts,
 *   even with no hidden token to add: one search through all lines so far, per line;
 * - LangiumParser.extractHiddenTokens takes the hidden tokens (spaces, comments) before each token
 *   off the front of one array of all of them (splice(0, n)): a copy of the rest, per token.
 * Here nothing happens without hidden tokens, the search starts from the end (where the node that
 * just started is), and the hidden tokens are read with a cursor and cut once at the end.
 * (A 2 MB report of table rows took 9 s to parse, 1 MB 3 s.)
 */
import { finish, type Steps } from '../util/steps.js';
import { createLineParser, Unlexable, type LineParse } from './line-parser.js';
import { createLangiumParser, CstNodeBuilder, type CompositeCstNode, type LangiumCoreServices, type LangiumParser, type ParseResult } from 'langium';

type Token = Parameters<CstNodeBuilder['addHiddenNodes']>[0][number];

export class LinearCstNodeBuilder extends CstNodeBuilder {
    override addHiddenNodes(tokens: Token[]): void {
        if (tokens.length === 0) return;
        const nodes = tokens.map(token => this.createLeafNode(token, true));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        // A node just started: the hidden nodes go before it, in the first ancestor that has content.
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                this.insertChildren(current.container, index, nodes);
                return;
            }
            current = current.container;
        }
        this.insertChildren(current, 0, nodes); // the root: the report starts with hidden tokens
    }
}

/** The private parts of Langium 4.4's LangiumParser this file replaces. */
interface ParserInternals {
    nodeBuilder: CstNodeBuilder;
    lexerResult?: { hidden: Token[] };
    extractHiddenTokens(token: Token): Token[];
    doParse(rule: unknown): unknown;
}

/** Whether the parser is the linear one (false: Langium's internals changed; parsing still works). */
export function isLinearParser(parser: LangiumParser): boolean {
    return (parser as unknown as ParserInternals).nodeBuilder instanceof LinearCstNodeBuilder;
}

/** Langium's own parse of a text (the line parser's reference in tests). */
export function parseWithChevrotain(parser: LangiumParser, text: string): ParseResult {
    const own = (parser as WithLineParser)[chevrotain];
    return own ? own.call(parser, text) : parser.parse(text);
}

/**
 * A whole report's parse in steps (a generator that yields between steps of lines and returns the
 * result, see line-parser.ts), for whoever has other work to do meanwhile; Langium's parse in one
 * step when the line parser is not used.
 */
export function parseInSteps(parser: LangiumParser, text: string): Steps<ParseResult> {
    const line = lineParserOf(parser);
    return line ? lineSteps(line, text, () => parseWithChevrotain(parser, text)) : (function* () { return parser.parse(text); })();
}

/** The line parser's steps; a text it cannot read goes to Langium's parser (whose lexer reports it). */
function* lineSteps(line: LineParse, text: string, otherwise: () => ParseResult): Steps<ParseResult> {
    const steps = line(text);
    for (;;) {
        let next: IteratorResult<void, ParseResult>;
        try {
            next = steps.next();
        } catch (e) {
            if (e instanceof Unlexable) return otherwise();
            throw e;
        }
        if (next.done) return next.value;
        yield;
    }
}

/** Whether whole reports are parsed by the line parser (false: the grammar changed shape). */
export function usesLineParser(parser: LangiumParser): boolean {
    return lineParserOf(parser) !== undefined;
}

const chevrotain = Symbol('chevrotain parse');
const lineParser = Symbol('line parser');

type WithLineParser = { [chevrotain]?: LangiumParser['parse']; [lineParser]?: () => LineParse | undefined };

/** The parser's line parser (made on first use: the grammar's services are complete by then). */
const lineParserOf = (parser: LangiumParser) => (parser as WithLineParser)[lineParser]?.();

export function createXxgkParser(services: LangiumCoreServices): LangiumParser {
    return withLineParser(createLinearParser(services), services);
}

/** Whole reports parsed by the line parser; a parse from another rule (none today) by Langium's. */
function withLineParser(parser: LangiumParser, services: LangiumCoreServices): LangiumParser {
    const own = parser.parse.bind(parser);
    let line: LineParse | undefined | null = null;
    const target = parser as WithLineParser;
    target[chevrotain] = own;
    target[lineParser] = () => (line === null ? (line = createLineParser(services)) : line);
    parser.parse = ((input: string, options?: { rule?: string }) => {
        const made = lineParserOf(parser);
        return made && !options?.rule ? finish(lineSteps(made, input, () => own(input))) : own(input, options);
    }) as LangiumParser['parse'];
    return parser;
}

function createLinearParser(services: LangiumCoreServices): LangiumParser {
    const parser = createLangiumParser(services);
    const internals = parser as unknown as ParserInternals;
    if (!(internals.nodeBuilder instanceof CstNodeBuilder) || typeof internals.extractHiddenTokens !== 'function' ||
        typeof internals.doParse !== 'function') return parser;
    internals.nodeBuilder = new LinearCstNodeBuilder();
    let hidden: Token[] | undefined;
    let cursor = 0;
    internals.extractHiddenTokens = function (this: ParserInternals, token: Token): Token[] {
        const all = this.lexerResult?.hidden ?? [];
        if (all !== hidden) {
            hidden = all;
            cursor = 0;
        }
        const start = cursor;
        while (cursor < all.length && all[cursor].startOffset <= token.startOffset) cursor++;
        return start === cursor ? [] : all.slice(start, cursor);
    };
    const doParse = internals.doParse;
    internals.doParse = function (this: ParserInternals, rule: unknown): unknown {
        try {
            return doParse.call(this, rule);
        } finally {
            // Langium adds the hidden tokens left in the array after the last token: cut the ones read.
            if (hidden && hidden === this.lexerResult?.hidden) hidden.splice(0, cursor);
            hidden = undefined;
            cursor = 0;
        }
    };
    return parser;
}
