import { createRequire as __ghmlCreateRequire } from 'node:module'; const require = __ghmlCreateRequire(import.meta.url);
import {
  app_default
} from "./chunks/chunk-AUYOIIK2.js";
import "./chunks/chunk-FWKIQUF2.js";
import "./chunks/chunk-4PYNN2NM.js";
import "./chunks/chunk-SMLOWRZC.js";
import "./chunks/chunk-FK3PNH4O.js";
import "./chunks/chunk-ZU2CQFWH.js";
import "./chunks/chunk-XTSUPTH7.js";
import "./chunks/chunk-W64PFGQ6.js";
import "./chunks/chunk-C6LDC4LV.js";
import "./chunks/chunk-W5IGWCAN.js";
export {
  app_default as default
};
