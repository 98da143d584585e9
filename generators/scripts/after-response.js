// After-response script of a documentation request (generated collection), after the collection's
// contract test. Its data is one JSON value passed by the generated last line: the variables to keep
// from a 2xx JSON answer (x-postman-capture, x-postman-login) and whether to clear the cookies the
// answer set (x-postman-clear-cookies). Fixed body, linted (npm run lint); it needs script-helpers.js.
/* global readPointer, setVariable, capturedValue */
function afterResponse(pm, data) {
  var tag = '[' + data.operationId + '] ';
  if (pm.response.code >= 200 && pm.response.code < 300) {
    data.capture.forEach(function (entry) {
      pm.test(tag + 'stores ' + entry.variable + ' from body ' + (entry.pointer === '' ? '(root)' : entry.pointer), function () {
        var value = readPointer(pm.response.json(), entry.pointer);
        pm.expect(value, entry.pointer + ' in the answer').to.not.equal(undefined);
        setVariable(pm, entry.variable, capturedValue(value, entry.expiresIn));
      });
    });
  }
  if (pm.response.code >= 200 && pm.response.code < 300) {
    Object.keys(data.captureCookie || {}).forEach(function (variable) {
      var pattern = data.captureCookie[variable];
      pm.test(tag + 'stores ' + variable + ' from the cookie named /' + pattern + '/', function () {
        var pair = pm.response.headers.all().filter(function (header) {
          return String(header.key).toLowerCase() === 'set-cookie';
        }).map(function (header) {
          return String(header.value).split(';')[0].trim();
        }).filter(function (cookie) {
          return new RegExp(pattern).test(cookie.split('=')[0]);
        })[0];
        pm.expect(pair, 'a Set-Cookie named /' + pattern + '/').to.be.a('string');
        setVariable(pm, variable, pair);
      });
    });
  }
  if (data.clearCookies === true) {
    // Cookies this answer set would go with every later request to the site (see the request's description).
    pm.cookies.jar().clear(pm.request.url.toString(), function (error) {
      if (error) {
        console.warn(tag + 'could not clear the cookies of this site (' + error + '); in the Postman app, add the domain to the cookie allowlist or delete its cookies by hand');
      }
    });
  }
}
