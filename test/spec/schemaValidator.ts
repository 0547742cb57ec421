// JSON Schema 2020-12 (what OpenAPI 3.1 uses) through Ajv, with the OpenAPI number formats.
// Two instances: answers are validated as they are; request parameters and form fields arrive as
// text, so their validator coerces ("1" to 1, "true" to true) before checking.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Schema } from './specs';

function openApiAjv(coerceTypes: boolean): Ajv2020 {
  // strict: false because OpenAPI schemas carry keywords JSON Schema does not know (example,
  // x-speakeasy-*, discriminator); they annotate, they do not constrain.
  const ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  return ajv;
}

export interface SchemaError {
  /** JSON pointer into the value, array indices replaced by `*` so one finding covers every item. */
  path: string;
  keyword: string;
  message: string;
}

class SchemaValidator {
  private readonly ajv: Ajv2020;
  private readonly compiled = new WeakMap<Schema, ValidateFunction>();

  constructor(coerce: boolean) {
    this.ajv = openApiAjv(coerce);
  }

  /** Errors of `value` against `schema` (empty when it conforms). Coercion may change `value` in place. */
  errors(schema: Schema, value: unknown): SchemaError[] {
    let validate = this.compiled.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    if (validate(value)) return [];
    return outermost(validate.errors ?? []).map((error) => ({
      path: error.instancePath.replace(/\/\d+(?=\/|$)/g, '/*') + missingProperty(error),
      keyword: error.keyword,
      message: error.message ?? error.keyword,
    }));
  }
}

function missingProperty(error: ErrorObject): string {
  const name = (error.params as { missingProperty?: unknown }).missingProperty;
  return error.keyword === 'required' && typeof name === 'string' ? `/${name}` : '';
}

/** A oneOf/anyOf failure repeats every branch's error; keep one error per place and keyword. */
function outermost(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.instancePath}|${error.keyword}|${missingProperty(error)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Shared through globalThis, like the specs themselves (specs.ts): every test file is bundled with
// its own copy of this module, and each stand-in checks its exchanges as it serves them, so a
// validator per copy would compile the same schemas again in every file, holding up answers.
const VALIDATORS = Symbol.for('plex-vscode.spec.validators');
const holder = globalThis as { [VALIDATORS]?: { answers: SchemaValidator; requests: SchemaValidator } };
holder[VALIDATORS] ??= { answers: new SchemaValidator(false), requests: new SchemaValidator(true) };

export const answerValidator: SchemaValidator = holder[VALIDATORS].answers;
export const requestValidator: SchemaValidator = holder[VALIDATORS].requests;
