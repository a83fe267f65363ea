import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-EDUYMK7Z.js";
import "./chunks/chunk-FQDBHG4X.js";
import "./chunks/chunk-K5XIV3KO.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-MQPYT3SC.js";
import "./chunks/chunk-N6HUMD6C.js";
import "./chunks/chunk-LXMZJXHC.js";
import "./chunks/chunk-FKGEWHBH.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";
export {
  app_default as default
};
