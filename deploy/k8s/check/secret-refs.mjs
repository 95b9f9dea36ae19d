// Every Secret a rendered overlay references exists with the keys it reads: made by
// deploy/k8s/secrets.sh (its output is the second file), by a cert-manager Certificate of the
// rendering, or by CloudNativePG (vnn-pg-ca); vnn-backup-s3 is the site's own.
// usage: node secret-refs.mjs <rendered.json> <secrets.json>
import fs from "node:fs";

const [renderedFile, secretsFile] = process.argv.slice(2);
const objects = JSON.parse(fs.readFileSync(renderedFile, "utf8"));
const made = new Map();
for (const s of JSON.parse(fs.readFileSync(secretsFile, "utf8"))) {
  made.set(s.metadata.name, new Set(Object.keys({ ...s.data, ...s.stringData })));
}
for (const o of objects) {
  if (o.kind === "Certificate") made.set(o.spec.secretName, new Set(["tls.crt", "tls.key", "ca.crt"]));
}
made.set("vnn-pg-ca", new Set(["ca.crt", "ca.key"]));
const siteOwn = new Set(["vnn-backup-s3"]);

const problems = [];
function need(where, name, key) {
  if (siteOwn.has(name)) return;
  const keys = made.get(name);
  if (!keys) problems.push(`${where}: Secret ${name} is made by nothing`);
  else if (key !== undefined && !keys.has(key)) problems.push(`${where}: Secret ${name} has no key ${key}`);
}
function walk(value, where) {
  if (Array.isArray(value)) return value.forEach((v) => walk(v, where));
  if (!value || typeof value !== "object") return;
  if (value.secretKeyRef) need(where, value.secretKeyRef.name, value.secretKeyRef.key);
  if (value.secret?.secretName) {
    const items = value.secret.items ?? [];
    if (items.length === 0) need(where, value.secret.secretName);
    for (const item of items) need(where, value.secret.secretName, item.key);
  }
  if (value.initdb?.secret?.name) need(where, value.initdb.secret.name, "password");
  if (value.passwordSecret?.name) need(where, value.passwordSecret.name, "password");
  for (const v of Object.values(value)) walk(v, where);
}
for (const o of objects) walk(o, `${o.kind}/${o.metadata?.name}`);
for (const p of [...new Set(problems)]) console.error(`FAIL ${renderedFile}: ${p}`);
process.exit(problems.length > 0 ? 1 : 0);
