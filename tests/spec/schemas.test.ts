/**
 * The named schemas accept what real AAM 6.9.32 answers (reference quirks included) and reject what a broken
 * server would answer. Each row: schema, whether it must accept, the body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from './spec-document.js';
import { createSchemaValidator } from './spec-examples.js';

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3NjcyMjU2MDAsImlzcyI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MCIsImV4cCI6MTc2NzMxMjAwMCwianRpIjoiNmYxYzJhOGUtM2I0ZC00ZTVmLThhN2ItOWMwZDFlMmYzYTRiIiwidXNlcklkIjoxLCJyZXZvY2FibGUiOnRydWUsInJlZnJlc2hhYmxlIjpudWxsfQ.DUVVgNtmI0bbKTumRg8YXDeQkfRSCH6BpO4oQFHK36Y';
const JTI = '6f1c2a8e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const CLAIMS = { iat: 1767225600, iss: 'http://127.0.0.1:8080', exp: 1767312000, jti: JTI, userId: 1, revocable: true, refreshable: null };
const USER = {
  data: {
    ID: 1,
    user_login: 'admin',
    user_nicename: 'admin',
    display_name: 'admin',
    user_url: '',
    user_email: 'admin@example.org',
    user_registered: '2024-01-01 00:00:00',
  },
};
const VALID_RECORD = { id: JTI, is_valid: true, claims: CLAIMS, signed_url: `http://127.0.0.1:8080?aam-jwt=${JWT}`, token: JWT };
const forbidden = (status: number) => ({ code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status } });
const unexpected = (status: number) => ({
  errors: { rest_unexpected_error: ['Unexpected application error'] },
  error_data: { rest_unexpected_error: { status } },
});

type Row = readonly [schema: string, accepts: boolean, name: string, body: unknown];

const ROWS: readonly Row[] = [
  // list items and create answers (§2.2, §2.3)
  ['TokenListItem', true, 'the no-fields quirk {"token", "": null}', { token: JWT, '': null }],
  ['TokenListItem', true, 'untrimmed and unknown fields are null', { token: JWT, id: JTI, ' is_valid': null, foo: null }],
  ['TokenListItem', true, 'error is null on a valid token', { token: JWT, is_valid: true, error: null }],
  ['TokenListItem', true, 'an invalid token without decodable payload', { token: JWT, id: null, claims: null, signed_url: null, error: 'Invalid token signature' }],
  ['TokenListItem', false, 'no token', { id: JTI }],
  ['TokenListItem', false, 'a token that is not a compact JWS', { token: 'not-a-jwt', id: JTI }],
  ['TokenListItem', false, 'an unknown field with a value', { token: JWT, foo: 'bar' }],
  ['TokenListItem', false, 'is_valid as a string', { token: JWT, is_valid: 'true' }],
  ['TokenList', true, 'an empty registry', []],
  ['TokenList', false, 'an object instead of an array', { token: JWT }],
  // token model (§3.4)
  ['TokenRecord', true, 'a valid token', VALID_RECORD],
  ['TokenRecord', true, 'an expired token', { is_valid: false, error: 'Expired token', id: JTI, claims: { ...CLAIMS, exp: 1 }, token: JWT }],
  ['TokenRecord', true, 'an undecodable token', { is_valid: false, error: 'Invalid token signature', token: JWT }],
  ['TokenRecord', false, 'a valid token without signed_url', { ...VALID_RECORD, signed_url: undefined }],
  ['TokenRecord', false, 'a valid token carrying error', { ...VALID_RECORD, error: null }],
  ['TokenRecord', false, 'an invalid token without error', { is_valid: false, token: JWT }],
  ['TokenRecord', false, 'a signed_url without aam-jwt', { ...VALID_RECORD, signed_url: 'http://127.0.0.1:8080' }],
  // claims (§3.1)
  ['TokenClaims', true, 'exp false from an unparseable expires_at', { ...CLAIMS, exp: false }],
  ['TokenClaims', true, 'revocable "1" from the site config', { ...CLAIMS, revocable: '1' }],
  ['TokenClaims', true, 'custom claims and roles', { ...CLAIMS, roles: ['administrator'], department: 'sales' }],
  ['TokenClaims', false, 'no userId', { ...CLAIMS, userId: undefined }],
  ['TokenClaims', false, 'exp true', { ...CLAIMS, exp: true }],
  ['TokenClaims', false, 'refreshable "yes"', { ...CLAIMS, refreshable: 'yes' }],
  ['TokenClaims', false, 'iat as a string', { ...CLAIMS, iat: '1767225600' }],
  // success bodies
  ['ResetResponse', true, 'zero deleted', { deleted_token_count: 0 }],
  ['ResetResponse', false, 'a negative count', { deleted_token_count: -1 }],
  ['ResetResponse', false, 'the count as a string', { deleted_token_count: '3' }],
  ['RefreshResponse', true, 'token and token_expires', { token: JWT, token_expires: 1767312000 }],
  ['RefreshResponse', false, 'no token_expires', { token: JWT }],
  ['RevokeResponse', true, 'the fixed message', { message: 'Token revoked successfully' }],
  ['RevokeResponse', false, 'another message', { message: 'Token revoked' }],
  ['AuthenticateResponse', true, 'no jwt, redirect null', { user: USER, redirect: null }],
  ['AuthenticateResponse', true, 'with jwt', { user: USER, redirect: null, jwt: { token: JWT, token_expires: 1767312000 } }],
  ['AuthenticateResponse', false, 'ID as a string', { user: { data: { ...USER.data, ID: '1' } }, redirect: null }],
  ['AuthenticateResponse', false, 'no redirect key', { user: USER }],
  ['AuthenticateV1Response', true, 'legacy login', { user: USER, jwt: { token: JWT, token_expires: 1767312000 }, redirect: null }],
  ['AuthenticateV1Response', false, 'legacy login without jwt', { user: USER, redirect: null }],
  // shape A (§1.2, §5)
  ['RestForbiddenUnauthenticated', true, '401', forbidden(401)],
  ['RestForbiddenUnauthenticated', false, '403 body under 401', forbidden(403)],
  ['RestForbidden', true, '403', forbidden(403)],
  ['RestForbidden', false, 'rest_not_logged_in instead', { code: 'rest_not_logged_in', message: 'You are not currently logged in.', data: { status: 403 } }],
  ['InvalidJsonError', true, 'bad JSON', { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400, json_error_code: 4, json_error_message: 'Syntax error' } }],
  ['InvalidJsonError', false, 'no json_error_code', { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400 } }],
  ['InvalidParamError', false, 'no params', { code: 'rest_invalid_param', message: 'Invalid parameter(s): jwt', data: { status: 400, details: {} } }],
  ['InvalidParamError', false, 'shape B instead', { code: 'rest_invalid_param', reason: 'Invalid parameter(s): jwt' }],
  // shape B
  ['JwtValidationFailure', true, 'expired', { code: 'rest_jwt_validation_failure', reason: 'Expired token' }],
  ['JwtValidationFailure', false, 'shape A instead', { code: 'rest_jwt_validation_failure', message: 'Expired token', data: { status: 400 } }],
  ['JwtValidationFailure', false, 'another code', { code: 'rest_forbidden', reason: 'Expired token' }],
  ['NotRefreshableError', false, 'another reason', { code: 'rest_jwt_validation_failure', reason: 'Expired token' }],
  ['RevokeFailure', true, 'failed write', { code: 'rest_jwt_revoking_failure', reason: 'Failed to revoke provided token' }],
  ['LoginFailure', true, 'integer code 405 (locked user)', { code: 405, reason: '<strong>ERROR</strong>: User is locked. Contact website administrator.' }],
  ['LoginFailure', true, 'a WordPress code with an HTML reason', { code: 'incorrect_password', reason: '<strong>Error:</strong> The password you entered for the username <strong>admin</strong> is incorrect.' }],
  ['LoginFailure', false, 'no code', { reason: 'Current user is not allowed to issue refreshable JWT token' }],
  ['RefreshableNotAllowedError', true, 'reason only', { reason: 'Current user is not allowed to issue refreshable JWT token' }],
  ['RefreshableNotAllowedError', false, 'with a code', { code: 'rest_forbidden', reason: 'Current user is not allowed to issue refreshable JWT token' }],
  // shape C
  ['UnexpectedError', true, 'masked 500', unexpected(500)],
  ['UnexpectedError', true, 'WP_DEBUG 500 with a trace', { errors: { rest_unexpected_error: ['Token does not exist'] }, error_data: { rest_unexpected_error: { status: 500, details: { trace: [] } } } }],
  ['UnexpectedError', false, 'status 404', unexpected(404)],
  ['UnexpectedError', false, 'shape A instead', { code: 'rest_unexpected_error', message: 'Unexpected application error', data: { status: 500 } }],
  ['TokenNotFoundError', true, 'not found', { errors: { rest_not_found: ['Token does not exist'] }, error_data: { rest_not_found: { status: 404 } } }],
  ['TokenNotFoundError', false, 'another message', { errors: { rest_not_found: ['Token not found'] }, error_data: { rest_not_found: { status: 404 } } }],
  ['LoginFailureV1', true, 'empty error_data array', { errors: { rest_jwt_auth_failure: ['Error: The password you entered for the username admin is incorrect. Lost your password?'] }, error_data: [] }],
  ['LoginFailureV1', false, 'error_data as an object', { errors: { rest_jwt_auth_failure: ['Error'] }, error_data: { rest_jwt_auth_failure: { status: 403 } } }],
  ['SerializedWpError', false, 'no errors', { error_data: [] }],
  // requests
  ['WpBoolean', true, '"TRUE"', 'TRUE'],
  ['WpBoolean', true, 'integer 0', 0],
  ['WpBoolean', false, '"yes"', 'yes'],
  ['WpBoolean', false, 'integer 2', 2],
  ['FormBoolean', true, '"False"', 'False'],
  ['FormBoolean', false, '"on"', 'on'],
];

const validator = createSchemaValidator(loadSpec());

for (const [schema, accepts, name, body] of ROWS) {
  test(`${schema} ${accepts ? 'accepts' : 'rejects'} ${name}`, () => {
    const errors = validator.validate(`/components/schemas/${schema}`, JSON.parse(JSON.stringify(body)));
    if (accepts) assert.equal(errors, null);
    else assert.notEqual(errors, null, 'the schema accepted it');
  });
}
