/**
 * Per-user options (`get_user_option` / `update_user_option` / `delete_user_option`) with
 * WordPress' return values, which is where AAM's 500/409 quirks come from:
 * - reading for user 0 means "the current user";
 * - writing or deleting for user 0 fails (`false`);
 * - updating to the value already stored returns `false`;
 * - deleting a row that does not exist returns `false`.
 * Values are lists of strings (AAM's token registry is the only option stored here).
 */
export class UserOptions {
  private readonly rows = new Map<string, Map<number, string[]>>();

  get(name: string, userId: number, currentUserId: number): string[] | false {
    const id = userId > 0 ? userId : currentUserId;
    if (id <= 0) return false;
    const row = this.rows.get(name)?.get(id);
    return row ? [...row] : false;
  }

  update(name: string, userId: number, value: readonly string[]): boolean {
    if (userId <= 0) return false;
    let table = this.rows.get(name);
    if (!table) {
      table = new Map();
      this.rows.set(name, table);
    }
    const old = table.get(userId);
    if (old && old.length === value.length && old.every((t, i) => t === value[i])) return false;
    table.set(userId, [...value]);
    return true;
  }

  delete(name: string, userId: number): boolean {
    if (userId <= 0) return false;
    return this.rows.get(name)?.delete(userId) ?? false;
  }
}
