import { phpJsonEncode } from '../php/json-encode.js';
import type { PhpValue } from '../php/values.js';

/** `wp_json_encode()`: REST bodies escape `/` as `\/`. */
export function wpJsonEncode(value: PhpValue, pretty = false): string {
  return phpJsonEncode(value, { escapeSlashes: true, pretty });
}
