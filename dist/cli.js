import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  renderMarkdown,
  renderText,
  runValidateData
} from "./chunks/chunk-OVP3IC2E.js";
import {
  DataProfile,
  DriftMethod,
  driftMethods,
  inferContract,
  renderDriftMarkdown,
  renderDriftText,
  runDriftCheck
} from "./chunks/chunk-X374VFHL.js";
import {
  ColumnProfiler,
  ConfigurationError,
  ExitCode,
  __toESM,
  buildProfile,
  checkDataFiles,
  exitCodeFor,
  isUserFacing,
  loadDocument,
  require_dist,
  writeFileAtomic,
  writeJson
} from "./chunks/chunk-PJ43D7EK.js";

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

// src/cli/commands/drift-check.ts
function methodFlag(value) {
  if (value === void 0) return void 0;
  const parsed = DriftMethod.safeParse(value);
  if (!parsed.success) throw new ConfigurationError(`--method "${value}" is not one of ${driftMethods.join(", ")}`, { input: "method" });
  return parsed.data;
}
var driftCheckCommand = {
  name: "drift-check",
  summary: "compare current data with a reference and report drift per column",
  usage: `Usage: ghml drift-check --reference <data|profile.json> --current <file>... [options]

Compares current data (files, or a ghml serve prediction log) with reference data or a saved
data profile, column by column. See actions/drift-check/README.md for the methods and defaults.

Options:
  --reference <file>        reference data (repeat for several files) or one data profile (.json)
  --current <file>          current data; repeat for several files
  --config <file>           drift-check configuration (YAML or JSON, schemas/drift-config.json)
  --contract <file>         data contract giving column types (else the profile's, or read off the data)
  --method <name>           ${driftMethods.join(", ")} (default auto)
  --columns <a,b>           check only these columns
  --prediction-column <c>   the model's output column (prediction drift)
  --label-column <c>        the label column (target drift)
  --min-rows <n>            fewer rows than this give no verdict (default 100)
  --format <f>              text (default), json or markdown
  --report-out <file>       write the drift report (JSON) here
  --fail-on-drift           exit 1 when the dataset drifted

Exit codes: 0 the check ran (drift or not), 1 drift with --fail-on-drift, 2 usage or configuration error.`,
  options: {
    reference: { type: "string", multiple: true },
    current: { type: "string", multiple: true },
    config: { type: "string" },
    contract: { type: "string" },
    method: { type: "string" },
    columns: { type: "string" },
    "prediction-column": { type: "string" },
    "label-column": { type: "string" },
    "min-rows": { type: "string" },
    format: { type: "string" },
    "report-out": { type: "string" },
    "fail-on-drift": { type: "boolean" }
  },
  async run(args, io) {
    const format = formatFlag(stringFlag(args, "format"));
    const reference = listFlag(args, "reference");
    if (reference.length === 0) throw new ConfigurationError("--reference is required: reference data files or a data profile (.json)", { input: "reference" });
    const minRows = positiveIntegerFlag(stringFlag(args, "min-rows"), "min-rows");
    if (minRows === 0) throw new ConfigurationError("--min-rows must be at least 1", { input: "min-rows" });
    const report = await runDriftCheck({
      reference,
      current: listFlag(args, "current"),
      config: stringFlag(args, "config"),
      contract: stringFlag(args, "contract"),
      method: methodFlag(stringFlag(args, "method")),
      columns: stringFlag(args, "columns")?.split(",").map((c) => c.trim()).filter(Boolean),
      predictionColumn: stringFlag(args, "prediction-column"),
      labelColumn: stringFlag(args, "label-column"),
      minRows,
      reportOut: stringFlag(args, "report-out")
    });
    if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}
`);
    else if (format === "markdown") io.stdout(renderDriftMarkdown(report));
    else io.stdout(renderDriftText(report));
    return report.drifted && args.values["fail-on-drift"] === true ? ExitCode.checkFailed : ExitCode.ok;
  }
};

// src/steps/profile.ts
var import_yaml = __toESM(require_dist(), 1);

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

// src/cli/commands/index.ts
var commands = [validateDataCommand, profileInferCommand, profileMergeCommand, driftCheckCommand];

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
