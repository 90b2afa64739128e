/** The formats a report may declare in 格式：…, looked up by id, notice number or year. */
import { format2019 } from './format-2019.js';
import { format2021 } from './format-2021.js';
import { indexOf } from './template-index.js';
import { hubei2019 } from './variant-hubei-2019.js';
import type { TemplateDef } from './types.js';
import { Vocabulary } from './vocabulary.js';

export class TemplateRegistry {
    private readonly templates: TemplateDef[] = [];
    private vocabulary?: Vocabulary<{ label: string; aliases: string[]; template: TemplateDef }>;

    constructor(templates: readonly TemplateDef[] = []) {
        templates.forEach(t => this.register(t));
    }

    /** Adds a format. Its data is checked (ids unique, rules naming known rows and columns). */
    register(template: TemplateDef): this {
        if (this.templates.some(t => t.id === template.id)) throw new Error(`format ${template.id} is already registered`);
        indexOf(template);
        this.templates.push(template);
        this.vocabulary = undefined;
        return this;
    }

    all(): readonly TemplateDef[] {
        return this.templates;
    }

    get(id: string): TemplateDef | undefined {
        return this.templates.find(t => t.id === id);
    }

    /** The format named by a 格式 value ("2021", "国办公开办函〔2021〕30号", a variant's id). */
    resolve(text: string): TemplateDef | undefined {
        return this.labels().lookup(text)?.item.template;
    }

    suggest(text: string): TemplateDef | undefined {
        return this.labels().suggest(text)?.item.template;
    }

    /** The national format for a report year. */
    forYear(year: number): TemplateDef | undefined {
        return this.templates.find(t => !t.basedOn && year >= t.years.from && (t.years.to === undefined || year <= t.years.to));
    }

    /** The newest national format: what a report is checked against when neither 年度 nor 格式 names one. */
    latest(): TemplateDef | undefined {
        return this.templates.filter(t => !t.basedOn).reduce<TemplateDef | undefined>((newest, t) => (!newest || t.years.from > newest.years.from ? t : newest), undefined);
    }

    private labels() {
        this.vocabulary ??= new Vocabulary(this.templates.map(template =>
            ({ label: template.id, aliases: [template.citation, ...template.aliases], template })));
        return this.vocabulary;
    }
}

/** The two national formats and the provincial variants shipped with xxgk. */
export function createNationalRegistry(): TemplateRegistry {
    return new TemplateRegistry([format2019, format2021, hubei2019]);
}

export const nationalRegistry = createNationalRegistry();
