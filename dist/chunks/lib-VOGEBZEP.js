import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  Context,
  Probot,
  ProbotOctokit,
  Server,
  createNodeMiddleware,
  createProbot,
  run
} from "./chunk-IPERGDSJ.js";
import "./chunk-LXMZJXHC.js";
import "./chunk-VBZT3NS6.js";
import "./chunk-XKNLEOOD.js";
export {
  Context,
  Probot,
  ProbotOctokit,
  Server,
  createNodeMiddleware,
  createProbot,
  run
};
