// Helpers shared by the generated collection's convenience scripts (auto-login.js and
// after-response.js): the generator puts these lines, after json-pointer.js, before each of them.
// Fixed, linted (npm run lint); they read JSON data only.

// Stores a value the way the collection's captures do: in the collection variables, and in the
// active environment too when it declares the name (an environment value would hide the other).
function setVariable(pm, name, value) {
  var text = typeof value === 'string' ? value : JSON.stringify(value);
  pm.collectionVariables.set(name, text);
  if (pm.environment.has(name)) {
    pm.environment.set(name, text);
  }
}

// A JSON value as text for a variable; an expiry given as a lifetime ("expiresIn") becomes a Unix time.
function capturedValue(value, expiresIn) {
  if (expiresIn === true) {
    return String(Math.floor(Date.now() / 1000) + Number(value));
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
