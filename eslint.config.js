// Lints the Postman sandbox scripts the generator injects (generators/scripts/*.js).
// They run in Postman's sandbox, not in Node: plain scripts with the `pm` global.
export default [
  {
    files: ['generators/scripts/**/*.js'],
    languageOptions: {
      ecmaVersion: 2019,
      sourceType: 'script',
      globals: { pm: 'readonly', JSON: 'readonly', Object: 'readonly', String: 'readonly', encodeURIComponent: 'readonly' },
    },
    rules: {
      'no-undef': 'error',
      'no-unused-vars': ['error', { varsIgnorePattern: '^(contractTest|scenarioPrerequest)$' }],
      'no-redeclare': 'error',
      'no-shadow': 'off',
      eqeqeq: 'error',
      'no-var': 'off',
      strict: 'off',
    },
  },
];
