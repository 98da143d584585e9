import { headerOf, isRecord, parseJson, restError, withJson } from '../exchange.js';
import { answerFault, type Fault } from '../fault-model.js';
import { cookieAuthFaults } from '../faults-cookies.js';
import { MANAGEMENT_ROUTES, REST_ROUTES_711 } from './routes.js';

/**
 * WordPress' cookie authentication on AAM 7.1.1: the shared faults (cookies ignored, a cookie without a nonce
 * authenticating, a wrong nonce made anonymous, no fresh nonce, the nonce as JSON, login cookies without
 * HttpOnly, remember ignored) over this generation's routes, and two of AAM 7's own: its routes are registered
 * for the cookie's user before WordPress' cookie check runs.
 */
const SHARED = cookieAuthFaults({ rest: REST_ROUTES_711, service: MANAGEMENT_ROUTES, logins: ['authenticate'] });

export const COOKIE_FAULTS_711: readonly Fault[] = [
  ...SHARED.check,
  ...SHARED.loginCookies,
  answerFault('cookie-without-nonce-404', "a manager's login cookie without a nonce gets 404 rest_no_route (routes registered after the cookie check) instead of 401", MANAGEMENT_ROUTES, (_req, res) => {
    const body = parseJson(res.body);
    return res.status === 401 && isRecord(body) && body.code === 'rest_forbidden' ? withJson(res, 404, restError('rest_no_route', 'No route was found matching the URL and request method.', 404)) : undefined;
  }),
  answerFault('login-route-for-cookie-callers', 'the login route is registered for a caller whose only login is a WordPress cookie (it answers instead of 404)', ['authenticate'], (req, res) => {
    const body = parseJson(res.body);
    if (res.status !== 404 || headerOf(req.headers, 'cookie') === undefined || headerOf(req.headers, 'authorization') !== undefined || !isRecord(body)) return undefined;
    return withJson(res, 200, { ID: 1 });
  }),
];
