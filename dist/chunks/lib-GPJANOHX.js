import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  Context,
  Probot,
  ProbotOctokit,
  Server,
  createNodeMiddleware,
  createProbot,
  run
} from "./chunk-Y5SBROKD.js";
import "./chunk-W64PFGQ6.js";
import "./chunk-W5IGWCAN.js";
export {
  Context,
  Probot,
  ProbotOctokit,
  Server,
  createNodeMiddleware,
  createProbot,
  run
};
