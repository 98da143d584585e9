import { readFileSync } from 'node:fs';

/** One user of the mock site (the users file is a JSON array of these). */
export interface UserRecord {
  id: number;
  login: string;
  email: string;
  password: string;
  /** WordPress role slug: administrator, editor, author, contributor or subscriber */
  role: string;
  /** capabilities granted to this user directly (e.g. aam_manager) */
  caps?: string[];
  /** `YYYY-MM-DD HH:MM:SS` */
  registered: string;
  /**
   * the stored password hash (`user_pass`); auth cookies sign 4 of its characters, so changing it logs the
   * user out everywhere. Default: a fixed stand-in derived from login and password.
   */
  passHash?: string;
  displayName?: string;
  nicename?: string;
  url?: string;
}

/** Capabilities of WordPress' default roles (abridged: only what a REST check could ask for). */
export const ROLE_CAPS: Readonly<Record<string, readonly string[]>> = {
  administrator: ['read', 'edit_posts', 'publish_posts', 'edit_others_posts', 'delete_posts', 'upload_files',
    'manage_options', 'list_users', 'create_users', 'edit_users', 'delete_users', 'promote_users'],
  editor: ['read', 'edit_posts', 'publish_posts', 'edit_others_posts', 'delete_posts', 'upload_files', 'moderate_comments'],
  author: ['read', 'edit_posts', 'publish_posts', 'delete_posts', 'upload_files'],
  contributor: ['read', 'edit_posts', 'delete_posts'],
  subscriber: ['read'],
};

/** Every capability some default role holds (ROLE_CAPS is fixed). */
const ANY_ROLE_CAPS: ReadonlySet<string> = new Set(Object.values(ROLE_CAPS).flat());

export class UserError extends Error {
  readonly code = 'ERR_MOCK_USERS';
}

export const DEFAULT_USERS_FILE = new URL('../fixtures/users.json', import.meta.url);

/** Load and check a users file. */
export function loadUsers(file: string | URL = DEFAULT_USERS_FILE): UserRecord[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`cannot read users file ${String(file)}: ${(err as Error).message}`);
  }
  return checkUsers(raw);
}

export function checkUsers(raw: unknown): UserRecord[] {
  if (!Array.isArray(raw)) throw new UserError('users file must hold a JSON array');
  const seen = new Set<number>();
  return raw.map((u: unknown, i) => {
    const r = u as Partial<UserRecord> | null;
    const ok = r && Number.isInteger(r.id) && (r.id ?? 0) > 0 && typeof r.login === 'string' && r.login !== ''
      && typeof r.email === 'string' && typeof r.password === 'string' && typeof r.role === 'string'
      && typeof r.registered === 'string' && (r.caps === undefined || (Array.isArray(r.caps) && r.caps.every((c) => typeof c === 'string')))
      && (r.passHash === undefined || typeof r.passHash === 'string');
    if (!ok) throw new UserError(`users[${i}] needs id (positive integer), login, email, password, role, registered`);
    if (seen.has(r.id as number)) throw new UserError(`users[${i}]: duplicate id ${String(r.id)}`);
    seen.add(r.id as number);
    return r as UserRecord;
  });
}

/** The user directory: lookups the way WordPress' `get_user_by()` does them (MySQL compares case-insensitively). */
export class UserStore {
  readonly users: readonly UserRecord[];
  constructor(users: readonly UserRecord[]) {
    this.users = users;
  }
  byId(id: number): UserRecord | undefined {
    return this.users.find((u) => u.id === id);
  }
  byLogin(login: string): UserRecord | undefined {
    const l = login.toLowerCase();
    return this.users.find((u) => u.login.toLowerCase() === l);
  }
  byEmail(email: string): UserRecord | undefined {
    const e = email.toLowerCase();
    return this.users.find((u) => u.email.toLowerCase() === e);
  }
  /** Every capability a user holds: role caps, the role slug itself, and user-level caps. */
  allCaps(user: UserRecord): Set<string> {
    return new Set([...(ROLE_CAPS[user.role] ?? []), user.role, ...(user.caps ?? [])]);
  }
  /**
   * AAM's `capExists`: is the cap assigned to any role, or to the given (current) user? `null` asks about
   * roles only (AAM 7's `capabilities->exists()`, which ignores caps assigned to users).
   */
  capExists(cap: string, current: UserRecord | null | undefined): boolean {
    if (ANY_ROLE_CAPS.has(cap)) return true;
    return current !== undefined && current !== null && (current.caps ?? []).includes(cap);
  }
  /**
   * `user_can()` with AAM's `map_meta_cap` rule: an `aam_*` cap that exists nowhere maps to the
   * `page.capability` setting (default `administrator`). `current: null` = only role caps make a cap exist.
   */
  userCan(user: UserRecord | undefined, cap: string, current: UserRecord | null | undefined = user): boolean {
    if (!user) return false;
    const needed = cap.startsWith('aam_') && !this.capExists(cap, current) ? 'administrator' : cap;
    // same answer as allCaps(user).has(needed), without building the set
    const roleCaps = ROLE_CAPS[user.role] ?? [];
    return roleCaps.includes(needed) || needed === user.role || (user.caps ?? []).includes(needed);
  }
}
