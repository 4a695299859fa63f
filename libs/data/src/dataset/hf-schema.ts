/**
 * The column layout of the Hugging Face dataset `GAIR/preference-dissection` and the check of a
 * real Parquet file's columns against it.
 *
 * Part of the published schema is inferred (see docs/data-format.md), so the check is explicit:
 * a missing column or a wrong type is fatal and named precisely; known harmless variants (an
 * unexpected extra column, the raw-annotation member names `accuracy check` / `inaccuracies`, a
 * 1-element list where a scalar score was expected) are accepted and reported as differences.
 */
import type { SchemaElement, SchemaTree } from "hyparquet";
import { JUDGE_IDS } from "../catalog/judges.js";
import { BASIC_ANNOTATION_KEYS } from "./types.js";

/** A column type as read from (or written to) Parquet, independent of physical encoding. */
export type ColumnType =
  | { readonly kind: "string" | "integer" | "double" | "boolean" }
  | { readonly kind: "other"; readonly name: string }
  | { readonly kind: "list"; readonly element: ColumnType }
  | { readonly kind: "struct"; readonly fields: readonly ColumnField[] };

export interface ColumnField {
  readonly name: string;
  readonly type: ColumnType;
}

/** What the loader accepts for one column. */
export type ExpectedType =
  | { readonly kind: "string" | "integer" }
  /** An integer score that some exports store as a 1-element list. */
  | { readonly kind: "integer-or-singleton-list" }
  /** A number written as an integer, a double, or a string of digits. */
  | { readonly kind: "score" }
  | { readonly kind: "list"; readonly element: ExpectedType }
  | { readonly kind: "struct"; readonly fields: readonly ExpectedField[]; readonly extraFields?: ExtraFields };

/** How members of a struct beyond the expected ones are named and handled, for the differences list. */
export interface ExtraFields {
  /** e.g. "unexpected column". */
  readonly are: string;
  /** e.g. "ignored". */
  readonly outcome: string;
}

const IGNORED_COLUMNS: ExtraFields = { are: "unexpected column", outcome: "ignored" };

export interface ExpectedField {
  readonly name: string;
  readonly type: ExpectedType;
  /** Other names the same member is known under. */
  readonly aliases?: readonly string[];
}

/** The 33 members of `preference_labels`: the catalog's judges in the dataset's (code-point) order. */
export const HF_LABEL_JUDGES: readonly string[] = [...JUDGE_IDS].sort();

const string = { kind: "string" } as const;
const integer = { kind: "integer" } as const;
const stringList = { kind: "list", element: string } as const;

const responseType: ExpectedType = {
  kind: "struct",
  fields: [
    { name: "content", type: string },
    { name: "model", type: string },
    { name: "num_words", type: integer },
  ],
};

/** The 20 basic members in the dataset's alphabetical order. */
const basicType: ExpectedType = {
  kind: "struct",
  fields: [...BASIC_ANNOTATION_KEYS].sort().map((name) => ({ name, type: integer })),
};

const errorsType: ExpectedType = {
  kind: "struct",
  fields: [
    { name: "applicable or not", aliases: ["accuracy check"], type: string },
    {
      name: "errors",
      aliases: ["inaccuracies"],
      type: {
        kind: "list",
        element: {
          kind: "struct",
          fields: [
            { name: "brief description", type: string },
            { name: "severity", type: string },
            { name: "type", type: string },
          ],
        },
      },
    },
  ],
};

const querySpecificType: ExpectedType = {
  kind: "struct",
  fields: [
    { name: "clarify user intent", type: { kind: "integer-or-singleton-list" } },
    { name: "correcting explicit mistakes or biases", type: stringList },
    { name: "satisfying explicit constraints", type: { kind: "list", element: { kind: "score" } } },
    { name: "showing empathetic", type: { kind: "integer-or-singleton-list" } },
    { name: "supporting explicit subjective stances", type: stringList },
  ],
};

