/** Lookup structures derived from a TemplateDef, built once per template. */
import type { ColumnDef, ColumnGroupDef, LabelSpec, LinearRuleDef, RowDef, SectionDef, SubtotalRuleDef, TableDef, TemplateDef } from './types.js';
import { Vocabulary } from './vocabulary.js';

export interface RowInfo {
    def: RowDef;
    parent?: RowDef;
    depth: number;
    /** Position in the template's pre-order walk of the table's rows. */
    order: number;
}

/** The rows of a table in template order (pre-order), with their depth. */
export function flattenRows(list: readonly RowDef[]): RowInfo[] {
    const rows: RowInfo[] = [];
    const walk = (defs: readonly RowDef[], parent: RowDef | undefined, depth: number) => {
        for (const def of defs) {
            rows.push({ def, parent, depth, order: rows.length });
            if (def.children) walk(def.children, def, depth + 1);
        }
    };
    walk(list, undefined, 0);
    return rows;
}

export class TableIndex {
    readonly rows: readonly RowInfo[];
    readonly rowById = new Map<string, RowInfo>();
    readonly columnById = new Map<string, ColumnDef>();
    readonly columnOrder = new Map<string, number>();
    readonly rowVocabulary: Vocabulary<RowDef>;
    readonly columnVocabulary: Vocabulary<ColumnDef>;
    readonly columnGroupVocabulary: Vocabulary<ColumnGroupDef>;
    readonly cornerVocabulary: Vocabulary<LabelSpec>;
    /**
     * The template's equalities between cells of this table (linear rules with `=`, subtotals), in
     * template order: what the rule engine solves for blank cells (src/rules/engine.ts).
     */
    equalities: readonly (LinearRuleDef | SubtotalRuleDef)[] = [];

    constructor(readonly def: TableDef, readonly section: SectionDef, annotations: 'accept' | 'warn' = 'warn') {
        const rows = flattenRows(def.rows);
        rows.forEach(info => this.rowById.set(info.def.id, info));
        this.rows = rows;
        def.columns.forEach((column, i) => {
            this.columnById.set(column.id, column);
            this.columnOrder.set(column.id, i);
        });
        const fuzzy = { fuzzy: true };
        this.rowVocabulary = new Vocabulary(rows.map(r => r.def), annotations, fuzzy);
        this.columnVocabulary = new Vocabulary(def.columns, annotations, fuzzy);
        this.columnGroupVocabulary = new Vocabulary(def.columnGroups ?? [], annotations);
        this.cornerVocabulary = new Vocabulary([...(def.corner ?? []), ...(def.note ? [def.note] : [])], annotations, fuzzy);
    }

    /** Leaf rows under a row (the row itself when it has no children). */
    leavesOf(id: string): RowDef[] {
        const info = this.rowById.get(id);
        if (!info) return [];
        const out: RowDef[] = [];
        const walk = (def: RowDef) => def.children ? def.children.forEach(walk) : out.push(def);
        walk(info.def);
        return out;
    }
}

export class TemplateIndex {
    readonly sectionVocabulary: Vocabulary<SectionDef>;
    readonly sectionOrder = new Map<string, number>();
    readonly tables = new Map<string, TableIndex>();
    readonly tablesOfSection = new Map<string, TableIndex[]>();
    /** Per section: table captions (第二十条第（一）项) and table notes (本列数据的勾稽关系…). */
    readonly openerVocabulary = new Map<string, Vocabulary<LabelSpec & { table: TableIndex; kind: 'caption' | 'note' }>>();

    constructor(readonly template: TemplateDef) {
        this.sectionVocabulary = new Vocabulary(template.sections, template.labelAnnotations, { fuzzy: true });
        template.sections.forEach((section, i) => {
            this.sectionOrder.set(section.id, i);
            const tables = section.tables.map(table => {
                if (this.tables.has(table.id)) throw new Error(`template ${template.id}: duplicate table id ${table.id}`);
                const index = new TableIndex(table, section, template.labelAnnotations);
                this.tables.set(table.id, index);
                return index;
            });
            this.tablesOfSection.set(section.id, tables);
            for (const table of tables) {
                table.equalities = template.rules.filter((r): r is LinearRuleDef | SubtotalRuleDef =>
                    (r.kind === 'linear' && r.op === '=' && r.table === table.def.id) ||
                    (r.kind === 'subtotal' && (!r.tables || r.tables.includes(table.def.id))));
            }
            this.openerVocabulary.set(section.id, new Vocabulary(tables.flatMap(table => [
                ...(table.def.caption ? [{ ...table.def.caption, table, kind: 'caption' as const }] : []),
                ...(table.def.note ? [{ ...table.def.note, table, kind: 'note' as const }] : []),
            ]), 'warn', { fuzzy: true }));
        });
        checkTemplate(this);
    }
}

