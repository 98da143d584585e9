"use sandbox2"; // Postman's sandbox without the legacy globals: none is used
// Scenario step pre-request (generated collection). Its data is one JSON value passed by the
// generated last line: the variables the step needs and its contract (operation + expect).
// Fixed body, linted (npm run lint); no scenario text is ever spliced into it.
function scenarioPrerequest(pm, data) {
  var missing = data.requires.filter(function (name) {
    var value = pm.variables.get(name);
    return value === undefined || value === null || value === '';
  });
  if (missing.length > 0) {
    pm.variables.unset('contract');
    pm.execution.skipRequest();
    return;
  }
  pm.variables.set('contract', JSON.stringify(data.contract));
}
