/**
 * Every example in the 6.9.32 spec validates against its schema (Ajv, JSON Schema 2020-12); a failure names the
 * example's JSON pointer. Plus the checks that prove the validator and the schemas can fail.
 */
import { loadSpec } from './spec-document.js';
import { registerExampleTests } from './spec-examples.js';

registerExampleTests(loadSpec(), 'AAM 6.9.32');
