// Collection-level pre-request script (generated collection): before a request that inherits the
// collection's bearer auth, logs in by itself with pm.sendRequest when the token variable is empty or
// expires within data.margin seconds, and every variable the login request uses is set. Never for the
// login request itself or a public route (they carry their own auth, "noauth"). Setting the variable
// data.switchVariable to "off" turns it off; a failed login turns it off too (no retry storm, no
// lockout) and fails a test that says why. Its data is one JSON value passed by the generated last
// line (the login request, where its answer carries the token). Fixed body, linted (npm run lint);
// it needs script-helpers.js. No secret is ever logged.
/* global readPointer, setVariable, capturedValue */
function autoLogin(pm, data) {
  var auth = pm.request.auth;
  if (auth && auth.type !== 'inherit') {
    return;
  }
  var setting = String(pm.variables.get(data.switchVariable) || '').toLowerCase();
  if (['off', 'false', '0', 'no'].indexOf(setting) !== -1) {
    return;
  }
  var token = pm.variables.get(data.tokenVariable);
  var expires = Number(pm.variables.get(data.expiresVariable));
  var expiring = isFinite(expires) && expires > 0 && expires - Math.floor(Date.now() / 1000) < data.margin;
  if (token && !expiring) {
    return;
  }
  var missing = data.requires.filter(function (name) {
    var value = pm.variables.get(name);
    return value === undefined || value === null || value === '';
  });
  if (missing.length > 0) {
    return;
  }
  pm.sendRequest(loginRequest(pm, data.request), function (error, response) {
    var sent = !error && response !== undefined && response !== null;
    var ok = sent && response.code >= 200 && response.code < 300;
    var issued = ok ? readPointer(jsonOf(response), data.token) : undefined;
    var stored = typeof issued === 'string' && issued !== '';
    if (stored) {
      setVariable(pm, data.tokenVariable, issued);
      var expiry = data.expires === undefined ? undefined : readPointer(jsonOf(response), data.expires.pointer);
      setVariable(pm, data.expiresVariable, expiry === undefined || expiry === null ? '' : capturedValue(expiry, data.expires.expiresIn));
    } else {
      setVariable(pm, data.switchVariable, 'off');
    }
    var outcome = !sent ? 'not sent (' + String(error) + ')' : 'HTTP ' + response.code + (ok ? ', no ' + data.token + ' in the answer' : '');
    pm.test('automatic login (' + data.name + ') before "' + pm.info.requestName + '"', function () {
      pm.expect(stored, outcome + '; ' + data.switchVariable + ' is now off: fix the credentials, then set it to on').to.equal(true);
    });
  });
}

// The parsed JSON body of a response; undefined when it is not JSON.
function jsonOf(response) {
  try {
    return response.json();
  } catch {
    return undefined;
  }
}

// The login request with every {{variable}} resolved; JSON bodies are rebuilt from their value, so a
// password with quotes or backslashes stays valid JSON.
function loginRequest(pm, spec) {
  var request = {
    url: pm.variables.replaceIn(spec.url),
    method: spec.method,
    header: spec.header.map(function (header) {
      return { key: header.key, value: pm.variables.replaceIn(header.value) };
    }),
  };
  if (spec.json !== undefined) {
    request.body = { mode: 'raw', raw: JSON.stringify(resolveVariables(pm, spec.json)) };
  } else if (spec.form !== undefined) {
    request.body = {
      mode: 'urlencoded',
      urlencoded: spec.form.map(function (field) {
        return { key: field.key, value: pm.variables.replaceIn(field.value) };
      }),
    };
  } else if (spec.raw !== undefined) {
    request.body = { mode: 'raw', raw: pm.variables.replaceIn(spec.raw) };
  }
  return request;
}

function resolveVariables(pm, value) {
  if (typeof value === 'string') {
    return pm.variables.replaceIn(value);
  }
  if (Array.isArray(value)) {
    return value.map(function (entry) {
      return resolveVariables(pm, entry);
    });
  }
  if (value !== null && typeof value === 'object') {
    var out = {};
    Object.keys(value).forEach(function (key) {
      out[key] = resolveVariables(pm, value[key]);
    });
    return out;
  }
  return value;
}
