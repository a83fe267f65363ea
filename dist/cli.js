import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  ColumnProfiler,
  ColumnType,
  ConfigurationError,
  DataError,
  ExitCode,
  __toESM,
  buildProfile,
  checkDataFiles,
  exitCodeFor,
  external_exports,
  isUserFacing,
  loadDocument,
  parseBoolean,
  parseFromString,
  parseInteger,
  parseNumber,
  parseTimestamp,
  readerFor,
  renderMarkdown,
  renderText,
  require_dist,
  runValidateData,
  validateData,
  writeFileAtomic,
  writeJson
} from "./chunks/chunk-UJWK4RDU.js";

// src/steps/profile.ts
var import_yaml = __toESM(require_dist(), 1);

// src/contracts/sketches.ts
var KllState = external_exports.strictObject({
  k: external_exports.number().int().positive().describe("Accuracy parameter: normalized rank error is at most 2.5/k (KllSketch.rankError)."),
  n: external_exports.number().int().nonnegative().describe("Number of values summarized."),
  min: external_exports.number().nullable(),
  max: external_exports.number().nullable(),
  levels: external_exports.array(external_exports.array(external_exports.number())).describe("Compactor levels; an item at level h stands for 2^h values.")
});
var HllState = external_exports.strictObject({
  precision: external_exports.number().int().min(4).max(18).describe("2^precision registers; standard error about 1.04/sqrt(2^precision)."),
  registers: external_exports.string().describe("Register bytes, base64.")
});
var FrequentItemsState = external_exports.strictObject({
  capacity: external_exports.number().int().positive().describe("Counters kept; a value more frequent than n/(capacity+1) is always kept."),
  n: external_exports.number().int().nonnegative().describe("Number of values summarized."),
  maxError: external_exports.number().nonnegative().describe("Every kept count is exact or low by at most this much."),
  items: external_exports.array(external_exports.tuple([external_exports.string(), external_exports.number().int().positive()])).describe("[value, count] pairs.")
});