function checkTemplate(index: TemplateIndex): void {
    const { template } = index;
    for (const table of index.tables.values()) {
        const ids = new Set<string>();
        for (const row of table.rows) {
            if (ids.has(row.def.id)) throw new Error(`template ${template.id}: table ${table.def.id}: duplicate row id ${row.def.id}`);
            ids.add(row.def.id);
        }
        if (table.columnById.size !== table.def.columns.length) {
            throw new Error(`template ${template.id}: table ${table.def.id}: duplicate column id`);
        }
    }
    const fail = (what: string, message: string): never => {
        throw new Error(`template ${template.id}: ${what}: ${message}`);
    };
    const checkIds = (what: string, table: TableIndex, kind: 'row' | 'column', ids: readonly string[]) => {
        for (const id of ids) {
            if (!(kind === 'row' ? table.rowById.has(id) : table.columnById.has(id))) fail(what, `unknown ${kind} ${id}`);
        }
    };
    for (const rule of template.rules) {
        const what = `rule ${rule.code}`;
        switch (rule.kind) {
            case 'linear': case 'cross-year': {
                const table = index.tables.get(rule.table);
                if (!table) continue; // a rule for a table this template does not have
                const ids = (terms: readonly (string | { id: string })[]) => terms.map(t => (typeof t === 'string' ? t : t.id));
                // Per row, terms are columns and `over` lists rows; per column, the other way round.
                checkIds(what, table, rule.each === 'row' ? 'column' : 'row', [...ids(rule.lhs), ...ids(rule.rhs)]);
                checkIds(what, table, rule.each === 'row' ? 'row' : 'column', rule.over ?? []);
                if (rule.kind === 'cross-year' && ![...rule.lhs, ...rule.rhs].some(t => t.year === 'this' && t.id === rule.target)) {
                    fail(what, `target ${rule.target} is not a this-year term`);
                }
                break;
            }
            case 'coincidence':
                for (const id of rule.tables) {
                    const table = index.tables.get(id);
                    if (table) checkIds(what, table, 'column', [...rule.lhs, ...rule.rhs, rule.target]);
                }
                break;
            case 'capability': {
                const table = index.tables.get(rule.table);
                if (table) {
                    checkIds(what, table, 'row', rule.rows);
                    checkIds(what, table, 'column', rule.columns ?? []);
                }
                break;
            }
            case 'rollup':
                for (const id of rule.tables) if (!index.tables.has(id)) fail(what, `unknown table ${id}`);
                break;
        }
    }
    for (const fact of template.prose?.facts ?? []) {
        for (const cell of [...(fact.cells ?? []), ...(fact.see ?? []), ...(fact.alternatives ?? []).flat()]) {
            const table = index.tables.get(cell.table);
            if (!table) fail(`prose ${fact.id}`, `unknown table ${cell.table}`);
            checkIds(`prose ${fact.id}`, table!, 'row', [cell.row]);
            checkIds(`prose ${fact.id}`, table!, 'column', [cell.column]);
        }
    }
}

const cache = new WeakMap<TemplateDef, TemplateIndex>();

export function indexOf(template: TemplateDef): TemplateIndex {
    let index = cache.get(template);
    if (!index) {
        index = new TemplateIndex(template);
        cache.set(template, index);
    }
    return index;
}

/** A table's name in messages: its caption (第二十条第（一）项), else its title, else its section's heading. */
export function tableName(table: TableIndex): string {
    return table.def.caption?.label ?? table.def.title ?? table.section.label;
}

/**
 * A cell's row and column as messages name them: the short label, and for a numbered sub-row
 * (「1.属于国家秘密」) its group's first: 「（三）不予公开1.属于国家秘密」.
 */
export function cellNames(template: TemplateDef, table: string, row: string, column: string): { row: string; column: string } {
    const info = indexOf(template).tables.get(table);
    const r = info?.rowById.get(row);
    const name = (spec?: { short?: string; label: string }) => spec?.short ?? spec?.label;
    const own = name(r?.def) ?? row;
    const parent = r?.parent && /^\d/.test(own) ? name(r.parent) : undefined;
    return { row: parent ? `${parent}${own}` : own, column: name(info?.columnById.get(column)) ?? column };
}
