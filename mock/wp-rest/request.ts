import { phpJsonDecode, JSON_ERRORS } from '../php/json-decode.js';
import { phpParseStr } from '../php/parse-str.js';
import { header, mediaType } from '../php/request.js';
import type { PhpRequest } from '../php/request.js';
import { phpGet, phpIsset } from '../php/values.js';
import type { PhpMap, PhpValue } from '../php/values.js';
import { WpError } from './errors.js';
import type { RestHandler } from './types.js';

type Source = 'JSON' | 'POST' | 'GET' | 'URL' | 'defaults';

const JSON_MEDIA = /(^|\s|,)application\/([\w!#$&-^.+]+\+)?json(\+oembed)?($|\s|;|,)/i;

/** `WP_REST_Request`: method, route, the parameter sources and their lookup order. */
export class RestRequest {
  method: string;
  readonly route: string;
  readonly php: PhpRequest;
  /** the user WordPress determined for this request (0 = anonymous) */
  readonly currentUserId: number;
  handler: RestHandler | null = null;
  readonly params: Record<Source, PhpValue> = { JSON: null, POST: new Map(), GET: new Map(), URL: new Map(), defaults: new Map() };
  private parsedJson = false;
  private parsedBody = false;
  /** the parameter order once computed (it depends only on the method and the Content-Type) */
  private order: readonly Source[] | null = null;
  private orderMethod = '';
  private jsonContentType: boolean | null = null;

  constructor(php: PhpRequest, method: string, route: string, currentUserId: number) {
    this.php = php;
    this.method = method;
    this.route = route;
    this.currentUserId = currentUserId;
    this.params.GET = php.get;
    this.params.POST = new Map(php.post);
  }

  header(name: string): string | undefined {
    return header(this.php, name);
  }

  isJsonContentType(): boolean {
    this.jsonContentType ??= JSON_MEDIA.test(header(this.php, 'content-type')?.split(';')[0] ?? '');
    return this.jsonContentType;
  }

  /** `parse_json_params()`: a JSON body that does not decode is a `rest_invalid_json` error. */
  parseJsonParams(): true | WpError {
    if (this.parsedJson) return true;
    this.parsedJson = true;
    if (!this.isJsonContentType()) return true;
    const body = this.php.body;
    if (body.length === 0 || (body.length === 1 && body[0] === 0x30)) return true; // PHP empty(): "" and "0"
    const decoded = phpJsonDecode(body, { assoc: true });
    if (!decoded.ok) {
      this.parsedJson = false;
      return new WpError('rest_invalid_json', 'Invalid JSON body passed.', {
        status: 400, json_error_code: decoded.code, json_error_message: JSON_ERRORS[decoded.code],
      });
    }
    this.params.JSON = decoded.value;
    return true;
  }

  /** `get_parameter_order()` */
  parameterOrder(): readonly Source[] {
    this.parseJsonParams();
    if (this.method !== 'POST' && this.php.body.length > 0) this.parseBodyParams();
    if (this.order !== null && this.orderMethod === this.method) return this.order;
    const order: Source[] = [];
    if (this.isJsonContentType()) order.push('JSON');
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(this.method)) order.push('POST');
    order.push('GET', 'URL', 'defaults');
    this.order = order;
    this.orderMethod = this.method;
    return order;
  }

  private parseBodyParams(): void {
    if (this.parsedBody) return;
    this.parsedBody = true;
    const type = mediaType(this.php);
    if (type !== '' && type !== 'application/x-www-form-urlencoded') return;
    const parsed = phpParseStr(this.php.body.toString('utf8'));
    const post = this.params.POST as PhpMap;
    this.params.POST = new Map([...parsed, ...post]);
  }

  /** `has_param()`: the key exists in some source (`array_key_exists`, null values included). */
  hasParam(key: string): boolean {
    return this.parameterOrder().some((source) => {
      const v = this.params[source];
      return v instanceof Map && v.has(key);
    });
  }

  /** `get_param()`: the first source where the key is set (and not null). */
  getParam(key: string): PhpValue | undefined {
    for (const source of this.parameterOrder()) {
      if (phpIsset(this.params[source], key)) return phpGet(this.params[source], key);
    }
    return undefined;
  }

  /** Iterate `[key, value]` of one source (only PHP arrays can be iterated). */
  entries(source: Source): [string, PhpValue][] {
    const v = this.params[source];
    if (v instanceof Map) return [...v.entries()];
    if (Array.isArray(v)) return v.map((x, i) => [String(i), x]);
    return [];
  }

  set(source: Source, key: string, value: PhpValue): void {
    const v = this.params[source];
    if (v instanceof Map) v.set(key, value);
    else if (Array.isArray(v) && /^\d+$/.test(key)) v[Number(key)] = value;
  }
}
