// Renders every overlay with `kubectl kustomize` and validates each object against its schema, offline:
// Kubernetes (kubernetes-models), KEDA, Strimzi and the Prometheus Operator (@kubernetes-models/*).
// Usage: node validate.mjs [overlay…]   (default: every directory under k8s/overlays, the base alone, which applies
// to a plain cluster, and the check and migrate Jobs). Exits 1 on any error.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const overlaysDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'overlays');
const packages = {
  '': 'kubernetes-models',
  'keda.sh': '@kubernetes-models/keda',
  'kafka.strimzi.io': '@kubernetes-models/strimzi-kafka-operator',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};
const kubernetesGroups = new Set(['apps', 'policy', 'autoscaling', 'batch', 'networking.k8s.io', 'rbac.authorization.k8s.io']);

async function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = kubernetesGroups.has(group) ? packages[''] : packages[group];
  if (!pkg) throw new Error(`no schema package for ${apiVersion}`);
  const path = group === '' ? `${pkg}/${version}` : kubernetesGroups.has(group) ? `${pkg}/${group}/${version}` : `${pkg}/${group}/${version}`;
  const model = (await import(path))[kind];
  if (!model) throw new Error(`no schema for ${kind} in ${path}`);
  return model;
}

const overlays = process.argv.slice(2).length ? process.argv.slice(2) : [...readdirSync(overlaysDir), '../base', '../jobs/check', '../jobs/migrate'];
let failures = 0;
for (const overlay of overlays) {
  const rendered = execFileSync('kubectl', ['kustomize', join(overlaysDir, overlay)], { encoding: 'utf8' });
  const objects = parseAllDocuments(rendered).map((doc) => doc.toJSON()).filter(Boolean);
  for (const object of objects) {
    const name = `${overlay}: ${object.kind} ${object.metadata?.name}`;
    try {
      const Model = await modelOf(object.apiVersion, object.kind);
      new Model(object).validate();
    } catch (e) {
      failures++;
      console.error(`${name}: ${e.message}`);
    }
  }
  console.log(`${overlay}: ${objects.length} objects checked`);
}
if (failures) {
  console.error(`${failures} objects failed validation`);
  process.exitCode = 1;
}