/** The 18 top-level columns in the dataset's order. */
export const HF_COLUMNS: readonly ExpectedField[] = [
  { name: "query", type: string },
  { name: "scenario_auto-j", type: string },
  { name: "scenario_group", type: string },
  { name: "response_1", type: responseType },
  { name: "response_2", type: responseType },
  { name: "gpt-4-turbo_reference", type: string },
  { name: "clear intent", type: string },
  { name: "explicitly express feelings", type: string },
  { name: "explicit constraints", type: stringList },
  { name: "explicit subjective stances", type: stringList },
  { name: "explicit mistakes or biases", type: stringList },
  {
    name: "preference_labels",
    type: {
      kind: "struct",
      fields: HF_LABEL_JUDGES.map((name) => ({ name, type: string })),
      // The row reader takes every member of the struct as a judge's labels.
      extraFields: { are: "extra judge", outcome: "read as an additional judge" },
    },
  },
  { name: "basic_response_1", type: basicType },
  { name: "basic_response_2", type: basicType },
  { name: "errors_response_1", type: errorsType },
  { name: "errors_response_2", type: errorsType },
  { name: "query-specific_response_1", type: querySpecificType },
  { name: "query-specific_response_2", type: querySpecificType },
];

// ---------------------------------------------------------------------------------------------
// reading a Parquet schema tree

function isListGroup(element: SchemaElement): boolean {
  return element.converted_type === "LIST" || element.logical_type?.type === "LIST";
}

/** The logical type of one node of a hyparquet schema tree. */
export function columnTypeOf(node: SchemaTree): ColumnType {
  const { element } = node;
  if (element.repetition_type === "REPEATED") {
    // A bare repeated field (legacy two-level list) is a list of its own type.
    return { kind: "list", element: columnTypeOf({ ...node, element: { ...element, repetition_type: "OPTIONAL" } }) };
  }
  if (node.children.length > 0 && isListGroup(element)) {
    const repeated = node.children[0]!;
    // Three-level list: LIST → repeated group (one child) → element. Otherwise the repeated node is the element.
    const item =
      repeated.children.length === 1 && repeated.element.type === undefined
        ? repeated.children[0]!
        : { ...repeated, element: { ...repeated.element, repetition_type: "OPTIONAL" as const } };
    return { kind: "list", element: columnTypeOf(item) };
  }
  if (node.children.length > 0 || element.type === undefined) {
    return { kind: "struct", fields: node.children.map((child) => ({ name: child.element.name, type: columnTypeOf(child) })) };
  }
  switch (element.type) {
    case "BYTE_ARRAY":
    case "FIXED_LEN_BYTE_ARRAY":
      return element.converted_type === "UTF8" || element.logical_type?.type === "STRING" || element.converted_type === "JSON"
        ? string
        : { kind: "other", name: element.type };
    case "INT32":
    case "INT64":
      return integer;
    case "FLOAT":
    case "DOUBLE":
      return { kind: "double" };
    case "BOOLEAN":
      return { kind: "boolean" };
    default:
      return { kind: "other", name: element.type };
  }
}

/** Short human-readable name of a column type, e.g. `list<string>`. */
export function describeColumnType(type: ColumnType | ExpectedType): string {
  switch (type.kind) {
    case "list":
      return `list<${describeColumnType(type.element)}>`;
    case "struct":
      return `struct{${type.fields.map((field) => field.name).join(", ")}}`;
    case "other":
      return type.name;
    case "integer-or-singleton-list":
      return "integer (or a 1-element list of integers)";
    case "score":
      return "number";
    default:
      return type.kind;
  }
}

/** A difference that makes the file unreadable, with the column (path) it is about. */
export interface SchemaError {
  readonly column: string;
  readonly message: string;
}

export interface SchemaComparison {
  /** Differences that make the file unreadable: missing columns and wrong types. */
  readonly errors: SchemaError[];
  /** Accepted differences: extra columns, alternative member names, list-shaped scalars. */
  readonly differences: string[];
}

