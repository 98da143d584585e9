"use sandbox2"; // Postman's sandbox without the legacy globals (tests, responseBody, …): none is used
// Contract test (generated collection; runs after every request).
// Expectations are JSON data: the request's pre-request script stores them in the local
// variable "contract"; the shared JSON schemas are passed in by the generated last line.
// Fixed body, linted (npm run lint); no spec text is ever spliced into it.
function contractTest(pm, definitions) {
  var raw = pm.variables.get('contract');
  if (typeof raw !== 'string' || raw === '') {
    return;
  }
  if (typeof pm.variables.unset === 'function') {
    pm.variables.unset('contract');
  }
  var contract = JSON.parse(raw);
  var tag = '[' + contract.operationId + '] ';
  // A request that is not an operation of the spec (an unknown route) carries no statuses.
  var statuses = contract.statuses;
  var expectations = contract.expect || {};
  var code = pm.response.code;
  var key = statuses === undefined ? undefined : documentedStatus(statuses, code);
  // Results of the request's own expectations: a step with "halt" stops the run when one fails.
  var failed = 0;
  // The parsed body, parsed once (a body that is no JSON throws in every test that reads it).
  var parsed;

  if (statuses !== undefined) {
    pm.test(tag + 'status ' + code + ' is documented', function () {
      pm.expect(key, 'documented: ' + Object.keys(statuses).join(', ')).to.be.a('string');
    });
  }

  (expectations.vars || []).forEach(function (check) {
    expectTest('variable ' + check.variable + ' matches /' + check.pattern + '/', function () {
      var value = pm.variables.get(check.variable);
      pm.expect(new RegExp(check.pattern).test(value === undefined || value === null ? '' : String(value)), check.message || check.variable + ' = ' + JSON.stringify(value)).to.equal(true);
    });
  });

  if (expectations.status !== undefined) {
    var wanted = [].concat(expectations.status);
    expectTest('status is ' + wanted.join(' or ') + ' as expected', function () {
      pm.expect(code).to.be.oneOf(wanted);
    });
  }

  if (key !== undefined) {
    checkDocumentedResponse(statuses[key], key);
  }

  var json = expectations.json || {};
  Object.keys(json).forEach(function (path) {
    expectTest('body ' + (path === '' ? '(root)' : path) + ' equals ' + JSON.stringify(json[path]), function () {
      pm.expect(readPath(body(), path)).to.eql(json[path]);
    });
  });

  (expectations.body || []).forEach(function (assertion) {
    expectTest('body ' + (assertion.pointer === '' ? '(root)' : assertion.pointer) + ' ' + describeAssertion(assertion), function () {
      checkAssertion(assertion, readPointer(body(), assertion.pointer));
    });
  });

  (expectations.headers || []).forEach(function (check) {
    expectTest('header ' + check.name + ' ' + describeHeaderCheck(check), function () {
      checkHeader(check, headerLines(check.name));
    });
  });

  (expectations.text || []).forEach(function (check) {
    expectTest('body text ' + (check.kind === 'equals' ? 'is ' + JSON.stringify(check.value) : 'matches /' + check.pattern + '/'), function () {
      var text = pm.response.text();
      if (check.kind === 'equals') {
        pm.expect(text).to.equal(check.value);
      } else {
        pm.expect(text).to.match(new RegExp(check.pattern));
      }
    });
  });

  // Captures go to the collection variables, and to the environment when it declares the name
  // (an environment value would otherwise hide the captured one).
  var capture = expectations.capture || {};
  Object.keys(capture).forEach(function (name) {
    expectTest('captures ' + name + ' from body ' + (capture[name] === '' ? '(root)' : capture[name]), function () {
      var value = readPointer(body(), capture[name]);
      pm.expect(value, capture[name]).to.not.equal(undefined);
      store(name, typeof value === 'string' ? value : JSON.stringify(value));
    });
  });

  var captureCookie = expectations.captureCookie || {};
  Object.keys(captureCookie).forEach(function (name) {
    expectTest('captures ' + name + ' from the cookie named /' + captureCookie[name] + '/', function () {
      var pattern = new RegExp(captureCookie[name]);
      var pair = headerLines('Set-Cookie').map(function (line) {
        return line.split(';')[0];
      }).filter(function (cookie) {
        return pattern.test(cookie.split('=')[0]);
      })[0];
      pm.expect(pair, 'a Set-Cookie named /' + captureCookie[name] + '/').to.be.a('string');
      store(name, pair);
    });
  });

  if (typeof expectations.captureText === 'string') {
    store(expectations.captureText, pm.response.text());
  }

  if (expectations.halt === true && failed > 0) {
    pm.execution.setNextRequest(null);
    pm.test(tag + 'the run stops here: ' + failed + ' expectation(s) of this step failed', function () {
      pm.expect(failed).to.equal(0);
    });
  }

  function body() {
    if (parsed === undefined) {
      parsed = { value: pm.response.json() };
    }
    return parsed.value;
  }

  // Collection variable, and the environment's when it declares the name (its value would hide ours).
  function store(name, text) {
    pm.collectionVariables.set(name, text);
    if (pm.environment.has(name)) {
      pm.environment.set(name, text);
    }
  }

  // The values of every response header line with this name (case-insensitive), in order.
  function headerLines(name) {
    var wanted = name.toLowerCase();
    return pm.response.headers.all().filter(function (header) {
      return String(header.key).toLowerCase() === wanted;
    }).map(function (header) {
      return String(header.value);
    });
  }

  // "{{var}}" in a header check stands for the variable's value: as is in text, escaped in a pattern.
  function withVariables(text, escape) {
    return text.replace(/\{\{([^{}]+)\}\}/g, function (whole, variable) {
      var value = pm.variables.get(variable);
      var raw = value === undefined || value === null ? '' : String(value);
      return escape ? raw.replace(/[.*+?^${}()|[\]\\\/]/g, '\\$&') : raw;
    });
  }

  function checkHeader(check, lines) {
    switch (check.kind) {
      case 'absent':
        pm.expect(lines.length, check.name + ': ' + JSON.stringify(lines)).to.equal(0);
        break;
      case 'count':
        pm.expect(lines.length, check.name + ' lines: ' + JSON.stringify(lines)).to.equal(check.count);
        break;
      case 'equals':
        pm.expect(lines.length, check.name + ': ' + JSON.stringify(lines)).to.equal(1);
        pm.expect(lines[0]).to.equal(withVariables(check.value, false));
        break;
      case 'matches':
        pm.expect(lines.length > 0, 'a ' + check.name + ' line').to.equal(true);
        lines.forEach(function (line) {
          pm.expect(line).to.match(new RegExp(withVariables(check.pattern, true)));
        });
        break;
      case 'some':
        pm.expect(lines.some(function (line) {
          return new RegExp(withVariables(check.pattern, true)).test(line);
        }), JSON.stringify(lines)).to.equal(true);
        break;
      case 'values':
        pm.expect(lines.length, check.name + ' lines: ' + JSON.stringify(lines)).to.equal(check.patterns.length);
        lines.forEach(function (line, i) {
          pm.expect(line).to.match(new RegExp(withVariables(check.patterns[i], true)));
        });
        break;
      default:
        throw new Error('unknown header check ' + check.kind);
    }
  }

  function expectTest(name, fn) {
    pm.test(tag + name, function () {
      try {
        fn();
      } catch (error) {
        failed += 1;
        throw error;
      }
    });
  }

  function checkAssertion(assertion, value) {
    var variable = assertion.variable === undefined ? undefined : pm.variables.get(assertion.variable);
    switch (assertion.kind) {
      case 'equals':
        pm.expect(value).to.eql(assertion.value);
        break;
      case 'equalsVar':
        pm.expect(value === undefined ? undefined : scalarText(value)).to.equal(variable);
        break;
      case 'notEqualsVar':
        pm.expect(value, 'value at ' + assertion.pointer).to.not.equal(undefined);
        pm.expect(scalarText(value)).to.not.equal(variable);
        break;
      case 'type':
        pm.expect(jsonType(value)).to.equal(assertion.type);
        break;
      case 'keys':
        pm.expect(jsonType(value), 'value at ' + assertion.pointer).to.equal('object');
        pm.expect(Object.keys(value)).to.eql(assertion.keys);
        break;
      case 'length':
        pm.expect(jsonType(value), 'value at ' + assertion.pointer).to.equal('array');
        pm.expect(value.length).to.equal(assertion.length);
        break;
      case 'matches':
        pm.expect(jsonType(value), 'value at ' + assertion.pointer).to.equal('string');
        pm.expect(value).to.match(new RegExp(assertion.pattern));
        break;
      case 'absent':
        pm.expect(value).to.equal(undefined);
        break;
      default:
        throw new Error('unknown assertion kind ' + assertion.kind);
    }
  }

  function checkDocumentedResponse(status, label) {
    var contentTypes = status.contentTypes || [];
    var actualType = mediaTypeOf(pm.response.headers.get('Content-Type'));
    var matched = contentTypes.filter(function (type) {
      return mediaTypeMatches(type, actualType);
    })[0];
    if (contentTypes.length > 0) {
      pm.test(tag + label + ' Content-Type is ' + contentTypes.join(' or '), function () {
        pm.expect(matched, 'Content-Type: ' + actualType).to.be.a('string');
      });
    }
    var schemas = status.schemas || {};
    var schemaKey = schemas[matched] !== undefined ? schemas[matched] : schemas[Object.keys(schemas)[0]];
    if (schemaKey !== undefined) {
      pm.test(tag + label + ' body matches ' + schemaKey, function () {
        var problems = schemaErrors(definitions, schemaKey, body());
        if (problems.length > 0) {
          pm.expect.fail('expected data to satisfy schema but found following errors: \n' + problems.join(', '));
        }
      });
    }
    (status.headers || []).forEach(function (name) {
      pm.test(tag + label + ' header ' + name + ' is present', function () {
        pm.response.to.have.header(name);
      });
    });
  }
}