// src/contracts/data-profile.ts
var FileFingerprint = external_exports.strictObject({
  path: external_exports.string().describe("The path as given."),
  format: external_exports.enum(["csv", "jsonl", "parquet"]),
  bytes: external_exports.number().int().nonnegative(),
  sha256: external_exports.string().regex(/^[0-9a-f]{64}$/),
  rows: external_exports.number().int().nonnegative()
});
var QuantileValue = external_exports.strictObject({ quantile: external_exports.number().min(0).max(1), value: external_exports.number() });
var NumericSummary = external_exports.strictObject({
  min: external_exports.number(),
  max: external_exports.number(),
  mean: external_exports.number(),
  variance: external_exports.number().nonnegative().describe("Sample variance (n - 1 in the denominator); 0 for a single value."),
  quantiles: external_exports.array(QuantileValue),
  histogram: external_exports.strictObject({
    edges: external_exports.array(external_exports.number()).describe("Bin edges, one more than counts; the last bin includes its right edge."),
    counts: external_exports.array(external_exports.number().nonnegative()).describe("Estimated values per bin, from the quantile sketch.")
  }),
  sketch: KllState
});
var ColumnProfile = external_exports.strictObject({
  name: external_exports.string(),
  type: ColumnType,
  count: external_exports.number().int().nonnegative().describe("Values present and valid for the type."),
  missing: external_exports.number().int().nonnegative().describe("Empty or null values."),
  invalid: external_exports.number().int().nonnegative().describe("Present values that are not of the type (text in a number column, NaN, Infinity)."),
  numeric: NumericSummary.nullable().describe("For integer, number and timestamp (epoch milliseconds) columns with values."),
  distinct: external_exports.strictObject({ estimate: external_exports.number().nonnegative(), sketch: HllState }),
  frequent: external_exports.strictObject({
    values: external_exports.array(external_exports.strictObject({ value: external_exports.string(), count: external_exports.number().int().positive() })),
    sketch: FrequentItemsState
  }).nullable().describe("Most frequent values, for string, category and boolean columns."),
  length: external_exports.strictObject({ min: external_exports.number().int().nonnegative(), max: external_exports.number().int().nonnegative() }).nullable().describe("Shortest and longest value in characters, for string and category columns.")
});
var DataProfile = external_exports.strictObject({
  format: external_exports.literal("ghml.data-profile/v1"),
  rows: external_exports.number().int().nonnegative(),
  files: external_exports.array(FileFingerprint),
  fingerprint: external_exports.string().regex(/^[0-9a-f]{64}$/).describe("sha256 over the files' digests, in order."),
  columns: external_exports.array(ColumnProfile)
}).describe("A ghml data profile: per-column statistics and mergeable sketches of a dataset.");

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
async function inferContract(options) {
  const order = [];
  const sniffers = /* @__PURE__ */ new Map();
  const presentIn = /* @__PURE__ */ new Map();
  for (const file of options.files) {
    const { reader } = readerFor(file);
    try {
      await reader.open();
      for (const name of reader.columns) presentIn.set(name, (presentIn.get(name) ?? 0) + 1);
      const plan = reader.columns.map((name) => ({ name, decoding: "string" }));
      for await (const batch of reader.batches(plan, () => {
      })) {
        batch.columns.forEach((column, c) => {
          if (column?.kind !== "string") return;
          const name = plan[c].name;
          let sniffer = sniffers.get(name);
          if (!sniffer) {
            sniffer = new TypeSniffer();
            sniffers.set(name, sniffer);
            order.push(name);
          }
          for (let i = 0; i < batch.rows; i++) {
            const value = column.values[i];
            if (value !== null) sniffer.see(value);
          }
        });
      }
      for (const name of reader.columns) {
        if (!sniffers.has(name)) {
          sniffers.set(name, new TypeSniffer());
          order.push(name);
        }
      }
    } finally {
      await reader.close();
    }
  }
  if (order.length === 0) throw new DataError("no columns found: the data files are empty", { file: options.files[0] });
  const typed = {
    version: 1,
    columns: order.map((name) => ({ name, type: sniffers.get(name).type(), required: false, nullable: true, unique: false })),
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

// src/data/merge.ts
function mergeProfiles(profiles, names = profiles.map((_, i) => `profile ${i + 1}`)) {
  if (profiles.length === 0) throw new ConfigurationError("no profiles to merge: pass at least one", { input: "profile" });
  const merged = /* @__PURE__ */ new Map();
  profiles.forEach((profile, index) => {
    for (const column of profile.columns) {
      let shard;
      try {
        shard = ColumnProfiler.fromProfile(column);
      } catch (error) {
        throw new ConfigurationError(
          `${names[index]}: column "${column.name}": ${error.message}: the profile is damaged; write it again with validate-data`,
          { input: "profile" }
        );
      }
      const existing = merged.get(column.name);
      if (!existing) {
        shard.missing += profiles.slice(0, index).reduce((sum, p) => sum + p.rows, 0);
        merged.set(column.name, shard);
        continue;
      }
      if (existing.type !== column.type) {
        throw new ConfigurationError(
          `column "${column.name}" is ${existing.type} in an earlier profile but ${column.type} in ${names[index]}: profile every shard with the same contract`,
          { input: "profile" }
        );
      }
      existing.merge(shard);
    }
    for (const [name, profiler] of merged) {
      if (!profile.columns.some((column) => column.name === name)) profiler.missing += profile.rows;
    }
  });
  return buildProfile([...merged.values()], profiles.flatMap((profile) => profile.files));
}

// src/steps/profile.ts
async function runInferContract(options) {
  await checkDataFiles(options.data);
  const { contract, profile } = await inferContract({ files: options.data, name: options.name });
  const header = [
    `# Data contract inferred by \`ghml profile infer\` from ${options.data.join(", ")}.`,
    "# Review it: tighten ranges, add allowed values, uniqueness and distribution expectations.",
    "# Format: schemas/data-contract.json"
  ].join("\n");
  const body = options.out.endsWith(".json") ? `${JSON.stringify(contract, null, 2)}
` : `${header}
${(0, import_yaml.stringify)(contract, { lineWidth: 0 })}`;
  await writeFileAtomic(options.out, body);
  if (options.profileOut) await writeJson(options.profileOut, profile);
  return contract;
}
async function runMergeProfiles(options) {
  const profiles = [];
  for (const file of options.profiles) profiles.push(await loadDocument(file, DataProfile, "data profile", "profile"));
  const merged = mergeProfiles(profiles, options.profiles);
  await writeJson(options.out, merged);
  return merged;
}

// src/cli/command.ts
import { parseArgs } from "node:util";
function parseCommandArgs(command, argv) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: command.options,
      allowPositionals: command.allowPositionals ?? false,
      strict: true
    });
    return { values, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigurationError(`${message}. Run \`ghml ${command.name} --help\` for the options.`);
  }
}
function stringFlag(args, name) {
  const value = args.values[name];
  if (value === void 0) return void 0;
  if (typeof value !== "string") throw new ConfigurationError(`--${name} takes a value.`, { input: name });
  return value;
}
function requiredStringFlag(args, name, hint) {
  const value = stringFlag(args, name);
  if (value === void 0 || value === "") throw new ConfigurationError(`--${name} is required: ${hint}.`, { input: name });
  return value;
}
function listFlag(args, name) {
  const value = args.values[name];
  if (value === void 0) return [];
  return Array.isArray(value) ? value : [String(value)];
}

