/**
 * Variants as data: a template made from another by adding rows (or rules). No code needs to
 * know about the variant; the registry, the model builder and the rule engine read it like any
 * other template.
 */
import type { RowDef, RuleDef, SectionDef, TableDef, TemplateDef } from './types.js';

export interface TemplateChanges {
    id: string;
    name: string;
    citation?: string;
    aliases?: readonly string[];
    /** Rows to add: to a table (by id), after a row (by id; at the end when absent). */
    addRows?: readonly { table: string; after?: string; row: RowDef }[];
    addRules?: readonly RuleDef[];
    labelAnnotations?: 'accept' | 'warn';
}

export function deriveTemplate(base: TemplateDef, changes: TemplateChanges): TemplateDef {
    const editTable = (table: TableDef): TableDef => {
        const additions = changes.addRows?.filter(a => a.table === table.id) ?? [];
        if (!additions.length) return table;
        const rows = [...table.rows];
        for (const { after, row } of additions) {
            const at = after === undefined ? rows.length : rows.findIndex(r => r.id === after) + 1;
            if (at === 0) throw new Error(`${changes.id}: table ${table.id} has no row ${after}`);
            rows.splice(at, 0, row);
        }
        return { ...table, rows };
    };
    const sections: SectionDef[] = base.sections.map(s => ({ ...s, tables: s.tables.map(editTable) }));
    return {
        ...base,
        id: changes.id,
        name: changes.name,
        citation: changes.citation ?? base.citation,
        aliases: changes.aliases ?? [],
        basedOn: base.id,
        sections,
        rules: [...base.rules, ...(changes.addRules ?? [])],
        labelAnnotations: changes.labelAnnotations ?? base.labelAnnotations,
    };
}