// The documented status key for a code: exact, then range (2XX), then default.
function documentedStatus(statuses, code) {
  var candidates = [String(code), String(code).charAt(0) + 'XX', 'default'];
  return candidates.filter(function (candidate) {
    return Object.prototype.hasOwnProperty.call(statuses, candidate);
  })[0];
}

function mediaTypeOf(header) {
  return String(header || '').split(';')[0].trim().toLowerCase();
}

// "application/json" matches itself; "application/*" and "*/*" match by wildcard.
function mediaTypeMatches(documented, actual) {
  var want = documented.toLowerCase().split('/');
  var got = actual.split('/');
  if (got.length !== 2) {
    return false;
  }
  return (want[0] === '*' || want[0] === got[0]) && (want[1] === '*' || want[1] === got[1]);
}

// JSON type name of a parsed value ("integer" for whole numbers); "undefined" when absent.
function jsonType(value) {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'number') {
    return Number.isInteger(value) ? 'integer' : 'number';
  }
  return typeof value;
}

// How a value compares with a Postman variable (variables are strings).
function scalarText(value) {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function describeAssertion(assertion) {
  switch (assertion.kind) {
    case 'equals':
      return 'equals ' + JSON.stringify(assertion.value);
    case 'equalsVar':
      return 'equals {{' + assertion.variable + '}}';
    case 'notEqualsVar':
      return 'differs from {{' + assertion.variable + '}}';
    case 'type':
      return 'is ' + (/^[aeiou]/.test(assertion.type) ? 'an ' : 'a ') + assertion.type;
    case 'keys':
      return 'has exactly the keys ' + JSON.stringify(assertion.keys);
    case 'length':
      return 'has ' + assertion.length + ' item(s)';
    case 'matches':
      return 'matches /' + assertion.pattern + '/';
    case 'absent':
      return 'is absent';
    default:
      return assertion.kind;
  }
}

function describeHeaderCheck(check) {
  switch (check.kind) {
    case 'absent':
      return 'is absent';
    case 'count':
      return 'is sent ' + check.count + ' time(s)';
    case 'equals':
      return 'is ' + JSON.stringify(check.value);
    case 'matches':
      return 'matches /' + check.pattern + '/';
    case 'some':
      return 'has a line matching /' + check.pattern + '/';
    case 'values':
      return 'lines match ' + check.patterns.map(function (pattern) {
        return '/' + pattern + '/';
      }).join(', ');
    default:
      return check.kind;
  }
}

// Reads "a.b.0.c" from a parsed JSON value; "" is the value itself.
function readPath(value, path) {
  if (path === '') {
    return value;
  }
  return path.split('.').reduce(function (node, part) {
    return node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
  }, value);
}
