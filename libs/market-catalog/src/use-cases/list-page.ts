/** What every `list` method answers before the controller renames the fields. */
export interface ListPage<T> {
  items: T[];
  nextFromId: number | null;
  totalCount: number;
}
