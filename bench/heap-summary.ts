// What a V8 heap holds, from .heapsnapshot files (bench/memory-rss.ts --heap-snapshots DIR writes
// them idle, at 50% and at the end): objects summed by constructor, strings by shape (digits as
// #, so 10,000 keys like "T0BENCH:U0M0001234" show as one line), and with two snapshots what
// grew between them.
//   npx tsx bench/heap-summary.ts AFTER.heapsnapshot [BEFORE.heapsnapshot] [--top 30]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MB } from './memory-stats';

interface Group {
  count: number;
  size: number;
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self sizes by group: "Foo" for objects built by Foo, "(string) shape" for strings, "(type) name" otherwise. */
function summarise(file: string): { groups: Map<string, Group>; total: number } {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const types = snap.snapshot.meta.node_types[0];
  const groups = new Map<string, Group>();
  let total = 0;
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt]!]!;
    const name = snap.strings[snap.nodes[i + nameAt]!]!;
    const size = snap.nodes[i + sizeAt]!;
    total += size;
    let key: string;
    if (type === 'object') key = name;
    else if (type === 'string' || type === 'concatenated string' || type === 'sliced string') key = `(string) ${name.slice(0, 48).replace(/\d/g, '#').replace(/\s+/g, ' ')}`;
    else key = `(${type}) ${name.slice(0, 48)}`;
    const group = groups.get(key) ?? { count: 0, size: 0 };
    group.count++;
    group.size += size;
    groups.set(key, group);
  }
  return { groups, total };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const top = Number(values.top);
const [afterFile, beforeFile] = positionals;
if (!afterFile) {
  console.error('usage: npx tsx bench/heap-summary.ts AFTER.heapsnapshot [BEFORE.heapsnapshot] [--top 30]');
  process.exit(2);
}
const after = summarise(afterFile);
const fmt = (bytes: number) => (bytes / MB).toFixed(2).padStart(8);
if (!beforeFile) {
  console.log(`${afterFile}: ${fmt(after.total)} MB in the heap (self sizes)\n\n      MB    count  group`);
  for (const [key, g] of [...after.groups].sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
    console.log(`${fmt(g.size)} ${String(g.count).padStart(8)}  ${key}`);
  }
} else {
  const before = summarise(beforeFile);
  console.log(`${beforeFile} → ${afterFile}: ${fmt(before.total)} → ${fmt(after.total)} MB (self sizes)\n\n   +MB     +count  group`);
  const keys = new Set([...before.groups.keys(), ...after.groups.keys()]);
  const deltas = [...keys].map((key) => {
    const a = after.groups.get(key) ?? { count: 0, size: 0 };
    const b = before.groups.get(key) ?? { count: 0, size: 0 };
    return { key, size: a.size - b.size, count: a.count - b.count };
  });
  for (const d of deltas.sort((x, y) => y.size - x.size).slice(0, top)) {
    console.log(`${fmt(d.size)} ${String(d.count).padStart(10)}  ${d.key}`);
  }
}
