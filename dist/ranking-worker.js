import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  RankingSpace,
  rankClassScores
} from "./chunks/chunk-OAZXE34L.js";
import "./chunks/chunk-OT3JI4UD.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";

// src/evaluate/ranking-worker.ts
import { parentPort } from "node:worker_threads";
var port = parentPort;
port.on("message", ({ id, labels, probabilities, classCount, classes, curvePoints }) => {
  let answer;
  try {
    const space = new RankingSpace(labels.length);
    const ranked = classes.map(({ positive, name }) => ({
      positive,
      ranked: rankClassScores(probabilities, labels.length, classCount, positive, labels, positive, name, curvePoints, space).ranked
    }));
    answer = { kind: "ranked", id, ranked };
  } catch (error) {
    answer = { kind: "failed", id, message: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  port.postMessage(answer);
});
