import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  startSandbox
} from "./chunk-VCLZEJYB.js";
import "./chunk-VBZT3NS6.js";
import "./chunk-XKNLEOOD.js";
export {
  startSandbox
};
