/**
 * The named schemas of AAM 6.9.51's spec accept what the real 6.9.51 site answers (quirks included) and reject
 * what a broken server — or one of the other generations — would answer. Each row: schema, accepts?, name, body.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec, specFileOf } from './spec-document.js';
import { createSchemaValidator } from './spec-examples.js';

const JWT =
  'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJpYXQiOjE3NjcyMjU2MDAsImlzcyI6Imh0dHA6Ly8xMjcuMC4wLjE6ODA4MCIsImV4cCI6MTc2NzMxMjAwMCwianRpIjoiNmYxYzJhOGUtM2I0ZC00ZTVmLThhN2ItOWMwZDFlMmYzYTRiIiwidXNlcklkIjoxLCJyZXZvY2FibGUiOnRydWUsInJlZnJlc2hhYmxlIjpudWxsfQ.DUVVgNtmI0bbKTumRg8YXDeQkfRSCH6BpO4oQFHK36Y';
const JTI = '6f1c2a8e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
const CLAIMS = { iat: 1767225600, iss: 'http://127.0.0.1:8080', exp: 1767312000, jti: JTI, userId: 1, revocable: true, refreshable: null };
const SIGNED_URL = `http://127.0.0.1:8080?aam-jwt=${JWT}`;
const storage = (message: string, data: unknown = { status: 507 }) => ({ errors: { rest_insufficient_storage: [message] }, error_data: { rest_insufficient_storage: data } });
const notFound = (data: unknown = { status: 404 }) => ({ errors: { rest_not_found: ['Token does not exist'] }, error_data: { rest_not_found: data } });

type Row = readonly [schema: string, accepts: boolean, name: string, body: unknown];

const ROWS: readonly Row[] = [
  // token answers: id and token, then the requested fields the token has
  ['TokenItem', true, 'id and token only', { id: JTI, token: JWT }],
  ['TokenItem', true, 'every field of a valid token', { id: JTI, token: JWT, claims: CLAIMS, is_valid: true, signed_url: SIGNED_URL }],
  ['TokenItem', true, 'an expired token with error and claims', { id: JTI, token: JWT, is_valid: false, error: 'Expired token', claims: { ...CLAIMS, exp: 1 } }],
  ['TokenItem', true, 'an undecodable token (no id)', { token: JWT, is_valid: false, error: 'Invalid token signature' }],
  ['TokenItem', false, 'a requested field the token lacks as null (the 6.9.32 answer)', { id: JTI, token: JWT, error: null }],
  ['TokenItem', false, 'the 6.9.32 default-fields quirk', { token: JWT, '': null }],
  ['TokenItem', false, 'an unknown field', { id: JTI, token: JWT, foo: 'bar' }],
  ['TokenItem', false, 'signed_url and error together', { id: JTI, token: JWT, signed_url: SIGNED_URL, error: 'Expired token' }],
  ['TokenItem', false, 'is_valid true with an error', { id: JTI, token: JWT, is_valid: true, error: 'Expired token' }],
  ['TokenItem', false, 'is_valid false with a signed_url', { id: JTI, token: JWT, is_valid: false, signed_url: SIGNED_URL }],
  ['TokenItem', false, 'is_valid as a string', { id: JTI, token: JWT, is_valid: 'true' }],
  ['TokenItem', false, 'no token', { id: JTI }],
  ['TokenItem', false, 'a 7.x description field', { id: JTI, token: JWT, is_valid: true, description: 'x' }],
  ['TokenList', true, 'an empty registry', []],
  ['TokenList', false, 'an object instead of an array', { id: JTI, token: JWT }],
  // success bodies of the writes
  ['ResetResponse', true, 'the emptied list', []],
  ['ResetResponse', false, 'a token left in the list', [{ id: JTI, token: JWT }]],
  ['ResetResponse', false, 'the 6.9.32 deleted_token_count', { deleted_token_count: 2 }],
  ['ResetResponse', false, 'the 7.x {"success":true}', { success: true }],
  ['DeleteResponse', true, '{"success":true}', { success: true }],
  ['DeleteResponse', false, '{"success":false}', { success: false }],
  ['DeleteResponse', false, 'the 6.9.32 token model', { id: JTI, is_valid: true, claims: CLAIMS, signed_url: SIGNED_URL, token: JWT }],
  // serialized WP_Error of the service exceptions
  ['InsufficientStorageError', true, 'create without user_id', storage('Failed to register token')],
  ['InsufficientStorageError', true, 'delete without user_id', storage('Failed to revoke the token')],
  ['InsufficientStorageError', true, 'reset of a missing registry, WP_DEBUG trace', storage('Failed to reset tokens', { status: 507, details: { trace: [] } })],
  ['InsufficientStorageError', false, 'another message', storage('Failed to read tokens')],
  ['InsufficientStorageError', false, 'the 6.9.32 masked 500', { errors: { rest_unexpected_error: ['Unexpected application error'] }, error_data: { rest_unexpected_error: { status: 500 } } }],
  ['InsufficientStorageError', false, 'shape A instead', { code: 'rest_insufficient_storage', message: 'Failed to reset tokens', data: { status: 507 } }],
  ['TokenNotFoundError', true, 'not found', notFound()],
  ['TokenNotFoundError', true, 'not found with a WP_DEBUG trace', notFound({ status: 404, details: { trace: [{ function: 'get_token_by_id' }] } })],
  ['TokenNotFoundError', false, 'status as a string', notFound({ status: '404' })],
  ['TokenNotFoundError', false, 'shape A instead', { code: 'rest_not_found', message: 'Token does not exist', data: { status: 404 } }],
  ['CriticalError', true, "WordPress' fatal-error answer", { code: 'internal_server_error', message: '<p>There has been a critical error on this website.</p>', data: { status: 500 }, additional_errors: [] }],
  ['CriticalError', false, 'without additional_errors', { code: 'internal_server_error', message: 'x', data: { status: 500 } }],
  // WordPress' checks of the registered args
  ['InvalidParamError', true, 'a bad fields item', { code: 'rest_invalid_param', message: 'Invalid parameter(s): fields', data: { status: 400, params: { fields: 'Invalid fields: x y' }, details: { fields: { code: 'rest_invalid_param', message: 'Invalid fields: x y', data: { status: 400 } } } } }],
  ['InvalidParamError', true, 'a user_id that is not an integer', { code: 'rest_invalid_param', message: 'Invalid parameter(s): user_id', data: { status: 400, params: { user_id: 'user_id is not of type integer.' }, details: { user_id: { code: 'rest_invalid_type', message: 'user_id is not of type integer.', data: { param: 'user_id' } } } } }],
  ['InvalidParamError', false, 'no params', { code: 'rest_invalid_param', message: 'Invalid parameter(s): user_id', data: { status: 400, details: {} } }],
  // requests
  ['CreateTokenRequest', true, 'user_id in the body', { user_id: 4, expires_in: '+3 hours' }],
  ['CreateTokenRequest', false, 'user_id as a string', { user_id: '4' }],
  ['CreateTokenForm', true, 'user_id 4', { user_id: '4' }],
  ['CreateTokenForm', true, 'user_id 4.0 (a whole number)', { user_id: '4.0' }],
  ['CreateTokenForm', false, 'user_id abc', { user_id: 'abc' }],
  ['CreateTokenForm', false, 'user_id 1.5', { user_id: '1.5' }],
];

const validator = createSchemaValidator(loadSpec(specFileOf('aam-6.9.51')));

for (const [schema, accepts, name, body] of ROWS) {
  test(`AAM 6.9.51: ${schema} ${accepts ? 'accepts' : 'rejects'} ${name}`, () => {
    const errors = validator.validate(`/components/schemas/${schema}`, JSON.parse(JSON.stringify(body)));
    if (accepts) assert.equal(errors, null);
    else assert.notEqual(errors, null, 'the schema accepted it');
  });
}
