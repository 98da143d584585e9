/**
 * The YAML parser, behind one module that is only ever imported dynamically (`await import('./lib/yaml.js')`):
 * a JSON spec never loads it, and in the bundled build it stays a separate chunk.
 */
export { parse, parseDocument } from 'yaml';
