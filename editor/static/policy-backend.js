// Our backend for Decap CMS: its own proxy (make edit) or GitHub backend, seen through a
// path mapping, and the place where a save becomes the files an editor would write by hand.
//
// Paths. Decap's i18n wants `<name>.<locale>.md` for every language and one field set per
// collection; our files are `municipalities/<slug>/<page>.md` (Danish) and `<page>.en.md`.
// So Decap sees two virtual folders and this backend translates at the boundary:
//   kommuner/<slug>.da.md       <->  municipalities/<slug>/index.md
//   kommuner/<slug>.en.md       <->  municipalities/<slug>/index.en.md
//   sider/<slug>/<page>.da.md   <->  municipalities/<slug>/<page>.md
//   sider/<slug>/<page>.en.md   <->  municipalities/<slug>/<page>.en.md
// Anything else under municipalities/ (earlier editions, hidden folders) is not shown.
//
// Saving. Decap gives us each language's file as our format wrote it (policy-format.js).
// Here the English values follow the Danish ones (policy-sync.js), and each file is
// written by patching the file as it was read: unchanged lines stay byte for byte.
// Uploads, renames and deletions are refused: pages are added with `make new` and the guide.

export function createPolicyBackend({ CMS, P, S, settings }) {
  const SLUG = '[a-z0-9]+(?:-[a-z0-9]+)*';
  const content = settings.contentDir;
  const overviewName = settings.overview.replace(/\.md$/, '');
  const [danish, ...others] = [settings.defaultLocale, ...settings.locales.filter(l => l !== settings.defaultLocale)];
  const LOCALE = `(${settings.locales.map(l => l.replace(/[^a-z-]/g, '')).join('|')})`;
  const kindOf = Object.fromEntries(Object.entries(settings.collections));  // folder -> 'overview' | 'page'
  const overviewFolder = Object.keys(kindOf).find(key => kindOf[key] === 'overview');
  const pageFolder = Object.keys(kindOf).find(key => kindOf[key] === 'page');

  const realRe = new RegExp(`^${content}/(${SLUG})/(${SLUG})(?:\\.(${others.join('|')}))?\\.md$`);
  const overviewRe = new RegExp(`^${overviewFolder}/(${SLUG})\\.${LOCALE}\\.md$`);
  const pageRe = new RegExp(`^${pageFolder}/(${SLUG})/(${SLUG})\\.${LOCALE}\\.md$`);

  function toVirtual(path) {
    const match = realRe.exec(path);
    if (!match) return null;
    const [, slug, name, locale = danish] = match;
    if (name === overviewName) return `${overviewFolder}/${slug}.${locale}.md`;
    return `${pageFolder}/${slug}/${name}.${locale}.md`;
  }

  function toReal(path) {
    let match = overviewRe.exec(path);
    if (match) {
      const [, slug, locale] = match;
      return `${content}/${slug}/${overviewName}${locale === danish ? '' : `.${locale}`}.md`;
    }
    match = pageRe.exec(path);
    if (match) {
      const [, slug, name, locale] = match;
      if (name === overviewName) throw refusal(path);
      return `${content}/${slug}/${name}${locale === danish ? '' : `.${locale}`}.md`;
    }
    throw refusal(path);
  }

  function refusal(path) {
    return new Error(`Redigeringen kan ikke skrive ${path}: kun kommunernes sider kan redigeres her.`);
  }

  function treeFor(virtualPath) {
    return virtualPath.startsWith(`${overviewFolder}/`) ? settings.trees.overview : settings.trees.page;
  }

  const localeOf = virtualPath => virtualPath.match(/\.([a-z-]+)\.md$/)[1];
  const baseOf = virtualPath => virtualPath.replace(/\.[a-z-]+\.md$/, '');

  class PolicyBackend {
    constructor(config, options) {
      const backend = { ...config.backend, name: settings.backend };
      if (settings.backend === 'proxy') backend.proxy_url = settings.proxyPath;
      this.inner = CMS.getBackend(settings.backend).init({ ...config, backend }, options);
      this.originals = new Map();  // real path -> the file's text as last read or written
      // Everything this class does not define is Decap's own backend's (auth, workflow, status).
      return new Proxy(this, {
        get(target, property) {
          if (property in target) return target[property];
          const value = target.inner[property];
          return typeof value === 'function' ? value.bind(target.inner) : value;
        },
        has(target, property) {
          return property in target || property in target.inner;
        },
      });
    }

    remember(entries) {
      for (const entry of entries) {
        if (entry && entry.file && typeof entry.data === 'string') this.originals.set(entry.file.path, entry.data);
      }
    }

    mapEntries(entries, folder) {
      const mapped = [];
      for (const entry of entries || []) {
        if (!entry || !entry.file) continue;
        const virtual = toVirtual(entry.file.path);
        if (!virtual || !virtual.startsWith(`${folder}/`)) continue;
        mapped.push({ ...entry, file: { ...entry.file, path: virtual } });
      }
      for (const symbol of Object.getOwnPropertySymbols(entries || {})) mapped[symbol] = entries[symbol];
      return mapped;
    }

    async entriesByFolder(folder, extension) {
      if (!(folder in kindOf)) return [];
      const entries = await this.inner.entriesByFolder(content, extension, 2);
      this.remember(entries);
      return this.mapEntries(entries, folder);
    }

    async allEntriesByFolder(folder, extension) {
      if (!(folder in kindOf)) return [];
      const list = this.inner.allEntriesByFolder
        ? await this.inner.allEntriesByFolder(content, extension, 2)
        : await this.inner.entriesByFolder(content, extension, 2);
      this.remember(list);
      return this.mapEntries(list, folder);
    }

    async traverseCursor(cursor, action) {
      const { entries, cursor: next } = await this.inner.traverseCursor(cursor, action);
      this.remember(entries);
      const folders = Object.keys(kindOf);
      return { entries: folders.flatMap(folder => this.mapEntries(entries, folder)), cursor: next };
    }

    async entriesByFiles(files) {
      const real = files.map(file => ({ ...file, path: toReal(file.path) }));
      const entries = await this.inner.entriesByFiles(real);
      this.remember(entries);
      return entries.map((entry, index) => ({ ...entry, file: { ...entry.file, path: files[index].path } }));
    }

    async getEntry(path) {
      const entry = await this.inner.getEntry(toReal(path));
      this.remember([entry]);
      return { ...entry, file: { ...entry.file, path } };
    }

    async unpublishedEntry(args) {
      const entry = await this.inner.unpublishedEntry(args);
      return { ...entry, diffs: (entry.diffs || []).map(diff => ({ ...diff, path: toVirtual(diff.path) || diff.path })) };
    }

    async unpublishedEntryDataFile(collection, slug, path, id) {
      const real = toReal(path);
      const data = await this.inner.unpublishedEntryDataFile(collection, slug, real, id);
      if (typeof data === 'string') this.originals.set(real, data);
      return data;
    }

    /** The files to write for a save: English following Danish, each patched from its text on disk. */
    async prepare(dataFiles) {
      const byBase = new Map();
      for (const file of dataFiles) {
        if (file.newPath && file.newPath !== file.path) throw new Error('Sider kan ikke omdøbes her.');
        const base = baseOf(file.path);
        if (!byBase.has(base)) byBase.set(base, {});
        byBase.get(base)[localeOf(file.path)] = file;
      }
      const out = [];
      for (const [base, files] of byBase) {
        const tree = treeFor(base);
        const danishFile = files[danish];
        const danishReal = danishFile ? toReal(danishFile.path) : null;
        const danishOriginal = danishReal ? this.originals.get(danishReal) : undefined;
        const danishValues = danishFile ? P.parseFile(danishFile.raw) : null;
        for (const locale of settings.locales) {
          const file = files[locale] || (danishFile && locale !== danish ? { path: `${base}.${locale}.md`, slug: danishFile.slug } : null);
          if (!file) continue;
          const real = toReal(file.path);
          const original = this.originals.get(real);
          let values;
          if (locale === danish || !danishValues) {
            values = P.parseFile(file.raw);
          } else {
            const english = file.raw !== undefined ? P.parseFile(file.raw) : (original !== undefined ? P.parseFile(original) : undefined);
            const before = danishOriginal !== undefined ? P.parseFile(danishOriginal) : undefined;
            values = S.syncEnglish(danishValues, english, before, tree, settings);
          }
          const raw = P.patchFile(original, values, tree);
          out.push({ ...file, path: real, raw });
        }
      }
      return out;
    }

    async persistEntry(entry, options) {
      if (entry.assets && entry.assets.length) throw new Error('Billeder og filer kan ikke lægges op her.');
      const dataFiles = await this.prepare(entry.dataFiles || []);
      const changed = dataFiles.filter(file => this.originals.get(file.path) !== file.raw);
      const toWrite = changed.length ? changed : dataFiles.slice(0, 1);
      await this.inner.persistEntry({ ...entry, dataFiles: toWrite, path: toWrite[0].path }, options);
      for (const file of dataFiles) this.originals.set(file.path, file.raw);
    }

    /** Whether the login still works. Decap's GitHub backend also asks githubstatus.com; we ask only GitHub's API. */
    async status() {
      const api = this.inner.api;
      if (settings.backend !== 'github' || !api || typeof api.getUser !== 'function') return this.inner.status();
      const auth = await api.getUser({ token: this.inner.token || '' }).then(user => !!user).catch(() => false);
      return { auth: { status: auth }, api: { status: true, statusPage: '' } };
    }

    async persistMedia() {
      throw new Error('Billeder og filer kan ikke lægges op her.');
    }

    async getMedia() {
      return [];
    }

    async deleteFiles() {
      throw new Error('Sider slettes ikke her; se vejledningen for redaktører.');
    }
  }

  return { PolicyBackend, toVirtual, toReal };
}
