/**
 * The subset of the Postman Collection v2.1.0 file format this generator writes.
 * (Not the SDK's constructor types: the file has `event`, not `events`.)
 * @see https://schema.postman.com/json/collection/v2.1.0/collection.json
 */

export interface PostmanVariable {
  key: string;
  value: string;
  type?: 'string' | 'boolean' | 'any' | 'number';
  description?: string;
  disabled?: boolean;
}

export interface PostmanHeader {
  key: string;
  value: string;
  description?: string;
  disabled?: boolean;
}

export interface PostmanQueryParam {
  key: string;
  value: string;
  description?: string;
  disabled?: boolean;
}

export interface PostmanUrl {
  raw: string;
  host: string[];
  path: string[];
  query?: PostmanQueryParam[];
  variable?: PostmanVariable[];
}

export interface PostmanFormParam {
  key: string;
  value: string;
  type?: 'text';
  description?: string;
  disabled?: boolean;
}

export type PostmanBody =
  | { mode: 'raw'; raw: string; options?: { raw: { language: 'json' | 'text' | 'xml' } } }
  | { mode: 'urlencoded'; urlencoded: PostmanFormParam[] }
  | { mode: 'formdata'; formdata: PostmanFormParam[] };

export interface PostmanAuthAttribute {
  key: string;
  value: string;
  type: 'string';
}

export type PostmanAuth =
  | { type: 'noauth' }
  | { type: 'bearer'; bearer: PostmanAuthAttribute[] }
  | { type: 'basic'; basic: PostmanAuthAttribute[] }
  | { type: 'apikey'; apikey: PostmanAuthAttribute[] };

export interface PostmanRequest {
  method: string;
  header: PostmanHeader[];
  url: PostmanUrl;
  description?: string;
  body?: PostmanBody;
  auth?: PostmanAuth;
}

export interface PostmanResponse {
  id: string;
  name: string;
  originalRequest: PostmanRequest;
  status: string;
  code: number;
  _postman_previewlanguage: 'json' | 'text' | 'xml';
  header: PostmanHeader[];
  body: string;
}

export interface PostmanEvent {
  listen: 'test' | 'prerequest';
  script: { type: 'text/javascript'; exec: string[] };
}

/** Postman's per-request protocol settings (`protocolProfileBehavior`), the ones this generator sets. */
export interface PostmanProtocolProfileBehavior {
  disableCookies?: true;
  followRedirects?: false;
  disableBodyPruning?: true;
}

export interface PostmanItem {
  id: string;
  name: string;
  request: PostmanRequest;
  response: PostmanResponse[];
  event?: PostmanEvent[];
  protocolProfileBehavior?: PostmanProtocolProfileBehavior;
}

export interface PostmanFolder {
  id: string;
  name: string;
  description?: string;
  item: Array<PostmanItem | PostmanFolder>;
}

export interface PostmanCollection {
  info: {
    _postman_id: string;
    name: string;
    description: string;
    version?: string;
    schema: 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';
  };
  item: Array<PostmanItem | PostmanFolder>;
  auth?: PostmanAuth;
  event: PostmanEvent[];
  variable: PostmanVariable[];
}
