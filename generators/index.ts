export { loadSpec } from './load-spec.js';
export { generateCollection } from './transform/collection.js';
export { generateEnvironments } from './environments.js';
export { serializeJson, serializeJsonChunks, writeJsonFile } from './lib/serialize-json.js';
export { LocatedInputError, SpecError } from './errors.js';
export { CONTRACT_TEST_BODY, CONTRACT_VARIABLE, contractPrerequestExec, contractTestExec } from './contract.js';
export { definitionRef } from './transform/schema-object.js';
export { outputText, staleOutputs, writeOutputs } from './write-outputs.js';
export { planOutputs } from './plan-outputs.js';

export type { LoadedSpec, Location } from './load-spec.js';
export type { GenerateOptions } from './transform/collection.js';
export type { EnvironmentOptions, GeneratedEnvironment, PostmanEnvironment, PostmanEnvironmentValue } from './environments.js';
export type { GeneratorErrorCode } from './errors.js';
export type { ContractExpectations, OperationContract, StatusContract } from './contract.js';
export type { PostmanCollection, PostmanItem, PostmanFolder, PostmanRequest, PostmanEvent } from './postman-v2.1.js';
export type { OutputFile } from './write-outputs.js';
export type { PlanOptions } from './plan-outputs.js';
export { projectPlans, projectVariants, variantFiles, variantPlan } from './project.js';
