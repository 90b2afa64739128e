/**
 * Placing a tree of labels in a grid, the way official tables merge their cells.
 *
 * The same rule lays out column headers (levels are header rows, leaves are columns) and row
 * labels (levels are label columns, leaves are rows): a node starts one level below its parent
 * and stretches down to the level its subtree needs, so every leaf ends on the last level.
 *   三 header: 申请人情况 over all; 自然人 (a leaf) spans two header rows; 法人或其他组织 spans its five columns.
 *   四 header: 行政复议 spans two rows over its five columns; 行政诉讼 → 未经复议直接起诉 / 复议后起诉.
 *   三 labels: 一、… spans all three label columns; 三、本年度办理结果 spans the rows of its 24 items.
 */

export interface TreeNode<T> {
    item: T;
    children?: readonly TreeNode<T>[];
}

export interface Placed<T> {
    item: T;
    /** First level (header row, or label column) the node occupies. */
    levelStart: number;
    /** Number of levels it spans (rowSpan of a header cell, colSpan of a label cell). */
    levelSpan: number;
    /** Index of its first leaf. */
    leafStart: number;
    /** Number of leaves below it (colSpan of a header cell, rowSpan of a label cell). */
    leafSpan: number;
    isLeaf: boolean;
}

export function treeHeight<T>(nodes: readonly TreeNode<T>[]): number {
    let h = 0;
    for (const n of nodes) if (n.children?.length) h = Math.max(h, 1 + treeHeight(n.children));
    return h;
}

/** Places a forest on `levels` levels (at least its height + 1); nodes come out in pre-order. */
export function placeTree<T>(roots: readonly TreeNode<T>[], levels = treeHeight(roots) + 1): { placed: Placed<T>[]; leaves: number; levels: number } {
    const placed: Placed<T>[] = [];
    let leaf = 0;
    const visit = (node: TreeNode<T>, start: number): void => {
        const children = node.children?.length ? node.children : undefined;
        const height = children ? 1 + treeHeight(children) : 0;
        const end = levels - 1 - height;
        const entry: Placed<T> = {
            item: node.item, levelStart: start, levelSpan: end - start + 1, leafStart: leaf, leafSpan: 0, isLeaf: !children,
        };
        placed.push(entry);
        if (children) children.forEach(c => visit(c, end + 1));
        else leaf++;
        entry.leafSpan = Math.max(1, leaf - entry.leafStart);
    };
    roots.forEach(r => visit(r, 0));
    return { placed, leaves: leaf, levels };
}

/** The leaves of a forest, in order. */
export function leavesOf<T>(roots: readonly TreeNode<T>[]): T[] {
    const out: T[] = [];
    const visit = (n: TreeNode<T>) => (n.children?.length ? n.children.forEach(visit) : out.push(n.item));
    roots.forEach(visit);
    return out;
}
