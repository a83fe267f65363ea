import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  RankingSpace,
  rankClassScores
} from "./chunks/chunk-B75OY6VV.js";
import "./chunks/chunk-OT3JI4UD.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/evaluate/ranking-worker.ts
import { parentPort } from "node:worker_threads";
var port = parentPort;
port.on("message", ({ id, labels, classes, curvePoints }) => {
  let answer;
  try {
    const space = new RankingSpace(labels.length);
    const ranked = classes.map(({ positive, name, scores }) => ({
      positive,
      ranked: rankClassScores(scores, labels.length, 1, 0, labels, positive, name, curvePoints, space).ranked
    }));
    answer = { kind: "ranked", id, ranked };
  } catch (error) {
    answer = { kind: "failed", id, message: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(answer);
});
