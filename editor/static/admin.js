// Starts Decap CMS with the configuration generated from the schema (policysite/cms.py):
// our formats, our backend and our preview, all served from this origin.
import * as YAML from './vendor/yaml/index.js';
import { createPolicyYaml } from './policy-yaml.js';
import { createPolicySync } from './policy-sync.js';
import { createPolicyBackend } from './policy-backend.js';
import { registerPreviews } from './preview.js';

async function load(name) {
  const response = await fetch(name, { credentials: 'same-origin', cache: 'no-store' });
  if (!response.ok) throw new Error(`${name}: ${response.status}`);
  return response.json();
}

function fail(error) {
  const box = document.getElementById('policy-editor-error');
  box.hidden = false;
  box.querySelector('[data-message]').textContent = String(error && error.message ? error.message : error);
  throw error;
}

async function start() {
  const { CMS } = window;
  if (!CMS) throw new Error('Decap CMS blev ikke indlæst.');
  const [config, settings] = await Promise.all([load('config.json'), load('settings.json')]);
  const P = createPolicyYaml(YAML);
  const S = createPolicySync(P);
  for (const [kind, format] of Object.entries(settings.formats)) {
    const tree = settings.trees[kind];
    CMS.registerCustomFormat(format, 'md', {
      fromFile: text => P.parseFile(text),
      toFile: values => P.emitFile(values, tree),
    });
  }
  const { PolicyBackend } = createPolicyBackend({ CMS, P, S, settings });
  CMS.registerBackend(config.backend.name, PolicyBackend);
  registerPreviews(CMS, settings);
  CMS.init({ config });
}

start().catch(fail);
