// The Danish page decides the structure; the English twin follows it when a page is saved.
//
// Language-neutral facts (the schema's `neutral` fields: dates, ids, themes, page list,
// contact numbers, ...) are written once, in Danish. Until the content moves to "every
// fact written once" (issue 12), the English file repeats them and `make check` compares
// them, so they are copied into it; with `neutralInEnglish: false` they are left out of
// the English file instead. Either way the English file holds the same building blocks,
// in the same order, as the Danish one:
//
// - a list item added in Danish gets an English item, with the neutral facts and, for
//   each text, "[FILL IN: ...]" quoting the Danish (`make check` lists what is left to
//   translate as a warning, so a Danish editor can save and a translator finishes it);
// - an item removed or moved in Danish is removed or moved in English: items are matched
//   by their id (`id` of a building block), else by their place in the list as it was;
// - English texts already written are kept.

export function createPolicySync(P) {
  const { isObject, deepEqual, align } = P;
  const clone = value => (value === undefined ? undefined : structuredClone(value));

  function placeholder(text) {
    const quoted = String(text).replace(/\s+/g, ' ').trim();
    const short = quoted.length > 160 ? `${quoted.slice(0, 157)}...` : quoted;
    return `[FILL IN: translate from Danish: »${short}«]`;
  }

  function hasText(value) {
    if (typeof value === 'string') return value.trim() !== '';
    if (Array.isArray(value)) return value.some(hasText);
    if (isObject(value)) return Object.values(value).some(hasText);
    return false;
  }

  function identityKey(field) {
    const sub = (field.fields || []).find(f => f.neutral && f.kind === 'id' && !f.many);
    return sub ? sub.name : null;
  }

  /** A new English item for a Danish one: neutral facts copied (or left out), texts to translate. */
  function newItem(danish, fields, settings) {
    if (!isObject(danish)) return typeof danish === 'string' ? placeholder(danish) : clone(danish);
    const item = {};
    for (const field of fields) {
      if (!(field.name in danish)) continue;
      const value = danish[field.name];
      if (field.neutral) {
        if (settings.neutralInEnglish) item[field.name] = clone(value);
      } else if (field.fields && field.fields.length) {
        item[field.name] = field.many
          ? (value || []).map(entry => newItem(entry, field.fields, settings))
          : newItem(value || {}, field.fields, settings);
      } else if (field.many) {
        item[field.name] = (value || []).map(entry => (typeof entry === 'string' ? placeholder(entry) : clone(entry)));
      } else if (typeof value === 'string' && value.trim()) {
        item[field.name] = placeholder(value);
      } else {
        item[field.name] = clone(value);
      }
    }
    return item;
  }

  /** English items for the Danish list, matched by id or by their place in the list as saved before. */
  function matchItems(danishItems, englishItems, originalItems, field) {
    const identity = identityKey(field);
    const english = Array.isArray(englishItems) ? englishItems : [];
    const original = Array.isArray(originalItems) ? originalItems : [];
    if (identity) {
      const byId = new Map();
      const anonymous = [];
      english.forEach((item, index) => {
        let id = isObject(item) ? item[identity] : undefined;
        if (!id && english.length === original.length && isObject(original[index])) id = original[index][identity];
        if (typeof id === 'string' && id && !byId.has(id)) byId.set(id, item);
        else anonymous.push(item);
      });
      const matched = danishItems.map(item => {
        const id = isObject(item) ? item[identity] : undefined;
        if (byId.has(id)) return byId.get(id);
        return anonymous.length && !(isObject(anonymous[0]) && anonymous[0][identity]) ? anonymous.shift() : null;
      });
      if (anonymous.some(item => hasText(item))) {
        // a block written only in the English column: saving would lose it, so say so instead
        throw new Error('Byggesten tilføjes i den danske kolonne til venstre; den engelske følger med. '
          + 'A building block is added in the Danish column (left); the English one follows.');
      }
      return matched;
    }
    if (english.length === original.length && original.length) {
      const matched = new Array(danishItems.length).fill(null);
      for (const [oldIndex, newIndex] of align(original, danishItems, null)) {
        if (oldIndex !== -1) matched[newIndex] = english[oldIndex];
      }
      return matched;
    }
    return danishItems.map((item, index) => (index < english.length ? english[index] : null));
  }

  function syncList(danishItems, englishItems, originalItems, field, settings) {
    const matched = matchItems(danishItems, englishItems, originalItems, field);
    const identity = identityKey(field);
    const originalById = new Map();
    (Array.isArray(originalItems) ? originalItems : []).forEach((item, index) => {
      originalById.set(identity && isObject(item) ? item[identity] : `#${index}`, item);
    });
    return danishItems.map((danish, index) => {
      const english = matched[index];
      if (english === null || english === undefined) return newItem(danish, field.fields, settings);
      const original = identity && isObject(danish) ? originalById.get(danish[identity]) : undefined;
      return syncMapping(danish, english, original, field.fields, settings);
    });
  }

  /** The English mapping, following the Danish one. */
  function syncMapping(danish, english, original, fields, settings) {
    if (!isObject(danish)) return clone(english);
    const result = isObject(english) ? { ...english } : {};
    for (const field of fields) {
      const name = field.name;
      const has = name in danish && danish[name] !== undefined && danish[name] !== null;
      const before = isObject(original) ? original[name] : undefined;
      if (field.neutral) {
        if (has && settings.neutralInEnglish) result[name] = clone(danish[name]);
        else delete result[name];
      } else if (field.fields && field.fields.length) {
        if (!has) {
          delete result[name];
        } else if (field.many) {
          result[name] = syncList(danish[name] || [], result[name], before, field, settings);
        } else {
          result[name] = syncMapping(danish[name], result[name], before, field.fields, settings);
          if (!Object.keys(result[name]).length) delete result[name];
        }
      } else if (has && !(name in result) && field.required) {
        result[name] = field.many
          ? (danish[name] || []).map(entry => (typeof entry === 'string' ? placeholder(entry) : clone(entry)))
          : (typeof danish[name] === 'string' ? placeholder(danish[name]) : clone(danish[name]));
      }
    }
    return result;
  }

  /**
   * The English values for a page, following the Danish values as they are saved.
   * `originalDanish`: the Danish values as they were on disk (undefined for a new page).
   */
  function syncEnglish(danish, english, originalDanish, tree, settings) {
    const body = settings.body;
    const { [body]: danishBody, ...danishData } = danish;
    const { [body]: englishBody, ...englishData } = english || {};
    const { [body]: _ignored, ...originalData } = originalDanish || {};
    const synced = syncMapping(danishData, englishData, originalDanish ? originalData : undefined, tree, settings);
    synced[body] = englishBody === undefined ? (danishBody ? placeholder(danishBody) : '') : englishBody;
    return synced;
  }

  return { syncEnglish, placeholder, newItem, deepEqual };
}
