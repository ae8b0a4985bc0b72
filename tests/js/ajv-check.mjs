// Compiles every JSON Schema of the downloads folder with ajv in strict mode (all of them
// together, so that references between them resolve by $id) and validates each download
// against its own schema; the CSV is read row by row, each row an object by column name.
// Usage: node ajv-check.mjs <folder of schemas>   (the downloads are in its parent folder)
import Ajv2020 from "ajv/dist/2020.js";
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const ajv = new Ajv2020({ strict: true, allErrors: true });
const schemas = fs.readdirSync(dir).filter((f) => f.endsWith(".schema.json")).map((f) => [f, JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))]);
let failed = 0;
for (const [, schema] of schemas) ajv.addSchema(schema);
for (const [file, schema] of schemas) {
  try {
    ajv.getSchema(schema.$id);
    console.log(`${file} compiles`);
  } catch (error) {
    console.log(`${file} does not compile: ${error.message}`);
    failed++;
  }
}

function csvRows(text) {  // RFC 4180: every cell quoted here, "" inside a cell
  const rows = [];
  let row = [], cell = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const checks = [
  ["pakistan-russia-events.schema.json", [JSON.parse(fs.readFileSync(path.join(dir, "..", "pakistan-russia-events.json"), "utf8"))]],
  ["pakistan-russia-timelinejs.schema.json", [JSON.parse(fs.readFileSync(path.join(dir, "..", "pakistan-russia-timelinejs.json"), "utf8"))]],
];
const [header, ...rows] = csvRows(fs.readFileSync(path.join(dir, "..", "pakistan-russia-events.csv"), "utf8"));
checks.push(["pakistan-russia-events.csv-row.schema.json", rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])))]);
for (const [file, documents] of checks) {
  const validate = ajv.getSchema(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")).$id);
  const bad = documents.filter((d) => !validate(d));
  if (bad.length) {
    validate(bad[0]);
    console.log(`${file} invalid: ${JSON.stringify(validate.errors.slice(0, 3))} in ${JSON.stringify(bad[0]).slice(0, 300)}`);
    failed++;
  } else {
    console.log(`${file} valid (${documents.length} document${documents.length === 1 ? "" : "s"})`);
  }
}
process.exit(failed ? 1 : 0);
