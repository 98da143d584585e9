// JSON pointers in the generated collection's scripts: the generator puts these lines into the
// contract test (after it: a function declaration is hoisted) and before the convenience scripts
// (with script-helpers.js). Fixed, linted (npm run lint).

// Reads an RFC 6901 JSON pointer ("/a/0/b", "~1" = "/", "~0" = "~"); "" is the value itself.
function readPointer(value, pointer) {
  if (pointer === '') {
    return value;
  }
  return pointer.slice(1).split('/').reduce(function (node, token) {
    var part = token.replace(/~1/g, '/').replace(/~0/g, '~');
    return node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, part) ? node[part] : undefined;
  }, value);
}
