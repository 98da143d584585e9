import type { JwtManager } from '../jwt/manager.js';
import type { WpContext } from '../wp/context.js';
import type { AamVersion } from '../generations/index.js';
import type { UserExpiration } from './user-expiration.js';

/** `service.jwt.bearer` and the names of each transport (AAM config, §4). */
export interface BearerConfig {
  /** comma list of `header`, `query_param` (`query`, `get`), `post_param` (`post`), `cookie` */
  methods: string;
  /** a PHP `$_SERVER` key, checked after `HTTP_AUTHORIZATION` and `REDIRECT_HTTP_AUTHORIZATION` */
  headerName: string;
  queryParamName: string;
  postParamName: string;
  cookieName: string;
}

export const DEFAULT_BEARER: BearerConfig = {
  methods: 'header,query_param,post_param,cookie',
  headerName: 'HTTP_AUTHENTICATION',
  queryParamName: 'aam-jwt',
  postParamName: 'aam-jwt',
  cookieName: 'aam_jwt_token',
};

/** Everything AAM's code reads: WordPress state plus AAM configuration and state. */
export interface AamContext extends WpContext {
  /** the AAM generation the site runs */
  aamVersion: AamVersion;
  jwt: JwtManager;
  /** the site title (`blogname`), shown by theme pages */
  blogName: string;
  registrySize: number;
  isRevocableDefault: boolean;
  wpDebug: boolean;
  bearer: BearerConfig;
  /** the `aam_user_expiration` user option of each user that has one */
  userExpirations: Map<number, UserExpiration>;
}

/** User meta key of the token registry (`<table_prefix>aam_jwt_registry`, prefix `wp_`). */
export const REGISTRY_OPTION = 'wp_aam_jwt_registry';