// src/cli/commands/profile.ts
var profileInferCommand = {
  name: "profile infer",
  summary: "write a starting data contract inferred from reference data",
  usage: `Usage: ghml profile infer --data <file>... --out <contract.yml> [--name <dataset>] [--profile-out <file>]

Reads reference data and writes a data contract stating what it shows: each column's type,
presence, range and categories. Review and edit it; the same data always validates against it.`,
  options: {
    data: { type: "string", multiple: true },
    out: { type: "string" },
    name: { type: "string" },
    "profile-out": { type: "string" }
  },
  async run(args, io) {
    const out = requiredStringFlag(args, "out", "name the contract file to write, e.g. --out contract.yml");
    const contract = await runInferContract({ data: listFlag(args, "data"), out, name: stringFlag(args, "name"), profileOut: stringFlag(args, "profile-out") });
    io.stdout(`Wrote ${out}: ${contract.columns.length} columns (${contract.columns.map((c) => `${c.name}: ${c.type}`).join(", ")}).
`);
    return ExitCode.ok;
  }
};
var profileMergeCommand = {
  name: "profile merge",
  summary: "merge the data profiles of shards into the profile of the whole",
  usage: `Usage: ghml profile merge --profile <file>... --out <file>

Merges profiles written by validate-data on shards of a dataset (for example by a matrix of
jobs). Counts and moments merge exactly; quantiles, distinct counts and frequent values within
their sketches' error bounds.`,
  options: {
    profile: { type: "string", multiple: true },
    out: { type: "string" }
  },
  async run(args, io) {
    const out = requiredStringFlag(args, "out", "name the merged profile file to write");
    const merged = await runMergeProfiles({ profiles: listFlag(args, "profile"), out });
    io.stdout(`Wrote ${out}: ${merged.rows} rows from ${merged.files.length} files, ${merged.columns.length} columns.
`);
    return ExitCode.ok;
  }
};

// src/cli/commands/validate-data.ts
var outputFormats = ["text", "json", "markdown"];
function formatFlag(value) {
  const format = value ?? "text";
  if (!outputFormats.includes(format)) {
    throw new ConfigurationError(`--format "${format}" is not one of ${outputFormats.join(", ")}`, { input: "format" });
  }
  return format;
}
function positiveIntegerFlag(value, name) {
  if (value === void 0) return void 0;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new ConfigurationError(`--${name} must be a whole number, not "${value}"`, { input: name });
  return number;
}
var validateDataCommand = {
  name: "validate-data",
  summary: "check data files against a data contract and write their profile",
  usage: `Usage: ghml validate-data --data <file>... --contract <file> [options]

Checks CSV, JSON Lines or Parquet files against a data contract (YAML or JSON, see
schemas/data-contract.json) and profiles them.

Options:
  --data <file>          a data file; repeat for several files read as one dataset
  --contract <file>      the data contract
  --profile-out <file>   write the data profile (JSON) here
  --report-out <file>    write the validation report (JSON) here
  --format <f>           text (default), json or markdown
  --max-examples <n>     example rows kept per failed expectation (default 5)

Exit codes: 0 valid, 1 invalid, 2 usage or configuration error.`,
  options: {
    data: { type: "string", multiple: true },
    contract: { type: "string" },
    "profile-out": { type: "string" },
    "report-out": { type: "string" },
    format: { type: "string" },
    "max-examples": { type: "string" }
  },
  async run(args, io) {
    const format = formatFlag(stringFlag(args, "format"));
    const result = await runValidateData({
      data: listFlag(args, "data"),
      contract: requiredStringFlag(args, "contract", "name the data contract file (create one with `ghml profile infer`)"),
      profileOut: stringFlag(args, "profile-out"),
      reportOut: stringFlag(args, "report-out"),
      maxExamples: positiveIntegerFlag(stringFlag(args, "max-examples"), "max-examples")
    });
    if (format === "json") io.stdout(`${JSON.stringify(result.report, null, 2)}
`);
    else if (format === "markdown") io.stdout(renderMarkdown(result.report, result.profile));
    else io.stdout(renderText(result.report));
    return result.valid ? ExitCode.ok : ExitCode.checkFailed;
  }
};

// src/cli/commands/index.ts
var commands = [validateDataCommand, profileInferCommand, profileMergeCommand];

// src/cli/run.ts
function helpText(commands2) {
  const width = Math.max(...commands2.map((c) => c.name.length));
  return [
    "Usage: ghml <command> [options]",
    "",
    "Commands:",
    ...commands2.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Run `ghml <command> --help` for a command's options.",
    "Exit codes: 0 ok, 1 the check failed, 2 usage or configuration error.",
    ""
  ].join("\n");
}
function findCommand(argv, commands2) {
  const sorted = [...commands2].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length);
  for (const command of sorted) {
    const words = command.name.split(" ");
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return void 0;
}
async function runCli(argv, io, commands2) {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    io.stdout(helpText(commands2));
    return argv.length === 0 ? ExitCode.usage : ExitCode.ok;
  }
  const found = findCommand(argv, commands2);
  if (!found) {
    io.stderr(`ghml: unknown command "${argv.join(" ")}". Run \`ghml --help\` for the list.
`);
    return ExitCode.usage;
  }
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(`${command.usage.trimEnd()}
`);
    return ExitCode.ok;
  }
  try {
    return await command.run(parseCommandArgs(command, rest), io);
  } catch (error) {
    if (isUserFacing(error)) {
      io.stderr(`ghml ${command.name}: ${error.message}
`);
    } else {
      const detail = error instanceof Error ? error.stack ?? error.message : String(error);
      io.stderr(`ghml ${command.name}: internal error (please report it): ${detail}
`);
    }
    return exitCodeFor(error);
  }
}

// src/cli/main.ts
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  env: process.env
}, commands);
