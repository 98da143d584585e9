/**
 * What the runner itself did to the site outside the collection (login sessions it opened and ended, notes), so
 * the end-of-run summary can say what changed. Token changes are computed by the clean-up from registry
 * snapshots; this ledger holds the rest.
 */
export class SiteLedger {
  #opened = 0;
  #ended = 0;
  readonly #left: string[] = [];
  readonly #notes: string[] = [];

  sessionOpened(): void {
    this.#opened += 1;
  }
  sessionEnded(): void {
    this.#ended += 1;
  }
  /** A login session the runner could not end, and why. */
  sessionLeft(what: string): void {
    this.#left.push(what);
  }
  /** Something the reader should know about how the run touched the site. */
  note(text: string): void {
    this.#notes.push(text);
  }
  get sessions(): { readonly opened: number; readonly ended: number; readonly left: readonly string[] } {
    return { opened: this.#opened, ended: this.#ended, left: [...this.#left] };
  }
  get notes(): readonly string[] {
    return [...this.#notes];
  }
}
