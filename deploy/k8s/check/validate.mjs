// Validates rendered Kubernetes objects against the API schemas of kubernetes-models (and its
// prometheus-operator and cert-manager packages), and rejects fields the schemas do not know,
// which those validators let through. How: the generated validators read each property they
// know by name; every object is wrapped in a Proxy that records those reads, and a key that was
// never read is unknown. Objects whose schema is a free-form map are enumerated as a whole
// (ownKeys), which marks every key as read.
//
// usage: node validate.mjs <node_modules dir> <objects.json>…   (each file: a JSON array)
// CloudNativePG has no models package: its kinds are checked against cnpg-fields.json.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modulesDir, ...files] = process.argv.slice(2);
const packages = {
  "": "kubernetes-models",
  "monitoring.coreos.com": "@kubernetes-models/prometheus-operator",
  "cert-manager.io": "@kubernetes-models/cert-manager",
};
const cnpgFields = JSON.parse(
  fs.readFileSync(new URL("./cnpg-fields.json", import.meta.url), "utf8"),
);

async function validatorFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  // Kubernetes' own groups: no dot ("apps", "policy"…) or ending in .k8s.io.
  const builtIn = !group.includes(".") || group.endsWith(".k8s.io");
  const pkg = packages[group] ?? (builtIn ? packages[""] : null);
  if (!pkg) return null;
  const dir = group === "" ? version : `${group}/${version}`;
  const modelFile = path.join(modulesDir, pkg, dir, `${kind}.js`);
  if (!fs.existsSync(modelFile)) return null;
  const match = fs.readFileSync(modelFile, "utf8").match(/_schemas\/([A-Za-z0-9]+)\.m?js/);
  if (!match) return null;
  const schemaFile = path.join(modulesDir, pkg, "_schemas", `${match[1]}.js`);
  const module = await import(pathToFileURL(schemaFile).href);
  return module.validate ?? module.default?.validate;
}

// Wraps `value` so that reads are recorded in `seen` (a Map from object to a Set of keys).
function track(value, seen, whole) {
  if (value === null || typeof value !== "object") return value;
  const keys = new Set();
  seen.set(value, keys);
  return new Proxy(value, {
    get(target, key, receiver) {
      if (typeof key === "string") keys.add(key);
      const inner = Reflect.get(target, key, receiver);
      if (inner !== null && typeof inner === "object") {
        if (!proxies.has(inner)) proxies.set(inner, track(inner, seen, whole));
        return proxies.get(inner);
      }
      return inner;
    },
    ownKeys(target) {
      whole.add(target);
      return Reflect.ownKeys(target);
    },
  });
}
const proxies = new WeakMap();

function unknownFields(value, seen, whole, at, out) {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, seen, whole, `${at}/${i}`, out));
    return;
  }
  const read = seen.get(value);
  if (!read) return;  // never looked at: inside a free-form value
  if (whole.has(value)) {
    for (const key of Object.keys(value)) unknownFields(value[key], seen, whole, `${at}/${key}`, out);
    return;
  }
  for (const key of Object.keys(value)) {
    if (!read.has(key)) out.push(`${at}/${key}`);
    else unknownFields(value[key], seen, whole, `${at}/${key}`, out);
  }
}

function checkAgainstFieldList(object, fields, at, out) {
  for (const [key, value] of Object.entries(object)) {
    const spec = fields[key];
    if (spec === undefined) out.push(`${at}/${key}`);
    else if (spec !== true && value && typeof value === "object" && !Array.isArray(value)) {
      checkAgainstFieldList(value, spec, `${at}/${key}`, out);
    } else if (spec !== true && Array.isArray(value)) {
      value.forEach((item, i) => checkAgainstFieldList(item, spec, `${at}/${key}/${i}`, out));
    }
  }
}

let failures = 0;
let checked = 0;
for (const file of files) {
  const objects = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const object of objects) {
    const name = `${path.basename(file)}: ${object.kind}/${object.metadata?.name}`;
    const problems = [];
    const fieldList = cnpgFields[object.apiVersion]?.[object.kind];
    if (fieldList) {
      checkAgainstFieldList(object, fieldList, "", problems);
      problems.forEach((p, i) => (problems[i] = `unknown field ${p}`));
    } else {
      const validate = await validatorFor(object.apiVersion, object.kind);
      if (!validate) {
        problems.push(`no schema for ${object.apiVersion} ${object.kind}`);
      } else {
        const seen = new Map();
        const whole = new Set();
        const valid = validate(track(object, seen, whole));
        if (!valid) {
          for (const e of validate.errors ?? []) {
            problems.push(`${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
          }
        }
        const unknown = [];
        unknownFields(object, seen, whole, "", unknown);
        for (const u of unknown) problems.push(`unknown field ${u}`);
      }
    }
    checked++;
    if (problems.length > 0) {
      failures++;
      console.error(`FAIL ${name}`);
      for (const p of problems) console.error(`  ${p}`);
    }
  }
}
console.log(`validated ${checked} objects, ${failures} with problems`);
process.exit(failures > 0 ? 1 : 0);
