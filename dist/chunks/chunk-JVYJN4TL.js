import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  validateData
} from "./chunk-IXV2PRMA.js";
import {
  parseBoolean,
  parseFromString,
  parseInteger,
  parseNumber,
  parseTimestamp,
  readerFor
} from "./chunk-3C6XEXBA.js";
import {
  DataError
} from "./chunk-L374PU5G.js";

// src/data/infer.ts
var CATEGORY_MAX_DISTINCT = 20;
var TypeSniffer = class {
  present = 0;
  integer = true;
  number = true;
  boolean = true;
  booleanWord = false;
  timestamp = true;
  distinct = /* @__PURE__ */ new Set();
  see(value) {
    this.present++;
    if (this.distinct.size <= CATEGORY_MAX_DISTINCT) this.distinct.add(value);
    if (this.integer && Number.isNaN(parseFromString(parseInteger, value))) this.integer = false;
    if (this.number && Number.isNaN(parseFromString(parseNumber, value))) this.number = false;
    if (this.boolean) {
      if (Number.isNaN(parseFromString(parseBoolean, value))) this.boolean = false;
      else if (/[a-z]/i.test(value)) this.booleanWord = true;
    }
    if (this.timestamp && Number.isNaN(parseFromString(parseTimestamp, value))) this.timestamp = false;
  }
  type() {
    if (this.present === 0) return "string";
    if (this.boolean && this.booleanWord) return "boolean";
    if (this.integer) return "integer";
    if (this.number) return "number";
    if (this.timestamp) return "timestamp";
    if (this.distinct.size <= CATEGORY_MAX_DISTINCT && this.distinct.size * 2 <= this.present) return "category";
    return "string";
  }
};
async function sniffColumnTypes(files, maxRows = Number.POSITIVE_INFINITY) {
  const order = [];
  const declared = /* @__PURE__ */ new Map();
  const sniffers = /* @__PURE__ */ new Map();
  const presentIn = /* @__PURE__ */ new Map();
  const snifferFor = (name) => {
    let sniffer = sniffers.get(name);
    if (!sniffer) {
      sniffer = new TypeSniffer();
      sniffers.set(name, sniffer);
      order.push(name);
    }
    return sniffer;
  };
  for (const file of files) {
    const { reader } = readerFor(file);
    try {
      await reader.open();
      for (const name of reader.columns) {
        presentIn.set(name, (presentIn.get(name) ?? 0) + 1);
        snifferFor(name);
      }
      for (const [name, type] of reader.declaredTypes) declared.set(name, type);
      const plan = reader.columns.filter((name) => !reader.declaredTypes.has(name)).map((name) => ({ name, decoding: "string" }));
      let seen = 0;
      for await (const batch of reader.batches(plan, () => {
      })) {
        const rows = Math.min(batch.rows, maxRows - seen);
        batch.columns.forEach((column, c) => {
          if (column?.kind !== "string") return;
          const sniffer = snifferFor(plan[c].name);
          for (let i = 0; i < rows; i++) {
            const value = column.values[i];
            if (value !== null) sniffer.see(value);
          }
        });
        seen += rows;
        if (seen >= maxRows) break;
      }
    } finally {
      await reader.close();
    }
  }
  if (order.length === 0) throw new DataError("no columns found: the data files are empty", { file: files[0] });
  return { columns: order.map((name) => ({ name, type: declared.get(name) ?? sniffers.get(name).type() })), presentIn };
}
async function inferContract(options) {
  const { columns: sniffed, presentIn } = await sniffColumnTypes(options.files);
  const typed = {
    version: 1,
    columns: sniffed.map(({ name, type }) => ({ name, type, required: false, nullable: true, unique: false })),
    dataset: { "unexpected-columns": "ignore" }
  };
  const { profile } = await validateData({ files: options.files, contract: typed });
  const columns = profile.columns.map((column) => contractColumn(column, presentIn.get(column.name) === options.files.length));
  const contract = {
    version: 1,
    ...options.name ? { name: options.name } : {},
    columns,
    dataset: { "unexpected-columns": "error" }
  };
  return { contract, profile };
}
function contractColumn(profile, inEveryFile) {
  const total = profile.count + profile.missing;
  const column = {
    name: profile.name,
    type: profile.type,
    required: inEveryFile,
    nullable: profile.missing > 0,
    unique: false
  };
  if (profile.missing > 0 && total > 0) {
    column["max-missing"] = Math.min(1, Math.ceil(profile.missing / total * 100) / 100);
  }
  if (profile.numeric) {
    const { min, max } = profile.numeric;
    column.min = profile.type === "timestamp" ? new Date(min).toISOString() : min;
    column.max = profile.type === "timestamp" ? new Date(max).toISOString() : max;
  }
  if (profile.type === "category" && profile.frequent) {
    column["allowed-values"] = profile.frequent.values.map((v) => v.value).sort();
  }
  return column;
}

export {
  sniffColumnTypes,
  inferContract
};
