/**
 * The parser of the xxgk grammar (xxgk.langium) written by hand: one pass over the text, no token
 * array, the same AST and CST as Langium's Chevrotain parser builds (tests/line-parser.test.ts
 * compares them node by node, positions and grammar elements included, over the fixtures and
 * mutated documents). Chevrotain spends about 2 s on a 5 MB report; this takes a tenth of it.
 *
 * It can be exact because the grammar is a sequence of lines: every token starts a line element or
 * continues one, so there are no syntax errors, and every character belongs to a token, so there are
 * no lexer errors. The lexer follows Langium's token builder and Chevrotain:
 * - a metadata key is a keyword only where the CELL it starts is no longer than the key (a keyword's
 *   longer alternative is CELL): `机关：` is the key, `机关名称：` a cell;
 * - WS is skipped (a hidden terminal that matches whitespace), SL_COMMENT is a hidden token;
 * - positions are counted as Chevrotain counts them (\n, \r\n and a lone \r end a line).
 * When the grammar no longer has the shape this parser knows, `createLineParser` returns undefined
 * and Langium's parser is used.
 */
import {
    AstUtils, CompositeCstNodeImpl, GrammarAST, LeafCstNodeImpl, RootCstNodeImpl, type AstNode, type CstNode, type Grammar,
    type LangiumCoreServices, type ParseResult,
} from 'langium';
import type { TokenType } from 'chevrotain';
import type { MetaField, Report, Row, TextBlock } from './generated/ast.js';
import type { Steps } from '../util/steps.js';

type Element = GrammarAST.AbstractElement;
type LineNode = MetaField | Row | TextBlock;

/** The grammar elements the CST nodes refer to (`grammarSource`), found in the grammar by shape. */
interface GrammarSources {
    line: Record<LineNode['$type'], Element>;
    nl: Element;
    metaKey: Map<string, Element>;
    metaRest: Map<string, Element>;
    rowFirst: Map<string, Element>;
    rowRest: Map<string, Element>;
    textBlock: Element;
}

const CELL = 'CELL';
const PIPES_AND_COLONS = ['|', '｜', ':', '：'];

/** The keyword and rule-call elements of an Alternatives, by the token name that matches each. */
function alternativesByToken(element: Element | undefined): Map<string, Element> | undefined {
    if (!element || !GrammarAST.isAlternatives(element)) return undefined;
    const out = new Map<string, Element>();
    for (const e of element.elements) {
        if (GrammarAST.isKeyword(e)) out.set(e.value, e);
        else if (GrammarAST.isRuleCall(e) && e.rule.ref) out.set(e.rule.ref.name, e);
        else return undefined;
    }
    return out;
}

function findSources(grammar: Grammar): GrammarSources | undefined {
    const rule = (name: string) => grammar.rules.find(r => r.name === name);
    const calls = (name: string) => {
        const found = new Map<string, Element>();
        const r = rule(name);
        if (r) for (const e of AstUtils.streamAllContents(r)) if (GrammarAST.isRuleCall(e) && e.rule.ref) found.set(e.rule.ref.name, e);
        return found;
    };
    const report = calls('Report');
    const groupOf = (name: string) => {
        const definition = (rule(name) as GrammarAST.ParserRule | undefined)?.definition;
        return definition && GrammarAST.isGroup(definition) ? definition.elements : [];
    };
    const [key, metaRest] = groupOf('MetaField');
    const row = groupOf('Row').filter(e => !GrammarAST.isAction(e));
    const textBlock = calls('TextBlock').get('TEXT_BLOCK');
    const sources = {
        line: { MetaField: report.get('MetaField'), Row: report.get('Row'), TextBlock: report.get('TextBlock') },
        nl: report.get('NL'),
        metaKey: GrammarAST.isAssignment(key) && key.feature === 'key' ? alternativesByToken(key.terminal) : undefined,
        metaRest: alternativesByToken(metaRest),
        rowFirst: alternativesByToken(row[0]),
        rowRest: alternativesByToken(row[1]),
        textBlock,
    };
    const complete = Object.values(sources.line).every(Boolean) && sources.nl && sources.textBlock &&
        sources.metaKey && sources.metaRest && sources.rowFirst && sources.rowRest && row.length === 2 &&
        [CELL, ...PIPES_AND_COLONS].every(t => sources.rowFirst!.has(t) && sources.rowRest!.has(t) && sources.metaRest!.has(t)) &&
        [...sources.metaKey.keys()].every(k => sources.metaRest!.has(k) && sources.rowRest!.has(k));
    return complete ? sources as GrammarSources : undefined;
}

