/**
 * Per-user options (`get_user_option` / `update_user_option` / `delete_user_option`) with
 * WordPress' return values, which is where AAM's 500/409 quirks come from:
 * - reading for user 0 means "the current user";
 * - writing or deleting for user 0 fails (`false`);
 * - updating to the value already stored returns `false`;
 * - deleting a row that does not exist returns `false`.
 * Values are lists (AAM's token registry is the only option stored here): of token strings by default,
 * of another entry type where an AAM generation stores more (AAM 7.1 keeps descriptions beside tokens).
 */
export class UserOptions<Entry = string> {
  private readonly rows = new Map<string, Map<number, Entry[]>>();

  get(name: string, userId: number, currentUserId: number): Entry[] | false {
    const id = userId > 0 ? userId : currentUserId;
    if (id <= 0) return false;
    const row = this.rows.get(name)?.get(id);
    return row ? [...row] : false;
  }

  update(name: string, userId: number, value: readonly Entry[]): boolean {
    if (userId <= 0) return false;
    let table = this.rows.get(name);
    if (!table) {
      table = new Map();
      this.rows.set(name, table);
    }
    const old = table.get(userId);
    if (old && old.length === value.length && old.every((t, i) => sameEntry(t, value[i]))) return false;
    table.set(userId, [...value]);
    return true;
  }

  delete(name: string, userId: number): boolean {
    if (userId <= 0) return false;
    return this.rows.get(name)?.delete(userId) ?? false;
  }
}

/** Entries compare by value, like the serialized rows `update_user_meta()` compares. */
function sameEntry(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && JSON.stringify(a) === JSON.stringify(b));
}
