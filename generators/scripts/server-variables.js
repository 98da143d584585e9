// Collection-level pre-request script (generated collection): server variables that are part of the
// collection's base URL (the document's first server, e.g. `{siteUrl}/wp-json` → siteUrl) are taken from
// {{baseUrl}} when they are empty, so requests on another server of the document (e.g. `{siteUrl}`) reach
// the same site with only baseUrl set. A value the user set is kept. The value is a local variable of the
// request (pm.variables.set): nothing is stored. Its data is one JSON value passed by the generated last
// line. Fixed body, linted (npm run lint).
function serverVariables(pm, data) {
  var match = new RegExp(data.pattern).exec(String(pm.variables.get(data.baseVariable) || ''));
  if (!match) {
    return;
  }
  data.variables.forEach(function (variable) {
    var value = pm.variables.get(variable.name);
    if ((value === undefined || value === null || value === '') && match[variable.group]) {
      pm.variables.set(variable.name, match[variable.group]);
    }
  });
}
