// Reading and writing our Markdown files with YAML front-matter, for the browser editor.
//
// Decap CMS hands us the values of a page; this module turns them into the file's text.
// Two ways, one rule: the file must read back as exactly those values.
//
// - emitFile: the canonical text, written the way the editors' guide writes it by hand
//   (keys in the schema's order, text without quotes unless YAML needs them, lists of ids
//   and page names on one line as [a, b], texts over several lines as `|` blocks).
// - patchFile: the file as it was, with only what changed rewritten. Every key, list item
//   and line whose value is unchanged is kept byte for byte, comments and quotes included;
//   a changed value is written canonically. The result is parsed again and compared with
//   the values it must hold; if they differ in any way, the canonical text is used instead.
//
// The YAML library (npm `yaml`, pinned in editor/package-lock.json) is passed in, so the
// same code runs in the browser and in the tests under Node.

export function createPolicyYaml(YAML) {
  const FENCE = /^---[ \t]*$/;
  const CLOSING = /^(---|\.\.\.)[ \t]*$/;
  const BODY = 'body';

  // ---------------------------------------------------------------- reading

  /** Split a file into its fences, front-matter and body; parse the front-matter. */
  function readFile(text) {
    const lines = text.split(/(?<=\n)/);
    if (!lines.length || !FENCE.test(lines[0].replace(/\r?\n$/, ''))) {
      return { open: '', yaml: '', close: '', body: text, data: {}, doc: null };
    }
    for (let index = 1; index < lines.length; index++) {
      if (CLOSING.test(lines[index].replace(/\r?\n$/, ''))) {
        const yaml = lines.slice(1, index).join('');
        const doc = YAML.parseDocument(yaml, { schema: 'core', uniqueKeys: true, merge: false });
        if (doc.errors.length) {
          throw new Error(`YAML: ${doc.errors.map(error => error.message).join('; ')}`);
        }
        const data = doc.toJS({ maxAliasCount: 0 }) ?? {};
        if (!isObject(data)) throw new Error('The front-matter is not a list of key: value lines.');
        return { open: lines[0], yaml, close: lines[index], body: lines.slice(index + 1).join(''), data, doc };
      }
    }
    throw new Error('The front-matter starts with --- but is never closed.');
  }

  /** The values of a file as Decap sees them: the front-matter's keys and the body under `body`. */
  function parseFile(text) {
    const file = readFile(text);
    return { ...file.data, [BODY]: file.body };
  }

  // ---------------------------------------------------------------- values

  function isObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function isEmpty(value) {
    if (value === undefined || value === null || value === '') return true;
    if (Array.isArray(value)) return value.length === 0;
    if (isObject(value)) return Object.values(value).every(isEmpty);
    return false;
  }

  function deepEqual(a, b) {
    if (a === b) return true;
    if (Array.isArray(a) && Array.isArray(b)) {
      return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
    }
    if (isObject(a) && isObject(b)) {
      const keys = Object.keys(a).filter(key => a[key] !== undefined);
      const other = Object.keys(b).filter(key => b[key] !== undefined);
      return keys.length === other.length && keys.every(key => key in b && deepEqual(a[key], b[key]));
    }
    return false;
  }

  /**
   * The values as they will be written: empty optional values left out, unless the
   * original file (`original`, the same place in the file as it was) already had them.
   */
  function clean(value, field, original) {
    const fields = (field && field.fields) || [];
    if (Array.isArray(value)) {
      const itemField = fields.length ? { fields } : null;
      return value.map((item, index) => clean(item, itemField, Array.isArray(original) ? original[index] : undefined));
    }
    if (isObject(value)) {
      const result = {};
      for (const [key, item] of Object.entries(value)) {
        const sub = fields.find(f => f.name === key) || null;
        const before = isObject(original) ? original[key] : undefined;
        if (item === undefined || item === null) {
          if (item === null && before === null) result[key] = null;
          continue;
        }
        if (isEmpty(item) && !(sub && sub.required) && !(before !== undefined && deepEqual(before, item))) continue;
        result[key] = clean(item, sub, before);
      }
      return result;
    }
    return value;
  }

  // ---------------------------------------------------------------- writing

  const AMBIGUOUS = [
    /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/,
    /^[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?$/,
    /^[-+]?0[xXoObB][0-9a-fA-F_]+$/,
    /^[-+]?\.(inf|Inf|INF)$/,
    /^\.(nan|NaN|NAN)$/,
    /^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/,
    /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
    /^(<<|=)$/,
  ];

  /** Whether a text can be written without quotes and read back as the same text. */
  function isPlain(text, inFlow = false) {
    if (typeof text !== 'string' || text === '') return false;
    if (/^\s|\s$/.test(text)) return false;
    if (/[\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(text)) return false;
    if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(text)) return false;
    if (/: |:$| #/.test(text)) return false;
    if (inFlow && /[,[\]{}]/.test(text)) return false;
    return !AMBIGUOUS.some(pattern => pattern.test(text));
  }

  function quote(text) {
    let out = '"';
    for (const char of text) {
      const code = char.codePointAt(0);
      if (char === '\\') out += '\\\\';
      else if (char === '"') out += '\\"';
      else if (char === '\n') out += '\\n';
      else if (char === '\t') out += '\\t';
      else if (char === '\r') out += '\\r';
      else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
      else if (code === 0x85 || code === 0x2028 || code === 0x2029 || code === 0xfeff) {
        out += `\\u${code.toString(16).padStart(4, '0')}`;
      } else out += char;
    }
    return `${out}"`;
  }

  /** A text over several lines as a literal block (`|`), if it can be one. */
  function blockLines(text, indent) {
    if (!text.includes('\n') || /[\r\t\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/.test(text)) return null;
    const trailing = text.match(/\n*$/)[0].length;
    const content = text.slice(0, text.length - trailing);
    if (!content || /^[ ]/.test(content)) return null;
    const lines = content.split('\n');
    if (lines.some(line => /\s$/.test(line))) return null;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const pad = ' '.repeat(indent);
    const body = lines.map(line => (line === '' ? '' : pad + line));
    for (let extra = 1; extra < trailing; extra++) body.push('');
    return { header: `|${chomp}`, body };
  }

  function scalarText(value, field) {
    if (value === true || value === false) return String(value);
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'string') return quote(String(value));
    if (field && field.kind === 'date' && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return value;
    return isPlain(value) ? value : quote(value);
  }

  function fieldFor(fields, key) {
    return (fields || []).find(f => f.name === key) || null;
  }

  function orderedKeys(object, fields) {
    const names = (fields || []).map(f => f.name);
    const known = names.filter(name => name in object);
    const unknown = Object.keys(object).filter(key => !names.includes(key));
    return [...known, ...unknown];
  }

  /** The lines of `key: value` at an indent, canonically. */
  function emitPair(key, value, field, indent) {
    const pad = ' '.repeat(indent);
    if (Array.isArray(value)) {
      if (!value.length) return [`${pad}${key}: []`];
      const scalars = value.every(item => !isObject(item) && !Array.isArray(item));
      if (scalars && field && field.flow && value.every(item => isPlain(String(item), true) && typeof item === 'string')) {
        return [`${pad}${key}: [${value.join(', ')}]`];
      }
      const itemField = field && field.fields && field.fields.length ? { fields: field.fields } : field && { kind: field.kind };
      return [`${pad}${key}:`, ...value.flatMap(item => emitItem(item, itemField, indent + 2))];
    }
    if (isObject(value)) {
      const inner = emitMapping(value, field ? field.fields : [], indent + 2);
      return inner.length ? [`${pad}${key}:`, ...inner] : [`${pad}${key}: {}`];
    }
    if (typeof value === 'string') {
      const block = field && field.kind === 'date' ? null : blockLines(value, indent + 2);
      if (block) return [`${pad}${key}: ${block.header}`, ...block.body];
    }
    return [`${pad}${key}: ${scalarText(value, field)}`];
  }

  function emitItem(item, field, indent) {
    const pad = ' '.repeat(indent);
    if (isObject(item)) {
      const inner = emitMapping(item, field ? field.fields : [], indent + 2);
      if (!inner.length) return [`${pad}- {}`];
      inner[0] = `${pad}- ${inner[0].slice(indent + 2)}`;
      return inner;
    }
    if (Array.isArray(item)) return [`${pad}- ${JSON.stringify(item)}`];
    if (typeof item === 'string') {
      const block = blockLines(item, indent + 2);
      if (block) return [`${pad}- ${block.header}`, ...block.body];
    }
    return [`${pad}- ${scalarText(item, field)}`];
  }

  function emitMapping(object, fields, indent) {
    return orderedKeys(object, fields).flatMap(key => emitPair(key, object[key], fieldFor(fields, key), indent));
  }

  /** The canonical file for a page's values (front-matter keys and `body`). */
  function emitFile(values, tree) {
    const { [BODY]: body = '', ...data } = values;
    const lines = emitMapping(clean(data, { fields: tree }), tree, 0);
    return `---\n${lines.map(line => `${line}\n`).join('')}---\n${body}`;
  }

  // ---------------------------------------------------------------- patching

  function lineStart(src, offset) {
    return src.lastIndexOf('\n', offset - 1) + 1;
  }

  function lineEnd(src, offset) {
    const end = src.indexOf('\n', offset);
    return end === -1 ? src.length : end + 1;
  }

  function column(src, offset) {
    return offset - lineStart(src, offset);
  }

  /** Lines at the end of a span that are blank or comments outside the value (kept when it is rewritten). */
  function trailer(text, indent) {
    const lines = text.split(/(?<=\n)/);
    let cut = lines.length;
    while (cut > 0) {
      const line = lines[cut - 1].replace(/\r?\n$/, '');
      const blank = line.trim() === '';
      const comment = /^\s*#/.test(line) && line.search(/\S/) <= indent;
      if (!blank && !comment) break;
      cut -= 1;
    }
    return lines.slice(cut).join('');
  }

  const join = lines => lines.map(line => `${line}\n`).join('');

  /**
   * The spans of a block mapping's pairs: [start, end) offsets, each from its key's line
   * to the next key's line; comments and blank lines between belong to the pair above.
   */
  function pairSpans(src, map, regionStart, regionEnd) {
    const starts = map.items.map(pair => lineStart(src, pair.key.range[0]));
    return map.items.map((pair, index) => ({
      pair,
      key: String(pair.key.value),
      start: index === 0 ? Math.max(regionStart, starts[0]) : starts[index],
      end: index + 1 < starts.length ? starts[index + 1] : regionEnd,
    }));
  }

  function isBlockMap(node) {
    return YAML.isMap(node) && !node.flow && node.items.every(pair => YAML.isScalar(pair.key) && pair.key.range);
  }

  function isBlockSeq(node) {
    return YAML.isSeq(node) && !node.flow;
  }

  /**
   * The text of a block mapping's region with the new values, reusing unchanged pairs.
   * `firstPrefix`: a list item's mapping starts on the dash line ('  - '), which is kept.
   */
  function patchMap(src, map, regionStart, regionEnd, oldObject, newObject, fields, indent, firstPrefix = null) {
    const spans = pairSpans(src, map, regionStart, regionEnd);
    const before = src.slice(regionStart, spans.length ? spans[0].start : regionEnd);
    const keptOrder = spans.map(span => span.key).filter(key => key in newObject);
    const order = [...keptOrder];
    const names = (fields || []).map(f => f.name);
    for (const key of orderedKeys(newObject, fields)) {
      if (order.includes(key)) continue;
      // a new key goes after the nearest key before it in the schema's order, else first
      const position = names.indexOf(key);
      let at = 0;
      for (let index = 0; index < order.length; index++) {
        const other = names.indexOf(order[index]);
        if (position === -1 || (other !== -1 && other < position)) at = index + 1;
      }
      order.splice(at, 0, key);
    }
    if (firstPrefix !== null && (order[0] !== (spans[0] && spans[0].key))) return null;
    let out = before;
    for (const key of order) {
      const span = spans.find(s => s.key === key);
      const field = fieldFor(fields, key);
      const value = newObject[key];
      if (!span) {
        const lines = emitPair(key, value, field, indent);
        out += join(lines);
        continue;
      }
      const text = src.slice(span.start, span.end);
      if (deepEqual(oldObject[key], value)) {
        out += text;
        continue;
      }
      const patched = patchPair(src, span, oldObject[key], value, field, indent);
      if (patched === null) return null;
      out += patched;
    }
    return out;
  }

  function patchPair(src, span, oldValue, newValue, field, indent) {
    const { pair } = span;
    const node = pair.value;
    const keyLineEnd = lineEnd(src, pair.key.range[0]);
    const text = src.slice(span.start, span.end);
    const dash = src.slice(span.start, pair.key.range[0]);  // '' or '  - ' on a list item's first line
    if (isBlockMap(node) && isObject(oldValue) && isObject(newValue) && node.items.length
        && lineStart(src, node.range[0]) >= keyLineEnd) {
      const inner = patchMap(src, node, keyLineEnd, span.end, oldValue, newValue, field ? field.fields : [],
        column(src, node.items[0].key.range[0]));
      if (inner !== null && !isEmpty(newValue)) return src.slice(span.start, keyLineEnd) + inner;
    }
    if (isBlockSeq(node) && Array.isArray(oldValue) && Array.isArray(newValue) && node.items.length
        && newValue.length && lineStart(src, node.range[0]) >= keyLineEnd) {
      const inner = patchSeq(src, node, keyLineEnd, span.end, oldValue, newValue, field);
      if (inner !== null) return src.slice(span.start, keyLineEnd) + inner;
    }
    // rewrite this pair canonically, keeping the comments and blank lines after it
    const lines = emitPair(span.key, newValue, field, indent);
    if (dash) lines[0] = dash + lines[0].slice(indent);
    return join(lines) + trailer(text.slice(keyLineEnd - span.start), indent);
  }

  /** Pairs of [oldIndex, newIndex] for a list's items: by id when every item has one, else by equality and position. */
  function align(oldItems, newItems, identity) {
    const ids = items => items.map(item => (isObject(item) && identity ? item[identity] : undefined));
    const oldIds = ids(oldItems);
    const newIds = ids(newItems);
    const unique = list => list.every(id => typeof id === 'string' && id) && new Set(list).size === list.length;
    if (identity && unique(oldIds) && unique(newIds)) {
      return newIds.map((id, index) => [oldIds.indexOf(id), index]);
    }
    // longest common subsequence of equal items; a run of removed items followed by added
    // items at the same place is taken as those items changed, in order
    const n = oldItems.length;
    const m = newItems.length;
    const table = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        table[i][j] = deepEqual(oldItems[i], newItems[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    const pairs = [];
    let i = 0;
    let j = 0;
    let removed = [];
    let added = [];
    const flush = () => {
      while (removed.length && added.length) pairs.push([removed.shift(), added.shift()]);
      for (const index of added) pairs.push([-1, index]);
      removed = [];
      added = [];
    };
    while (i < n || j < m) {
      if (i < n && j < m && deepEqual(oldItems[i], newItems[j])) {
        flush();
        pairs.push([i, j]);
        i += 1;
        j += 1;
      } else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) {
        added.push(j);
        j += 1;
      } else {
        removed.push(i);
        i += 1;
      }
    }
    flush();
    return pairs.sort((a, b) => a[1] - b[1]);
  }

  function identityKey(field) {
    const sub = field && field.fields ? field.fields.find(f => f.neutral && f.kind === 'id' && !f.many) : null;
    return sub ? sub.name : null;
  }

  function patchSeq(src, seq, regionStart, regionEnd, oldItems, newItems, field) {
    if (seq.items.length !== oldItems.length) return null;
    const starts = seq.items.map(item => lineStart(src, item.range[0]));
    if (starts.some((start, index) => index && start <= starts[index - 1])) return null;  // two items on a line
    const spans = seq.items.map((item, index) => ({
      item,
      start: index === 0 ? Math.max(regionStart, starts[0]) : starts[index],
      end: index + 1 < starts.length ? starts[index + 1] : regionEnd,
    }));
    const dashColumn = column(src, spans[0].item.range[0]) - 2;
    if (dashColumn < 0 || src.slice(spans[0].start + dashColumn, spans[0].start + dashColumn + 2) !== '- ') return null;
    const itemField = field && field.fields && field.fields.length ? { fields: field.fields } : field && { kind: field.kind };
    let out = src.slice(regionStart, spans[0].start);
    for (const [oldIndex, newIndex] of align(oldItems, newItems, identityKey(field))) {
      const value = newItems[newIndex];
      if (oldIndex === -1) {
        out += join(emitItem(value, itemField, dashColumn));
        continue;
      }
      const span = spans[oldIndex];
      const text = src.slice(span.start, span.end);
      if (deepEqual(oldItems[oldIndex], value)) {
        out += text;
        continue;
      }
      const node = span.item;
      if (isBlockMap(node) && isObject(oldItems[oldIndex]) && isObject(value) && node.items.length) {
        const patched = patchMap(src, node, span.start, span.end, oldItems[oldIndex], value,
          itemField ? itemField.fields : [], column(src, node.items[0].key.range[0]), true);
        if (patched !== null) {
          out += patched;
          continue;
        }
      }
      out += join(emitItem(value, itemField, dashColumn)) + trailer(text.slice(lineEnd(src, span.start) - span.start), dashColumn);
    }
    return out;
  }

  /**
   * The file's new text: the original with only what changed rewritten, or the canonical
   * text if the original cannot be patched safely. Either way it reads back as `values`.
   */
  function patchFile(original, values, tree) {
    const { [BODY]: body = '', ...data } = values;
    let file = null;
    try {
      file = original ? readFile(original) : null;
    } catch (error) {
      file = null;
    }
    const cleaned = clean(data, { fields: tree }, file ? file.data : undefined);
    const wanted = { ...cleaned, [BODY]: body };
    if (file && file.doc && deepEqual({ ...file.data, [BODY]: file.body }, wanted)) return original;
    let text = null;
    if (file && file.doc && isBlockMap(file.doc.contents) && file.doc.contents.items.length) {
      const yaml = file.yaml.endsWith('\n') ? file.yaml : `${file.yaml}\n`;
      const doc = yaml === file.yaml ? file.doc : YAML.parseDocument(yaml, { schema: 'core' });
      const patched = patchMap(yaml, doc.contents, 0, yaml.length, file.data, cleaned, tree, 0);
      if (patched !== null) text = file.open + patched + file.close + body;
    }
    if (text !== null) {
      try {
        if (deepEqual(parseFile(text), wanted)) return text;
      } catch (error) {
        // fall through to the canonical text
      }
    }
    return emitFile(wanted, tree);
  }

  return { BODY, readFile, parseFile, emitFile, patchFile, deepEqual, isEmpty, isObject, isPlain, clean, align, identityKey };
}
