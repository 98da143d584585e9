// Lints the Postman sandbox scripts the generator injects (generators/scripts/*.js).
// They run in Postman's sandbox, not in Node: plain scripts with the `pm` global.
export default [
  {
    files: ['generators/scripts/**/*.js'],
    languageOptions: {
      ecmaVersion: 2019,
      sourceType: 'script',
      globals: {
        pm: 'readonly', JSON: 'readonly', Object: 'readonly', String: 'readonly', Number: 'readonly', Math: 'readonly', Date: 'readonly',
        Array: 'readonly', RegExp: 'readonly', isFinite: 'readonly', console: 'readonly', encodeURIComponent: 'readonly',
      },
    },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { varsIgnorePattern: '^(contractTest|scenarioPrerequest|schemaErrors|autoLogin|afterResponse|serverVariables|readPointer|setVariable|capturedValue)$' }],
      'no-redeclare': 'error',
      'no-shadow': 'off',
      eqeqeq: 'error',
      'no-var': 'off',
      strict: 'off',
    },
  },
  {
    // the contract test calls the JSON Schema check and readPointer that follow it in the same script
    files: ['generators/scripts/contract-test.js'],
    languageOptions: { globals: { schemaErrors: 'readonly', readPointer: 'readonly' } },
  },
  {
    files: ['generators/scripts/json-schema.js'],
    languageOptions: { globals: { RegExp: 'readonly', Array: 'readonly', decodeURIComponent: 'readonly' } },
  },
];
