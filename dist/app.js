import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-HKYVDYST.js";
import "./chunks/chunk-T6YNNK3X.js";
import "./chunks/chunk-ZGQCJ3OF.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-FDAGVLFO.js";
import "./chunks/chunk-BUTYBMTP.js";
import "./chunks/chunk-LXMZJXHC.js";
import "./chunks/chunk-XHHF432C.js";
import "./chunks/chunk-VBZT3NS6.js";
import "./chunks/chunk-BRFMT775.js";
import "./chunks/chunk-L374PU5G.js";
import "./chunks/chunk-XKNLEOOD.js";
export {
  app_default as default
};
