// The editor's preview: a page as the microsite shows it, with its status, cards and contact.
//
// Built with React elements from Decap (window.h), so every text from the content is a text
// node: nothing the editor types is ever read as HTML here. Markdown is shown simply
// (headings, list items, paragraphs), enough to see the structure; the site's own build
// renders it fully. The words around the text come from policysite/labels.py.

export function registerPreviews(CMS, settings) {
  const h = window.h;
  const createClass = window.createClass;

  function plain(value) {
    if (value === undefined || value === null) return undefined;
    return value && typeof value.toJS === 'function' ? value.toJS() : value;
  }

  function words(locale) {
    return settings.labels[locale] || settings.labels[settings.defaultLocale];
  }

  function themeLabel(id, locale) {
    const theme = settings.themes[id];
    return theme ? theme[locale] || theme[settings.defaultLocale] : id;
  }

  /** Markdown as headings, list items and paragraphs of text (no HTML). */
  function markdown(text, key = 'md') {
    if (typeof text !== 'string' || !text.trim()) return null;
    const out = [];
    let list = [];
    let paragraph = [];
    const flush = () => {
      if (paragraph.length) out.push(h('p', { key: `${key}-p${out.length}` }, paragraph.join(' ')));
      if (list.length) out.push(h('ul', { key: `${key}-u${out.length}` }, list.map((item, index) => h('li', { key: index }, item))));
      paragraph = [];
      list = [];
    };
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '<!-- blocks -->') {
        flush();
        out.push(h('p', { key: `${key}-b${out.length}`, className: 'pv-marker' }, '⟨byggestenene vises her⟩'));
        continue;
      }
      const heading = /^(#{1,6})\s+(.*)$/.exec(line);
      const item = /^([-*+]|\d+[.)])\s+(.*)$/.exec(line);
      if (!line) flush();
      else if (heading) {
        flush();
        const level = Math.min(6, heading[1].length + 1);
        out.push(h(`h${level}`, { key: `${key}-h${out.length}` }, heading[2].replace(/\s*\{[^}]*\}\s*$/, '')));
      } else if (item) {
        if (paragraph.length) flush();
        list.push(item[2]);
      } else {
        if (list.length) flush();
        paragraph.push(line);
      }
    }
    flush();
    return out;
  }

  function status(data, locale) {
    const t = words(locale);
    if (data.policy_status !== 'consultation') {
      return data.policy_status ? h('p', { className: 'pv-status pv-status--adopted' }, `${t.status}: ${t.status_adopted}`) : null;
    }
    const consultation = data.consultation || {};
    return h('div', { className: 'pv-status', role: 'note' },
      h('p', null, h('strong', null, t.status_consultation), '.',
        consultation.deadline ? ` ${t.deadline}: ${consultation.deadline}.` : '',
        consultation.email ? ` ${t.respond_by_email} ${consultation.email}.` : ''));
  }

  function cards(data, locale) {
    const t = words(locale);
    const groups = settings.blockKinds
      .map(kind => ({ kind, blocks: Array.isArray(data[kind.key]) ? data[kind.key] : [] }))
      .filter(group => group.blocks.length);
    if (!groups.length) return null;
    return h('section', { className: 'pv-cards' },
      h('h2', null, t.building_blocks),
      groups.map(({ kind, blocks }) => h('section', { key: kind.key, className: 'pv-card-group' },
        h('h3', null, `${kind[locale] || kind.da} `, h('span', { className: 'pv-count' }, `(${blocks.length})`)),
        h('ul', { className: 'pv-card-list' }, blocks.map((block, index) => {
          const text = block.summary || block.lead || block.text;
          const themes = Array.isArray(block.themes) ? block.themes : [];
          return h('li', { key: block.id || index, className: 'pv-card' },
            h('article', null,
              h('h4', null, block.title || '…'),
              text ? h('div', { className: 'pv-card__text' }, markdown(text, `c${index}`)) : null,
              themes.length ? h('p', { className: 'pv-themes' },
                h('span', { className: 'pv-themes__label' }, `${t.themes}: `),
                themes.map((id, i) => h('span', { key: id, className: 'pv-theme' }, themeLabel(id, locale), i < themes.length - 1 ? ', ' : ''))) : null));
        })))));
  }

  function contact(data, locale) {
    const t = words(locale);
    const c = data.contact;
    if (!c || typeof c !== 'object') return null;
    const rows = [
      [t.address, c.address], [t.phone, c.phone], [t.email, c.email], [t.contact_person, c.person], [t.website, c.url],
    ].filter(([, value]) => value);
    return h('aside', { className: 'pv-contact', 'aria-label': t.contact },
      h('h2', null, t.contact),
      c.unit ? h('p', null, c.unit) : null,
      h('dl', null, rows.flatMap(([label, value]) => [h('dt', { key: `${label}-t` }, label), h('dd', { key: `${label}-d` }, value)])));
  }

  function facts(data, locale) {
    const t = words(locale);
    const rows = [[t.publisher, data.publisher], [t.year, data.year], [t.adopted, data.adopted], [t.edition, data.edition]]
      .filter(([, value]) => value !== undefined && value !== null && value !== '');
    if (!rows.length) return null;
    return h('section', { className: 'pv-facts' }, h('h2', null, t.facts),
      h('dl', null, rows.flatMap(([label, value]) => [h('dt', { key: `${label}-t` }, label), h('dd', { key: `${label}-d` }, String(value))])));
  }

  function changes(data, locale) {
    const t = words(locale);
    const list = Array.isArray(data.changes) ? data.changes : [];
    if (!list.length) return null;
    return h('section', { className: 'pv-changes' }, h('h2', null, t.changes),
      h('ul', null, list.map((change, index) => h('li', { key: index }, `${change.date || ''}: ${change.text || ''}`))));
  }

  /** The overview's cards: every block of the municipality's pages, in the order of `pages`. */
  function overviewCards(data, pages, locale) {
    if (!pages || locale !== settings.defaultLocale) return null;
    const order = Array.isArray(data.pages) ? data.pages.map(name => String(name).replace(/\.md$/, '')) : [];
    const sorted = [...pages].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    const combined = {};
    for (const kind of settings.blockKinds) {
      combined[kind.key] = sorted.flatMap(item => (Array.isArray(item.data[kind.key]) ? item.data[kind.key] : []));
    }
    return cards(combined, locale);
  }

  function page(props, overview, pages) {
    const locale = props.locale || settings.defaultLocale;
    const data = plain(props.entry.get('data')) || {};
    const t = words(locale);
    return h('div', { className: 'pv-page', lang: locale },
      h('header', { className: 'pv-header' },
        h('p', { className: 'pv-site' }, overview ? data.municipality || '' : t.municipalities),
        overview && data.policy_title ? h('p', { className: 'pv-policy' }, data.policy_title) : null),
      overview ? status(data, locale) : null,
      h('main', { className: 'pv-main' },
        h('h1', null, data.title || '…'),
        data.description ? h('p', { className: 'pv-lead' }, data.description) : null,
        markdown(data[settings.body]),
        cards(data, locale),
        overview ? overviewCards(data, pages, locale) : null,
        overview ? facts(data, locale) : null,
        overview ? changes(data, locale) : null),
      overview ? contact(data, locale) : null);
  }

  /** The preview frame is a document of its own: give it its language, a title, and the frame a name. */
  function label(props, overview) {
    const doc = props.document;
    if (!doc) return;
    const locale = props.locale || settings.defaultLocale;
    const data = plain(props.entry.get('data')) || {};
    const t = words(locale);
    const what = overview ? data.municipality || data.title : data.title;
    doc.documentElement.lang = locale;
    doc.title = `${t.preview || (locale === 'en' ? 'Preview' : 'Forhåndsvisning')}: ${what || ''}`;
    const frame = props.window && props.window.frameElement;
    if (frame && !frame.title) frame.title = locale === 'en' ? 'Preview of the page' : 'Forhåndsvisning af siden';
  }

  const collections = Object.entries(settings.collections);
  for (const [name, kind] of collections) {
    const overview = kind === 'overview';
    CMS.registerPreviewTemplate(name, createClass({
      getInitialState() { return { pages: null }; },
      componentDidMount() {
        label(this.props, overview);
        if (!overview || typeof this.props.getCollection !== 'function') return;
        const pagesCollection = Object.keys(settings.collections).find(key => settings.collections[key] === 'page');
        const slug = this.props.entry.get('slug');
        this.props.getCollection(pagesCollection).then(entries => {
          const mine = entries
            .map(entry => ({ slug: String(entry.get('slug')), data: plain(entry.get('data')) || {} }))
            .filter(entry => entry.slug.startsWith(`${slug}/`))
            .map(entry => ({ name: entry.slug.slice(slug.length + 1), data: entry.data }));
          this.setState({ pages: mine });
        }).catch(() => this.setState({ pages: [] }));
      },
      componentDidUpdate() { label(this.props, overview); },
      render() { return page(this.props, overview, this.state && this.state.pages); },
    }));
  }
  CMS.registerPreviewStyle('preview.css');
}
