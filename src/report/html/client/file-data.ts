/**
 * Page script, part 2: one file's embedded data (see ../embed-file.ts) turned into typed arrays:
 * parent, offset, size and depth per node, first child and next sibling (so a node's children
 * are found without scanning), and paths joined from the stored segments when asked for.
 */
export const FILE_DATA_JS = String.raw`
var WHOLE_PATH = '\u0001';
function decodeBase64(text) {
  var bin = atob(text);
  var out = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
function FileData(raw) {
  this.name = raw.name;
  this.size = raw.size;
  this.embedded = raw.embedded;
  this.bytes = decodeBase64(raw.bytes);
  this.strings = raw.strings;
  this.marks = new Map();
  for (var m = 0; m < raw.marks.length; m++) {
    var mk = raw.marks[m];
    if (!this.marks.has(mk[0]) || mk[1] > this.marks.get(mk[0])) this.marks.set(mk[0], mk[1]);
  }
  this.tree = raw.tree ? new TreeData(raw.tree, raw.strings) : null;
}
function decodeColumn(text, count, signed) {
  var bytes = decodeBase64(text), out = new Float64Array(count), at = 0;
  for (var i = 0; i < count; i++) {
    var n = 0, scale = 1, b;
    do { b = bytes[at++]; n += (b & 127) * scale; scale *= 128; } while (b >= 128 && at < bytes.length);
    out[i] = signed ? (n % 2 === 0 ? n / 2 : -(n + 1) / 2) : n;
  }
  return out;
}
function TreeData(t, strings) {
  var n = t.count;
  this.count = n;
  this.strings = strings;
  this.parent = new Int32Array(n);
  this.offset = decodeColumn(t.offset, n, true);
  this.size = decodeColumn(t.size, n, false);
  this.depth = new Int32Array(n);
  this.first = new Int32Array(n).fill(-1);
  this.next = new Int32Array(n).fill(-1);
  this.kids = new Int32Array(n);
  this.name = decodeColumn(t.name, n, false);
  this.type = decodeColumn(t.type, n, false);
  this.value = decodeColumn(t.value, n, false);
  this.meaning = decodeColumn(t.meaning, n, false);
  this.segments = new Map();
  for (var s = 0; s < t.segments.length; s++) this.segments.set(t.segments[s][0], strings[t.segments[s][1]]);
  this.partial = new Set(t.partial);
  this.regions = t.regions.slice().sort(function (a, b) { return a[0] - b[0]; });
  this.truncatedNodes = t.truncatedNodes;
  this.stopped = t.stopped || null;
  this.paths = new Array(n);
  var parents = decodeColumn(t.parent, n, false);
  for (var i = 0; i < n; i++) {
    var p = i - parents[i];
    this.parent[i] = p;
    if (i > 0) this.offset[i] += this.offset[i - 1];
    this.depth[i] = p >= 0 ? this.depth[p] + 1 : 0;
  }
  // Children in order: walk backwards, each node becomes its parent's first child.
  for (var j = n - 1; j >= 0; j--) {
    var q = this.parent[j];
    if (q < 0) continue;
    this.next[j] = this.first[q];
    this.first[q] = j;
    this.kids[q]++;
  }
}
/** name, kind, type, value or meaning of a node ('' when it has none). */
TreeData.prototype.text = function (column, i) {
  if (column === 'kind' || column === 'type') {
    var both = this.strings[this.type[i]] || '', space = both.indexOf(' ');
    if (column === 'kind') return space < 0 ? both : both.slice(0, space);
    return space < 0 ? '' : both.slice(space + 1);
  }
  return this.strings[this[column][i]] || '';
};
/** The part of its path after its parent's: stored when unusual, else derived from its name. */
TreeData.prototype.segment = function (i) {
  var stored = this.segments.get(i);
  if (stored !== undefined) return stored;
  var name = this.strings[this.name[i]] || '';
  if (name.charAt(0) === '[') return name;
  return this.path(this.parent[i]) === '' ? name : '.' + name;
};
TreeData.prototype.path = function (i) {
  if (this.paths[i] !== undefined) return this.paths[i];
  var chain = [];
  var at = i;
  while (at >= 0 && this.paths[at] === undefined) {
    var stored = this.segments.get(at);
    if (stored !== undefined && stored.charAt(0) === WHOLE_PATH) { this.paths[at] = stored.slice(1); break; }
    chain.push(at);
    at = this.parent[at];
  }
  var base = at >= 0 ? this.paths[at] : '';
  for (var k = chain.length - 1; k >= 0; k--) {
    base = base + this.segment(chain[k]);
    this.paths[chain[k]] = base;
  }
  return this.paths[i];
};
/** The node with this path: from the root down, each step the child whose path the target continues. */
TreeData.prototype.byPath = function (target) {
  if (this.count === 0) return -1;
  var at = 0;
  for (var guard = 0; guard < 10000; guard++) {
    if (this.path(at) === target) return at;
    var best = -1, bestLen = -1;
    for (var c = this.first[at]; c >= 0; c = this.next[c]) {
      var p = this.path(c);
      if (p === target) return c;
      var boundary = target.charAt(p.length);
      var continues = p === '' || (target.lastIndexOf(p, 0) === 0 && (boundary === '.' || boundary === '['));
      if (continues && p.length > bestLen) { best = c; bestLen = p.length; }
    }
    if (best < 0) return -1;
    at = best;
  }
  return -1;
};
/** The innermost node holding the byte: the deepest, then the smallest. */
TreeData.prototype.at = function (offset) {
  var best = -1;
  for (var i = 0; i < this.count; i++) {
    var o = this.offset[i], s = this.size[i];
    if (s <= 0 || offset < o || offset >= o + s) continue;
    if (best < 0 || this.depth[i] > this.depth[best] || (this.depth[i] === this.depth[best] && s < this.size[best])) best = i;
  }
  return best;
};
TreeData.prototype.regionAt = function (offset) {
  var r = this.regions, lo = 0, hi = r.length - 1, found = -1;
  while (lo <= hi) {
    var mid = (lo + hi) >> 1;
    if (r[mid][0] <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found >= 0 && offset < r[found][0] + r[found][1] ? r[found] : null;
};
`;
