/**
 * The named schemas of the 7.1.1 spec accept what real AAM 7.1.1 answers (quirks included) and reject what a
 * broken server, or another AAM generation, would answer. Each row: schema, whether it must accept, the body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec, specFileOf } from './spec-document.js';
import { createSchemaValidator } from './spec-examples.js';

const JWT = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln';
const JTI = '6f1c2a8e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const CLAIMS = { jti: JTI, revocable: true, refreshable: false, iat: 1767225600, iss: 'http://127.0.0.1:8080', exp: 1767312000, user_id: 1 };
const error = (code: string, message: string, status: number): unknown => ({ errors: { [code]: [message] }, error_data: { [code]: { status } } });
const NO_ROUTE = { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } };

type Row = readonly [schema: string, accepts: boolean, name: string, body: unknown];

const ROWS: readonly Row[] = [
  // list items and get answers
  ['TokenListItem', true, 'a valid token without fields', { id: JTI, token: JWT, is_valid: true }],
  ['TokenListItem', true, 'with description, claims and signed_url', { id: JTI, token: JWT, is_valid: true, description: 'CI', claims: CLAIMS, signed_url: `http://127.0.0.1:8080?aam-jwt=${JWT}` }],
  ['TokenListItem', true, 'an expired token with its error', { id: JTI, token: JWT, is_valid: false, error: 'Expired token' }],
  ['TokenListItem', true, 'a jti overridden with a non-UUID', { id: 'x', token: JWT, is_valid: true }],
  ['TokenListItem', false, 'an invalid token with claims (fields are ignored)', { id: JTI, token: JWT, is_valid: false, error: 'Expired token', claims: CLAIMS }],
  ['TokenListItem', false, 'an invalid token without error', { id: JTI, token: JWT, is_valid: false }],
  ['TokenListItem', false, 'a valid token with error null', { id: JTI, token: JWT, is_valid: true, error: null }],
  ['TokenListItem', false, 'the 6.9.32 element (token first, no is_valid)', { token: JWT, id: JTI }],
  ['TokenListItem', false, 'an unknown field', { id: JTI, token: JWT, is_valid: true, foo: null }],
  ['TokenListItem', false, 'an empty description', { id: JTI, token: JWT, is_valid: true, description: '' }],
  ['TokenList', true, 'an empty registry', []],
  // create
  ['CreatedToken', true, 'id, token, is_valid', { id: JTI, token: JWT, is_valid: true }],
  ['CreatedToken', false, 'is_valid false (create always says true)', { id: JTI, token: JWT, is_valid: false }],
  ['CreatedToken', false, 'the 6.9.51 answer {id, token}', { id: JTI, token: JWT }],
  ['CreatedToken', false, 'a description (create never shows it)', { id: JTI, token: JWT, is_valid: true, description: 'CI' }],
  // claims
  ['TokenClaims', true, 'a login token', CLAIMS],
  ['TokenClaims', true, 'a refreshed token with rat and a custom claim', { ...CLAIMS, rat: 1767225700, team: 'a' }],
  ['TokenClaims', false, 'the 6.x claim userId instead of user_id', { ...CLAIMS, user_id: undefined, userId: 1 }],
  ['TokenClaims', false, 'refreshable null (6.x login tokens)', { ...CLAIMS, refreshable: null }],
  ['TokenClaims', false, 'exp false', { ...CLAIMS, exp: false }],
  ['RefreshResponse', true, 'token and claims with rat', { token: JWT, claims: { ...CLAIMS, rat: 1767225700 } }],
  ['RefreshResponse', false, 'claims without rat', { token: JWT, claims: CLAIMS }],
  ['RefreshResponse', false, 'the 6.x answer {token, token_expires}', { token: JWT, token_expires: 1767312000 }],
  // success bodies
  ['ResetResponse', true, 'nothing to delete', { success: false }],
  ['ResetResponse', false, 'the 6.9.32 count', { deleted_token_count: 2 }],
  ['DeleteResponse', true, 'success', { success: true }],
  ['DeleteResponse', false, 'the deleted token model (6.9.32)', { id: JTI, is_valid: true, token: JWT }],
  ['RevokeResponse', true, 'the fixed message', { message: 'Token revoked successfully' }],
  ['AuthenticateResponse', true, 'ID and jwt', { ID: 1, jwt: { token: JWT, token_expires: 1767312000 } }],
  ['AuthenticateResponse', true, 'a failed issue', { ID: 1, jwt: { token: null, token_expires: null } }],
  ['AuthenticateResponse', true, 'user fields', { ID: 1, user_login: 'admin', roles: ['administrator'] }],
  ['AuthenticateResponse', false, 'a half-failed jwt', { ID: 1, jwt: { token: JWT, token_expires: null } }],
  ['AuthenticateResponse', false, 'the 6.x {user, redirect}', { user: { data: { ID: 1 } }, redirect: null }],
  // shape A
  ['RestNoRoute', true, 'no route', NO_ROUTE],
  ['RestNoRoute', false, 'the 6.x 401 rest_forbidden', { code: 'rest_forbidden', message: 'Sorry, you are not allowed to do that.', data: { status: 401 } }],
  ['InvalidParamError', true, 'a uuid error (details data null)', { code: 'rest_invalid_param', message: 'Invalid parameter(s): id', data: { status: 400, params: { id: 'id is not a valid UUID.' }, details: { id: { code: 'rest_invalid_uuid', message: 'id is not a valid UUID.', data: null } } } }],
  ['MissingParamError', true, 'username and password', { code: 'rest_missing_callback_param', message: 'Missing parameter(s): username, password', data: { status: 400, params: ['username', 'password'] } }],
  ['CriticalError', true, 'a PHP fatal error', { code: 'internal_server_error', message: '<p>There has been a critical error on this website.</p>', data: { status: 500 }, additional_errors: [] }],
  ['CriticalError', false, 'another code', { code: 'rest_unexpected_error', message: 'x', data: { status: 500 }, additional_errors: [] }],
  // shape B (serialized WP_Error)
  ['InvalidTokenError', true, 'unregistered', error('rest_insufficient_storage', 'Unregistered token', 507)],
  ['InvalidTokenError', false, 'status 400', error('rest_insufficient_storage', 'Unregistered token', 400)],
  ['InvalidTokenError', false, 'the 6.x {code, reason}', { code: 'rest_jwt_validation_failure', reason: 'Token has been revoked' }],
  ['InvalidArgumentError', true, 'no user_id', error('rest_invalid_argument', 'Invalid user identifier', 400)],
  ['InvalidArgumentError', true, 'WP_DEBUG trace', { errors: { rest_invalid_argument: ['Invalid token ttl'] }, error_data: { rest_invalid_argument: { status: 400, details: { trace: [] } } } }],
  ['InvalidArgumentError', false, 'two codes', { errors: { rest_invalid_argument: ['a'], rest_not_found: ['b'] }, error_data: { rest_invalid_argument: { status: 400 }, rest_not_found: { status: 404 } } }],
  ['NotFoundError', true, 'token does not exist', error('rest_not_found', 'Token does not exist', 404)],
  ['NotFoundError', false, 'shape A', { code: 'rest_not_found', message: 'Token does not exist', data: { status: 404 } }],
  ['NotRefreshableError', true, 'not refreshable', error('rest_workflow_error', 'The given token is not refreshable', 409)],
  ['NotRefreshableError', false, 'the 6.x 405 reason', error('rest_workflow_error', 'JWT token is not refreshable', 409)],
  ['LoginFailure', true, 'wrong password', error('rest_unauthorized', '<strong>Error:</strong> The password you entered for the username <strong>admin</strong> is incorrect.', 401)],
  ['LoginFailure', false, 'the 6.x 403 {code, reason}', { code: 'incorrect_password', reason: 'x' }],
  ['UnexpectedError', true, 'masked 500', error('rest_unexpected_error', 'Unexpected application error', 500)],
  // requests
  ['CreateTokenRequest', true, 'claims as JSON text', { expires_in: '+1 hour', additional_claims: '{"a":1}' }],
  ['AuthenticateRequest', false, 'no password', { username: 'admin' }],
];

const validator = createSchemaValidator(loadSpec(specFileOf('aam-7.1.1')));

for (const [schema, accepts, name, body] of ROWS) {
  test(`7.1.1 ${schema} ${accepts ? 'accepts' : 'rejects'} ${name}`, () => {
    const errors = validator.validate(`/components/schemas/${schema}`, JSON.parse(JSON.stringify(body)));
    if (accepts) assert.equal(errors, null);
    else assert.notEqual(errors, null, 'the schema accepted it');
  });
}
