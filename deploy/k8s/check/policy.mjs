// The deployment rules every rendered overlay must keep. Fails (exit 1) when a workload
//   - may run as root (runAsNonRoot not true, or runAsUser 0),
//   - lacks CPU or memory requests or limits,
//   - (long-running) lacks a liveness or readiness probe,
//   - is selected by no NetworkPolicy of its own (the namespace's default deny is not enough),
//   - escalates privileges, keeps capabilities, writes its root file system or runs without
//     the RuntimeDefault seccomp profile,
//   - (Deployment, StatefulSet) has no PodDisruptionBudget;
// and when a CloudNativePG Cluster has no NetworkPolicy.
//
// usage: node policy.mjs <objects.json>…   (each file: a JSON array of one rendering)
import fs from "node:fs";

const workloadKinds = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]);

function selects(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, e.key);
    if (e.operator === "In" && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}

function isEmptySelector(selector) {
  return (
    !selector ||
    (Object.keys(selector.matchLabels ?? {}).length === 0 &&
      (selector.matchExpressions ?? []).length === 0)
  );
}

function podTemplate(object) {
  if (object.kind === "CronJob") return object.spec?.jobTemplate?.spec?.template;
  return object.spec?.template;
}

function checkWorkload(object, objects, problems) {
  const template = podTemplate(object) ?? {};
  const pod = template.spec ?? {};
  const labels = template.metadata?.labels ?? {};
  const namespace = object.metadata?.namespace;
  const podSecurity = pod.securityContext ?? {};
  const longRunning = !["Job", "CronJob"].includes(object.kind);

  const containers = [
    ...(pod.initContainers ?? []).map((c) => ({ c, init: true })),
    ...(pod.containers ?? []).map((c) => ({ c, init: false })),
  ];
  for (const { c, init } of containers) {
    const where = `${init ? "initContainer" : "container"} ${c.name}`;
    const sc = c.securityContext ?? {};
    const nonRoot = sc.runAsNonRoot ?? podSecurity.runAsNonRoot;
    const user = sc.runAsUser ?? podSecurity.runAsUser;
    if (nonRoot !== true) problems.push(`${where}: runAsNonRoot is not true (may run as root)`);
    if (user === 0) problems.push(`${where}: runAsUser 0 (root)`);
    if (sc.privileged) problems.push(`${where}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) {
      problems.push(`${where}: allowPrivilegeEscalation is not false`);
    }
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${where}: root file system writable`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) {
      problems.push(`${where}: capabilities not dropped (drop: [ALL])`);
    }
    const seccomp = sc.seccompProfile?.type ?? podSecurity.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") {
      problems.push(`${where}: no RuntimeDefault seccomp profile`);
    }
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (c.resources?.[kind]?.[resource] === undefined) {
          problems.push(`${where}: no ${resource} ${kind}`);
        }
      }
    }
    if (longRunning && !init) {
      if (!c.livenessProbe) problems.push(`${where}: no livenessProbe`);
      if (!c.readinessProbe) problems.push(`${where}: no readinessProbe`);
    }
  }
  if (containers.length === 0) problems.push("no containers");

  const ownPolicy = objects.some(
    (o) =>
      o.kind === "NetworkPolicy" &&
      o.metadata?.namespace === namespace &&
      !isEmptySelector(o.spec?.podSelector) &&
      selects(o.spec.podSelector, labels),
  );
  if (!ownPolicy) problems.push("no NetworkPolicy selects its pods");

  if (["Deployment", "StatefulSet"].includes(object.kind)) {
    const budget = objects.some(
      (o) =>
        o.kind === "PodDisruptionBudget" &&
        o.metadata?.namespace === namespace &&
        selects(o.spec?.selector, labels),
    );
    if (!budget) problems.push("no PodDisruptionBudget");
  }
}

let failures = 0;
for (const file of process.argv.slice(2)) {
  const objects = JSON.parse(fs.readFileSync(file, "utf8"));
  let workloads = 0;
  for (const object of objects) {
    const problems = [];
    if (workloadKinds.has(object.kind)) {
      workloads++;
      checkWorkload(object, objects, problems);
    } else if (object.kind === "Cluster" && object.apiVersion?.startsWith("postgresql.cnpg.io")) {
      const labels = { "cnpg.io/cluster": object.metadata.name };
      const covered = objects.some(
        (o) => o.kind === "NetworkPolicy" && selects(o.spec?.podSelector, labels) &&
          !isEmptySelector(o.spec?.podSelector),
      );
      if (!covered) problems.push("no NetworkPolicy selects its instances");
    }
    if (problems.length > 0) {
      failures++;
      console.error(`FAIL ${file}: ${object.kind}/${object.metadata?.name}`);
      for (const p of problems) console.error(`  ${p}`);
    }
  }
  console.log(`${file}: ${workloads} workloads checked`);
}
process.exit(failures > 0 ? 1 : 0);
