import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-HLUOW54T.js";
import "./chunks/chunk-GC2YHG3N.js";
import "./chunks/chunk-ZGQCJ3OF.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-WGXGMKHH.js";
import "./chunks/chunk-ZCPO2S4K.js";
import "./chunks/chunk-LXMZJXHC.js";
import "./chunks/chunk-XHHF432C.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";
export {
  app_default as default
};
