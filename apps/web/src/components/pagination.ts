/** How many pages a list of `total` items makes at `pageSize` a page (an empty list is one page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