// The terminals of xxgk.langium, as sticky regular expressions (the same patterns).
const CELL_PATTERN = /(?:[^\s|｜:："\/]|\/(?!\/)|"(?!""))(?:[^\S\r\n]*(?:[^\s|｜:："\/]|\/(?!\/)|"(?!"")))*/y;
const TEXT_BLOCK_PATTERN = /"""(?:[^"]|"(?!""))*(?:""")?/y;
const WS_PATTERN = /[^\S\r\n]+/y;
const COMMENT_PATTERN = /\/\/[^\r\n]*/y;

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;
const SLASH = 0x2f;

/** The token a character starts, when it is one of the single-character keywords. */
const KEYWORD_CHARS = new Map<number, string>(PIPES_AND_COLONS.map(k => [k.charCodeAt(0), k]));

/** Whether the character at `offset` is whitespace other than a line break (WS). */
function isInlineSpace(code: number): boolean {
    if (code === 0x20 || code === 0x09) return true;
    if (code < 0x80) return code === 0x0b || code === 0x0c;
    return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
        code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/** The line parser: the parse in steps of LINES_PER_STEP lines (a generator that yields between steps and returns the result). */
export type LineParse = (text: string) => Steps<ParseResult<Report>>;

/** How many lines the line parser reads between two steps. */
export const LINES_PER_STEP = 5000;

/**
 * The hand-written parser for these services' grammar and tokens, or undefined when the grammar
 * has changed shape (then Langium's parser stays).
 */
export function createLineParser(services: LangiumCoreServices): LineParse | undefined {
    const sources = findSources(services.Grammar);
    const tokens = services.parser.Lexer.definition as Record<string, TokenType> | undefined;
    if (!sources || !tokens) return undefined;
    const keywords = new Set(sources.metaKey.keys());
    const needed = ['NL', 'TEXT_BLOCK', CELL, 'SL_COMMENT', ...PIPES_AND_COLONS, ...keywords];
    if (!needed.every(name => tokens[name])) return undefined;
    const lexerReport = () => services.parser.TokenBuilder.flushLexingReport?.('') ?? { diagnostics: [] };
    return text => parseLines(text, sources, tokens, keywords, lexerReport());
}

/** Thrown when the text has a character no token matches (cannot happen with today's terminals). */
export class Unlexable extends Error {}

function* parseLines(text: string, sources: GrammarSources, tokens: Record<string, TokenType>, keywords: Set<string>,
    lexerReport: ParseResult['lexerReport']): Steps<ParseResult<Report>> {
    const root = new RootCstNodeImpl(text);
    const report = { $type: 'Report', lines: [] as LineNode[] } as unknown as Report & { lines: LineNode[] };
    const lines = report.lines;
    let line = 0;
    let lineStart = 0;
    let offset = 0;
    let hidden: LeafCstNodeImpl[] = [];
    /** The line element being read (a MetaField or a Row continues up to the next line break or text block). */
    let open: { node: CompositeCstNodeImpl; kind: 'MetaField' | 'Row' } | undefined;

    const leaf = (start: number, length: number, type: TokenType, source: Element | undefined, endLine = line, endCharacter = start - lineStart + length) => {
        const node = new LeafCstNodeImpl(start, length, line, start - lineStart, endLine, endCharacter, type, !source);
        node.grammarSource = source;
        return node;
    };
    const append = (parent: CompositeCstNodeImpl, child: CstNode) => {
        (child as { container?: CompositeCstNodeImpl }).container = parent;
        parent.content.push(child);
    };
    const flushHidden = (parent: CompositeCstNodeImpl) => {
        if (hidden.length === 0) return;
        for (const node of hidden) append(parent, node);
        hidden = [];
    };
    /** A new line element: the hidden tokens before its first token go before it (as Langium places them). */
    const start = (kind: LineNode['$type'], value?: string): CompositeCstNodeImpl => {
        flushHidden(root);
        const node = new CompositeCstNodeImpl();
        node.grammarSource = sources.line[kind];
        append(root, node);
        const $containerIndex = lines.length;
        const ast = (kind === 'Row' ? { $type: kind, $cstNode: node, $container: report, $containerProperty: 'lines', $containerIndex }
            : kind === 'MetaField' ? { $type: kind, key: value, $cstNode: node, $container: report, $containerProperty: 'lines', $containerIndex }
            : { $type: kind, text: value, $cstNode: node, $container: report, $containerProperty: 'lines', $containerIndex }) as LineNode;
        node.astNode = ast as AstNode;
        lines.push(ast);
        return node;
    };

    const length = text.length;
    const longestKey = Math.max(...[...keywords].map(k => k.length));
    const keyStarts = new Set([...keywords].map(k => k.charCodeAt(0)));
    while (offset < length) {
        const code = text.charCodeAt(offset);
        // A line break.
        if (code === LF || code === CR) {
            const size = code === CR && text.charCodeAt(offset + 1) === LF ? 2 : 1;
            open = undefined;
            flushHidden(root);
            append(root, leaf(offset, size, tokens.NL, sources.nl));
            offset += size;
            line++;
            lineStart = offset;
            if (line % LINES_PER_STEP === 0) yield;
            continue;
        }
        // Spaces: skipped.
        if (isInlineSpace(code)) {
            WS_PATTERN.lastIndex = offset;
            offset = WS_PATTERN.exec(text) ? WS_PATTERN.lastIndex : offset + 1;
            continue;
        }
        // A comment: a hidden token, placed before the next token.
        if (code === SLASH && text.charCodeAt(offset + 1) === SLASH) {
            COMMENT_PATTERN.lastIndex = offset;
            COMMENT_PATTERN.exec(text);
            const end = COMMENT_PATTERN.lastIndex;
            hidden.push(leaf(offset, end - offset, tokens.SL_COMMENT, undefined));
            offset = end;
            continue;
        }
        // A text block, perhaps over several lines.
        if (code === QUOTE && text.startsWith('"""', offset)) {
            TEXT_BLOCK_PATTERN.lastIndex = offset;
            TEXT_BLOCK_PATTERN.exec(text);
            const end = TEXT_BLOCK_PATTERN.lastIndex;
            open = undefined;
            const node = start('TextBlock', text.slice(offset, end));
            const breaks = lineBreaksIn(text, offset, end);
            const size = end - offset;
            let token: LeafCstNodeImpl;
            if (breaks.count === 0 || (breaks.count === 1 && breaks.lastEnd === end - 1)) {
                token = leaf(offset, size, tokens.TEXT_BLOCK, sources.textBlock);
            } else {
                // Chevrotain's end of a token over several lines (a last line break is not counted).
                const fix = breaks.lastEnd === end - 1 ? -1 : 0;
                token = leaf(offset, size, tokens.TEXT_BLOCK, sources.textBlock, line + breaks.count + fix, end - breaks.lastEnd - 1 - fix);
            }
            append(node, token);
            if (breaks.count) {
                line += breaks.count;
                lineStart = breaks.lastEnd + 1;
            }
            offset = end;
            continue;
        }
        // A pipe or colon, a metadata key or a cell.
        let name = KEYWORD_CHARS.get(code);
        let end = offset + 1;
        if (!name) {
            CELL_PATTERN.lastIndex = offset;
            if (!CELL_PATTERN.exec(text)) throw new Unlexable(`no token at ${offset}`);
            end = CELL_PATTERN.lastIndex;
            const image = end - offset <= longestKey && keyStarts.has(code) ? text.slice(offset, end) : '';
            name = keywords.has(image) ? image : CELL;
        }
        let node: CompositeCstNodeImpl;
        let source: Element;
        if (open) {
            node = open.node;
            source = (open.kind === 'MetaField' ? sources.metaRest : sources.rowRest).get(name)!;
            flushHidden(node);
        } else if (keywords.has(name)) {
            node = start('MetaField', name);
            open = { node, kind: 'MetaField' };
            source = sources.metaKey.get(name)!;
        } else {
            node = start('Row');
            open = { node, kind: 'Row' };
            source = sources.rowFirst.get(name)!;
        }
        append(node, leaf(offset, end - offset, tokens[name], source));
        offset = end;
    }
    flushHidden(root);
    for (const node of root.content) if (node instanceof CompositeCstNodeImpl) node.content = node.content.slice();
    (report as { $cstNode?: CstNode }).$cstNode = root;
    root.astNode = report;
    return { value: report, lexerErrors: [], lexerReport, parserErrors: [] };
}

/** The line breaks (\r\n, \r, \n) in text[start, end): how many, and where the last one's last character is. */
function lineBreaksIn(text: string, start: number, end: number): { count: number; lastEnd: number } {
    let count = 0;
    let lastEnd = -1;
    for (let i = start; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code === LF) {
            count++;
            lastEnd = i;
        } else if (code === CR) {
            count++;
            if (i + 1 < end && text.charCodeAt(i + 1) === LF) i++;
            lastEnd = i;
        }
    }
    return { count, lastEnd };
}