function matchesScalar(expected: ExpectedType, actual: ColumnType): boolean {
  switch (expected.kind) {
    case "string":
      return actual.kind === "string";
    case "integer":
      return actual.kind === "integer";
    case "score":
      return actual.kind === "integer" || actual.kind === "double" || actual.kind === "string";
    default:
      return false;
  }
}

function compareType(expected: ExpectedType, actual: ColumnType, path: string, out: SchemaComparison): void {
  const wrong = (): void => {
    out.errors.push({ column: path, message: `column "${path}" is ${describeColumnType(actual)}, expected ${describeColumnType(expected)}` });
  };
  switch (expected.kind) {
    case "struct": {
      if (actual.kind !== "struct") return wrong();
      compareFields(expected.fields, actual.fields, path, out, expected.extraFields);
      return;
    }
    case "list":
      if (actual.kind !== "list") return wrong();
      compareType(expected.element, actual.element, `${path}[]`, out);
      return;
    case "integer-or-singleton-list":
      if (actual.kind === "integer") return;
      if (actual.kind === "list" && actual.element.kind === "integer") {
        out.differences.push(`column "${path}" is a list of integers; its single element is used as the score`);
        return;
      }
      return wrong();
    default:
      if (!matchesScalar(expected, actual)) wrong();
  }
}

function compareFields(
  expected: readonly ExpectedField[],
  actual: readonly ColumnField[],
  prefix: string,
  out: SchemaComparison,
  extra: ExtraFields = IGNORED_COLUMNS,
): void {
  const join = (name: string) => (prefix === "" ? name : `${prefix}.${name}`);
  const used = new Set<string>();
  for (const field of expected) {
    const names = [field.name, ...(field.aliases ?? [])];
    const found = actual.find((candidate) => names.includes(candidate.name));
    if (found === undefined) {
      const column = join(field.name);
      out.errors.push({ column, message: `missing column "${column}" (${describeColumnType(field.type)})` });
      continue;
    }
    used.add(found.name);
    if (found.name !== field.name) {
      out.differences.push(`column "${join(found.name)}" is read as "${join(field.name)}"`);
    }
    compareType(field.type, found.type, join(found.name), out);
  }
  for (const field of actual) {
    if (!used.has(field.name)) out.differences.push(`${extra.are} "${join(field.name)}" (${describeColumnType(field.type)}) ${extra.outcome}`);
  }
}

/** Compares the top-level columns of a Parquet file with `HF_COLUMNS`. */
export function compareHfSchema(actual: readonly ColumnField[]): SchemaComparison {
  const out: SchemaComparison = { errors: [], differences: [] };
  compareFields(HF_COLUMNS, actual, "", out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// writing

function leaf(name: string, type: "INT64" | "STRING"): SchemaElement {
  return type === "STRING"
    ? { name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" }
    : { name, type: "INT64", repetition_type: "OPTIONAL" };
}

function elementsOf(field: ExpectedField): SchemaElement[] {
  const { name, type } = field;
  switch (type.kind) {
    case "string":
      return [leaf(name, "STRING")];
    case "integer":
    case "integer-or-singleton-list":
    case "score":
      return [leaf(name, "INT64")];
    case "list":
      return [
        { name, repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        ...elementsOf({ name: "element", type: type.element }),
      ];
    case "struct":
      return [
        { name, repetition_type: "OPTIONAL", num_children: type.fields.length },
        ...type.fields.flatMap((child) => elementsOf(child)),
      ];
  }
}

/**
 * The flattened Parquet schema the loader expects, in the layout pyarrow (and so the Hugging Face
 * datasets library) writes: optional fields, three-level lists, INT64 integers, UTF8 strings.
 * Scalar-or-list scores are written as scalars; constraint scores as a list of INT64.
 */
export function hfParquetSchema(): SchemaElement[] {
  return parquetSchemaFor(HF_COLUMNS);
}

/** The flattened Parquet schema of any list of top-level fields, written as `hfParquetSchema` does. */
export function parquetSchemaFor(fields: readonly ExpectedField[]): SchemaElement[] {
  return [{ name: "schema", num_children: fields.length }, ...fields.flatMap((field) => elementsOf(field))];
}
