/**
 * PHP's list of response headers (`header()`, `setcookie()`): kept in the order they are sent, a
 * replacing `header()` removes every earlier header of that name and appends the new one at the end.
 * What a request has sent so far is what a fatal error's page goes out with.
 */
export class HeaderList {
  private readonly list: [string, string][] = [];
  status = 200;

  /** `header("$name: $value", $replace)` */
  set(name: string, value: string, replace = true): void {
    if (replace) {
      const lower = name.toLowerCase();
      for (let i = this.list.length - 1; i >= 0; i--) if ((this.list[i] as [string, string])[0].toLowerCase() === lower) this.list.splice(i, 1);
    }
    this.list.push([name, value]);
  }

  /** `header_remove($name)` */
  remove(name: string): void {
    const lower = name.toLowerCase();
    for (let i = this.list.length - 1; i >= 0; i--) if ((this.list[i] as [string, string])[0].toLowerCase() === lower) this.list.splice(i, 1);
  }

  has(name: string): boolean {
    const lower = name.toLowerCase();
    return this.list.some(([k]) => k.toLowerCase() === lower);
  }

  /**
   * The headers as PHP sends them once output starts: without a Content-Type, PHP adds its default
   * (`default_mimetype` + `default_charset`) as `Content-type: text/html; charset=UTF-8`.
   */
  sent(): [string, string][] {
    const list = this.entries();
    if (!this.has('content-type')) list.push(['Content-type', 'text/html; charset=UTF-8']);
    return list;
  }

  entries(): [string, string][] {
    return this.list.map(([k, v]) => [k, v]);
  }
}
