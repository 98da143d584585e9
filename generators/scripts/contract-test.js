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
  var statuses = contract.statuses || {};
  var expectations = contract.expect || {};
  var code = pm.response.code;
  var key = documentedStatus(statuses, code);

  pm.test(tag + 'status ' + code + ' is documented', function () {
    pm.expect(key, 'documented: ' + Object.keys(statuses).join(', ')).to.be.a('string');
  });

  if (expectations.status !== undefined) {
    var wanted = [].concat(expectations.status);
    pm.test(tag + 'status is ' + wanted.join(' or ') + ' as expected', function () {
      pm.expect(code).to.be.oneOf(wanted);
    });
  }

  if (key !== undefined) {
    checkDocumentedResponse(statuses[key], key);
  }

  var json = expectations.json || {};
  Object.keys(json).forEach(function (path) {
    pm.test(tag + 'body ' + (path === '' ? '(root)' : path) + ' equals ' + JSON.stringify(json[path]), function () {
      pm.expect(readPath(pm.response.json(), path)).to.eql(json[path]);
    });
  });

  var capture = expectations.capture || {};
  Object.keys(capture).forEach(function (name) {
    pm.test(tag + 'captures ' + name + ' from body ' + capture[name], function () {
      var value = readPath(pm.response.json(), capture[name]);
      pm.expect(value, capture[name]).to.not.equal(undefined);
      pm.environment.set(name, typeof value === 'string' ? value : JSON.stringify(value));
    });
  });

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
        var schema = { $ref: '#/definitions/' + encodeURIComponent(schemaKey.replace(/~/g, '~0').replace(/\//g, '~1')), definitions: definitions };
        pm.response.to.have.jsonSchema(schema, { unknownFormats: 'ignore' });
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

// Reads "a.b.0.c" from a parsed JSON value; "" is the value itself.
function readPath(value, path) {
  if (path === '') {
    return value;
  }
  return path.split('.').reduce(function (node, part) {
    return node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
  }, value);
}
