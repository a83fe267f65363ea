import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-KVTCQJOU.js";
import "./chunks/chunk-JK3Y66PJ.js";
import "./chunks/chunk-K5XIV3KO.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-AYBNY4EZ.js";
import "./chunks/chunk-GDY5R3NU.js";
import "./chunks/chunk-LXMZJXHC.js";
import "./chunks/chunk-FKGEWHBH.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";
export {
  app_default as default
};
