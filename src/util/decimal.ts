/**
 * Exact decimal arithmetic for cell values (金额 in 万元 with up to 4 decimals, counts): a value is an
 * integer of units of 10^-scale, as a bigint, so a sum of thousands of amounts has no binary drift
 * (0.1 + 0.2 is 0.3). Plain TypeScript, no Node API.
 */
export interface Decimal {
    /** The value × 10^scale. */
    units: bigint;
    scale: number;
}

const DECIMAL = /^([+\-−]?)(\d+)(?:\.(\d+))?$/;

export const ZERO: Decimal = { units: 0n, scale: 0 };

/** A decimal written in digits (full-width too, a sign allowed): "75.9260", "-3", "１２". Undefined for anything else. */
export function parseDecimal(text: string): Decimal | undefined {
    const m = DECIMAL.exec(text.normalize('NFKC').trim());
    if (!m) return undefined;
    const fraction = m[3] ?? '';
    const units = BigInt(m[2] + fraction);
    return { units: m[1] && m[1] !== '+' ? -units : units, scale: fraction.length };
}

/** A number as a decimal: exact for integers; others by their shortest round-trip text (what was written, for ≤ 15 digits). */
export function decimalOf(value: number): Decimal {
    if (Number.isInteger(value)) return { units: BigInt(value), scale: 0 };
    const text = String(value);
    return parseDecimal(text) ?? parseDecimal(value.toFixed(12).replace(/0+$/, ''))!;
}

function rescale(d: Decimal, scale: number): bigint {
    return d.units * 10n ** BigInt(scale - d.scale);
}

export function addDecimals(a: Decimal, b: Decimal): Decimal {
    const scale = Math.max(a.scale, b.scale);
    return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function subtractDecimals(a: Decimal, b: Decimal): Decimal {
    return addDecimals(a, { units: -b.units, scale: b.scale });
}

export function sumDecimals(values: readonly Decimal[]): Decimal {
    return values.reduce(addDecimals, ZERO);
}

/** −1, 0 or 1. */
export function compareDecimals(a: Decimal, b: Decimal): number {
    const scale = Math.max(a.scale, b.scale);
    const x = rescale(a, scale);
    const y = rescale(b, scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

/** The decimal in digits without trailing zeros after the point: 75.926, 3, -0.5. */
export function formatDecimal(d: Decimal): string {
    const negative = d.units < 0n;
    let digits = (negative ? -d.units : d.units).toString().padStart(d.scale + 1, '0');
    let text = digits;
    if (d.scale > 0) {
        digits = digits.slice(0, digits.length - d.scale) + '.' + digits.slice(digits.length - d.scale);
        text = digits.replace(/\.?0+$/, '');
    }
    return negative && text !== '0' ? `-${text}` : text;
}

/** The nearest double (for display and ratios; sums stay decimals). */
export function decimalToNumber(d: Decimal): number {
    return Number(formatDecimal(d));
}
