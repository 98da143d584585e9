// JSON Schema check of the contract test (generated collection): draft-07, the dialect the generator
// writes, checked against a parsed JSON value with the collection's shared definitions as data.
// It decides exactly like Ajv 6 behind pm.response.to.have.jsonSchema (allErrors, unknownFormats
// "ignore", "fast" formats) on every keyword, but compiles nothing: Ajv compiled the schema with all
// its definitions on every request. tests/generator/json-schema.test.ts runs both in Postman's sandbox.
// Fixed body, linted (npm run lint); no spec text is ever spliced into it.
function schemaErrors(definitions, key, value) {
  var errors = [];
  var MAX_ERRORS = 20;
  check(definitionOf('#/definitions/' + encodeURIComponent(key.replace(/~/g, '~0').replace(/\//g, '~1'))), value, 'data', true);
  return errors;

  function definitionOf(ref) {
    var prefix = '#/definitions/';
    var name = ref.indexOf(prefix) === 0 ? ref.slice(prefix.length) : undefined;
    var decoded = name === undefined || name.indexOf('/') !== -1 ? undefined : decodeURIComponent(name).replace(/~1/g, '/').replace(/~0/g, '~');
    if (decoded === undefined || !Object.prototype.hasOwnProperty.call(definitions, decoded)) {
      throw new Error('can\'t resolve reference ' + ref);
    }
    return definitions[decoded];
  }

  // Whether `data` satisfies `schema`; adds Ajv-like messages to `errors` when `report` is true.
  function check(schema, data, path, report) {
    if (schema === true) {
      return true;
    }
    if (schema === false) {
      return fail(report, path, 'boolean schema is false');
    }
    if (typeof schema.$ref === 'string') {
      // draft-07: keywords beside $ref are ignored (the generator moves them into an allOf)
      return check(definitionOf(schema.$ref), data, path, report);
    }
    var valid = true;
    if (schema.type !== undefined && ![].concat(schema.type).some(function (type) {
      return isType(type, data);
    })) {
      valid = fail(report, path, 'should be ' + [].concat(schema.type).join(','));
    }
    if (schema.enum !== undefined && !schema.enum.some(function (allowed) {
      return equal(allowed, data);
    })) {
      valid = fail(report, path, 'should be equal to one of the allowed values');
    }
    if (Object.prototype.hasOwnProperty.call(schema, 'const') && !equal(schema.const, data)) {
      valid = fail(report, path, 'should be equal to constant');
    }
    if (typeof data === 'number') {
      valid = checkNumber(schema, data, path, report) && valid;
    } else if (typeof data === 'string') {
      valid = checkString(schema, data, path, report) && valid;
    } else if (Array.isArray(data)) {
      valid = checkArray(schema, data, path, report) && valid;
    } else if (data !== null && typeof data === 'object') {
      valid = checkObject(schema, data, path, report) && valid;
    }
    return checkCombined(schema, data, path, report) && valid;
  }

  function checkCombined(schema, data, path, report) {
    var valid = true;
    (schema.allOf || []).forEach(function (sub) {
      valid = check(sub, data, path, report) && valid;
    });
    if (schema.anyOf !== undefined && !schema.anyOf.some(function (sub) {
      return check(sub, data, path, false);
    })) {
      valid = fail(report, path, 'should match some schema in anyOf');
    }
    if (schema.oneOf !== undefined && schema.oneOf.filter(function (sub) {
      return check(sub, data, path, false);
    }).length !== 1) {
      valid = fail(report, path, 'should match exactly one schema in oneOf');
    }
    if (schema.not !== undefined && check(schema.not, data, path, false)) {
      valid = fail(report, path, 'should NOT be valid');
    }
    if (schema.if !== undefined && (schema.then !== undefined || schema.else !== undefined)) {
      var branch = check(schema.if, data, path, false) ? 'then' : 'else';
      if (schema[branch] !== undefined && !check(schema[branch], data, path, report)) {
        valid = fail(report, path, 'should match "' + branch + '" schema');
      }
    }
    return valid;
  }

  function checkNumber(schema, data, path, report) {
    var valid = true;
    if (typeof schema.maximum === 'number' && data > schema.maximum) {
      valid = fail(report, path, 'should be <= ' + schema.maximum);
    }
    if (typeof schema.minimum === 'number' && data < schema.minimum) {
      valid = fail(report, path, 'should be >= ' + schema.minimum);
    }
    if (typeof schema.exclusiveMaximum === 'number' && data >= schema.exclusiveMaximum) {
      valid = fail(report, path, 'should be < ' + schema.exclusiveMaximum);
    }
    if (typeof schema.exclusiveMinimum === 'number' && data <= schema.exclusiveMinimum) {
      valid = fail(report, path, 'should be > ' + schema.exclusiveMinimum);
    }
    if (typeof schema.multipleOf === 'number') {
      var division = data / schema.multipleOf;
      // Ajv 6's own test, quirks included
      if (division !== parseInt(division)) {
        valid = fail(report, path, 'should be multiple of ' + schema.multipleOf);
      }
    }
    return valid;
  }

  function checkString(schema, data, path, report) {
    var valid = true;
    var length = schema.maxLength !== undefined || schema.minLength !== undefined ? codePoints(data) : 0;
    if (schema.maxLength !== undefined && length > schema.maxLength) {
      valid = fail(report, path, 'should NOT be longer than ' + schema.maxLength + ' characters');
    }
    if (schema.minLength !== undefined && length < schema.minLength) {
      valid = fail(report, path, 'should NOT be shorter than ' + schema.minLength + ' characters');
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(data)) {
      valid = fail(report, path, 'should match pattern "' + schema.pattern + '"');
    }
    if (typeof schema.format === 'string' && !formatMatches(schema.format, data)) {
      valid = fail(report, path, 'should match format "' + schema.format + '"');
    }
    return valid;
  }

  function checkArray(schema, data, path, report) {
    var valid = true;
    if (schema.maxItems !== undefined && data.length > schema.maxItems) {
      valid = fail(report, path, 'should NOT have more than ' + schema.maxItems + ' items');
    }
    if (schema.minItems !== undefined && data.length < schema.minItems) {
      valid = fail(report, path, 'should NOT have fewer than ' + schema.minItems + ' items');
    }
    if (schema.uniqueItems === true) {
      for (var i = data.length - 1; i > 0; i -= 1) {
        for (var j = i - 1; j >= 0; j -= 1) {
          if (equal(data[i], data[j])) {
            valid = fail(report, path, 'should NOT have duplicate items (items ## ' + j + ' and ' + i + ' are identical)');
            i = 0;
            break;
          }
        }
      }
    }
    if (Array.isArray(schema.items)) {
      data.forEach(function (item, index) {
        if (index < schema.items.length) {
          valid = check(schema.items[index], item, path + '[' + index + ']', report) && valid;
        } else if (schema.additionalItems === false) {
          valid = index === schema.items.length ? fail(report, path, 'should NOT have more than ' + schema.items.length + ' items') : false;
        } else if (schema.additionalItems !== undefined) {
          valid = check(schema.additionalItems, item, path + '[' + index + ']', report) && valid;
        }
      });
    } else if (schema.items !== undefined) {
      data.forEach(function (item, index) {
        valid = check(schema.items, item, path + '[' + index + ']', report) && valid;
      });
    }
    if (schema.contains !== undefined && !data.some(function (item, index) {
      return check(schema.contains, item, path + '[' + index + ']', false);
    })) {
      valid = fail(report, path, 'should contain a valid item');
    }
    return valid;
  }

  function checkObject(schema, data, path, report) {
    var valid = true;
    var keys = Object.keys(data);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) {
      valid = fail(report, path, 'should NOT have more than ' + schema.maxProperties + ' properties');
    }
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) {
      valid = fail(report, path, 'should NOT have fewer than ' + schema.minProperties + ' properties');
    }
    // Ajv 6 reads properties as data[name] (inherited ones count), so does this
    (schema.required || []).forEach(function (name) {
      if (data[name] === undefined) {
        valid = fail(report, path, 'should have required property \'' + name + '\'');
      }
    });
    var properties = schema.properties || {};
    Object.keys(properties).forEach(function (name) {
      if (data[name] !== undefined) {
        valid = check(properties[name], data[name], path + member(name), report) && valid;
      }
    });
    var patterns = Object.keys(schema.patternProperties || {});
    keys.forEach(function (name) {
      var matched = patterns.filter(function (pattern) {
        return new RegExp(pattern).test(name);
      });
      matched.forEach(function (pattern) {
        valid = check(schema.patternProperties[pattern], data[name], path + member(name), report) && valid;
      });
      if (schema.additionalProperties === undefined || matched.length > 0 || Object.prototype.hasOwnProperty.call(properties, name)) {
        return;
      }
      if (schema.additionalProperties === false) {
        valid = fail(report, path, 'should NOT have additional properties');
      } else {
        valid = check(schema.additionalProperties, data[name], path + member(name), report) && valid;
      }
    });
    Object.keys(schema.dependencies || {}).forEach(function (name) {
      var dependency = schema.dependencies[name];
      if (data[name] === undefined) {
        return;
      }
      if (Array.isArray(dependency)) {
        dependency.forEach(function (needed) {
          if (data[needed] === undefined) {
            valid = fail(report, path, 'should have property ' + needed + ' when property ' + name + ' is present');
          }
        });
      } else {
        valid = check(dependency, data, path, report) && valid;
      }
    });
    if (schema.propertyNames !== undefined) {
      keys.forEach(function (name) {
        if (!check(schema.propertyNames, name, path, false)) {
          valid = fail(report, path, 'property name \'' + name + '\' is invalid');
        }
      });
    }
    return valid;
  }

  function fail(report, path, message) {
    if (report && errors.length < MAX_ERRORS) {
      errors.push(path + ' ' + message);
    }
    return false;
  }

  function isType(type, data) {
    switch (type) {
      case 'null':
        return data === null;
      case 'array':
        return Array.isArray(data);
      case 'object':
        return data !== null && typeof data === 'object' && !Array.isArray(data);
      case 'integer':
        // Ajv 6: a number without a fractional part
        return typeof data === 'number' && !(data % 1) && data === data;
      default:
        return typeof data === type;
    }
  }

  // Deep equality of JSON values (fast-deep-equal, as Ajv 6 compares enum, const and uniqueItems).
  function equal(a, b) {
    if (a === b) {
      return true;
    }
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
      return a !== a && b !== b;
    }
    if (Array.isArray(a) !== Array.isArray(b)) {
      return false;
    }
    var keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) {
      return false;
    }
    return keys.every(function (key) {
      return Object.prototype.hasOwnProperty.call(b, key) && equal(a[key], b[key]);
    });
  }

  // String length in Unicode code points (a surrogate pair counts once), as Ajv 6 counts.
  function codePoints(text) {
    var count = 0;
    for (var i = 0; i < text.length; i += 1) {
      var unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i += 1;
      }
      count += 1;
    }
    return count;
  }

  // A data path segment in Ajv 6's notation: .name for identifiers, ['name'] otherwise.
  function member(name) {
    return /^[a-z$_][a-z$_0-9]*$/i.test(name) ? '.' + name : '[\'' + name.replace(/\\/g, '\\\\').replace(/'/g, '\\\'') + '\']';
  }

  // Ajv 6's "fast" formats (the generator keeps no other format); only strings are checked.
  function formatMatches(format, text) {
    var IPV4 = '(?:(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)\\.){3}(?:25[0-5]|2[0-4]\\d|[01]?\\d\\d?)';
    var IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}';
    var H = '[0-9a-f]{1,4}';
    var URL_CHAR = '[\\0-\\x08\\x0E-\\x1F!-\\x9F\\xA1-\\u167F\\u1681-\\u1FFF\\u200B-\\u2027\\u202A-\\u202E\\u2030-\\u205E\\u2060-\\u2FFF\\u3001-\\uD7FF\\uE000-\\uFEFE\\uFF00-\\uFFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?:[^\\uD800-\\uDBFF]|^)[\\uDC00-\\uDFFF]';
    var URL_LABEL = '[0-9a-z\\xA1-\\uD7FF\\uE000-\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?:[^\\uD800-\\uDBFF]|^)[\\uDC00-\\uDFFF]';
    var URL_TLD = '[a-z\\xA1-\\uD7FF\\uE000-\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?:[^\\uD800-\\uDBFF]|^)[\\uDC00-\\uDFFF]';
    switch (format) {
      case 'date':
        return /^\d\d\d\d-[0-1]\d-[0-3]\d$/.test(text);
      case 'time':
        return /^(?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)?$/i.test(text);
      case 'date-time':
        return /^\d\d\d\d-[0-1]\d-[0-3]\d[t\s](?:[0-2]\d:[0-5]\d:[0-5]\d|23:59:60)(?:\.\d+)?(?:z|[+-]\d\d(?::?\d\d)?)$/i.test(text);
      case 'uri':
        return /^(?:[a-z][a-z0-9+\-.]*:)(?:\/?\/)?[^\s]*$/i.test(text);
      case 'uri-reference':
        return /^(?:(?:[a-z][a-z0-9+\-.]*:)?\/?\/)?(?:[^\\\s#][^\s#]*)?(?:#[^\\\s]*)?$/i.test(text);
      case 'uri-template':
        return /^(?:(?:[^\x00-\x20"'<>%\\^`{|}]|%[0-9a-f]{2})|\{[+#./;?&=,!@|]?(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?(?:,(?:[a-z0-9_]|%[0-9a-f]{2})+(?::[1-9][0-9]{0,3}|\*)?)*\})*$/i.test(text);
      case 'url':
        return new RegExp('^(?:(?:http[s\\u017F]?|ftp):\\/\\/)(?:(?:' + URL_CHAR + ')+(?::(?:' + URL_CHAR + ')*)?@)?(?:(?!10(?:\\.[0-9]{1,3}){3})(?!127(?:\\.[0-9]{1,3}){3})(?!169\\.254(?:\\.[0-9]{1,3}){2})(?!192\\.168(?:\\.[0-9]{1,3}){2})(?!172\\.(?:1[6-9]|2[0-9]|3[01])(?:\\.[0-9]{1,3}){2})(?:[1-9][0-9]?|1[0-9][0-9]|2[01][0-9]|22[0-3])(?:\\.(?:1?[0-9]{1,2}|2[0-4][0-9]|25[0-5])){2}(?:\\.(?:[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-4]))|(?:(?:(?:' + URL_LABEL + ')+-)*(?:' + URL_LABEL + ')+)(?:\\.(?:(?:' + URL_LABEL + ')+-)*(?:' + URL_LABEL + ')+)*(?:\\.(?:(?:' + URL_TLD + '){2,})))(?::[0-9]{2,5})?(?:\\/(?:' + URL_CHAR + ')*)?$', 'i').test(text);
      case 'email':
        return /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(text);
      case 'hostname':
        return /^(?=.{1,253}\.?$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$/i.test(text);
      case 'ipv4':
        return new RegExp('^' + IPV4 + '$').test(text);
      case 'ipv6':
        return new RegExp('^\\s*(?:(?:(?:' + H + ':){7}(?:' + H + '|:))|(?:(?:' + H + ':){6}(?::' + H + '|(?:' + IPV4_PART + ')|:))|(?:(?:' + H + ':){5}(?:(?:(?::' + H + '){1,2})|:(?:' + IPV4_PART + ')|:))|(?:(?:' + H + ':){4}(?:(?:(?::' + H + '){1,3})|(?:(?::' + H + ')?:(?:' + IPV4_PART + '))|:))|(?:(?:' + H + ':){3}(?:(?:(?::' + H + '){1,4})|(?:(?::' + H + '){0,2}:(?:' + IPV4_PART + '))|:))|(?:(?:' + H + ':){2}(?:(?:(?::' + H + '){1,5})|(?:(?::' + H + '){0,3}:(?:' + IPV4_PART + '))|:))|(?:(?:' + H + ':){1}(?:(?:(?::' + H + '){1,6})|(?:(?::' + H + '){0,4}:(?:' + IPV4_PART + '))|:))|(?::(?:(?:(?::' + H + '){1,7})|(?:(?::' + H + '){0,5}:(?:' + IPV4_PART + '))|:)))(?:%.+)?\\s*$', 'i').test(text);
      case 'regex':
        return isRegex(text);
      case 'uuid':
        return /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i.test(text);
      case 'json-pointer':
        return /^(?:\/(?:[^~/]|~0|~1)*)*$/.test(text);
      case 'json-pointer-uri-fragment':
        return /^#(?:\/(?:[a-z0-9_\-.!$&'()*+,;:=@]|%[0-9a-f]{2}|~0|~1)*)*$/i.test(text);
      case 'relative-json-pointer':
        return /^(?:0|[1-9][0-9]*)(?:#|(?:\/(?:[^~/]|~0|~1)*)*)$/.test(text);
      default:
        // unknownFormats: "ignore"
        return true;
    }
  }

  function isRegex(text) {
    if (/[^\\]\\Z/.test(text)) {
      return false;
    }
    try {
      new RegExp(text);
      return true;
    } catch {
      return false;
    }
  }
}
